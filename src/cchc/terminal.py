"""What every command shares on the terminal: where the data repository is, and the one way a
command says it could not run (exit 2, a Vietnamese sentence, never a traceback)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_CANNOT_RUN = 2


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` that holds province.yaml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "province.yaml").is_file():
            return folder
    return None


def resolve_root(args: argparse.Namespace) -> Path | None:
    """``--root`` when given (and a folder), else the nearest folder holding province.yaml."""
    root: Path | None = args.root
    if root is not None:
        return root.resolve() if (root / "province.yaml").is_file() or root.is_dir() else None
    return find_root()


def fail(message: str, detail: str = "") -> int:
    """Say why the command could not run; ``detail`` (a tool's own words, e.g. Git's) is shown
    only when debugging (``CCHC_DEBUG`` set)."""
    extra = f"\n{detail}" if detail and os.environ.get("CCHC_DEBUG") else ""
    sys.stderr.write(f"cchc: {message}{extra}\n")
    return EXIT_CANNOT_RUN
