"""What a dossier folder holds: every entry below it and its kind, from the disk or from Git.

A dossier may hold regular files and folders only (``checks/entries.py`` says so). Git can
also store a symbolic link (mode 120000) and a gitlink (160000: a submodule, a commit of
another repository); a disk can also hold FIFOs, sockets and devices. Both sources answer
alike for the same content, so ``cchc validate`` (the working tree) and ``cchc check-pr``
(the pull request's Git tree) judge a dossier the same way.

On disk a gitlink is an empty folder (a submodule not checked out) or a folder with its own
``.git``: the Git index tells the first, the ``.git`` entry the second. Where the index
records a link that the disk holds as a plain file (Git on Windows without symlink
support writes the link's target as text), the index is believed.
"""

from __future__ import annotations

import bisect
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .. import vcs
from ..model.repository import FILE, FOLDER, GITLINK, LINK, SPECIAL, Entry, Listing

__all__ = ["FILE", "FOLDER", "GITLINK", "LINK", "SPECIAL", "Disk", "Entry", "GitTree", "Listing"]

_MODES = {"040000": FOLDER, "100644": FILE, "100755": FILE, "120000": LINK, "160000": GITLINK}
# What a disk listing asks the Git index about: links and gitlinks.
_RECORDED = tuple(mode for mode, kind in _MODES.items() if kind in (LINK, GITLINK))


class GitTree:
    """Entries as a Git tree records them, from ``(mode, path)`` pairs of ``git ls-tree -r -t``."""

    def __init__(self, records: Iterable[tuple[str, str]]):
        kinds = {path: _MODES.get(mode, SPECIAL) for mode, path in records}
        self._paths = sorted(kinds)
        self._kinds = kinds

    def entries(self, folder: str) -> list[Entry]:
        if folder not in self._kinds:
            return []
        start = folder + "/"
        lo = bisect.bisect_left(self._paths, start)
        hi = bisect.bisect_left(self._paths, start + "\U0010ffff")
        return [Entry(p, self._kinds[p]) for p in [folder, *self._paths[lo:hi]]]


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return LINK
    if stat.S_ISDIR(mode):
        return FOLDER
    return FILE if stat.S_ISREG(mode) else SPECIAL


def _entry_kind(entry: os.DirEntry[str]) -> str | None:
    """What ``_kind`` says of the entry's lstat, from the type its folder's listing gives (no
    call per entry on most file systems); None when it is gone."""
    try:
        if entry.is_symlink():
            return LINK
        if entry.is_dir(follow_symlinks=False):
            return FOLDER
        return FILE if entry.is_file(follow_symlinks=False) else _kind(entry.stat(follow_symlinks=False).st_mode)
    except OSError:
        return None


class Disk:
    """Entries of a working tree. ``prefixes`` limit what the Git index is asked about."""

    def __init__(self, root: Path | str, prefixes: list[str]):
        self.root = Path(root)
        self.prefixes = prefixes
        self._index: dict[str, str] | None = None

    def _recorded(self) -> dict[str, str]:
        """Links and gitlinks as the Git index records them (nothing outside a Git work tree)."""
        if self._index is None:
            self._index = {}
            for entry in vcs.tracked(self.root, self.prefixes, modes=_RECORDED) or []:
                self._index[entry.path] = _MODES[entry.mode]
        return self._index

    def _of(self, rel: str) -> str | None:
        try:
            kind = _kind(os.lstat(self.root / rel).st_mode)
        except (OSError, ValueError):
            return None
        return self._as_recorded(rel, kind)

    def _as_recorded(self, rel: str, kind: str) -> str:
        if kind == FOLDER and os.path.lexists(os.path.join(self.root, rel, ".git")):
            return GITLINK  # a repository of its own, whether or not the index knows it
        recorded = self._recorded().get(rel)
        if recorded is not None and (recorded, kind) in ((GITLINK, FOLDER), (LINK, FILE)):
            return recorded
        return kind

    def entries(self, folder: str) -> list[Entry]:
        kind = self._of(folder)
        if kind is None:
            return []
        out, todo = [Entry(folder, kind)], [folder] if kind == FOLDER else []
        while todo:  # a loop, not recursion: a hostile tree may be thousands of folders deep
            rel = todo.pop()
            try:
                with os.scandir(os.path.join(self.root, rel)) as found:
                    children = [(f"{rel}/{e.name}", _entry_kind(e)) for e in found]
            except OSError:
                continue
            for child, seen in children:
                if seen is None:
                    continue
                kind = self._as_recorded(child, seen)
                out.append(Entry(child, kind))
                if kind == FOLDER:
                    todo.append(child)
        return sorted(out)
