"""Pack files: many cache entries of one kind in one file, written at once.

A national build keeps about 20,000 entries (loaded dossiers, unit pages, page frames). One
file each cost more than the rest of writing the cache: every file is an inode, a directory
entry and a rename in the filesystem's journal. A pack holds the entries one worker made in
one batch (a few hundred), with its own index at the front:

    b"CCHCPACK1\\n" · index length (8 bytes, big-endian) · index (JSON: key → [offset, length]) · data

A pack is written whole under a temporary name and renamed, so it is either complete or absent;
a pack whose index cannot be read holds nothing, and an entry cut short is not returned.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["SUFFIX", "Location", "read", "read_index", "write", "write_atomic"]

MAGIC = b"CCHCPACK1\n"
SUFFIX = ".pack"
_LENGTH = 8

Location = tuple[Path, int, int]  # pack, offset of the entry in the file, length


def write(folder: Path, entries: Mapping[str, bytes]) -> dict[str, Location]:
    """Write ``entries`` as one new pack in ``folder``; where each entry now is."""
    index, offset = {}, 0
    for key, data in entries.items():
        index[key] = [offset, len(data)]
        offset += len(data)
    head = json.dumps(index, separators=(",", ":")).encode("ascii")
    start = len(MAGIC) + _LENGTH + len(head)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (secrets.token_hex(16) + SUFFIX)
    write_atomic(path, [MAGIC, len(head).to_bytes(_LENGTH, "big"), head, *entries.values()])
    return {key: (path, start + at, size) for key, (at, size) in index.items()}


def read_index(path: Path) -> dict[str, Location]:
    """Where each entry of the pack ``path`` is; empty when its index cannot be read."""
    try:
        with open(path, "rb") as fh:
            if fh.read(len(MAGIC)) != MAGIC:
                return {}
            size = int.from_bytes(fh.read(_LENGTH), "big")
            if size > os.fstat(fh.fileno()).st_size:
                return {}
            index = json.loads(fh.read(size))
    except (OSError, ValueError):
        return {}
    start = len(MAGIC) + _LENGTH + size
    if not isinstance(index, dict):
        return {}
    return {
        key: (path, start + at[0], at[1])
        for key, at in index.items()
        if isinstance(at, list) and len(at) == 2 and all(type(n) is int and n >= 0 for n in at)
    }


def read(location: Location) -> bytes | None:
    """One entry; None when the pack is gone or the entry is cut short."""
    path, offset, size = location
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            data = fh.read(size)
    except OSError:
        return None
    return data if len(data) == size else None


def write_atomic(path: Path, parts: list[bytes]) -> None:
    """Write ``parts`` to ``path`` so that a reader sees the whole file or none."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(parts)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
