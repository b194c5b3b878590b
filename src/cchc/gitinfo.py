"""What commit the repository is at (stated in every results file)."""

from __future__ import annotations

from pathlib import Path


def commit(root: Path) -> str:
    """The HEAD commit id, with '+thay-doi' when the working tree differs; '' outside Git."""
    try:
        import git

        repo = git.Repo(root, search_parent_directories=True)
        sha = repo.head.commit.hexsha
        dirty = repo.is_dirty(untracked_files=False, path=str(root))
        return sha + ("+thay-doi" if dirty else "")
    except Exception:  # not a Git checkout, or no commit yet: say so rather than guess
        return ""


def commit_date(root: Path) -> str:
    """The HEAD commit's date (YYYY-MM-DD, as committed); '' outside Git."""
    try:
        import git

        repo = git.Repo(root, search_parent_directories=True)
        return repo.head.commit.committed_datetime.date().isoformat()
    except Exception:  # not a Git checkout, or no commit yet
        return ""
