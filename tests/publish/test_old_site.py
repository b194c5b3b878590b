"""The last build's files are cleared from the output folder in the background (cchc.publish.
site.old), as mkdocs would clear them: every entry but those whose name starts with a dot."""

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


def test_the_last_build_is_cleared_and_dot_entries_stay(tmp_path):
    site = tmp_path / "site"
    _last_build(site)
    old = OldSite(site)
    old.wait()
    assert sorted(p.name for p in site.iterdir()) == [".git", ".nojekyll"]
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8").startswith("ref:")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # nothing left aside


def test_no_folder_or_an_empty_one_is_left_alone(tmp_path):
    OldSite(tmp_path / "missing").wait()
    (tmp_path / "empty").mkdir()
    OldSite(tmp_path / "empty").wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_a_linked_output_folder_is_left_to_mkdocs(tmp_path):
    real = tmp_path / "real"
    _last_build(real)
    (tmp_path / "site").symlink_to(real)
    OldSite(tmp_path / "site").wait()
    assert (real / "index.html").is_file()


def test_an_output_folder_holding_the_data_or_the_configuration_is_left_to_mkdocs(tmp_path):
    """`cchc build --out .`: nothing is moved before mkdocs has checked the folders."""
    _last_build(tmp_path)
    (tmp_path / "province.yaml").write_text("name: Tỉnh Mẫu\n", encoding="utf-8")
    OldSite(tmp_path, keep=(tmp_path,)).wait()
    OldSite(tmp_path, keep=(tmp_path / "cau-hinh",)).wait()
    assert (tmp_path / "province.yaml").is_file() and (tmp_path / "index.html").is_file()
    assert not list(tmp_path.glob(".cchc-trang-cu-*"))
