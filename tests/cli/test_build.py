"""`cchc build --site-url` / CCHC_SITE_URL: where the site is published (the browser test
tests/publish/test_subpath.py serves a site built this way under a sub-path)."""

from __future__ import annotations

from cchc.cli.build import site_url


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
