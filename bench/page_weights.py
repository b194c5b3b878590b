"""What a reader's browser downloads, per kind of page of a built site (issue 16, point 4): the
number of pages, the largest page's HTML as written and gzip-compressed (as a forge serves it),
the largest charts' markup in one page (SVG drawn when the site is built), and the size of the
search index (Pagefind) with the number of pages it indexes.

    .venv/bin/python bench/page_weights.py SITE_FOLDER
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

CHART = re.compile(rb'<figure class="cchc-chart".*?</figure>', re.DOTALL)


def kind(rel: str) -> str:
    """A generated page's kind, from its path."""
    parts = rel.split("/")
    if parts[0] == "don-vi":
        return "unit"
    if parts[0] != "nam":
        return "home" if rel == "index.html" else "other"
    if len(parts) == 3:
        return "year" if parts[2] == "index.html" else "ranking (first slice)"
    if len(parts) == 4:
        return "ranking slice" if parts[3].startswith("trang-") else "area/criterion (first slice)"
    return "area/criterion slice"


def weights(site: Path) -> dict[str, list[tuple[int, int, int, str]]]:
    """Per kind: (HTML bytes, gzip bytes, chart markup bytes, path) of each page."""
    out: dict[str, list[tuple[int, int, int, str]]] = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("admin/", "pagefind/")):
            continue
        data = path.read_bytes()
        charts = sum(len(m) for m in CHART.findall(data))
        out.setdefault(kind(rel), []).append((len(data), len(gzip.compress(data, 6, mtime=0)), charts, rel))
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    site = Path(argv[0])
    print("| Kind | Pages | Largest HTML | Largest gzip | Largest charts | Largest page |")
    print("|---|---:|---:|---:|---:|---|")
    for name, pages in sorted(weights(site).items()):
        largest = max(pages)
        gz, chart = max(p[1] for p in pages), max(p[2] for p in pages)
        print(f"| {name} | {len(pages):,} | {largest[0]:,} | {gz:,} | {chart:,} | `{largest[3]}` |")
    index = site / "pagefind"
    size = sum(p.stat().st_size for p in index.rglob("*") if p.is_file())
    indexed = sum(1 for _ in (index / "fragment").iterdir())
    print(f"\nSearch index (Pagefind): {size:,} bytes ({size / 1048576:.2f} MB), {indexed:,} pages indexed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
