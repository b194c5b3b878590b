"""`cchc validate [PATH…]`: check the repository (or some dossiers) and report findings."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import heap, vcs
from ..report import REPORTERS, github
from .common import add_root, fail, resolve_root

if TYPE_CHECKING:
    from .. import validation


def add_parser(sub) -> None:
    p = sub.add_parser(
        "validate",
        help="kiểm tra hồ sơ, bộ tiêu chí, kế hoạch, danh sách đơn vị",
        description="Kiểm tra kho dữ liệu Chỉ số CCHC và liệt kê mọi lỗi, cảnh báo.",
    )
    p.add_argument(
        "paths", nargs="*", type=Path, metavar="ĐƯỜNG_DẪN", help="chỉ kiểm tra các tệp/thư mục này (mặc định: toàn bộ)"
    )
    p.add_argument("--format", choices=sorted(REPORTERS), default="text", help="định dạng kết quả")
    p.add_argument(
        "--summary",
        type=Path,
        default=None,
        help="ghi bảng tổng hợp Markdown vào tệp này (mặc định với --format github: $GITHUB_STEP_SUMMARY)",
    )
    p.add_argument(
        "--changed-since",
        metavar="BASE",
        default=None,
        help="chỉ kiểm tra hồ sơ có thay đổi so với BASE (nhánh/commit Git); "
        "nếu bộ tiêu chí, kế hoạch, danh sách đơn vị thay đổi thì kiểm tra toàn bộ",
    )
    add_root(p)


class _Refused(Exception):
    """A reason not to validate, for fail()."""


def _selected(root: Path, paths: list[Path]) -> list[str]:
    """The paths given, relative to the repository."""
    selected = []
    for p in paths:
        full = (Path.cwd() / p).resolve() if not p.is_absolute() else p.resolve()
        if not full.exists():
            raise _Refused(f"không tìm thấy '{p}'.")
        try:
            selected.append(full.relative_to(root).as_posix())
        except ValueError:
            raise _Refused(f"'{p}' nằm ngoài kho dữ liệu {root}.") from None
    return selected


def _changed(root: Path, base: str, selected: list[str]) -> list[str] | None:
    """``selected`` narrowed to the dossiers changed since ``base``; None when none of them changed."""
    from .. import validation

    try:
        limited = validation.scope(validation.changed_since(root, base))
    except validation.GitError as exc:
        raise _Refused(f"không so sánh được với '{base}' bằng Git ({exc}).") from None
    if limited is None:  # frameworks, plans or units changed: everything selected is checked
        return selected
    return [p for p in limited if not selected or validation._under(p, selected)] or None


def _summary(args: argparse.Namespace, result: validation.Result) -> None:
    """The Markdown summary, where asked for (or in GitHub Actions' step summary)."""
    summary = args.summary or (os.environ.get("GITHUB_STEP_SUMMARY") if args.format == "github" else None)
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(github.markdown(result.findings, checked=result.checked))


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args)
    if root is None or not (root / "province.yaml").is_file():
        return fail("không tìm thấy kho dữ liệu (tệp province.yaml). Chạy lệnh trong thư mục kho hoặc dùng --root.")
    with vcs.snapshot():  # what changed and what it holds: one look at the work tree
        if args.changed_since:
            vcs.look_ahead(root)  # Git looks at the work tree while the checks' code is imported
        from .. import validation

        try:
            selected = _selected(root, args.paths)
            changed = _changed(root, args.changed_since, selected) if args.changed_since else selected
        except _Refused as exc:
            return fail(str(exc))
        if changed is None:
            sys.stdout.write("Không có hồ sơ nào thay đổi cần kiểm tra.\n")
            return 0
        with heap.batch():
            result = validation.validate(root, changed or None)
    sys.stdout.write(REPORTERS[args.format](result.findings, checked=result.checked))
    _summary(args, result)
    return 1 if result.errors else 0
