"""What the officer's commands share on the terminal: findings through the project's
reporters, the repository root, paths shown relative to where the officer stands."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..report import REPORTERS
from ..terminal import fail, resolve_root


def add_format(p) -> None:
    p.add_argument(
        "--format", choices=sorted(REPORTERS), default="text", help="định dạng danh sách lỗi, cảnh báo (mặc định: text)"
    )


def show(findings: list, fmt: str = "text") -> None:
    if findings or fmt == "json":
        sys.stdout.write(REPORTERS[fmt](findings))


def say(text: str) -> None:
    sys.stdout.write(text.rstrip("\n") + "\n")


def root(args) -> Path | None:
    found = resolve_root(args)
    return found if found is not None and (found / "province.yaml").is_file() else None


def no_root() -> int:
    return fail("không tìm thấy kho dữ liệu (tệp province.yaml). Chạy lệnh trong thư mục kho hoặc dùng --root.")


def shown(path: Path) -> str:
    """A path as the officer typed it or, if absolute, relative to the current folder when inside it."""
    try:
        return os.path.relpath(path) if path.is_absolute() and Path.cwd() in path.resolve().parents else str(path)
    except ValueError:
        return str(path)


def done(errors: int, what: str) -> int:
    """Exit code and closing line when errors stop a write."""
    say(f"Không ghi {what}: còn {errors} lỗi phải sửa (xem danh sách trên). Không có tệp nào bị thay đổi.")
    return 1


def stopped(findings: list, fmt: str, what: str) -> int:
    """A table read with errors: what reading it found, and the closing line (nothing written)."""
    show(findings, fmt)
    return done(sum(1 for f in findings if f.is_error), what)


def refused(findings: list, fmt: str, reason: str) -> int:
    """A table that cannot be imported for ``reason``: what reading it found, then the reason."""
    show(findings, fmt)
    return fail(reason)
