"""`cchc year open|extend`: open a new year's plan from the latest one; record an extension."""

from __future__ import annotations

from ..load import repository
from ..load.yamlfile import parse
from ..model.plan import PHASE_NAMES
from ..officer import console, extension, files, framework_meta, plan_roll
from .common import add_root, fail


def add_parser(sub) -> None:
    p = sub.add_parser("year", help="mở năm đánh giá mới (kế hoạch năm)",
                       description="Mở năm đánh giá mới: tạo plans/<năm>.yaml từ kế hoạch năm gần nhất.")
    actions = p.add_subparsers(dest="action", metavar="VIỆC", parser_class=type(p), required=True)
    op = actions.add_parser("open", help="tạo kế hoạch năm mới từ kế hoạch năm trước",
                            description="Tạo plans/<năm>.yaml: các mốc thời hạn lùi theo số năm; giữ bộ tiêu chí, "
                                        "hội đồng, phân công thẩm định; bỏ gia hạn. Không ghi đè kế hoạch đã có.")
    op.add_argument("year", type=int, metavar="NĂM", help="năm đánh giá mới, ví dụ 2027")
    op.add_argument("--from", dest="source", type=int, default=None, metavar="NĂM",
                    help="lấy kế hoạch năm này làm gốc (mặc định: năm gần nhất trước đó)")
    op.add_argument("--framework", action="append", default=[], metavar="CẤP=BỘ_TIÊU_CHÍ",
                    help="đổi bộ tiêu chí cho một cấp, ví dụ so=qd-1868-2027/so (ghi nhiều lần cho nhiều cấp)")
    op.add_argument("--check", action="store_true", help="chỉ xem trước, không ghi tệp")
    add_root(op)
    ext = actions.add_parser("extend", help="gia hạn cho một đơn vị (ghi vào kế hoạch năm)",
                             description="Ghi nhận gia hạn do Sở Nội vụ cho phép: thời hạn mới của một đơn vị, "
                                         "kèm văn bản cho phép gia hạn.")
    ext.add_argument("year", type=int, metavar="NĂM", help="năm đánh giá")
    ext.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị được gia hạn")
    ext.add_argument("--until", required=True, metavar="NGÀY", help="thời hạn mới, ví dụ 10/01/2026 hoặc "
                                                                     "'10/01/2026 17:00' (mặc định 23:59)")
    ext.add_argument("--decision", required=True, help="văn bản cho phép gia hạn, ví dụ '25/SNV-CCHC ngày 05/01/2026'")
    ext.add_argument("--phase", choices=sorted(extension.PHASES), default="tu-danh-gia",
                     help="gia hạn tự đánh giá (mặc định) hay giải trình")
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


def _open(root, repo, args) -> int:
    target = f"plans/{args.year}.yaml"
    if (root / target).exists() or args.year in repo.plans:
        return fail(f"{target} đã có; không ghi đè kế hoạch của năm đã mở (sửa trực tiếp tệp nếu cần).")
    earlier = sorted(y for y in repo.plans if y < args.year)
    source = args.source if args.source is not None else (earlier[-1] if earlier else None)
    if source is None or source not in repo.plans:
        return fail("không có kế hoạch năm trước để làm gốc" + (f" (năm {source})." if source else "."))
    overrides = {}
    for item in args.framework:
        level, _, ref = item.partition("=")
        if not framework_meta.REF.fullmatch(ref or ""):
            return fail(f"--framework '{item}' phải có dạng <cấp>=<thư mục>/<cấp>, ví dụ so=qd-2027/so.")
        overrides[level] = ref
    raw = parse((root / repo.plans[source].file).read_bytes()).data
    try:
        rolled = plan_roll.roll(repo, raw, args.year, overrides)
    except plan_roll.RollError as exc:
        return fail(str(exc))
    text = files.yaml_text(rolled.doc)
    staged = files.check_changes(root, {target: text})
    console.show(staged.findings)
    errors = [f for f in staged.findings if f.is_error]
    if errors:
        return console.done(len(errors), target)
    if not args.check:
        files.write_all(root, {target: text, **staged.companions})
    for rel in staged.companions:  # the forge's review rules follow the new plan
        console.say(f"{'Sẽ cập nhật' if args.check else 'Đã cập nhật'} {rel} theo phân công thẩm định năm mới.")
    active = repo.units_in(args.year)
    counts = ", ".join(f"{level}: {sum(1 for u in active if u.level == level)}" for level in rolled.doc["frameworks"])
    head = "Xem trước" if args.check else f"Đã tạo {target}"
    console.say(f"{head} từ kế hoạch năm {source}: {len(active)} đơn vị hoạt động ({counts}).")
    deadlines = rolled.doc["deadlines"]
    console.say("Thời hạn: " + "; ".join(f"{PHASE_NAMES[k]} {v[8:10]}/{v[5:7]}/{v[:4]}"
                                         for k, v in deadlines.items()) + ".")
    for note in rolled.notes:
        console.say(f"- {note}")
    return 0
