"""What Git knows about a working tree that may or may not be in Git (None: not in Git, or Git
failed; the caller then reads the disk). Paths are relative to the folder asked about, as
``git -C <folder>`` prints them.

Commands, through GitPython's runner: GitPython's own index reader parses all of
``.git/index`` in Python (144 ms for a province of 15,000 files, against 12 ms for
``git ls-files -s``), and it has no counterpart of ``git diff-files`` or ``git ls-files --others``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import command
from .errors import GitError

TIMEOUT = 60  # seconds: a work tree too large or a disk too slow to list means "read the disk"


@dataclass(frozen=True)
class IndexEntry:
    mode: str  # 100644, 100755 (files), 120000 (link), 160000 (gitlink)
    blob: str  # object id (a gitlink's commit)
    path: str


def blob_id(path: Path | str) -> str:
    """The Git blob id of a file on disk, as ``git hash-object --no-filters`` computes it:
    sha1(b"blob <size>\\0" + content), read in chunks."""
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        h.update(b"blob %d\0" % os.fstat(fh.fileno()).st_size)
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _paths(root: Path | str, *args: str) -> list[bytes] | None:
    try:
        done = command.run(command.runner(root), *args, timeout=TIMEOUT)
    except GitError:
        return None
    return [p for p in done.out.split(b"\0") if p] if done.ok else None


def tracked(root: Path | str, prefixes: Sequence[str]) -> list[IndexEntry] | None:
    """The index's entries below ``prefixes`` (``git ls-files -s``)."""
    records = _paths(root, "ls-files", "-s", "-z", "--", *prefixes)
    if records is None:
        return None
    out = []
    for record in records:
        meta, _, path = record.partition(b"\t")
        mode, _, rest = meta.decode("ascii", "replace").partition(" ")
        out.append(IndexEntry(mode, rest.partition(" ")[0], os.fsdecode(path)))
    return out


def modified(root: Path | str, prefix: str) -> list[str] | None:
    """Tracked files below ``prefix`` whose content on disk differs from the index (``git diff-files``)."""
    found = _paths(root, "diff-files", "--name-only", "-z", "--relative", "--", prefix)
    return None if found is None else [os.fsdecode(p) for p in found]


def untracked(root: Path | str, prefix: str) -> list[str] | None:
    """Files below ``prefix`` that Git does not track and does not ignore."""
    found = _paths(root, "ls-files", "--others", "--exclude-standard", "-z", "--", prefix)
    return None if found is None else [os.fsdecode(p) for p in found]


def init_repository(target: Path, branch: str = "main") -> bool:
    """An empty repository at ``target`` whose first commit will be on ``branch`` (no commit made);
    False where Git is not installed."""
    try:
        import git
    except ImportError:  # GitPython refuses to load without the git program
        return False
    git.Repo.init(target, initial_branch=branch).close()
    return True


def head_date(root: Path | str) -> str | None:
    """The HEAD commit's date (YYYY-MM-DD, as committed); None outside Git or before the first commit."""
    import git
    from git.exc import GitError as GitPythonError

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (GitPythonError, OSError):
        return None
    try:
        return str(repo.head.commit.committed_datetime.date().isoformat())
    except (GitPythonError, ValueError, OSError):
        return None
    finally:
        repo.close()


def head_state(root: Path | str) -> tuple[str, bool] | None:
    """The HEAD commit id and whether tracked files under ``root`` differ from it; None outside
    Git or before the first commit."""
    import git
    from git.exc import GitError as GitPythonError

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (GitPythonError, OSError):
        return None
    try:
        return repo.head.commit.hexsha, repo.is_dirty(untracked_files=False, path=str(root))
    except (GitPythonError, ValueError, OSError):
        return None
    finally:
        repo.close()
