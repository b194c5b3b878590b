"""Shared fixtures: a small valid repository built in a temporary folder."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
sys.path.insert(0, str(TESTS))

from pdfs import write_scan  # noqa: E402

MINI = TESTS / "fixtures" / "mini"
REPO_ROOT = TESTS.parent


def build_mini(target: Path) -> Path:
    shutil.copytree(MINI, target)
    ev = target / "submissions" / "2025" / "so-a" / "evidence"
    write_scan(ev / "ke-hoach.pdf", pages=2, text="KE HOACH 5/KH-SA")
    write_scan(ev / "bao-cao.pdf", pages=1, text="BAO CAO 10/BC-SA")
    return target


@pytest.fixture
def mini_repo(tmp_path) -> Path:
    return build_mini(tmp_path / "repo")
