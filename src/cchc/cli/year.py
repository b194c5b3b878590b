"""`cchc year open|extend`: open a new year's plan from the latest one; record an extension."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..load import repository
from ..load.yamlfile import parse
from ..model.plan import PHASE_NAMES
from ..model.registry import index_names
from ..model.repository import Repository
from ..officer import console, extension, files, framework_meta, plan_roll
from .common import add_actions, add_repeated, add_root, fail


def add_parser(sub) -> None:
    actions = add_actions(
        sub,
        "year",
        "mở năm đánh giá mới (kế hoạch năm)",
        "Mở năm đánh giá mới: tạo plans/<năm>.yaml từ kế hoạch năm gần nhất.",
    )
    op = actions.add_parser(
        "open",
        help="tạo kế hoạch năm mới (từ kế hoạch năm trước, hoặc năm đầu tiên)",
        description="Tạo plans/<năm>.yaml: các mốc thời hạn lùi theo số năm; giữ bộ tiêu chí, "
        "hội đồng, phân công thẩm định; bỏ gia hạn. Năm đầu tiên (chưa có kế hoạch "
        "nào): bộ tiêu chí theo cấp (--framework, hoặc bộ duy nhất của cấp đó), các "
        "mốc theo --deadline hoặc theo lịch thường lệ để Sở Nội vụ sửa lại, một Hội "
        "đồng thẩm định cho mọi cấp. Không ghi đè kế hoạch đã có.",
    )
    op.add_argument("year", type=int, metavar="NĂM", help="năm đánh giá mới, ví dụ 2027")
    op.add_argument(
        "--from",
        dest="source",
        type=int,
        default=None,
        metavar="NĂM",
        help="lấy kế hoạch năm này làm gốc (mặc định: năm gần nhất trước đó)",
    )
    add_repeated(
        op,
        "--framework",
        "CẤP=BỘ_TIÊU_CHÍ",
        "đổi bộ tiêu chí cho một cấp, ví dụ so=qd-1868-2027/so (ghi nhiều lần cho nhiều cấp)",
    )
    phases = ", ".join(plan_roll.PHASE_OPTIONS)
    add_repeated(
        op,
        "--deadline",
        "MỐC=NGÀY",
        f"một mốc thời hạn, ví dụ tu-danh-gia=31/12/2026 hoặc 'mo-nhap-lieu=10/11/2026 08:00'; mốc: {phases} "
        "(ghi nhiều lần)",
    )
    op.add_argument("--decision", help="số, ngày văn bản ban hành kế hoạch, ví dụ '151/KH-UBND ngày 15/10/2026'")
    add_repeated(
        op, "--council-account", "TÀI_KHOẢN", "năm đầu tiên: tài khoản thành viên Hội đồng thẩm định (ghi nhiều lần)"
    )
    op.add_argument("--council-decision", help="năm đầu tiên: quyết định thành lập Hội đồng thẩm định")
    op.add_argument("--check", action="store_true", help="chỉ xem trước, không ghi tệp")
    add_root(op)
    ext = actions.add_parser(
        "extend",
        help="gia hạn cho một đơn vị (ghi vào kế hoạch năm)",
        description="Ghi nhận gia hạn do Sở Nội vụ cho phép: thời hạn mới của một đơn vị, "
        "kèm văn bản cho phép gia hạn.",
    )
    ext.add_argument("year", type=int, metavar="NĂM", help="năm đánh giá")
    ext.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị được gia hạn")
    ext.add_argument(
        "--until",
        required=True,
        metavar="NGÀY",
        help="thời hạn mới, ví dụ 10/01/2026 hoặc '10/01/2026 17:00' (mặc định 23:59)",
    )
    ext.add_argument("--decision", required=True, help="văn bản cho phép gia hạn, ví dụ '25/SNV-CCHC ngày 05/01/2026'")
    ext.add_argument(
        "--phase",
        choices=sorted(extension.PHASES),
        default="tu-danh-gia",
        help="gia hạn tự đánh giá (mặc định) hay giải trình",
    )
    add_root(ext)


def run(args) -> int:
    root = console.root(args)
    if root is None:
        return console.no_root()
    repo = repository.load(root, wanted=lambda folder: False)
    return _open(root, repo, args) if args.action == "open" else _extend(root, repo, args)


def _extend(root, repo, args) -> int:
    plan = repo.plans.get(args.year)
    if plan is None:
        return fail(f"chưa có kế hoạch năm {args.year}; mở năm bằng 'cchc year open {args.year}'.")
    unit = repo.units.get(args.unit)
    if unit is None or not unit.active(args.year):
        return fail(f"không có đơn vị '{args.unit}' hoạt động năm {args.year} trong danh sách đơn vị (units/).")
    raw = parse((root / plan.file).read_bytes()).data
    timezone = repo.province.timezone if repo.province else "+07:00"
    try:
        doc = extension.extend(raw, unit.id, args.phase, extension.parse_until(args.until, timezone), args.decision)
    except extension.ExtendError as exc:
        return fail(str(exc))
    text = files.yaml_text(doc)
    staged = files.check_changes(root, {plan.file: text})
    console.show(staged.findings)
    errors = [f for f in staged.findings if f.is_error]
    if errors:
        return console.done(len(errors), plan.file)
    files.write_all(root, {plan.file: text, **staged.companions})
    what = "tự đánh giá" if args.phase == "tu-danh-gia" else "giải trình"
    console.say(f"Đã ghi vào {plan.file}: gia hạn {what} cho {unit.name} đến {args.until} ({args.decision}).")
    return 0


_FIRST_HEADER = (
    "Kế hoạch năm {year} (năm đầu tiên), tạo bởi lệnh cchc year open. Sở Nội vụ kiểm tra và sửa lại:\n"
    "các mốc thời hạn theo kế hoạch của tỉnh, số văn bản ban hành kế hoạch (decision), tên, quyết định thành\n"
    "lập và tài khoản các thành viên Hội đồng thẩm định (councils), rồi chạy cchc validate."
)


def _source(repo: Repository, args: argparse.Namespace) -> int | None:
    """The year whose plan is rolled: --from, else the latest before; None for a first year."""
    earlier = sorted(y for y in repo.plans if y < args.year)
    source: int | None = args.source if args.source is not None else (earlier[-1] if earlier else None)
    if source is not None and source not in repo.plans:
        raise plan_roll.RollError(f"không có kế hoạch năm {source} để làm gốc.")
    return source


def _overrides(items: list[str]) -> dict[str, str]:
    """--framework level=folder/level, as level → framework ref."""
    overrides = {}
    for item in items:
        level, _, ref = item.partition("=")
        if not framework_meta.REF.fullmatch(ref or ""):
            raise plan_roll.RollError(f"--framework '{item}' phải có dạng <cấp>=<thư mục>/<cấp>, ví dụ so=qd-2027/so.")
        overrides[level] = ref
    return overrides


def _open(root: Path, repo: Repository, args: argparse.Namespace) -> int:
    target = f"plans/{args.year}.yaml"
    if (root / target).exists() or args.year in repo.plans:
        return fail(f"{target} đã có; không ghi đè kế hoạch của năm đã mở (sửa trực tiếp tệp nếu cần).")
    timezone = repo.province.timezone if repo.province else "+07:00"
    try:
        source = _source(repo, args)
        overrides = _overrides(args.framework)
        deadlines = dict(plan_roll.parse_deadline(item, timezone) for item in args.deadline)
        rolled = _rolled(root, repo, args, source, overrides, deadlines)
    except plan_roll.RollError as exc:
        return fail(str(exc))
    header = None if source is not None else _FIRST_HEADER.format(year=args.year)
    text = files.yaml_text(rolled.doc, header)
    staged = files.check_changes(root, {target: text})
    console.show(staged.findings)
    errors = [f for f in staged.findings if f.is_error]
    if errors:
        return console.done(len(errors), target)
    if not args.check:
        files.write_all(root, {target: text, **staged.companions})
    _report(repo, args, target, source, rolled, staged.companions)
    return 0


def _report(repo, args, target: str, source: int | None, rolled, companions: dict) -> None:
    """What was written, the deadlines, and what is left for the officer to do."""
    for rel in companions:  # the forge's review rules follow the new plan
        console.say(f"{'Sẽ cập nhật' if args.check else 'Đã cập nhật'} {rel} theo phân công thẩm định năm mới.")
    active = repo.units_in(args.year)
    counts = ", ".join(f"{level}: {sum(1 for u in active if u.level == level)}" for level in rolled.doc["frameworks"])
    head = "Xem trước" if args.check else f"Đã tạo {target}"
    origin = f"từ kế hoạch năm {source}" if source is not None else "(năm đầu tiên)"
    console.say(f"{head} {origin}: {len(active)} đơn vị hoạt động ({counts}).")
    deadlines = rolled.doc["deadlines"]
    console.say(
        "Thời hạn: " + "; ".join(f"{PHASE_NAMES[k]} {v[8:10]}/{v[5:7]}/{v[:4]}" for k, v in deadlines.items()) + "."
    )
    for note in rolled.notes:
        console.say(f"- {note}")


def _rolled(root, repo, args, source: int | None, overrides: dict, deadlines: dict) -> plan_roll.Rolled:
    """The new plan: rolled from ``source``, or the province's first when there is none."""
    if source is None:
        prov = repo.province
        names = index_names(prov)
        where = prov.name[:1].lower() + prov.name[1:] if prov else "tỉnh"
        council = {
            "name": f"Hội đồng thẩm định {names.short} {where}",
            "accounts": args.council_account,
            "decision": args.council_decision,
            "plan_decision": args.decision,
            "title": f"Kế hoạch xác định {names.name} năm {args.year} của các cơ quan, đơn vị, địa phương "
            f"trên địa bàn {where}",
        }
        return plan_roll.first(repo, args.year, overrides, deadlines, council)
    raw = parse((root / repo.plans[source].file).read_bytes()).data
    rolled = plan_roll.roll(repo, raw, args.year, overrides)
    rolled.doc["deadlines"].update(deadlines)
    if args.decision:
        rolled.doc = {
            "year": rolled.doc["year"],
            "title": rolled.doc["title"],
            "decision": args.decision,
            **{k: v for k, v in rolled.doc.items() if k not in ("year", "title")},
        }
    return rolled
