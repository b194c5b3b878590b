"""Write static Markdown pages for the floor benchmarks: a plain `mkdocs build` (no hook,
no generation) over the same number of pages as `cchc build` makes.

mode "minimal": each page is its title and one paragraph — mkdocs' per-page cost, the
floor no generator can beat; mode "full": each page's complete content as static
Markdown (raw HTML), what a hand-maintained static site of the same pages would cost."""

from __future__ import annotations

import sys
from pathlib import Path

from cchc.load import repository
from cchc.publish.site import build as site_build
from cchc.score import results


def main(root: str, out: str, mode: str = "minimal") -> int:
    repo = repository.load(Path(root))
    res = results.compute(repo)
    target = Path(out)
    for src, text in site_build.pages(repo, res).items():
        path = target / "docs" / src
        path.parent.mkdir(parents=True, exist_ok=True)
        body = site_build.BODIES[src] if mode == "full" else "\nMột đoạn văn bản tĩnh.\n"
        path.write_text(text.replace(site_build.MARKER, body), encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: floor\nuse_directory_urls: false\ntheme:\n  name: material\n  language: vi\n  font: false\n"
        "plugins: []\nmarkdown_extensions: [admonition, attr_list, tables]\nnav:\n  - index.md\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
