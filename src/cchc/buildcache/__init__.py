"""The build cache: what `cchc build` made last time, reused where its inputs did not change.

One folder (``build/`` inside the evidence cache folder: ``.cache/cchc/build`` or
``$CCHC_CACHE_DIR/build``; or ``cchc build --cache DIR``) holds:

- ``manifest.json``: the code version that wrote everything else (``version.py``);
- ``dossiers/``: loaded dossiers (model, load findings), by a digest of their files' bytes;
- ``verdicts.json``: validation verdicts per dossier, by a digest of everything they depend on;
- ``bodies/``: unit pages' bodies, by a digest of everything they show (publish/site/bodies.py);
- ``pages/``: rendered HTML of generated pages, by a digest of everything they depend on;
- ``data/``: data files (XLSX), by a digest of their content.

An entry is found only under the digest of its inputs, so it is either right or never looked
up; a folder written by other code (another package version, an edited source file, other
library versions) is emptied before use. The cache holds data only — JSON, HTML, files; never
pickles or code — and the publish workflow, which runs on the main branch alone, is what
restores it. Any trouble with the folder (read-only, full disk, a damaged file) means no cache,
never a failed build.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .version import code_version

__all__ = ["MANIFEST", "Store", "code_version"]

FORMAT = 1
MANIFEST = "manifest.json"
_OWNED = ("verdicts.json", "dossiers", "bodies", "pages", "data")  # what emptying the folder removes (nothing else)


class Store:
    """The cache folder (``None``: no cache; every read misses, every write is dropped)."""

    def __init__(self, folder: Path | None, code: str | None = None) -> None:
        self.code = code or code_version()
        self.folder: Path | None = None
        if folder is not None:
            with contextlib.suppress(OSError, ValueError):
                self.folder = self._open(Path(folder))

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _open(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        manifest = _read_json(folder / MANIFEST)
        if manifest != {"format": FORMAT, "code": self.code}:
            for name in _OWNED:  # written by other code: none of it may be used
                target = folder / name
                if target.is_dir() and not target.is_symlink():
                    shutil.rmtree(target)
                elif target.exists() or target.is_symlink():
                    target.unlink()
            _write_atomic(folder / MANIFEST, _dumps({"format": FORMAT, "code": self.code}))
        return folder

    def read_json(self, name: str) -> Any:
        """The JSON document ``name``; None when absent or unreadable."""
        return None if self.folder is None else _read_json(self.folder / name)

    def write_json(self, name: str, data: Any) -> None:
        if self.folder is not None:
            with contextlib.suppress(OSError):
                _write_atomic(self.folder / name, _dumps(data))

    def path(self, kind: str, key: str) -> Path | None:
        """Where the entry ``key`` of ``kind`` ('dossiers', 'bodies', 'pages', 'data') is kept."""
        if self.folder is None or not key.isalnum():
            return None
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        path = self.path(kind, key)
        if path is None:
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None

    def has(self, kind: str, key: str) -> bool:
        path = self.path(kind, key)
        return path is not None and path.is_file()

    def put(self, kind: str, key: str, data: bytes) -> None:
        path = self.path(kind, key)
        if path is not None:
            with contextlib.suppress(OSError):
                path.parent.mkdir(parents=True, exist_ok=True)
                _write_atomic(path, data)

    def keep_only(self, kind: str, keys: set[str]) -> None:
        """Remove the entries of ``kind`` not in ``keys`` (what the last build did not use)."""
        if self.folder is None:
            return
        with contextlib.suppress(OSError):
            for sub in (self.folder / kind).iterdir():
                for entry in sub.iterdir():
                    if entry.name not in keys:
                        entry.unlink()


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never half."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
