"""The search index is made from copies of the pages with what Pagefind leaves out emptied: it
is the same, byte for byte, as Pagefind makes from the published pages themselves, laid out in
path order; and the same whatever order the pages were written in, by whichever process."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cchc.publish.site import build as site_build
from cchc.publish.site import search
from cchc.publish.site.searched import searchable


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _pagefind(site: Path, out: Path) -> dict[str, bytes]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", site_build.SEARCH_GLOB]
    subprocess.run([*command, "--force-language", "vi", "--output-path", str(out)], check=True, capture_output=True)
    return _files(out)


def test_index_equals_pagefind_over_the_published_pages(sample_site: Path, tmp_path: Path) -> None:
    # The published searched pages, whole, made in path order where the build lays out its copies.
    published = search.site_pages(sample_site)
    laid_out = search.folder_for(sum(p.stat().st_size for _, p in published), tmp_path)
    try:
        for dest, path in sorted(published):
            (laid_out / dest).parent.mkdir(parents=True, exist_ok=True)
            (laid_out / dest).write_bytes(path.read_bytes())
        direct = _pagefind(laid_out, tmp_path / "pagefind")
    finally:
        shutil.rmtree(laid_out, ignore_errors=True)
    built = _files(sample_site / "pagefind")
    assert any(name.startswith("fragment/") for name in built)
    assert built == direct


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
    site_build._SEARCHED["copies"] = search.Copies(searched)
    site_build.DONE.update(f.src_uri for f in generated)
    try:
        site_build.start_search(site, Files([*generated, page("gioi-thieu.md")]))  # not searched
        assert len(site_build._SEARCH) == 1
        site_build.abandon_search()
        site_build.start_search(site, Files([*generated, page("phuong-phap/ghi-chu.md")]))
        assert site_build._SEARCH == []
    finally:
        site_build.discard()


def _page(i: int) -> tuple[str, str, str, str]:
    dest = "index.html" if i == 0 else f"don-vi/don-vi-{i:02d}.html" if i % 3 else f"nam/2025/nhom-{i:02d}.html"
    before = f'<html lang="vi"><head><title>Trang {i}</title></head><body><nav>menu</nav><main>'
    return dest, before, f"<h1>Đơn vị số {i}</h1><p>Sở Tư pháp {i} · điểm {i * 7}</p>", "</main></body></html>"


def _keep_reversed(copies: search.Copies, pages: list[tuple[str, str, str, str]]) -> None:
    for page in reversed(pages):
        copies.keep(*page)


def test_copies_kept_in_any_order_by_any_process_give_the_same_index(tmp_path: Path) -> None:
    """Pagefind numbers pages in the order their folder lists them: the copies are laid out in
    path order, so the order the pages were written in, and by whom, does not matter."""
    pages = [_page(i) for i in range(24)]
    in_order, mixed = search.Copies(tmp_path / "a"), search.Copies(tmp_path / "b")
    for copies in (in_order, mixed):
        copies.staging.mkdir()
    for page in pages:
        in_order.keep(*page)
    worker = multiprocessing.get_context("fork").Process(target=_keep_reversed, args=(mixed, pages[12:]))
    worker.start()
    worker.join()
    assert worker.exitcode == 0
    _keep_reversed(mixed, pages[:12])
    assert len(list(mixed.staging.glob("*.copies"))) == 2  # a journal per process
    try:
        first, second = in_order.lay_out(), mixed.lay_out()
        assert _files(first) == _files(second)
        assert sorted(_files(first)) == sorted(dest for dest, *_ in pages)
        assert _files(first)["index.html"] == searchable("".join(pages[0][1:])).encode("utf-8")
        for folder in ("", "don-vi", "nam/2025"):  # listed in the same order, whatever the filesystem
            assert os.listdir(first / folder) == os.listdir(second / folder)
        assert _pagefind(first, tmp_path / "pf-a") == _pagefind(second, tmp_path / "pf-b")
    finally:
        in_order.remove()
        mixed.remove()
    assert in_order.folder is None and not first.exists()


def test_a_copy_cut_short_is_left_out_and_pages_not_searched_are_not_kept(tmp_path: Path) -> None:
    """A worker that dies while writing leaves a record cut short: its pages were written again
    by another process, and the rest of the journal still reads."""
    copies = search.Copies(tmp_path)
    copies.keep(*_page(1))
    copies.keep("tai-ve.html", "<html>", "tải về", "</html>")  # not searched
    copies.keep("admin/index.html", "<html>", "quản trị", "</html>")
    journal = next(tmp_path.glob("*.copies"))
    whole = journal.read_bytes()
    copies.keep(*_page(2))
    with open(journal, "r+b") as fh:
        fh.truncate(len(journal.read_bytes()) - 5)
    assert list(copies.kept()) == ["don-vi/don-vi-01.html"]
    assert journal.read_bytes().startswith(whole)


def test_copies_go_on_disk_when_memory_has_no_room(tmp_path: Path) -> None:
    on_disk = search.folder_for(None, tmp_path)
    assert on_disk.parent == tmp_path and on_disk.name.startswith(search.PREFIX)
    assert search.folder_for(1 << 62, tmp_path).parent == tmp_path  # no machine has that much memory free


def test_copies_go_in_memory_when_there_is_room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memory = tmp_path / "shm"
    memory.mkdir()
    monkeypatch.setattr(search, "MEMORY", memory)
    assert search.folder_for(1 << 20, tmp_path).parent == memory
    monkeypatch.setattr(search, "MEMORY", tmp_path / "none")  # a machine without one: on disk
    assert search.folder_for(1 << 20, tmp_path).parent == tmp_path


def test_copies_laid_out_again_replace_the_first_layout(tmp_path: Path) -> None:
    """A search begun early and stopped (a failed build) leaves no folder behind when the
    copies are laid out again."""
    copies = search.Copies(tmp_path)
    copies.keep(*_page(1))
    first = copies.lay_out()
    second = copies.lay_out()
    try:
        assert not first.exists()
        assert _files(second) == {"don-vi/don-vi-01.html": searchable("".join(_page(1)[1:])).encode("utf-8")}
    finally:
        copies.remove()
    assert not second.exists()


def test_memory_left_by_a_killed_build_is_removed_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build killed before it removed its copies leaves them in memory until the machine
    restarts: the next build removes the folders of processes that are gone, never a live one's."""
    memory = tmp_path / "shm"
    memory.mkdir()
    monkeypatch.setattr(search, "MEMORY", memory)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = memory / f"{search.PREFIX}{int(gone.stdout)}-abc"
    live = memory / f"{search.PREFIX}{os.getppid()}-def"
    other = memory / "cchc-trang-1-x"  # not a searched-copies folder
    for folder in (dead, live, other):
        (folder / "don-vi").mkdir(parents=True)
    made = search.folder_for(1 << 10, tmp_path)
    assert made.parent == memory and made.name.startswith(f"{search.PREFIX}{os.getpid()}-")
    assert not dead.exists() and live.exists() and other.exists()
