"""`cchc build --site-url` / CCHC_SITE_URL: where the site is published (the browser test
tests/publish/test_subpath.py serves a site built this way under a sub-path); an output folder
that holds the repository is refused before anything is touched."""

from __future__ import annotations

import pytest

from cchc.cli.build import site_url
from cchc.cli.main import main


def test_the_option_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv("CCHC_SITE_URL", "https://env.example/a/")
    assert site_url("https://so-noi-vu.github.io/cchc-tinh/") == "https://so-noi-vu.github.io/cchc-tinh/"
    assert site_url(None) == "https://env.example/a/"


def test_a_folder_address_ends_with_a_slash(monkeypatch):
    monkeypatch.delenv("CCHC_SITE_URL", raising=False)
    assert site_url("https://trang.tinh.gov.vn/cchc") == "https://trang.tinh.gov.vn/cchc/"
    assert site_url(None) is None  # mkdocs.yml's own site_url, if any
    monkeypatch.setenv("CCHC_SITE_URL", "  ")
    assert site_url("") is None


@pytest.mark.parametrize("out", [".", ".."])
def test_an_output_folder_holding_the_repository_is_refused(tmp_path, capsys, out):
    root = tmp_path / "kho"
    (root / "units").mkdir(parents=True)
    (root / "province.yaml").write_text("name: Tỉnh Mẫu\n", encoding="utf-8")
    (root / "units" / "so.yaml").write_text("units: []\n", encoding="utf-8")
    assert main(["build", "--root", str(root), "--out", str(root / out)]) == 2
    err = capsys.readouterr().err
    assert "chứa kho dữ liệu" in err and "--out" in err
    assert (root / "province.yaml").is_file() and (root / "units" / "so.yaml").is_file()
