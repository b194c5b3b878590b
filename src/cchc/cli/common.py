"""Helpers shared by commands: finding the repository root, writing output."""

from __future__ import annotations

import sys
from pathlib import Path


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` that holds province.yaml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "province.yaml").is_file():
            return folder
    return None


def add_root(p) -> None:
    p.add_argument("--root", type=Path, default=None,
                   help="thư mục gốc của kho dữ liệu (mặc định: tìm province.yaml từ thư mục hiện tại trở lên)")


def resolve_root(args) -> Path | None:
    if args.root is not None:
        return args.root.resolve() if (args.root / "province.yaml").is_file() or args.root.is_dir() else None
    return find_root()


def fail(message: str) -> int:
    sys.stderr.write(f"cchc: {message}\n")
    return 2
