"""Shared fixtures: a small valid repository built in a temporary folder, one headless
Chromium per test module, and the markers that sort the slow tests out of the fast loop.

``tests/`` is on ``sys.path`` through ``pythonpath`` in pyproject.toml, so helper modules
(``minirepo``, ``browsers``, ``pdfs``) import by name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Kept importable from here for existing tests; new code should import from minirepo.
from minirepo import MINI, REPO_ROOT, build_mini, looks_vietnamese  # noqa: F401

# Which fixtures bring which outside program: a test that uses one gets the marker, so
# `pytest -m "not browser and not office and not node"` is the fast loop.
MARKERS_BY_FIXTURE = {
    "browser": "browser",
    "page": "browser",
    "decap_server": "node",
    "editor": "node",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for fixture, marker in MARKERS_BY_FIXTURE.items():
            if fixture in fixtures:
                item.add_marker(marker)


@pytest.fixture
def mini_repo(tmp_path: Path) -> Path:
    return build_mini(tmp_path / "repo")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium for one test module (the one launcher in ``browsers``). Module scope:
    Playwright's sync API keeps an event loop running in this thread while it is open, which
    later tests that call asyncio.run (pyHanko signing) cannot share."""
    from browsers import chromium

    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def _evidence_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("evidence-cache")


@pytest.fixture
def shared_evidence_cache(_evidence_cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt-in (``pytest.mark.usefixtures``): one evidence-facts cache folder for the session,
    so the same test PDF (tests/pdfs.py makes identical bytes) is parsed once, not per test.
    The variable is set for the using test only."""
    monkeypatch.setenv("CCHC_CACHE_DIR", str(_evidence_cache_dir))
