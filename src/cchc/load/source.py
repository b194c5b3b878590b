"""Where repository files come from. Every read of the repository goes through here.

Paths are repo-relative POSIX strings. The file system source refuses anything that
resolves outside the root (symbolic links included), so no check can be tricked into
reading a file outside the repository.
"""

from __future__ import annotations

import os
from pathlib import Path


class OutsideRepository(Exception):
    pass


class FileSource:
    def __init__(self, root: Path):
        self.root = Path(root).resolve()

    def _path(self, rel: str) -> Path:
        path = (self.root / rel)
        resolved = path.resolve()
        if resolved != self.root and self.root not in resolved.parents:
            raise OutsideRepository(rel)
        return path

    def exists(self, rel: str) -> bool:
        try:
            return self._path(rel).exists()
        except (OutsideRepository, OSError):
            return False

    def is_file(self, rel: str) -> bool:
        try:
            return self._path(rel).is_file()
        except (OutsideRepository, OSError):
            return False

    def is_symlink(self, rel: str) -> bool:
        """True if ``rel`` or any folder on the way to it is a symbolic link."""
        path = self.root
        try:
            for part in rel.split("/"):
                path = path / part
                if path.is_symlink():
                    return True
        except (OSError, ValueError):  # e.g. a name too long for the file system
            return False
        return False

    def size(self, rel: str) -> int:
        return self._path(rel).stat().st_size

    def read(self, rel: str, limit: int | None = None) -> bytes:
        with open(self._path(rel), "rb") as fh:
            return fh.read(limit) if limit is not None else fh.read()

    def open(self, rel: str):
        return open(self._path(rel), "rb")

    def listdir(self, rel: str) -> list[str]:
        """Sorted names in a folder ('' = root); empty if it does not exist."""
        try:
            path = self._path(rel) if rel else self.root
            return sorted(os.listdir(path))
        except (OutsideRepository, OSError):
            return []

    def is_dir(self, rel: str) -> bool:
        try:
            return self._path(rel).is_dir()
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
            out.extend(Path(dirpath, d).relative_to(self.root).as_posix()
                       for d in dirnames if Path(dirpath, d).is_symlink())
        return sorted(out)
