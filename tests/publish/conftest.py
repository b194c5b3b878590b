"""Fixtures for site tests: the sample province built once, served on localhost, and
headless Chromium from Debian's package driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from browsers import chromium, record_outside_requests
from cchc.cli.main import main

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    assert main(["build", "--root", str(REPO), "--out", str(out)]) == 0
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="session")
def served(sample_site):
    handler = functools.partial(_Quiet, directory=str(sample_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's sync API keeps an event loop running in this thread while
    # it is open, which later tests that call asyncio.run (pyHanko signing) cannot share.
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    record_outside_requests(pg)
    yield pg
    context.close()
