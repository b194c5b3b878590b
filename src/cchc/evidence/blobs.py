"""Git blob ids of repository files: what the cache and the cross-checks key on.

A blob id is what ``git hash-object`` prints: sha1(b"blob <size>\\0" + content). For a
Git checkout the ids come from the index (``git ls-files -s``) without reading the
files, except for files Git reports as changed (``git diff-files``) or does not track,
which are hashed here. Outside Git every file is hashed. For a file kept in Git LFS the
index holds the pointer's id; equal pointers mean equal content, so it serves as well.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path


def hash_file(path: Path) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        h.update(b"blob %d\0" % size)
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _git(root: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _index(root: Path, prefix: str) -> dict[str, str] | None:
    """rel -> blob id for tracked files under ``prefix`` whose content Git says is unchanged."""
    listed = _git(root, "ls-files", "-s", "-z", "--", prefix)
    changed = _git(root, "diff-files", "--name-only", "-z", "--relative", "--", prefix)
    if listed is None or changed is None:
        return None
    dirty = {os.fsdecode(p) for p in changed.split(b"\0") if p}
    out = {}
    for record in listed.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, sha, _stage = meta.split(b" ")
        rel = os.fsdecode(path)
        if mode == b"100644" or mode == b"100755":
            if rel not in dirty:
                out[rel] = sha.decode("ascii")
    return out


def _untracked_or_changed(root: Path, prefix: str) -> list[str] | None:
    others = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", prefix)
    changed = _git(root, "diff-files", "--name-only", "-z", "--relative", "--", prefix)
    if others is None or changed is None:
        return None
    return sorted({os.fsdecode(p) for p in (others + b"\0" + changed).split(b"\0") if p})


class BlobIds:
    """Blob ids for files under one folder of the repository (default: submissions/)."""

    def __init__(self, source, prefix: str = "submissions"):
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
                    if (not self.source.is_symlink(rel) and os.path.isfile(full)
                            and not os.path.islink(full)):
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
