"""Helpers shared by commands: finding the repository root, writing output."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..terminal import fail, find_root, resolve_root

__all__ = [
    "add_actions",
    "add_check",
    "add_column_map",
    "add_import",
    "add_repeated",
    "add_root",
    "add_year",
    "fail",
    "find_root",
    "resolve_root",
    "save_checked",
]


def add_actions(sub: Any, name: str, help: str, description: str) -> Any:
    """A command whose first word says what to do (``cchc NAME VIỆC …``): the parsers of its actions."""
    p = sub.add_parser(name, help=help, description=description)
    return p.add_subparsers(dest="action", metavar="VIỆC", parser_class=type(p), required=True)


def add_import(actions: Any, help: str, file_help: str, description: str | None = None) -> argparse.ArgumentParser:
    """The ``import`` action of a command that reads a table: its parser, the table file (TỆP) its argument."""
    p = actions.add_parser("import", help=help, description=description)
    p.add_argument("file", type=Path, metavar="TỆP", help=file_help)
    return p


def add_root(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--root",
        type=Path,
        default=None,
        help="thư mục gốc của kho dữ liệu (mặc định: tìm province.yaml từ thư mục hiện tại trở lên)",
    )


def add_year(p: argparse.ArgumentParser, help: str = "năm đánh giá") -> None:
    p.add_argument("--year", type=int, required=True, help=help)


def add_check(p: argparse.ArgumentParser) -> None:
    """--check: a dry run that checks everything and writes nothing."""
    p.add_argument("--check", action="store_true", help="chỉ kiểm tra, không ghi tệp")


def add_repeated(p: argparse.ArgumentParser, flag: str, metavar: str, help: str, *, required: bool = False) -> None:
    """An option that may be given several times: the list of its values, empty when it is not given."""
    p.add_argument(flag, action="append", default=[], required=required, metavar=metavar, help=help)


def add_column_map(p: argparse.ArgumentParser, what: str) -> None:
    """--map: columns headed otherwise than by the codes the import reads (``what``, with an example)."""
    add_repeated(
        p,
        "--map",
        "CỘT=MÃ",
        f"cột đặt tên khác {what} (ghi nhiều lần, hoặc cách nhau bằng dấu phẩy); "
        "cũng có thể khai trong trang 'Mã cột' của tệp Excel",
    )


def save_checked(
    root: Path,
    rel: str,
    text: str,
    read: list[Finding],
    args: argparse.Namespace,
    what: str,
    summary: str,
    written: Sequence[str],
) -> int:
    """Write one imported table's file ``rel`` once the project's checks pass on it.

    The checks run on a copy with ``text`` in place (the file changes no CODEOWNERS); what reading
    the table found (``read``) is shown with what the checks add. ``what`` names the data in a
    refusal, ``summary`` what the table holds (for --check), ``written`` the lines said once written.
    """
    from ..officer import console, files

    after = files.check_changes(root, {rel: text}).findings
    console.show(read + after, args.format)
    errors = [f for f in after if f.is_error]
    if errors:
        return console.done(len(errors), what)
    if args.check:
        console.say(f"Bảng hợp lệ ({summary}); chưa ghi tệp (--check).")
        return 0
    files.write_all(root, {rel: text})
    for line in written:
        console.say(line)
    return 0
