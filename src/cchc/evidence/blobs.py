"""Git blob ids of repository files: what the cache and the cross-checks key on.

A blob id is what ``git hash-object`` prints: sha1(b"blob <size>\\0" + content). For a
Git checkout the ids come from the index (``git ls-files -s``) without reading the
files, except for files Git reports as changed (``git diff-files``) or does not track,
which are hashed here. Outside Git every file is hashed. For a file kept in Git LFS the
index holds the pointer's id; equal pointers mean equal content, so it serves as well.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from .. import vcs
from ..vcs import blob_id as hash_file

__all__ = ["BlobIds", "hash_file"]


class Files(Protocol):
    """The repository's files on disk (cchc.load.source.FileSource)."""

    @property
    def root(self) -> Path: ...

    def _path(self, rel: str) -> str: ...  # the file's path on disk, once checked to be inside the root

    def is_symlink(self, rel: str) -> bool: ...

    def walk_files(self, rel: str) -> list[str]: ...


def _index(root: Path, prefix: str) -> dict[str, str] | None:
    """rel -> blob id for tracked files under ``prefix`` whose content Git says is unchanged."""
    listed = vcs.tracked(root, [prefix])
    changed = vcs.modified(root, prefix)
    if listed is None or changed is None:
        return None
    dirty = set(changed)
    return {e.path: e.blob for e in listed if e.mode in ("100644", "100755") and e.path not in dirty}


def _untracked_or_changed(root: Path, prefix: str) -> list[str] | None:
    others = vcs.untracked(root, prefix)
    changed = vcs.modified(root, prefix)
    if others is None or changed is None:
        return None
    return sorted({*others, *changed})


class BlobIds:
    """Blob ids for files under one folder of the repository (default: submissions/)."""

    def __init__(self, source: Files, prefix: str = "submissions") -> None:
        self.source = source
        self.prefix = prefix
        self._known: dict[str, str] | None = None
        self._in_git = False

    def _load(self) -> dict[str, str]:
        if self._known is None:
            index = _index(self.source.root, self.prefix)
            self._in_git = index is not None
            self._known = index or {}
        return self._known

    def of(self, rel: str) -> str | None:
        """The blob id of ``rel`` (a regular file inside the repository), or None."""
        known = self._load()
        if rel not in known:
            try:
                known[rel] = hash_file(self.source._path(rel))
            except (OSError, ValueError):
                return None
        return known[rel]

    def under(self, prefix: str) -> dict[str, str]:
        """rel -> blob id for every regular file under ``prefix`` (links are not followed)."""
        out = {}
        root = self.source.root
        known = self._load()
        if self._in_git:
            # Git already knows every clean tracked file's id (links have their own mode and
            # are not listed); only new and edited files are read and hashed.
            start = prefix.rstrip("/") + "/"
            out = {rel: blob for rel, blob in known.items() if rel.startswith(start)}
            extra = _untracked_or_changed(root, prefix)
            if extra is not None:
                for rel in extra:
                    full = os.path.join(root, rel)
                    if not self.source.is_symlink(rel) and os.path.isfile(full) and not os.path.islink(full):
                        blob = self.of(rel)
                        if blob:
                            out[rel] = blob
                return out
        for rel in self.source.walk_files(prefix):  # walks without following folder links
            full = os.path.join(root, rel)
            if os.path.isfile(full) and not os.path.islink(full):
                blob = self.of(rel)
                if blob:
                    out[rel] = blob
        return out
