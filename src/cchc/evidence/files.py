"""File-system hygiene of the data folders: symbolic links and unreadable file names.

Git can store a symbolic link, and a file name with control characters (a newline, an
escape sequence) or bytes that are not UTF-8. The validator never follows a link (the
file source refuses anything outside the repository), and every such entry is reported
here once, by its own path, instead of silently vanishing from the checks. Names in
NFD (as macOS writes them) are fine and not reported.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import codes
from .paths import _CONTROL, shown

DATA = ("province.yaml", "units", "criteria", "plans", "surveys", "submissions")


def _bad_name(name: str) -> bool:
    return bool(_CONTROL.search(name)) or any(0xDC80 <= ord(c) <= 0xDCFF for c in name)


def scan(root: Path, tops=DATA) -> list[tuple[str, str]]:
    """(code, shown path) for each link and each badly named entry under the data folders."""
    root = Path(root)
    out = []
    for top in tops:
        base = root / top
        if base.is_symlink():
            out.append((codes.PATH_SYMLINK.name, top))
            continue
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            for name in sorted(dirnames + filenames):
                rel = f"{rel_dir}/{name}"
                if _bad_name(name):
                    out.append((codes.PATH_CONTROL_CHARACTER.name, shown(rel)))
                elif os.path.islink(os.path.join(dirpath, name)):
                    out.append((codes.PATH_SYMLINK.name, rel))
            dirnames[:] = sorted(d for d in dirnames if not _bad_name(d))
    return sorted(set(out), key=lambda x: (x[1], x[0]))
