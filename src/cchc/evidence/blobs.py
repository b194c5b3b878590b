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


class BlobIds:
    """Blob ids for files under one folder of the repository (default: submissions/)."""

    def __init__(self, source: Files, prefix: str = "submissions") -> None:
        self.source = source
        self.prefix = prefix
        self._hashed: dict[str, str] = {}
        self._git: tuple[vcs.IndexRecords, set[str]] | None = (
            None  # the index's entries, and files it does not describe
        )
        self._asked = False

    def _index(self) -> tuple[vcs.IndexRecords, set[str]] | None:
        """The index's entries under the folder, and the tracked files that differ from them on
        disk; None outside Git."""
        if not self._asked:
            self._asked = True
            records = vcs.index_records(self.source.root, self.prefix)
            changed = vcs.modified(self.source.root, self.prefix)
            if records is not None and changed is not None:
                self._git = records, set(changed)
        return self._git

    def _from_index(self, rel: str) -> str | None:
        index = self._index()
        if index is None or rel in index[1] or not _under(rel, self.prefix):
            return None
        return index[0].blob(rel)

    def indexed(self, rel: str) -> str | None:
        """The blob id the Git index gives for ``rel`` when the file on disk is the same (None
        otherwise, and outside Git): nothing is read or hashed."""
        return self._from_index(rel)

    def of(self, rel: str) -> str | None:
        """The blob id of ``rel`` (a regular file inside the repository), or None."""
        blob = self._from_index(rel)
        if blob is not None:
            return blob
        if rel not in self._hashed:
            try:
                self._hashed[rel] = hash_file(self.source._path(rel))
            except (OSError, ValueError):
                return None
        return self._hashed[rel]

    def under(self, prefix: str) -> dict[str, str]:
        """rel -> blob id for every regular file under ``prefix`` (links are not followed)."""
        index = self._index()
        extra = None if index is None else self._extra(prefix)
        if index is None or extra is None:
            return self._walked(prefix)
        records, changed = index
        # Git already knows every clean tracked file's id (links have their own mode and are
        # not listed); only new and edited files are read and hashed.
        return {
            rel: blob for rel, blob in records.regular().items() if _under(rel, prefix) and rel not in changed
        } | extra

    def holding(self, blobs: set[str]) -> dict[str, str]:
        """rel -> blob id for the regular files under the folder whose content is one of ``blobs``:
        what ``under(prefix)`` gives for those blob ids, without listing every other file's id."""
        index = self._index()
        extra = None if index is None else self._extra(self.prefix)
        if index is None or extra is None:
            return {rel: blob for rel, blob in self.under(self.prefix).items() if blob in blobs}
        records, changed = index
        held = records.holding({b for b in blobs if isinstance(b, str) and len(b) == 40 and b.isalnum()})
        out = {rel: blob for blob, rels in sorted(held.items()) for rel in rels if rel not in changed}
        return out | {rel: blob for rel, blob in extra.items() if blob in blobs}

    def _extra(self, prefix: str) -> dict[str, str] | None:
        """rel -> blob id of the files under ``prefix`` the index does not describe (new, or
        edited), read and hashed; None when Git cannot tell them."""
        root = self.source.root
        others, changed = vcs.untracked(root, prefix), vcs.modified(root, prefix)
        if others is None or changed is None:
            return None
        out = {}
        for rel in sorted({*others, *changed}):
            full = os.path.join(root, rel)
            if not self.source.is_symlink(rel) and os.path.isfile(full) and not os.path.islink(full):
                blob = self.of(rel)
                if blob:
                    out[rel] = blob
        return out

    def _walked(self, prefix: str) -> dict[str, str]:
        """Outside Git: every file is read."""
        out = {}
        root = self.source.root
        for rel in self.source.walk_files(prefix):  # walks without following folder links
            full = os.path.join(root, rel)
            if os.path.isfile(full) and not os.path.islink(full):
                blob = self.of(rel)
                if blob:
                    out[rel] = blob
        return out


def _under(rel: str, prefix: str) -> bool:
    start = prefix.strip("/")
    return start in ("", ".") or rel == start or rel.startswith(start + "/")
