"""`cchc build`: validate → score → site (pages, data files, search index) into site/."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .. import gitinfo, validation
from ..publish.site import build as site_build
from ..report import text
from ..score import results as results_mod
from .common import add_root, fail, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser(
        "build",
        help="kiểm tra, tính điểm và tạo trang kết quả (thư mục site/)",
        description="Kiểm tra toàn bộ kho, tính điểm, xếp hạng và tạo trang kết quả công khai. "
        "Không công bố nếu còn lỗi.",
    )
    p.add_argument("--out", type=Path, default=None, help="thư mục đầu ra (mặc định: site/ trong kho)")
    p.add_argument(
        "--config", type=Path, default=None, help="tệp mkdocs.yml (mặc định: của kho, nếu không có thì của mã nguồn)"
    )
    add_root(p)


def config_file(root: Path, given: Path | None) -> Path | None:
    if given:
        return given
    if (root / "mkdocs.yml").is_file():
        return root / "mkdocs.yml"
    return (site_build.CODE_ROOT / "mkdocs.yml") if site_build.CODE_ROOT else None


def run(args) -> int:
    root = resolve_root(args)
    if root is None or not (root / "province.yaml").is_file():
        return fail("không tìm thấy kho dữ liệu (tệp province.yaml). Dùng --root.")
    started = time.perf_counter()
    result = validation.validate(root)
    site_build.TIMINGS.clear()
    site_build.TIMINGS["validate"] = time.perf_counter() - started
    if result.errors:
        sys.stdout.write(text.render(result.findings, checked=result.checked))
        sys.stdout.write(f"Không công bố: còn {len(result.errors)} lỗi phải sửa trước (xem danh sách trên).\n")
        return 1
    started = time.perf_counter()
    results = results_mod.compute(result.repo, gitinfo.commit(root), gitinfo.commit_date(root))
    site_build.TIMINGS["score"] = time.perf_counter() - started
    cfg = config_file(root, args.config)
    if cfg is None:
        return fail("không tìm thấy mkdocs.yml để tạo trang.")
    out = (args.out or root / "site").resolve()
    return build_site(root, cfg, out, result.repo, results)


def build_site(root: Path, cfg: Path, out: Path, repo, results) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_build.preload(root, repo, results)
    config = load_config(config_file=str(cfg), site_dir=str(out))
    config.extra["cchc_root"] = str(root)
    started = time.perf_counter()
    try:
        build(config)
    except site_build.SiteError as exc:
        return fail(str(exc))
    site_build.TIMINGS["site"] = time.perf_counter() - started
    pages = sum(1 for _ in out.rglob("*.html"))
    units = sum(len(g.rows) for y in results.years for g in y.groups)
    sys.stdout.write(
        f"Đã tạo trang kết quả tại {out}: {pages} trang, {len(results.years)} năm, {units} lượt đơn vị được xếp hạng.\n"
    )
    t = {k: f"{v:.1f}".replace(".", ",") + " s" for k, v in site_build.TIMINGS.items()}
    sys.stdout.write(
        f"Thời gian: kiểm tra {t.get('validate', '—')} · tính điểm {t.get('score', '—')} · "
        f"tạo trang {t.get('site', '—')} (nội dung trang {t.get('pages', '—')}, "
        f"chỉ mục tìm kiếm {t.get('search', '—')}, tệp dữ liệu {t.get('data', '—')}).\n"
    )
    return 0
