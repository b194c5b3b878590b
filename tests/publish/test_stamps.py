"""Frames stamped from their shape's (cchc.publish.site.stamps): every page is what mkdocs' own
page loop writes for it, byte for byte, with hostile titles, a published address, and a theme
that prints something else of each page (its shapes are then not stamped). Real builds of the
mini and sample repositories (mkdocs, the theme, Pagefind)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml
from hostile_names import hostile_repo, without_markup_check
from markupsafe import Markup, escape
from minirepo import build_mini

from cchc.cli.build import build_site
from cchc.load import repository
from cchc.publish.site import build as site_build
from cchc.publish.site import stamps
from cchc.publish.site.build import CODE_ROOT
from cchc.score import results as results_mod

pytestmark = pytest.mark.slow  # real builds

STAND_IN = stamps.STAND_INS


def test_a_value_is_never_searched_for_stand_ins():
    frame = (f"<title>{STAND_IN['title']}</title><p>{STAND_IN['description']}</p>", f"<a>{STAND_IN['title']}</a>")
    values = {"title": f"A {STAND_IN['description']} &amp; B", "description": "mô tả"}
    assert stamps.stamp(frame, values) == (
        f"<title>A {STAND_IN['description']} &amp; B</title><p>mô tả</p>",
        f"<a>A {STAND_IN['description']} &amp; B</a>",
    )


def test_a_stand_in_without_a_value_stays():
    assert stamps.stamp((STAND_IN["canonical"], ""), {"title": "x"}) == (STAND_IN["canonical"], "")


class _Page:
    """What stamps reads of a mkdocs page."""

    def __init__(self) -> None:
        self.meta = {"title": Markup("Sở &amp; B"), "hide": ["toc"]}
        self.toc: list = []
        self.content = '<h1 id="noi-dung">Sở &amp; B</h1>\n\n<!-- cchc:body -->'
        self.canonical_url = "https://a.example/don-vi/b.html"
        self.abs_url = "/don-vi/b.html"


def test_the_page_stands_in_during_the_block_only():
    page = _Page()
    before = (dict(page.meta), page.content, page.canonical_url, page.abs_url)
    with stamps.standing_in(page):  # type: ignore[arg-type]
        assert page.meta["title"] == STAND_IN["title"] and page.meta["hide"] == ["toc"]
        assert page.content == f'<h1 id="noi-dung">{STAND_IN["heading"]}</h1>\n\n<!-- cchc:body -->'
        assert (page.canonical_url, page.abs_url) == (STAND_IN["canonical"], STAND_IN["address"])
    assert (page.meta, page.content, page.canonical_url, page.abs_url) == before


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _config(base: Path, name: str, hooks: str, printed_url: bool, **extra: object) -> Path:
    """A copy of the site's mkdocs.yml with ``hooks``; ``printed_url``: its theme also prints
    each page's address in the page's head."""
    config = yaml.safe_load((CODE_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    overrides = CODE_ROOT / config["theme"]["custom_dir"]
    if printed_url:
        copied = base / f"{name}-overrides"
        shutil.copytree(overrides, copied)
        main = copied / "main.html"
        text = main.read_text(encoding="utf-8")
        main.write_text(
            text.replace(
                "  {{ super() }}\n", '  {{ super() }}\n  <meta name="x-dia-chi" content="{{ page.url }}">\n', 1
            ),
            encoding="utf-8",
        )
        overrides = copied
    config["theme"]["custom_dir"] = str(overrides)
    config.update(hooks=[hooks], docs_dir=str(CODE_ROOT / "docs"), **extra)
    path = base / f"{name}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def _own_loop_hooks(base: Path) -> str:
    """A hook file registering none of the events the generated pages are written outside
    mkdocs' loop with: every page is rendered by the theme and written by mkdocs."""
    path = base / "own_loop.py"
    path.write_text(
        "from cchc.site_hook import on_config, on_files, on_page_content, on_page_markdown, on_post_build\n",
        encoding="utf-8",
    )
    return str(path)


def _both(
    base: Path, root: Path, printed_url: bool = False, processes: int = 2, **extra: object
) -> tuple[Path, Path, int]:
    """The site built with stamped frames and by mkdocs' own loop; how many pages were stamped."""
    with without_markup_check():
        repo = repository.load(root)
    results = results_mod.compute(repo)
    hooks = str(CODE_ROOT / "hooks" / "cchc_site.py")
    stamped_site, own_site = base / "stamped", base / "own"
    config = _config(base, "stamped", hooks, printed_url, **extra)
    assert build_site(root, config, stamped_site, repo, results, processes=processes) == 0
    stamped = site_build.TIMINGS["stamped"]
    config = _config(base, "own", _own_loop_hooks(base), printed_url, **extra)
    assert build_site(root, config, own_site, repo, results) == 0
    return stamped_site, own_site, stamped


# Unit names (page titles and descriptions) with markup, quotes and the stand-ins themselves
HOSTILE = {
    "Sở Tư pháp": "Sở Tư pháp </title><b a=\"1\">&amp; 'x'".replace("'", "\u2019") + STAND_IN["description"],
    "Sở Tài chính": "Sở Tài chính " + STAND_IN["title"] + " & " + STAND_IN["canonical"],
    "Sở Y tế": "Sở   Y tế <script>alert(1)</script>",
}


def test_hostile_titles_are_stamped_as_the_theme_prints_them(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("province.yaml", "criteria", "units", "plans", "surveys", "submissions"):
        src = CODE_ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    units = root / "units" / "so.yaml"
    text = units.read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert text.count(f"name: {old}\n") == 1
        text = text.replace(f"name: {old}\n", f"name: {json.dumps(new, ensure_ascii=False)}\n")
    units.write_text(text, encoding="utf-8")
    titles = []
    real = stamps.stamp
    monkeypatch.setattr(stamps, "stamp", lambda frame, values: titles.append(values["title"]) or real(frame, values))
    stamped_site, own_site, stamped = _both(tmp_path, root, processes=1)
    assert stamped > 80  # the unit pages but their shape's first and last
    assert all(any(str(escape(name)) in title for title in titles) for name in HOSTILE.values())
    assert _tree(stamped_site) == _tree(own_site)
    page = (stamped_site / "don-vi" / "so-y-te.html").read_text(encoding="utf-8")
    assert "Sở   Y tế &lt;script&gt;alert(1)&lt;/script&gt; - " in page


def test_the_hostile_mini_repository_too(tmp_path):
    root = hostile_repo(tmp_path / "repo")
    stamped_site, own_site, stamped = _both(tmp_path, root)
    assert stamped > 0
    assert _tree(stamped_site) == _tree(own_site)


def test_pages_with_a_published_address_are_stamped_with_their_own(tmp_path):
    root = build_mini(tmp_path / "repo")
    stamped_site, own_site, stamped = _both(tmp_path, root, site_url="https://so-noi-vu.example/chi-so/")
    assert stamped > 0
    assert _tree(stamped_site) == _tree(own_site)
    page = (stamped_site / "nam" / "2025" / "so" / "1.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://so-noi-vu.example/chi-so/nam/2025/so/1.html">' in page


def test_a_theme_printing_more_of_the_page_is_not_stamped(tmp_path):
    root = build_mini(tmp_path / "repo")
    stamped_site, own_site, stamped = _both(tmp_path, root, printed_url=True)
    assert stamped == 0
    assert _tree(stamped_site) == _tree(own_site)
    page = (stamped_site / "nam" / "2025" / "so" / "2.2.html").read_text(encoding="utf-8")
    assert '<meta name="x-dia-chi" content="nam/2025/so/2.2.html">' in page
