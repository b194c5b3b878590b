"""Write static Markdown pages for the floor benchmarks: a plain `mkdocs build` (no hook,
no generation) over the same pages as `cchc build` makes, with the same theme features.

mode "minimal": each page is its title and one paragraph — mkdocs' per-page cost, the
floor no generator can beat; mode "full": each page's complete content as static
Markdown (raw HTML), what a hand-maintained static site of the same pages would cost.

Either way the site is the real one minus the generation: the same configuration (theme,
features, palette, template overrides, Markdown extensions, navigation), the same front matter
on every generated page, the same hand-written pages, and the same scripts and style sheets
(the vendored charting and sorting libraries) that every page loads. The search index over it
is made by the benchmark (bench/run.py), with the same tool and the same pages as the real site's.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from cchc.load import repository
from cchc.publish.site import build as site_build
from cchc.publish.site import html
from cchc.score import results

REPO = Path(__file__).resolve().parents[1]


def main(root: str, out: str, mode: str = "minimal") -> int:
    repo = repository.load(Path(root))
    res = results.compute(repo)
    target = Path(out)
    try:
        for src, text in site_build.pages(repo, res).items():
            path = target / "docs" / src
            path.parent.mkdir(parents=True, exist_ok=True)
            title = site_build.title(src)  # escaped, as the hook hands it to the theme
            heading = html.heading(site_build.TITLES[src])
            body = (
                f"{heading}\n\n{site_build.body(src)}" if mode == "full" else f"{heading}\n\nMột đoạn văn bản tĩnh.\n"
            )
            front = "---\n" + yaml.safe_dump({"title": str(title)}, allow_unicode=True, width=10000)
            path.write_text(text.replace("---\n", front, 1).replace(site_build.MARKER, body), encoding="utf-8")
        assets = site_build.assets()
    finally:
        site_build.discard()
    # The same configuration as the real site (theme, features, navigation, hand-written
    # pages), without the hook: only the generation differs.
    shutil.copytree(REPO / "docs", target / "docs", dirs_exist_ok=True)
    for src, path in assets.items():
        (target / "docs" / src).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / "docs" / src)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config["docs_dir"] = "docs"
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config["nav"] = _plain(site_build.nav(res, config.get("nav")))
    if res.province:
        config["site_name"] = str(site_build.site_name(res.province.index.short, res.province.name))
    config.setdefault("extra", {})["cchc_sample"] = bool(res.province and res.province.sample)
    config["extra"]["cchc_csp"] = site_build.CSP
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return 0


def _plain(item):
    """The navigation with its (escaped) Markup titles as plain strings, which YAML can write."""
    if isinstance(item, list):
        return [_plain(i) for i in item]
    if isinstance(item, dict):
        return {str(k): _plain(v) for k, v in item.items()}
    return item


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
