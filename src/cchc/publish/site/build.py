"""Site build steps called by the mkdocs hook and by `cchc build`."""

from __future__ import annotations

import contextlib
import copy
import html as htmllib
import re
import shutil
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ... import gitinfo, parallel
from ...buildcache import Store, packs
from ...load import repository
from ...model.registry import index_names
from ...score import results as results_mod
from .. import data
from . import bodies, frame_keys, frames, html, search, urls
from . import pages as pages_mod
from .html import Markup

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page as MkdocsPage
    from mkdocs.structure.toc import TableOfContents

HERE = Path(__file__).resolve().parent
CODE_ROOT = next((p for p in HERE.parents if (p / "mkdocs.yml").is_file() and (p / "hooks").is_dir()), None)

# Preloaded by `cchc build` so that the repository is loaded and scored once; with the build
# cache and how many processes independent work may use (a plain `mkdocs build` has neither).
PRELOADED: dict = {}
# Seconds spent in each step of the last build (reported by `cchc build`).
TIMINGS: dict = {}

VENDOR = {
    "assets/vendor/tablesort.min.js": "tablesort/dist/tablesort.min.js",
    "assets/vendor/tablesort.number.js": "tablesort/src/sorts/tablesort.number.js",
}


# The site's Content-Security-Policy (overrides/main.html puts it first in every page's <head>).
# Everything is served by the site itself. No inline script (the theme's are moved to
# assets/cchc-theme.js) and no eval; the charts are SVG drawn when the site is built (charts.py).
# Pagefind searches in a worker (its own file); if the worker cannot start it searches in the
# page, compiling WebAssembly: 'wasm-unsafe-eval', which allows no JavaScript eval. No inline
# style either: the charts' colours are SVG attributes. frame-ancestors cannot be given in a
# page: framing is up to the forge's headers.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-src 'none'",
    ]
)
# `cchc serve` only: mkdocs' live server adds an inline script to every page (its reload
# poller, a new one per request), which the published site never has.
CSP_PREVIEW = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


class SiteError(Exception):
    """A reason the site cannot be built, in Vietnamese."""


def prepared(root: Path):
    key = str(Path(root).resolve())
    if PRELOADED.get("root") == key:
        return PRELOADED["repo"], PRELOADED["results"]
    repo = repository.load(root)
    return repo, results_mod.compute(repo, gitinfo.commit(root), gitinfo.commit_date(root))


class Blocked(Exception):
    """The checks that ran while the pages were made found an error: nothing is published."""


def preload(
    root: Path, repo, results, store: Store | None = None, processes: int = 1, gate: Callable[[], None] | None = None
) -> None:
    """What `cchc build` hands the hooks. ``gate()``, called before the search index is made,
    waits for the checks that run meanwhile and raises ``Blocked`` if they found an error."""
    PRELOADED.update(
        root=str(Path(root).resolve()), repo=repo, results=results, store=store, processes=processes, gate=gate
    )


def passed() -> None:
    """The site may be finished: the checks found no error (``Blocked`` otherwise)."""
    gate = PRELOADED.get("gate")
    if gate is not None:
        gate()


def options(root: Path) -> tuple[Store, int]:
    """The build cache (a disabled one outside `cchc build`) and how many processes to use."""
    if PRELOADED.get("root") != str(Path(root).resolve()):
        return Store(None), 1
    return PRELOADED.get("store") or Store(None), PRELOADED.get("processes", 1)


MARKER = "<!-- cchc:body -->"
# Page bodies are finished HTML; Python-Markdown would spend ~90 % of the build re-parsing
# them. Each generated page hands Markdown only its front matter and a marker; the body goes in
# place of the marker once the theme has framed the page (post_page), so that mkdocs never
# holds the bodies (a national site's are gigabytes as Python text). The theme only asks the
# page's HTML whether it has an <h1> (it adds one if not): it gets the escaped title's <h1>
# and the marker (page_content).
# Titles never pass through Markdown either: mkdocs-material prints page titles, navigation
# titles and the site name unescaped, so mkdocs gets them as already-escaped Markup (the hook
# sets page.meta.title in on_page_markdown), and the body opens with the escaped <h1>.
TITLES: dict[str, str] = {}
DESCRIPTIONS: dict[str, str] = {}
BODIES: dict[str, packs.Location] = {}  # source path → where its body (without its title) is, in a temporary pack
DONE: set[str] = set()  # generated pages already written (build_generated): mkdocs' loop skips them
GENERATED: set[str] = set()  # the generated pages' source paths, known before their bodies are made
_PENDING: list[tuple[Callable[[], None], Callable[[], None]]] = []  # the bodies being made: (finish, stop)
_FOLDERS: list[Path] = []  # the bodies' temporary folders
_MODE = {"late": True}  # False: bodies go in before the theme frames pages (other plugins read them)
# Generated pages are wide tables: no left navigation or table of contents beside them.
FRONT = "---\nhide:\n  - navigation\n  - toc\n---\n\n" + MARKER + "\n"


def pages(repo, results, processes: int = 1, store: Store | None = None) -> dict[str, str]:
    """Markdown for mkdocs (front matter + marker) of every generated page, at once; their bodies
    are rendered from now on in up to ``processes`` processes, written to temporary packs, one
    per batch (BODIES), their titles kept in TITLES (``ready``); unit pages whose inputs did not
    change are taken from the build cache ``store`` (bodies.py)."""
    start = time.perf_counter()
    discard()
    makers = pages_mod.Site(results, repo).makers()
    unit_pages = bodies.UnitPages(results, repo, store) if store is not None and store.enabled else None
    if unit_pages is not None:
        for uid in results.units:
            if urls.unit_page(uid) in makers:
                makers[urls.unit_page(uid)] = partial(unit_pages.page, uid)
    srcs = list(makers)
    scratch = (store if store is not None else Store(None)).scratch  # the system's temporary folder without one
    folder = scratch("cchc-trang-")
    _FOLDERS.append(folder)
    _copies(scratch)

    def render(batch: list[int]) -> tuple[list[tuple[str, str, packs.Location]], dict[str, bool]]:
        made, bodies_made = [], {}
        with store.batch() if store is not None else contextlib.nullcontext():  # the batch's unit pages: one pack
            for i in batch:
                page = makers[srcs[i]]()
                bodies_made[str(i)] = str(page.body).encode("utf-8")
                made.append((page.title, page.description))
        at = packs.write(folder, bodies_made)  # the batch's bodies: one file
        return [(t, d, at[str(i)]) for i, (t, d) in zip(batch, made, strict=True)], (
            unit_pages.used if unit_pages is not None else {}
        )

    running = parallel.started(render, parallel.chunks(list(range(len(srcs))), processes * 4), processes)

    def finish() -> None:
        done = list(running)
        made = (t for batch, _ in done for t in batch)
        for src, (text, described, at) in zip(srcs, made, strict=True):
            TITLES[src] = text
            DESCRIPTIONS[src] = described
            BODIES[src] = at
        if unit_pages is not None:
            used = {key: hit for _, seen in done for key, hit in seen.items()}  # a worker's, each batch
            unit_pages.store.keep_only(bodies.KIND, set(used))
            TIMINGS["bodies"] = (sum(used.values()), len(used))
        TIMINGS["pages"] = time.perf_counter() - start

    # The bodies are made while mkdocs reads and renders the hand-written pages (which come
    # first): a generated page waits for them when it is first asked about (ready()).
    GENERATED.update(srcs)
    _PENDING.append((finish, running.close))
    return {src: FRONT for src in srcs}


def ready(src: str) -> bool:
    """Whether ``src`` is a generated page; its body, title and description made (waited for
    here)."""
    if src not in GENERATED:
        return False
    settle()
    return True


def settle() -> None:
    """The generated pages' bodies, titles and descriptions made (waited for)."""
    while _PENDING:
        finish, _ = _PENDING.pop()
        finish()


def body(src: str) -> str:
    """A generated page's body, without its title."""
    settle()
    data = packs.read(BODIES[src])
    if data is None:
        raise SiteError(f"không đọc được nội dung trang {src} trong thư mục tạm ({BODIES[src][0]}).")
    return data.decode("utf-8")


def discard() -> None:
    """Forget the last build's pages and remove their temporary files (after stopping the
    search index, which reads them, if it still runs: a failed build)."""
    abandon_search()
    while _PENDING:  # a failed build: the workers stopped before their folder goes
        _, stop = _PENDING.pop()
        with contextlib.suppress(Exception):
            stop()
    GENERATED.clear()
    TITLES.clear()
    DESCRIPTIONS.clear()
    BODIES.clear()
    DONE.clear()
    _FIRST.clear()
    if "copies" in _SEARCHED:
        _SEARCHED.pop("copies").remove()
    while _FOLDERS:
        shutil.rmtree(_FOLDERS.pop(), ignore_errors=True)


# The hook events the late bodies need: a province's hooks/cchc_site.py written before them
# registers fewer, and its pages then get their bodies the old way.
LATE_EVENTS = ("on_nav", "on_pre_page", "on_env", "on_post_page")


def late_bodies(config: MkDocsConfig) -> bool:
    """Bodies go in after the theme (post_page) unless a plugin other than the hooks may read a
    page's HTML on the way (a search index, a minifier), or the hook file does not pass the
    events on: then before, as mkdocs would have them."""
    hooks = frame_keys.hooks(config)
    _MODE["late"] = all(name in hooks for name in config.plugins) and any(
        all(hasattr(module, event) for event in LATE_EVENTS) for module in hooks.values()
    )
    return _MODE["late"]


def title(src: str) -> Markup | None:
    """A generated page's title, escaped (None for a hand-written page)."""
    ready(src)
    text = TITLES.get(src)
    return None if text is None else html.esc(text)


def description(src: str, html_text: str | None = None) -> Markup | None:
    """A page's meta description, escaped (mkdocs-material prints it as it is): a generated
    page's own, else the first paragraph of a hand-written page's HTML (None if it has none)."""
    ready(src)
    text = DESCRIPTIONS.get(src)
    if text is None and html_text is not None:
        text = first_paragraph(html_text)
    return html.esc(text) if text else None


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


def first_paragraph(html_text: str, limit: int = 300) -> str:
    """The text of the first paragraph, whole sentences up to ``limit`` characters."""
    found = _PARAGRAPH.search(html_text)
    if found is None:
        return ""
    text = " ".join(htmllib.unescape(_TAG.sub("", found.group(1))).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def page_content(html_text: str, src: str) -> str:
    escaped = title(src)
    if escaped is None:
        return html_text
    if html_text.count(MARKER) != 1:
        raise SiteError(f"Không tạo được trang {src}: không tìm thấy chỗ đặt nội dung trang.")
    rest = MARKER if _MODE["late"] else body(src)
    return html_text.replace(MARKER, str(html.heading(TITLES[src])) + "\n\n" + rest, 1)


def post_page(output: str, src: str, page_dest: str) -> str:
    """The page as written: a generated page's body put in place of its marker (``page_dest``:
    where it is written, relative to the site)."""
    if not ready(src) or not _MODE["late"]:
        return output
    if src in DONE:
        return ""  # written by build_generated: mkdocs' loop writes nothing for it
    before, after = split(output, src)
    if frames.built(src, before, after):
        return ""  # the theme's rendering of a shape with stand-ins (stamps.py): never written
    text = body(src)
    searched_copy(page_dest, before, text, after)
    return before + text + after


def split(output: str, src: str) -> tuple[str, str]:
    """The theme's frame of a generated page: what comes before and after its marker."""
    at = output.find(MARKER)
    if at < 0 or output.find(MARKER, at + 1) >= 0:
        raise SiteError(f"Không tạo được trang {src}: giao diện không đặt nội dung trang đúng một lần.")
    return output[:at], output[at + len(MARKER) :]


# Every generated page has the same Markdown source (FRONT), so reading and rendering it gives
# the same result each time, while mkdocs sets Python-Markdown up anew for each page (a third of
# a plain mkdocs build). The first generated page is read and rendered by mkdocs; the others
# take a copy of what that gave (pre_page).
_FIRST: dict[str, Any] = {}


def pre_page(page: MkdocsPage) -> None:
    if not ready(page.file.src_uri) or "content" not in _FIRST or not _MODE["late"]:
        return
    first = _FIRST

    def read_source(config: MkDocsConfig) -> None:
        page.markdown, page.meta = first["markdown"], copy.deepcopy(first["meta"])

    def render(config: MkDocsConfig, files: Files) -> None:
        page.content = first["content"]
        page.toc = copy.deepcopy(first["toc"])
        page._title_from_render = first["title"]
        page.present_anchor_ids = set(first["anchors"])
        page.links_to_anchors = copy.deepcopy(first["links"])

    setattr(page, "read_source", read_source)  # noqa: B010 -- this page only, not the class
    setattr(page, "render", render)  # noqa: B010


def read_first(page: MkdocsPage) -> None:
    """Keep what reading the first generated page gave (on_page_markdown, before its title)."""
    if ready(page.file.src_uri) and "markdown" not in _FIRST:
        _FIRST.update(markdown=page.markdown, meta=copy.deepcopy(page.meta))


def rendered_first(page: MkdocsPage) -> None:
    """Keep what rendering the first generated page gave (on_page_content, before the hook's changes)."""
    if ready(page.file.src_uri) and "markdown" in _FIRST and "content" not in _FIRST:
        _FIRST.update(
            content=page.content,
            toc=copy.deepcopy(page.toc),
            title=page._title_from_render,
            anchors=set(page.present_anchor_ids or ()),
            links=copy.deepcopy(page.links_to_anchors),
        )


def build_generated(config: MkDocsConfig, files: Files, nav: Navigation, env: Any, root: Path) -> None:
    """Write every generated page now (on_env), in several processes and from cached frames;
    mkdocs' own page loop then skips them (DONE)."""
    settle()
    if not _MODE["late"]:
        return
    start = time.perf_counter()
    store, processes = options(root)
    rendered, reused, stamped = frames.build(
        config, files, nav, env, store, processes, set(BODIES), body, searched_copy
    )
    DONE.update(BODIES)
    TIMINGS["render"] = time.perf_counter() - start
    TIMINGS["frames"] = (reused, rendered + reused)
    TIMINGS["stamped"] = stamped


def toc(src: str) -> TableOfContents | None:
    """The table of contents of a generated page: its title alone, for the theme's "skip to
    content" link (Markdown saw no heading). None for a hand-written page."""
    from mkdocs.structure.toc import get_toc

    escaped = title(src)
    if escaped is None:
        return None
    return get_toc([{"level": 1, "id": html.TITLE_ID, "name": escaped, "children": []}])


def site_name(index_short: str, province: str) -> Markup:
    """mkdocs-material prints the site name unescaped: escaped Markup, never raw data."""
    return html.esc(f"{index_short} — {province}")


def site_settings(results) -> tuple[Markup, dict[str, object]]:
    """The site's default description (escaped: the theme prints it as it is), and what the
    templates print about the province (overrides/): the footer's words, the years the 404
    page links to."""
    prov = results.province
    names = index_names(prov)
    province = prov.name if prov else ""
    footer = f"{names.results} — {province}" if province else names.results
    if prov and prov.authority:
        footer += f" · {prov.authority}"
    description = html.esc(f"{names.results} của {province}: xếp hạng, điểm và chỉ số từng cơ quan, đơn vị.")
    return description, {
        "cchc_footer": footer,
        "cchc_years": [(f"Năm {y.year}", html.url(pages_mod.year_page(y.year))) for y in reversed(results.years)],
    }


def node_modules() -> Path:
    for base in (Path.cwd(), *Path(__file__).resolve().parents):
        candidate = base / "node_modules"
        if (candidate / "tablesort").is_dir():
            return candidate
    raise SiteError(
        "Thiếu thư viện giao diện (tablesort) trong node_modules; chạy 'npm ci' (scripts/setup.sh làm việc này)."
    )


def assets() -> dict[str, Path]:
    nm = node_modules()
    out = {src: nm / rel for src, rel in VENDOR.items()}
    out["assets/cchc.js"] = HERE / "assets" / "cchc.js"
    out["assets/cchc-theme.js"] = HERE / "assets" / "cchc-theme.js"
    out["assets/cchc.css"] = HERE / "assets" / "cchc.css"
    return out


def nav(results, existing) -> list:
    """Top-level navigation only: a nav listing every unit page would repeat on every page."""
    out: list[dict[str, str | list[dict[str, str]]]] = [{"Trang chủ": "index.md"}]
    for y in reversed(results.years):
        section = [{"Tổng quan": pages_mod.year_page(y.year)}]
        # navigation titles are printed unescaped by the theme: escaped Markup
        section += [{html.esc(g.name): pages_mod.group_page(y.year, g.id)} for g in y.groups]
        out.append({f"Năm {y.year}": section})
    out.append({"Phương pháp": "phuong-phap/index.md"})
    out.append({"Tải dữ liệu": "tai-ve.md"})
    out.append({"Tìm kiếm": "tim-kiem.md"})
    for item in existing or []:
        out.append(item)
    return out


_DATA: list[parallel.Background] = []


def start_data(results, site_dir: Path, root: Path) -> None:
    """Begin writing the data files (JSON, CSV, XLSX): in a process of their own while the
    pages are built, when the build may use more than one."""
    store, processes = options(root)

    def write() -> float:
        start = time.perf_counter()
        data.write_all(results, site_dir / pages_mod.DATA_DIR, store)
        return time.perf_counter() - start

    _DATA.append(parallel.Background(write, fork=processes > 1))


def finish_data(results, site_dir: Path, root: Path) -> None:
    """The data files written (started here if a hook file without on_env did not start them)."""
    if not _DATA:
        start_data(results, site_dir, root)
    while _DATA:
        TIMINGS["data"] = _DATA.pop().wait()


def abandon_data() -> None:
    """After a failed build: collect the data files' process, whatever it did."""
    while _DATA:
        with contextlib.suppress(Exception):
            _DATA.pop().wait()


SEARCH_GLOB = search.GLOB
_SEARCHED: dict[str, search.Copies] = {}  # "copies": the searched copies of this build's pages


def searched_copy(dest: str, before: str, text: str, after: str) -> None:
    """Keep what Pagefind reads of the generated page written at ``dest`` (relative to the site)."""
    copies = _SEARCHED.get("copies")
    if copies is not None:
        copies.keep(dest, before, text, after)


def start_search(site_dir: Path, files: Files) -> None:
    """Start Pagefind as soon as every page it reads is written: after the generated pages
    (on_env), when it reads their searched copies alone (no hand-written page is searched). It
    then works while mkdocs copies the theme's files and writes the other pages."""
    settle()
    copies = _SEARCHED.get("copies")
    if copies is None or _SEARCH:
        return
    pages = files.documentation_pages()
    if any(search.searched(f.dest_uri) for f in pages if f.src_uri not in DONE):
        return  # a hand-written page is searched: mkdocs writes it later (index_search)
    _SEARCH.append(search.Pagefind(copies.lay_out(), site_dir))


_SEARCH: list[search.Pagefind] = []


def index_search(site_dir: Path) -> None:
    """Pagefind: a diacritic-insensitive static index ("so tu phap" finds "Sở Tư pháp")."""
    pagefind = _SEARCH.pop() if _SEARCH else search.Pagefind(_searched_site(site_dir), site_dir)
    code, printed = pagefind.wait()
    if code != 0:
        raise SiteError("Không tạo được chỉ mục tìm kiếm (Pagefind): " + printed[-500:])
    TIMINGS["search"] = time.perf_counter() - pagefind.started


def _searched_site(site_dir: Path) -> Path:
    """The folder Pagefind reads: the searched copies of the generated pages and, whole, the
    other searched pages in the site (hand-written ones; all of them when bodies go in before
    the theme), laid out in path order."""
    return _copies(Store(None).scratch).lay_out(search.site_pages(site_dir))


def _copies(scratch: Callable[[str], Path]) -> search.Copies:
    """This build's searched copies (their journals in a new folder from ``scratch``)."""
    if "copies" not in _SEARCHED:
        _SEARCHED["copies"] = search.Copies(scratch(search.PREFIX))
        _FOLDERS.append(_SEARCHED["copies"].staging)
    return _SEARCHED["copies"]


def abandon_search() -> None:
    """After a failed build: stop the search index begun early."""
    while _SEARCH:
        _SEARCH.pop().stop()
