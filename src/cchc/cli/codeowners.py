"""`cchc codeowners`: write (or check) CODEOWNERS from the unit registry and the plans."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..load import repository
from ..model.repository import Repository
from ..policy import codeowners
from ..report import text
from .common import add_root, fail, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser(
        "codeowners",
        help="tạo tệp CODEOWNERS từ danh sách đơn vị và phân công thẩm định",
        description="Tạo tệp CODEOWNERS: phần dùng chung do quản trị duyệt, hồ sơ mỗi đơn vị do "
        "Hội đồng thẩm định được phân công duyệt.",
    )
    p.add_argument(
        "--forge",
        choices=sorted(codeowners.TARGETS),
        default="github",
        help="máy chủ Git: github (.github/CODEOWNERS) hoặc gitea (Gitea/Forgejo, .gitea/CODEOWNERS)",
    )
    p.add_argument("--check", action="store_true", help="chỉ kiểm tra tệp hiện có đã cập nhật chưa (không ghi)")
    p.add_argument("--stdout", action="store_true", help="in ra màn hình thay vì ghi tệp")
    add_root(p)


def _check(repo: Repository, root: Path, forge: str) -> int:
    """--check: is the file there and up to date?"""
    if not (root / codeowners.TARGETS[forge]).is_file():
        return fail(f"chưa có tệp {codeowners.TARGETS[forge]}; chạy 'cchc codeowners' để tạo.")
    found = codeowners.check(repo, root, [forge])
    sys.stdout.write(text.render(found) if found else f"{codeowners.TARGETS[forge]} đã cập nhật.\n")
    return 1 if found else 0


def _write(target: Path, forge: str, body: str) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    rules = sum(1 for line in body.splitlines() if line and not line.startswith("#"))
    sys.stdout.write(f"Đã ghi {codeowners.TARGETS[forge]}: {rules} dòng phân quyền.\n")
    return 0


def run(args: argparse.Namespace) -> int:
    root = resolve_root(args)
    if root is None or not (root / "province.yaml").is_file():
        return fail("không tìm thấy kho dữ liệu (tệp province.yaml). Chạy lệnh trong thư mục kho hoặc dùng --root.")
    repo = repository.load(root, lambda folder: False)
    broken = [f for f in repo.findings if f.is_error and f.file.startswith(("province.yaml", "units/", "plans/"))]
    if broken or repo.province is None:
        sys.stdout.write(text.render(broken))
        return fail("danh sách đơn vị hoặc kế hoạch còn lỗi; sửa trước rồi tạo lại CODEOWNERS.")
    if args.check:
        return _check(repo, root, args.forge)
    body = codeowners.render(repo, args.forge)
    if args.stdout:
        sys.stdout.write(body)
        return 0
    return _write(root / codeowners.TARGETS[args.forge], args.forge, body)
