"""`cchc build`: validate → score → site (pages, data files, search index) into site/.

What an earlier build made is reused where its inputs did not change (the build cache,
cchc.buildcache): dossier verdicts, the theme's frame of each generated page, workbooks. The
output is the same, byte for byte, as a build with an empty cache. Independent work (checking
dossiers, rendering pages, writing data files) uses every core (CCHC_BUILD_WORKERS to say how many).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .. import gitinfo, heap, parallel, validation
from ..buildcache import Store
from ..evidence.cache import cache_dir
from ..publish.site import build as site_build
from ..publish.site.old import OldSite, holds
from ..report import text
from ..score import results as results_mod
from .common import add_root, fail, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser(
        "build",
        help="kiểm tra, tính điểm và tạo trang kết quả (thư mục site/)",
        description="Kiểm tra toàn bộ kho, tính điểm, xếp hạng và tạo trang kết quả công khai. "
        "Không công bố nếu còn lỗi. Dùng lại kết quả của lần tạo trước cho những gì không đổi.",
    )
    p.add_argument("--out", type=Path, default=None, help="thư mục đầu ra (mặc định: site/ trong kho)")
    p.add_argument(
        "--config", type=Path, default=None, help="tệp mkdocs.yml (mặc định: của kho, nếu không có thì của mã nguồn)"
    )
    p.add_argument(
        "--site-url",
        default=None,
        help="địa chỉ đầy đủ nơi trang được công bố, kể cả thư mục con (ví dụ https://to-chuc.github.io/ten-kho/); "
        "mặc định: biến môi trường CCHC_SITE_URL, nếu không có thì site_url của mkdocs.yml",
    )
    p.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="thư mục bộ nhớ đệm của lần tạo trước (mặc định: build/ trong .cache/cchc/ hoặc $CCHC_CACHE_DIR)",
    )
    p.add_argument("--no-cache", action="store_true", help="không dùng và không ghi bộ nhớ đệm")
    add_root(p)


def config_file(root: Path, given: Path | None) -> Path | None:
    if given:
        return given
    if (root / "mkdocs.yml").is_file():
        return root / "mkdocs.yml"
    return (site_build.CODE_ROOT / "mkdocs.yml") if site_build.CODE_ROOT else None


def cache_folder(root: Path, args) -> Path | None:
    if args.no_cache:
        return None
    return args.cache or cache_dir(root) / "build"


def run(args) -> int:
    root = resolve_root(args)
    if root is None or not (root / "province.yaml").is_file():
        return fail("không tìm thấy kho dữ liệu (tệp province.yaml). Dùng --root.")
    out = output_folder(root, args)
    if holds(out, root):  # mkdocs empties the output folder before it writes: the repository would go with it
        return fail(
            f"thư mục đầu ra {out} chứa kho dữ liệu; khi tạo trang, mọi thứ trong thư mục đầu ra bị xoá. "
            "Chọn một thư mục khác bằng --out (mặc định: site/ trong kho)."
        )
    with heap.batch():
        return _build(root, args, out)


def output_folder(root: Path, args) -> Path:
    return (args.out or root / "site").resolve()


def _build(root: Path, args, out: Path) -> int:
    store = Store(cache_folder(root, args))
    processes = parallel.workers()
    site_build.TIMINGS.clear()
    started = time.perf_counter()
    # checked in another process from now on; the site's libraries load here while other
    # processes load the dossiers (this one only waits for them)
    checking = validation.start(root, store, processes, meanwhile=_site_libraries)
    site_build.TIMINGS["load"] = time.perf_counter() - started
    try:
        return _checked(root, args, out, store, processes, checking)
    finally:
        checking.settle()  # collected even when this run failed before it asked for the findings


def _site_libraries() -> None:
    """Import what ``build_site`` imports when it starts: mkdocs, Markdown, the web editor's
    files (the hooks add them)."""
    import markdown  # noqa: F401
    import mkdocs.commands.build
    import mkdocs.config.defaults
    import mkdocs.structure.files  # noqa: F401

    from ..editor import site  # noqa: F401


def _checked(root: Path, args, out: Path, store: Store, processes: int, checking: validation.Checking) -> int:
    """The rest of the build, while ``checking`` runs: the scores, then the site."""
    cfg = config_file(root, args.config)
    if cfg is None:
        return _report(checking) if _errors(checking) else fail("không tìm thấy mkdocs.yml để tạo trang.")
    started = time.perf_counter()
    results = results_mod.compute(checking.repo, gitinfo.commit(root), gitinfo.commit_date(root))
    site_build.TIMINGS["score"] = time.perf_counter() - started
    # The pages read the scores, never the dossiers: a national roll-up's dossiers are half of
    # the build's memory, given back before the site is made.
    repo = checking.let_go_of_dossiers()
    old = OldSite(out, keep=(root, cfg.parent))
    try:
        blocked = not old.safe and _errors(checking)  # nothing is written there before the checks pass
        code = None if blocked else _site(root, cfg, out, repo, results, args, store, processes, checking, old)
    except BaseException:
        old.restore()  # the last build's site stays as it was
        raise
    finally:
        old.wait()
    if code == 0:
        return 0
    old.restore()
    return _report(checking) if _errors(checking) else (code or 1)


def _site(
    root: Path, cfg: Path, out: Path, repo, results, args, store: Store, processes: int, checking, old: OldSite
) -> int | None:
    """``build_site``, or None when the checks that ran meanwhile found an error."""
    gate = lambda: _passed(checking, old)
    try:
        code = build_site(root, cfg, out, repo, results, site_url(args.site_url), store, processes, gate)
        if code == 0:
            gate()  # again: a configuration whose hooks do not call it still publishes nothing unchecked
        return code
    except site_build.Blocked:
        return None


def _passed(checking: validation.Checking, old: OldSite) -> None:
    """Before the site is finished: the checks must have found no error; the last build's site
    is then deleted while the search index is made."""
    result, outcome = checking.wait()
    site_build.TIMINGS["validate"] = outcome.seconds
    site_build.TIMINGS["dossiers"] = (result.reloaded, result.checked)
    site_build.TIMINGS["verdicts"] = (outcome.reused, outcome.reused + outcome.checked)
    if result.errors:
        raise site_build.Blocked
    old.release()


def _errors(checking: validation.Checking) -> bool:
    """Whether the checks found an error (waited for)."""
    return bool(checking.wait()[0].errors)


def _report(checking: validation.Checking) -> int:
    """Print what the checks found, and why nothing is published; 1."""
    result, _ = checking.wait()
    sys.stdout.write(text.render(result.findings, checked=result.checked))
    sys.stdout.write(f"Không công bố: còn {len(result.errors)} lỗi phải sửa trước (xem danh sách trên).\n")
    return 1


def site_url(given: str | None) -> str | None:
    """Where the site is published (None: mkdocs.yml's own site_url, if any). Pages link to
    each other relatively and work anywhere; the 404 page, which a forge serves at any depth,
    links from this address, so a site under a sub-path (a forge's project pages) needs it."""
    url = (given or os.environ.get("CCHC_SITE_URL") or "").strip()
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def build_site(
    root: Path,
    cfg: Path,
    out: Path,
    repo,
    results,
    url: str | None = None,
    store: Store | None = None,
    processes: int = 1,
    gate: Callable[[], None] | None = None,
) -> int:
    """Make the site; ``gate``: see ``site_build.preload`` (its ``Blocked`` is raised from here)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_build.preload(root, repo, results, store, processes, gate)
    overrides = {"site_url": url} if url else {}
    config = load_config(config_file=str(cfg), site_dir=str(out), **overrides)
    config.extra["cchc_root"] = str(root)
    started = time.perf_counter()
    try:
        build(config)
    except site_build.SiteError as exc:
        return fail(str(exc))
    finally:
        site_build.PRELOADED.clear()
    site_build.TIMINGS["site"] = time.perf_counter() - started
    pages = sum(1 for _ in out.rglob("*.html"))
    units = sum(len(g.rows) for y in results.years for g in y.groups)
    sys.stdout.write(
        f"Đã tạo trang kết quả tại {out}: {pages} trang, {len(results.years)} năm, {units} lượt đơn vị được xếp hạng.\n"
    )
    sys.stdout.write(_timings(site_build.TIMINGS) + "\n")
    return 0


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",") + " s"


_REUSED = (
    ("dossiers", "hồ sơ đã đọc"),
    ("verdicts", "kết quả kiểm tra hồ sơ"),
    ("bodies", "trang đơn vị"),
    ("frames", "khung trang"),
)


def _timings(t: dict) -> str:
    line = (
        f"Thời gian: đọc kho {_seconds(t.get('load'))} · kiểm tra {_seconds(t.get('validate'))} "
        f"(cùng lúc với tính điểm {_seconds(t.get('score'))} và tạo trang) · "
        f"tạo trang {_seconds(t.get('site'))} (nội dung trang {_seconds(t.get('pages'))}, "
        f"khung trang {_seconds(t.get('render'))}, chỉ mục tìm kiếm {_seconds(t.get('search'))}, "
        f"tệp dữ liệu {_seconds(t.get('data'))})."
    )
    reused = [f"{label} {t[key][0]}/{t[key][1]}" for key, label in _REUSED if key in t]
    return line + (" Dùng lại từ lần tạo trước: " + ", ".join(reused) + "." if reused else "")
