"""Receipts: what each unit had submitted when entry closed, recorded as Git tags.

When a unit's self-assessment deadline passes, the scheduled close job (``close``) tags the
commit the unit had submitted at that moment: ``nop/<year>/<unit>`` ("nộp", received), or
``chua-nop/<year>/<unit>`` on the main branch when nothing was submitted. Tags are durable
and need no server of ours. After the lock, a pull request's scores and evidence must equal
the receipt's; with no receipt yet, they must equal the base (the pull request changes none).
"""

from __future__ import annotations

from . import paths as P
from .gitrepo import Git

RECEIVED, MISSING = "nop", "chua-nop"


def tag_name(kind: str, year: int, unit: str) -> str:
    return f"{kind}/{year}/{unit}"


def reference(git: Git, year: int, unit: str, fallback: str) -> tuple[str, str | None]:
    """(commit to compare with, receipt tag name or None)."""
    name = tag_name(RECEIVED, year, unit)
    target = git.tag(name)
    return (target, name) if target else (fallback, None)


def locked_changes(git: Git, ref: str, head: str, year: int, unit: str) -> list[P.Changed]:
    """The unit's scores and evidence that differ between ``ref`` and ``head``."""
    folder = f"submissions/{year}/{unit}"
    found = git.changes(ref, head, f"{folder}/self-assessment.yaml", f"{folder}/evidence")
    return [P.classify(c.path, c.status) for c in found]
