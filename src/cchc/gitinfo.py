"""What commit the repository is at (stated in every results file)."""

from __future__ import annotations

from pathlib import Path

from .vcs import head_date, head_state


def commit(root: Path) -> str:
    """The HEAD commit id, with '+thay-doi' when the working tree differs; '' outside Git."""
    state = head_state(root)
    if state is None:  # not a Git checkout, or no commit yet: say so rather than guess
        return ""
    sha, dirty = state
    return sha + ("+thay-doi" if dirty else "")


def commit_date(root: Path) -> str:
    """The HEAD commit's date (YYYY-MM-DD, as committed); '' outside Git."""
    return head_date(root) or ""
