"""Shared fixtures: a small valid repository built in a temporary folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
sys.path.insert(0, str(TESTS))

# Kept importable from here for existing tests; new code should import from minirepo.
from minirepo import MINI, REPO_ROOT, build_mini, looks_vietnamese  # noqa: E402,F401


@pytest.fixture
def mini_repo(tmp_path) -> Path:
    return build_mini(tmp_path / "repo")


@pytest.fixture(scope="session")
def _evidence_cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("evidence-cache")


@pytest.fixture
def shared_evidence_cache(_evidence_cache_dir, monkeypatch) -> None:
    """Opt-in (``pytest.mark.usefixtures``): one evidence-facts cache folder for the session,
    so the same test PDF (tests/pdfs.py makes identical bytes) is parsed once, not per test.
    The variable is set for the using test only."""
    monkeypatch.setenv("CCHC_CACHE_DIR", str(_evidence_cache_dir))

