"""The search index is made from copies of the pages without what Pagefind ignores: it is the
same, byte for byte, as Pagefind makes from the published pages themselves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cchc.publish.site import build as site_build


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


def test_searchable_leaves_out_ignored_elements_nested_or_not() -> None:
    text = (
        "<p>Sở Tư pháp</p><div data-pagefind-ignore><div class='x'><ul><li>bảng</li></ul></div>"
        '<div>chi tiết</div></div><ul class="cchc-standings" data-pagefind-ignore><li>a</li><ul><li>b</li></ul></ul>'
        '<div class="cchc-scroll" data-pagefind-ignore="all"><table></table></div><p>cuối</p>'
    )
    assert site_build.searchable(text) == "<p>Sở Tư pháp</p><p>cuối</p>"
    # an element that is never closed: the text is left as it is (Pagefind reads what it reads)
    assert site_build.searchable("<p>a</p><div data-pagefind-ignore><div></div>") == (
        "<p>a</p><div data-pagefind-ignore><div></div>"
    )
    # an attribute that only begins with the name is not the marker
    assert site_build.searchable("<div data-pagefind-ignored>x</div>") == "<div data-pagefind-ignored>x</div>"
