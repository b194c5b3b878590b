"""Fixtures for site tests: the sample province built once, served on localhost, and
headless Chromium from Debian's package driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsers import record_outside_requests, serve_folder

from cchc.cli.main import main

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    assert main(["build", "--root", str(REPO), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def served(sample_site):
    with serve_folder(sample_site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    record_outside_requests(pg)
    yield pg
    context.close()
