"""`cchc new --year Y --unit U`: scaffold a unit's self-assessment."""

from __future__ import annotations

import sys

from ..load import repository
from ..scaffold import render
from .common import add_root, fail, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser(
        "new",
        help="tạo hồ sơ tự đánh giá trống cho một đơn vị",
        description="Tạo tệp self-assessment.yaml liệt kê mọi tiêu chí đơn vị phải chấm.",
    )
    p.add_argument("--year", type=int, required=True, help="năm đánh giá")
    p.add_argument("--unit", required=True, help="mã đơn vị, ví dụ so-tu-phap")
    p.add_argument("--stdout", action="store_true", help="in ra màn hình thay vì ghi tệp")
    p.add_argument("--force", action="store_true", help="ghi đè hồ sơ đã có")
    add_root(p)


def run(args) -> int:
    root = resolve_root(args)
    if root is None or not (root / "province.yaml").is_file():
        return fail("không tìm thấy kho dữ liệu (tệp province.yaml). Dùng --root.")
    repo = repository.load(root, wanted=lambda folder: False)
    unit = repo.units.get(args.unit)
    if unit is None:
        return fail(f"không có đơn vị '{args.unit}' trong danh sách đơn vị (units/).")
    if not unit.active(args.year):
        return fail(f"đơn vị '{unit.id}' không hoạt động trong năm {args.year}.")
    if args.year not in repo.plans or repo.framework_for(args.year, unit.level) is None:
        return fail(
            f"chưa có kế hoạch năm {args.year} (plans/{args.year}.yaml) hoặc bộ tiêu chí cho cấp '{unit.level}'."
        )
    text = render(repo, args.year, unit)
    if args.stdout:
        sys.stdout.write(text)
        return 0
    target = root / "submissions" / str(args.year) / unit.id / "self-assessment.yaml"
    if target.exists() and not args.force:
        return fail(f"{target.relative_to(root)} đã có; dùng --force để ghi đè (nội dung cũ sẽ mất).")
    target.parent.mkdir(parents=True, exist_ok=True)
    (target.parent / "evidence").mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    sys.stdout.write(
        f"Đã tạo {target.relative_to(root)}: {text.count('- code:')} tiêu chí cần chấm.\n"
        "Điền điểm, tài liệu kiểm chứng rồi kiểm tra bằng: cchc validate "
        f"{target.parent.relative_to(root)}\n"
    )
    return 0
