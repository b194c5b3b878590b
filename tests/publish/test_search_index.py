"""The search index is made from copies of the pages with what Pagefind leaves out emptied: it
is the same, byte for byte, as Pagefind makes from the published pages themselves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cchc.publish.site import build as site_build
from cchc.publish.site.searched import searchable


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_index_equals_pagefind_over_the_published_pages(sample_site: Path, tmp_path: Path) -> None:
    direct = tmp_path / "pagefind"
    command = [sys.executable, "-m", "pagefind", "--site", str(sample_site), "--glob", site_build.SEARCH_GLOB]
    command += ["--force-language", "vi", "--output-path", str(direct)]
    subprocess.run(command, check=True, capture_output=True)
    built = _files(sample_site / "pagefind")
    assert any(name.startswith("fragment/") for name in built)
    assert built == _files(direct)


def test_searchable_empties_ignored_elements_nested_or_not() -> None:
    text = (
        "<p>Sở Tư pháp</p><div data-pagefind-ignore><div class='x'><ul><li>bảng</li></ul></div>"
        '<div>chi tiết</div></div><ul class="cchc-standings" data-pagefind-ignore><li>a</li><ul><li>b</li></ul></ul>'
        '<div class="cchc-scroll" data-pagefind-ignore="all"><table></table></div><p>cuối</p>'
    )
    assert searchable(text) == (
        "<p>Sở Tư pháp</p><div data-pagefind-ignore></div>"
        '<ul class="cchc-standings" data-pagefind-ignore></ul>'
        '<div class="cchc-scroll" data-pagefind-ignore="all"></div><p>cuối</p>'
    )
    # an element that is never closed: the text is left as it is (Pagefind reads what it reads)
    assert (
        searchable("<p>a</p><div data-pagefind-ignore><div></div>") == "<p>a</p><div data-pagefind-ignore><div></div>"
    )
    # an attribute that only begins with the name is not the marker
    assert searchable("<div data-pagefind-ignored>x</div>") == "<div data-pagefind-ignored>x</div>"


def test_searchable_empties_what_pagefind_never_reads() -> None:
    """The theme's head, navigation (nested), scripts, SVG icons, labels and footer; the
    elements stay, so that one with an id is still an anchor; a <header> is read."""
    text = (
        '<html lang="vi"><head><title>T</title><script>var a = "<nav>";</script></head><body>'
        '<header class="md-header"><nav class="md-header__inner"><label for="__drawer"><svg viewBox="0 0 24 24">'
        '<path d="M3"/></svg></label></nav></header><nav class="md-tabs"><ul><li><nav>x</nav></li></ul></nav>'
        '<article><h1 id="noi-dung">Sở Nội vụ</h1><svg class="i"/><p>đoạn</p></article>'
        '<footer class="md-footer"><nav>y</nav></footer><script id="__config">{"a": "</p>"}</script></body></html>'
    )
    assert searchable(text) == (
        '<html lang="vi"><head></head><body><header class="md-header"><nav class="md-header__inner"></nav></header>'
        '<nav class="md-tabs"></nav><article><h1 id="noi-dung">Sở Nội vụ</h1><svg class="i"/><p>đoạn</p></article>'
        '<footer class="md-footer"></footer><script id="__config"></script></body></html>'
    )


def test_the_index_begins_before_mkdocs_writes_the_other_pages_unless_one_of_them_is_searched(tmp_path: Path) -> None:
    """Pagefind starts once the generated pages are written (their searched copies are all it
    reads) while mkdocs copies the theme's files; a hand-written page among the searched ones
    (a province's own note under phuong-phap/) is written later: the index then waits for it."""
    from mkdocs.structure.files import File, Files

    docs, site, searched = tmp_path / "docs", tmp_path / "site", tmp_path / "tim-kiem"
    for folder in (docs, site, searched):
        folder.mkdir()

    def page(src: str) -> File:
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text("# x\n", encoding="utf-8")
        return File(src, str(docs), str(site), use_directory_urls=False)

    generated = [page("index.md"), page("don-vi/so-a.md")]
    site_build.discard()
    site_build._SEARCHED["dir"] = searched
    site_build.DONE.update(f.src_uri for f in generated)
    try:
        site_build.start_search(site, Files([*generated, page("gioi-thieu.md")]))  # not searched
        assert len(site_build._SEARCH) == 1
        site_build.abandon_search()
        site_build.start_search(site, Files([*generated, page("phuong-phap/ghi-chu.md")]))
        assert site_build._SEARCH == []
    finally:
        site_build.discard()
