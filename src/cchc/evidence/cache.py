"""A persistent cache of evidence facts, keyed by the file's Git blob id.

An unchanged PDF is never parsed twice, across runs too: CI keeps the cache folder
between runs. The key also holds the checker's version — a digest of the modules that
produce the facts and of the versions of pypdf and pyHanko — so changing the checker
invalidates every entry by itself, and a digest of the trust roots, since trust depends
on them. Only completed analyses are stored: a timeout or a memory cap may be the machine's doing.
The cache is a single SQLite file; any trouble with it (read-only disk, a corrupt or
locked file) just means no cache, never a failed validation.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
from pathlib import Path

ENV = "CCHC_CACHE_DIR"
# What makes the facts, and the checks a file passed before facts are kept for it (precheck.py).
_MODULES = ("pdfscan.py", "precheck.py", "signatures.py", "worker.py")


@functools.cache
def checker_version() -> str:
    from importlib import metadata  # 20 ms to import: only when a PDF is looked up

    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in _MODULES:
        h.update((here / name).read_bytes())
    for dist in ("pypdf", "pyHanko", "pyhanko-certvalidator"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(dist.encode())
    return h.hexdigest()[:16]


def roots_digest(roots: tuple[bytes, ...]) -> str:
    return (
        hashlib.sha256(b"".join(hashlib.sha256(r).digest() for r in sorted(roots))).hexdigest()[:16] if roots else "-"
    )


def cache_dir(root: Path, env=os.environ) -> Path:
    return Path(env[ENV]) if env.get(ENV) else Path(root) / ".cache" / "cchc"


class FactsCache:
    def __init__(self, folder: Path):
        self.path = Path(folder) / "evidence.sqlite"
        self._db = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=5)
            self._db.execute("CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self._db.commit()
        except (OSError, sqlite3.Error):
            self._db = None

    @staticmethod
    def key(blob: str, roots: tuple[bytes, ...] = ()) -> str:
        return f"{checker_version()}:{blob}:{roots_digest(roots)}"

    def get_many(self, keys) -> dict:
        keys = list(keys)
        if self._db is None or not keys:
            return {}
        out = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                rows = self._db.execute(
                    f"SELECT key, value FROM facts WHERE key IN ({','.join('?' * len(chunk))})", chunk
                )
                for key, value in rows:
                    out[key] = json.loads(value)
        except (sqlite3.Error, ValueError):
            return out
        return out

    def put_many(self, items: dict) -> None:
        if self._db is None or not items:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO facts (key, value) VALUES (?, ?)",
                    [(k, json.dumps(v, sort_keys=True)) for k, v in items.items()],
                )
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
