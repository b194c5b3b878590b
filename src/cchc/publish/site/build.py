"""Site build steps called by the mkdocs hook and by `cchc build`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from ... import gitinfo
from ...load import repository
from ...score import results as results_mod
from .. import data
from . import pages as pages_mod

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


class SiteError(Exception):
    """A reason the site cannot be built, in Vietnamese."""


def prepared(root: Path):
    key = str(Path(root).resolve())
    if PRELOADED.get("root") == key:
        return PRELOADED["repo"], PRELOADED["results"]
    repo = repository.load(root)
    return repo, results_mod.compute(repo, gitinfo.commit(root))


def preload(root: Path, repo, results) -> None:
    PRELOADED.update(root=str(Path(root).resolve()), repo=repo, results=results)


MARKER = "<!-- cchc:body -->"
# Page bodies are finished HTML; Python-Markdown would spend ~90 % of the build re-parsing
# them. Each generated page hands Markdown only its title and a marker, and the hook puts
# the body in place of the marker once Markdown is done (on_page_content).
BODIES: dict[str, str] = {}


def pages(repo, results) -> dict[str, str]:
    """Markdown for mkdocs (front matter + title + marker); bodies kept in BODIES."""
    start = time.perf_counter()
    out = {}
    BODIES.clear()
    for src, text in pages_mod.Site(results, repo).pages().items():
        head, sep, body = text.partition("\n# ")
        title, _, rest = body.partition("\n")
        out[src] = f"{head}{sep}{title}\n\n{MARKER}\n"
        BODIES[src] = rest
    TIMINGS["pages"] = time.perf_counter() - start
    return out


def page_content(html: str, src: str) -> str:
    body = BODIES.pop(src, None)  # handed over once: mkdocs keeps the page's HTML itself
    return html.replace(MARKER, body, 1) if body is not None else html


def node_modules() -> Path:
    for base in (Path.cwd(), *Path(__file__).resolve().parents):
        candidate = base / "node_modules"
        if (candidate / "vega-embed").is_dir():
            return candidate
    raise SiteError("Thiếu thư viện giao diện (vega, tablesort) trong node_modules; chạy 'npm ci' "
                    "(scripts/setup.sh làm việc này).")


def assets() -> dict[str, Path]:
    nm = node_modules()
    out = {src: nm / rel for src, rel in VENDOR.items()}
    out["assets/cchc.js"] = HERE / "assets" / "cchc.js"
    out["assets/cchc.css"] = HERE / "assets" / "cchc.css"
    return out


def nav(results, existing) -> list:
    """Top-level navigation only: a nav listing every unit page would repeat on every page."""
    out = [{"Trang chủ": "index.md"}]
    for y in reversed(results.years):
        section = [{"Tổng quan": pages_mod.year_page(y.year)}]
        section += [{g.name: pages_mod.group_page(y.year, g.id)} for g in y.groups]
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
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", glob,
                           "--force-language", "vi"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SiteError("Không tạo được chỉ mục tìm kiếm (Pagefind): " + (proc.stderr or proc.stdout)[-500:])
    TIMINGS["search"] = time.perf_counter() - start
