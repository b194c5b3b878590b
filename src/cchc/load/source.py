"""Where repository files come from. Every read of the repository goes through here.

Paths are repo-relative POSIX strings. The file system source refuses anything that
resolves outside the root (symbolic links included), so no check can be tricked into
reading a file outside the repository, and reads regular files only, so no FIFO or
device can make a run wait forever.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO


class OutsideRepository(Exception):
    pass


class FileSource:
    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self._root = str(self.root)
        # A validation asks about tens of thousands of files in a few hundred folders: the
        # real (link-free) location of each folder is worked out once per run.
        self._real_dirs: dict[str, str] = {"": self._root}
        self._linked_dirs: dict[str, bool] = {"": False}

    def _inside(self, real: str) -> bool:
        return real == self._root or real.startswith(self._root + os.sep)

    def _path(self, rel: str) -> str:
        """The file's path under the root, after checking it resolves inside the root."""
        head, _, name = rel.rpartition("/")
        real_dir = self._real_dirs.get(head)
        if real_dir is None:
            real_dir = self._real_dirs[head] = os.path.realpath(os.path.join(self._root, head))
        if name in ("", ".", ".."):
            real = os.path.realpath(os.path.join(real_dir, name))
        else:
            real = os.path.join(real_dir, name)
            if os.path.islink(real):
                real = os.path.realpath(real)
        if not self._inside(real):
            raise OutsideRepository(rel)
        return os.path.join(self._root, rel)

    def exists(self, rel: str) -> bool:
        try:
            return os.path.exists(self._path(rel))
        except (OutsideRepository, OSError, ValueError):
            return False

    def is_file(self, rel: str) -> bool:
        try:
            return os.path.isfile(self._path(rel))
        except (OutsideRepository, OSError, ValueError):
            return False

    def is_symlink(self, rel: str) -> bool:
        """True if ``rel`` or any folder on the way to it is a symbolic link."""
        head = rel.rpartition("/")[0]
        try:
            if self._linked_dir(head):
                return True
            return os.path.islink(os.path.join(self._root, rel))
        except (OSError, ValueError):  # e.g. a name too long for the file system
            return False

    def _linked_dir(self, rel_dir: str) -> bool:
        known = self._linked_dirs.get(rel_dir)
        if known is None:
            parent, _, _ = rel_dir.rpartition("/")
            known = self._linked_dir(parent) or os.path.islink(os.path.join(self._root, rel_dir))
            self._linked_dirs[rel_dir] = known
        return known

    def size(self, rel: str) -> int:
        return os.stat(self._path(rel)).st_size

    def read(self, rel: str, limit: int | None = None) -> bytes:
        with self.open(rel) as fh:
            return fh.read(limit) if limit is not None else fh.read()

    def open(self, rel: str) -> BinaryIO:
        """A regular file, opened for reading. Anything else (a FIFO, a device, a folder) is
        refused with OSError instead of blocking the run forever on its first read."""
        fd = os.open(self._path(rel), os.O_RDONLY | os.O_NONBLOCK)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(f"not a regular file: {rel}")
            os.set_blocking(fd, True)
            return os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise

    def listdir(self, rel: str) -> list[str]:
        """Sorted names in a folder ('' = root); empty if it does not exist."""
        try:
            path = self._path(rel) if rel else self.root
            return sorted(os.listdir(path))
        except (OutsideRepository, OSError):
            return []

    def is_dir(self, rel: str) -> bool:
        try:
            return os.path.isdir(self._path(rel))
        except (OutsideRepository, OSError):
            return False

    def walk_files(self, rel: str) -> list[str]:
        """Every file below ``rel`` (not following links), repo-relative, sorted."""
        out = []
        base = self.root / rel
        if self.is_symlink(rel):  # never walk a linked folder: it may lead outside the repository
            return [rel]
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            dirnames.sort()
            for name in sorted(filenames):
                out.append(Path(dirpath, name).relative_to(self.root).as_posix())
            out.extend(
                Path(dirpath, d).relative_to(self.root).as_posix() for d in dirnames if Path(dirpath, d).is_symlink()
            )
        return sorted(out)
