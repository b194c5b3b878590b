"""Helpers shared by commands: finding the repository root, writing output."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..terminal import fail, find_root, resolve_root

__all__ = ["add_root", "fail", "find_root", "resolve_root"]


def add_root(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--root",
        type=Path,
        default=None,
        help="thư mục gốc của kho dữ liệu (mặc định: tìm province.yaml từ thư mục hiện tại trở lên)",
    )
