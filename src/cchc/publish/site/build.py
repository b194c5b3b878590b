"""Site build steps called by the mkdocs hook and by `cchc build`."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ... import gitinfo
from ...load import repository
from ...score import results as results_mod
from .. import data
from . import html
from . import pages as pages_mod
from .html import Markup

if TYPE_CHECKING:
    from mkdocs.structure.toc import TableOfContents

HERE = Path(__file__).resolve().parent
CODE_ROOT = next((p for p in HERE.parents if (p / "mkdocs.yml").is_file() and (p / "hooks").is_dir()), None)

# Preloaded by `cchc build` so that the repository is loaded and scored once.
PRELOADED: dict = {}
# Seconds spent in each step of the last build (reported by `cchc build`).
TIMINGS: dict = {}

VENDOR = {
    "assets/vendor/tablesort.min.js": "tablesort/dist/tablesort.min.js",
    "assets/vendor/tablesort.number.js": "tablesort/src/sorts/tablesort.number.js",
    "assets/vendor/vega.min.js": "vega/build/vega.min.js",
    "assets/vendor/vega-lite.min.js": "vega-lite/build/vega-lite.min.js",
    "assets/vendor/vega-embed.min.js": "vega-embed/build/vega-embed.min.js",
}


# The site's Content-Security-Policy (overrides/main.html puts it first in every page's <head>).
# Everything is served by the site itself. No inline script (the theme's are moved to
# assets/cchc-theme.js) and no eval: the charts run vega's expression interpreter
# (assets/cchc.js). Pagefind searches in a worker (its own file); if the worker cannot start it
# searches in the page, compiling WebAssembly: 'wasm-unsafe-eval', which allows no JavaScript
# eval. No inline style either: vega-embed's and vega-tooltip's style elements are turned off
# and their rules are in assets/cchc.css. frame-ancestors cannot be given in a page: framing is
# up to the forge's headers.
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


def preload(root: Path, repo, results) -> None:
    PRELOADED.update(root=str(Path(root).resolve()), repo=repo, results=results)


MARKER = "<!-- cchc:body -->"
# Page bodies are finished HTML; Python-Markdown would spend ~90 % of the build re-parsing
# them. Each generated page hands Markdown only its front matter and a marker, and the hook
# puts the body in place of the marker once Markdown is done (on_page_content).
# Titles never pass through Markdown either: mkdocs-material prints page titles, navigation
# titles and the site name unescaped, so mkdocs gets them as already-escaped Markup (the hook
# sets page.meta.title in on_page_markdown), and the body opens with the escaped <h1>.
BODIES: dict[str, Markup] = {}
TITLES: dict[str, str] = {}
# Generated pages are wide tables: no left navigation or table of contents beside them.
FRONT = "---\nhide:\n  - navigation\n  - toc\n---\n\n" + MARKER + "\n"


def pages(repo, results) -> dict[str, str]:
    """Markdown for mkdocs (front matter + marker); titles kept in TITLES, bodies in BODIES."""
    start = time.perf_counter()
    out = {}
    BODIES.clear()
    TITLES.clear()
    for src, page in pages_mod.Site(results, repo).pages().items():
        out[src] = FRONT
        TITLES[src] = page.title
        BODIES[src] = html.heading(page.title) + "\n\n" + page.body
    TIMINGS["pages"] = time.perf_counter() - start
    return out


def title(src: str) -> Markup | None:
    """A generated page's title, escaped (None for a hand-written page)."""
    text = TITLES.get(src)
    return None if text is None else html.esc(text)


def page_content(html_text: str, src: str) -> str:
    body = BODIES.pop(src, None)  # handed over once: mkdocs keeps the page's HTML itself
    return html_text.replace(MARKER, body, 1) if body is not None else html_text


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


def node_modules() -> Path:
    for base in (Path.cwd(), *Path(__file__).resolve().parents):
        candidate = base / "node_modules"
        if (candidate / "vega-embed").is_dir():
            return candidate
    raise SiteError(
        "Thiếu thư viện giao diện (vega, tablesort) trong node_modules; chạy 'npm ci' (scripts/setup.sh làm việc này)."
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


def write_data(results, site_dir: Path) -> None:
    start = time.perf_counter()
    data.write_all(results, site_dir / pages_mod.DATA_DIR)
    TIMINGS["data"] = time.perf_counter() - start


def index_search(site_dir: Path) -> None:
    """Pagefind: a diacritic-insensitive static index ("so tu phap" finds "Sở Tư pháp")."""
    start = time.perf_counter()
    glob = "{index.html,don-vi/*.html,nam/*/*.html,phuong-phap/*.html}"
    proc = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", glob, "--force-language", "vi"],
        capture_output=True,
        check=False,  # the return code is read below
        text=True,
    )
    if proc.returncode != 0:
        raise SiteError("Không tạo được chỉ mục tìm kiếm (Pagefind): " + (proc.stderr or proc.stdout)[-500:])
    TIMINGS["search"] = time.perf_counter() - start
