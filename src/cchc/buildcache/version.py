"""The code version: everything besides the data that shapes what a build makes.

A digest of the Python version, of every installed distribution and its version (cchc itself,
mkdocs, the theme, Markdown, Jinja, the YAML and schema libraries, the PDF libraries, Pagefind,
plugins a province may add) and of every file of the cchc package (its code, schemas, templates,
assets). Any change to one of them gives another version, and a build cache written by another
version is not used.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


@functools.cache
def code_version() -> str:
    h = hashlib.sha256()
    h.update(f"python {sys.version_info.major}.{sys.version_info.minor}\n".encode())
    for name in distributions():
        h.update(name.encode() + b"\n")
    h.update(tree_digest(PACKAGE).encode())
    return h.hexdigest()


def distributions() -> list[str]:
    """Every installed distribution as its metadata folder names it (``mkdocs-1.6.1.dist-info``),
    sorted: reading each one's metadata would cost a second, the folder names say the same."""
    found = set()
    for entry in sys.path:
        with contextlib.suppress(OSError):
            for name in os.listdir(entry or "."):
                if name.endswith((".dist-info", ".egg-info")):
                    found.add(name)
    return sorted(found)


def tree_digest(folder: Path) -> str:
    """A digest of the files below ``folder`` (names and contents; a link by its target, not
    followed); compiled files left aside."""
    h = hashlib.sha256()
    entries = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            if not name.endswith((".pyc", ".pyo")):
                entries.append(Path(here, name))
        entries += [Path(here, d) for d in dirs if Path(here, d).is_symlink()]
    for path in sorted(entries):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            h.update(b"L" + rel.encode() + b"\0" + os.readlink(path).encode() + b"\0")
        else:
            h.update(b"F" + rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()
