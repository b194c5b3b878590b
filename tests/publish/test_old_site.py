"""The last build's files leave the output folder at once (cchc.publish.site.old), as mkdocs
would clear them: every entry but those whose name starts with a dot. They are deleted in the
background once the build may publish, or put back in place of this build's files."""

from __future__ import annotations

from pathlib import Path

from cchc.publish.site.old import OldSite


def _last_build(site: Path) -> None:
    (site / "don-vi").mkdir(parents=True)
    (site / "don-vi" / "so-a.html").write_text("cũ", encoding="utf-8")
    (site / "index.html").write_text("cũ", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")


def _new_build(site: Path) -> None:
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text("mới", encoding="utf-8")
    (site / "du-lieu").mkdir()
    (site / "du-lieu" / "ket-qua.json").write_text("{}", encoding="utf-8")


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in folder.rglob("*") if p.is_file()}


def test_the_last_build_is_cleared_and_dot_entries_stay(tmp_path):
    site = tmp_path / "site"
    _last_build(site)
    old = OldSite(site)
    assert old.safe
    assert sorted(p.name for p in site.iterdir()) == [".git", ".nojekyll"]
    old.release()
    old.wait()
    assert sorted(p.name for p in site.iterdir()) == [".git", ".nojekyll"]
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8").startswith("ref:")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # nothing left aside


def test_a_build_that_must_not_publish_puts_the_last_one_back(tmp_path):
    """The checks found an error while the pages were made: this build's files go, the last
    build's come back, dot entries untouched."""
    site = tmp_path / "site"
    _last_build(site)
    before = _files(site)
    old = OldSite(site)
    _new_build(site)
    old.restore()
    old.wait()
    assert _files(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_first_build_that_must_not_publish_leaves_no_folder(tmp_path):
    old = OldSite(tmp_path / "site")
    _new_build(tmp_path / "site")
    old.restore()
    assert list(tmp_path.iterdir()) == []


def test_once_released_this_build_stays_whatever_happens(tmp_path):
    """A failure after the checks passed (the search index) leaves this build's files."""
    site = tmp_path / "site"
    _last_build(site)
    old = OldSite(site)
    _new_build(site)
    old.release()
    old.restore()
    old.wait()
    assert _files(site) == {".git/HEAD": "ref: refs/heads/gh-pages\n", ".nojekyll": ""} | {
        "index.html": "mới",
        "du-lieu/ket-qua.json": "{}",
    }


def test_no_folder_or_an_empty_one_is_left_alone(tmp_path):
    OldSite(tmp_path / "missing").wait()
    (tmp_path / "empty").mkdir()
    OldSite(tmp_path / "empty").wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_a_linked_output_folder_is_left_to_mkdocs(tmp_path):
    real = tmp_path / "real"
    _last_build(real)
    (tmp_path / "site").symlink_to(real)
    old = OldSite(tmp_path / "site")
    old.restore()
    old.wait()
    assert not old.safe and (real / "index.html").is_file()


def test_an_output_folder_holding_the_data_or_the_configuration_is_left_to_mkdocs(tmp_path):
    """`cchc build --out .`: nothing is moved before mkdocs has checked the folders."""
    _last_build(tmp_path)
    (tmp_path / "province.yaml").write_text("name: Tỉnh Mẫu\n", encoding="utf-8")
    for keep in (tmp_path, tmp_path / "cau-hinh"):
        old = OldSite(tmp_path, keep=(keep,))
        old.restore()  # never removes anything there
        old.release()
        old.wait()
        assert not old.safe
    assert (tmp_path / "province.yaml").is_file() and (tmp_path / "index.html").is_file()
    assert not list(tmp_path.glob(".cchc-trang-cu-*"))
