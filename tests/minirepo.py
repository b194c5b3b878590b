"""Helpers for tests, importable by name from any test folder (``from minirepo import …``):
the small valid base repository, and what a Vietnamese message must look like.

They live here rather than in conftest.py: a test folder without ``__init__.py`` may bring
its own conftest.py, and then ``from conftest import`` finds whichever was imported last.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pdfs import write_scan

TESTS = Path(__file__).parent
MINI = TESTS / "fixtures" / "mini"
REPO_ROOT = TESTS.parent


def build_mini(target: Path) -> Path:
    """The mini repository (tests/fixtures/mini) copied to ``target``, with its evidence PDFs."""
    shutil.copytree(MINI, target)
    ev = target / "submissions" / "2025" / "so-a" / "evidence"
    write_scan(ev / "ke-hoach.pdf", pages=2, text="KE HOACH 5/KH-SA")
    write_scan(ev / "bao-cao.pdf", pages=1, text="BAO CAO 10/BC-SA")
    return target


def copy_sample(target: Path, names: tuple[str, ...]) -> Path:
    """The bundled sample province's ``names`` (files and folders) copied into a new folder ``target``."""
    target.mkdir()
    for name in names:
        src = REPO_ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, target / name)
    return target


VIETNAMESE = set("ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
ENGLISH_TELLS = (
    "is not of type",
    "is a required property",
    "does not match",
    "is not valid under",
    "Additional properties",
    "found character",
    "expected",
    "Traceback",
    "Error:",
)


def looks_vietnamese(text: str) -> bool:
    """A sentence a Vietnamese user can read: Vietnamese letters, and none of the English
    phrases the underlying libraries would produce."""
    lowered = text.lower()
    return any(c in VIETNAMESE for c in lowered) and not any(t.lower() in lowered for t in ENGLISH_TELLS)
