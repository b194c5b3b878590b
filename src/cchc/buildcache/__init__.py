"""The build cache: what `cchc build` made last time, reused where its inputs did not change.

One folder (``build/`` inside the evidence cache folder: ``.cache/cchc/build`` or
``$CCHC_CACHE_DIR/build``; or ``cchc build --cache DIR``) holds:

- ``manifest.json``: the code version that wrote everything else (``version.py``);
- ``dossiers/``: loaded dossiers (model, load findings), by a digest of their files' bytes;
- ``verdicts.json``: validation verdicts per dossier, by a digest of everything they depend on;
- ``bodies/``: unit pages' bodies, by a digest of everything they show (publish/site/bodies.py);
- ``pages/``: rendered HTML of generated pages, by a digest of everything they depend on;
- ``data/``: data files (XLSX), by a digest of their content;
- ``tmp/``: a running build's working files (``Store.scratch``), gone when it ends.

The entries of each kind are kept in pack files (``packs.py``), a few hundred to a file: a
worker's batch is written at once (``Store.batch``).

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
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from . import packs
from .version import code_version

__all__ = ["MANIFEST", "SCRATCH", "Store", "code_version"]

FORMAT = 2  # 2: entries in pack files (packs.py)
MANIFEST = "manifest.json"
_OWNED = (
    "verdicts.json",
    "dossiers",
    "bodies",
    "pages",
    "shapes",
    "data",
    "tmp",
)  # what emptying the folder removes (nothing else)
SCRATCH = "tmp"  # builds' working folders (Store.scratch), each removed when its build ends


class Store:
    """The cache folder (``None``: no cache; every read misses, every write is dropped)."""

    def __init__(self, folder: Path | None, code: str | None = None) -> None:
        self.code = code or code_version()
        self.folder: Path | None = None
        self._indexes: dict[str, dict[str, packs.Location]] = {}  # kind → key → where it is
        self._seen: dict[str, set[str]] = {}  # kind → the packs read into its index
        self._waiting: dict[str, dict[str, bytes]] = {}  # kind → key → entry not written yet
        self._batching = 0
        self._owner = os.getpid()
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
            packs.write_atomic(folder / MANIFEST, [_dumps({"format": FORMAT, "code": self.code})])
        return folder

    def scratch(self, prefix: str) -> Path:
        """A new folder for a build's working files, removed by the build when it ends: in
        ``tmp/`` here, on the disk the build writes to, rather than the system's temporary
        folder, which may be small or shared with other jobs (a CI runner's tests); creating
        thousands of files in a folder where as many were just deleted is slow (ext4 skips
        the recently freed inodes: 600 files took 0.45 s of CPU in this machine's busy /tmp,
        0.025 s beside the build). The system's temporary folder when there is no cache."""
        if self.folder is not None:
            with contextlib.suppress(OSError):
                (self.folder / SCRATCH).mkdir(exist_ok=True)
                return Path(tempfile.mkdtemp(prefix=prefix, dir=self.folder / SCRATCH))
        return Path(tempfile.mkdtemp(prefix=prefix))

    def read_json(self, name: str) -> Any:
        """The JSON document ``name``; None when absent or unreadable."""
        return None if self.folder is None else _read_json(self.folder / name)

    def write_json(self, name: str, data: Any) -> None:
        if self.folder is not None:
            with contextlib.suppress(OSError):
                packs.write_atomic(self.folder / name, [_dumps(data)])

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Entries put in the block are written when it ends, in one pack per kind (a worker
        wraps its batch of pages in this); outside a block each entry is written at once."""
        self._pending()  # a forked child's count starts here, not at its parent's
        self._batching += 1
        try:
            yield
        finally:
            self._batching -= 1
            if not self._batching:
                self.flush()

    def get(self, kind: str, key: str) -> bytes | None:
        if self.folder is None:
            return None
        waiting = self._pending().get(kind, {}).get(key)
        if waiting is not None:
            return waiting
        location = self._index(kind).get(key) or self._index(kind, fresh=True).get(key)
        return None if location is None else packs.read(location)

    def put(self, kind: str, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        self._pending().setdefault(kind, {})[key] = data
        if not self._batching:
            self.flush()

    def flush(self) -> None:
        """Write what this process put and has not written yet."""
        pending = self._pending()
        while pending:
            kind, entries = pending.popitem()
            if self.folder is not None and entries:
                with contextlib.suppress(OSError):
                    written = packs.write(self.folder / kind, entries)
                    self._index(kind).update(written)
                    self._seen[kind].update(at[0].name for at in written.values())

    def keys(self, kind: str) -> set[str]:
        """The keys of every entry of ``kind`` in the folder now (other processes' too)."""
        return {key for held in self._packs(kind).values() for key in held}

    def keep_only(self, kind: str, keys: set[str]) -> None:
        """Remove the entries of ``kind`` not in ``keys`` (what the last build did not use),
        rewriting a pack when what it holds is more unused than used."""
        if self.folder is None:
            return
        with contextlib.suppress(OSError):
            self.flush()
            for pack, held in self._packs(kind).items():
                live = {k: at for k, at in held.items() if k in keys}
                if held and len(live) == len(held):  # all used: kept (one holding nothing is unreadable: it goes)
                    continue
                if live and 2 * sum(at[2] for at in live.values()) >= sum(at[2] for at in held.values()):
                    continue  # mostly used: kept whole until more of it is not
                entries = {k: data for k, at in live.items() if (data := packs.read(at)) is not None}
                if entries:
                    packs.write(pack.parent, entries)
                pack.unlink()
            self._indexes.pop(kind, None)
            self._seen.pop(kind, None)

    def _pending(self) -> dict[str, dict[str, bytes]]:
        """What this process put and has not written: a forked child starts with nothing of
        its parent's (the parent writes its own)."""
        if self._owner != os.getpid():
            self._owner, self._waiting, self._batching = os.getpid(), {}, 0
        return self._waiting

    def _index(self, kind: str, fresh: bool = False) -> dict[str, packs.Location]:
        """Where each entry of ``kind`` is; ``fresh``: with the packs written since it was read
        (by other processes: a build's forked workers)."""
        first = kind not in self._indexes
        index = self._indexes.setdefault(kind, {})
        seen = self._seen.setdefault(kind, set())
        if fresh or first:
            for pack, held in self._packs(kind, skip=seen).items():
                seen.add(pack.name)
                index.update(held)
        return index

    def _packs(self, kind: str, skip: AbstractSet[str] = frozenset()) -> dict[Path, dict[str, packs.Location]]:
        """Every pack of ``kind`` now in the folder but those named in ``skip``, with what each holds."""
        if self.folder is None:
            return {}
        try:
            names = sorted(n for n in os.listdir(self.folder / kind) if n.endswith(packs.SUFFIX) and n not in skip)
        except OSError:
            return {}
        return {self.folder / kind / n: packs.read_index(self.folder / kind / n) for n in names}


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
