"""`cchc init DIR`: a new province repository, without sample data."""

from __future__ import annotations

import re
from pathlib import Path

from ..officer import console
from .common import add_repeated, fail

_PAIR = re.compile(r"([a-z0-9][a-z0-9-]*)=(.+)")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "init",
        help="tạo kho dữ liệu cho một tỉnh mới (không có dữ liệu mẫu)",
        description="Tạo kho cho một tỉnh: province.yaml theo các tùy chọn, mã nguồn hệ thống, cấu "
        "hình trang kết quả, quy trình kiểm tra tự động (workflows), CODEOWNERS, mẫu yêu "
        "cầu gộp, các trang hướng dẫn, README. Không cần mạng.",
    )
    p.add_argument("dir", type=Path, metavar="THƯ_MỤC", help="thư mục mới (hoặc thư mục trống) của kho")
    p.add_argument("--name", required=True, help="tên tỉnh, ví dụ 'Tỉnh Hưng Yên'")
    p.add_argument("--authority", help="cơ quan chủ trì (mặc định: 'Sở Nội vụ <tên tỉnh>')")
    add_repeated(
        p, "--level", "MÃ=TÊN", "một cấp đơn vị, ví dụ so='Sở, ban, ngành' (ghi nhiều lần; mặc định: so và xa)"
    )
    add_repeated(p, "--group", "MÃ=TÊN", "một nhóm xếp hạng (ghi nhiều lần; mặc định: mỗi cấp một nhóm)")
    add_repeated(
        p, "--admin", "TÀI_KHOẢN", "tài khoản quản trị của Sở Nội vụ trên máy chủ Git (ghi nhiều lần)", required=True
    )
    p.add_argument("--timezone", default="+07:00", help="múi giờ (mặc định +07:00)")
    p.add_argument("--index-name", help="tên đầy đủ của chỉ số (mặc định: 'Chỉ số cải cách hành chính')")
    p.add_argument("--index-short", help="tên ngắn của chỉ số (mặc định: 'Chỉ số CCHC')")
    p.add_argument("--no-git", action="store_true", help="không tạo kho Git (git init)")


def _pairs(items: list, what: str) -> list:
    out = []
    for item in items:
        m = _PAIR.fullmatch(item.strip())
        if not m:
            raise ValueError(
                f"{what} '{item}' phải có dạng <mã>=<tên>, mã chỉ gồm chữ thường không dấu, chữ số, "
                "dấu gạch ngang (ví dụ xa='UBND xã, phường')."
            )
        out.append((m[1], m[2].strip()))
    return out


def run(args) -> int:
    from .. import newrepo

    try:
        opts = newrepo.Options(
            name=args.name.strip(),
            admins=args.admin,
            authority=args.authority,
            levels=_pairs(args.level, "--level"),
            groups=_pairs(args.group, "--group"),
            timezone=args.timezone,
            index_name=args.index_name,
            index_short=args.index_short,
        )
        written = newrepo.create(args.dir, opts, git=not args.no_git)
    except (ValueError, newrepo.InitError) as exc:
        return fail(str(exc))
    shown = console.shown(args.dir.resolve()) if args.dir.is_absolute() else str(args.dir)
    console.say(f"Đã tạo kho cho {opts.name} tại {shown} ({len(written)} tệp, chưa có dữ liệu mẫu).")
    console.say("Việc tiếp theo (hướng dẫn đầy đủ: docs/huong-dan/trien-khai.md):")
    for step in (
        "cchc criteria import <phụ lục bộ tiêu chí>.xlsx --ref <thư mục>/<cấp>",
        "cchc units template  →  điền bảng  →  cchc units import don-vi.xlsx",
        "cchc year open <năm>",
        "cchc results import <kết quả năm trước>.xlsx --year <năm trước>",
        "cchc build",
    ):
        console.say(f"  {step}")
    return 0
