"""Git, for the whole package: every Git operation goes through here (a test holds it).

Built on GitPython's object API (commits, trees, blobs, tags); what GitPython has no API, or no
fast API, for runs as a ``git`` command through GitPython's runner in ``command`` (each place
says why). Every failure is one ``GitError`` with a Vietnamese message; the commands render it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import GitError
from .worktree import (
    IndexEntry,
    IndexRecords,
    as_committed,
    blob_id,
    head_date,
    head_state,
    index_records,
    init_repository,
    look_ahead,
    modified,
    snapshot,
    staged,
    tracked,
    untracked,
)

if TYPE_CHECKING:
    from .repo import Change, Git, check_rev


__all__ = [
    "Change",
    "Git",
    "GitError",
    "IndexEntry",
    "IndexRecords",
    "as_committed",
    "blob_id",
    "check_rev",
    "head_date",
    "head_state",
    "index_records",
    "init_repository",
    "look_ahead",
    "modified",
    "snapshot",
    "staged",
    "tracked",
    "untracked",
]


def __getattr__(name: str) -> Any:
    """``Git``, ``Change`` and ``check_rev`` load GitPython (0.1 s) when first used, not on import."""
    if name in ("Change", "Git", "check_rev"):
        return getattr(importlib.import_module(".repo", __name__), name)
    raise AttributeError(name)
