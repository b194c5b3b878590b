"""`cchc survey import|template`: survey points (điểm điều tra xã hội học) from a spreadsheet."""

from __future__ import annotations

from pathlib import Path

from ..load import repository
from ..load.yamlfile import YamlError, parse
from ..officer import colmap, console, files, survey_in, survey_out
from ..officer.render import WRITERS
from .common import add_root, fail


def add_parser(sub) -> None:
    p = sub.add_parser(
        "survey",
        help="nhập điểm điều tra xã hội học từ bảng tính (CSV, Excel)",
        description="Nhập điểm điều tra xã hội học theo đơn vị và tiêu chí, hoặc tạo bảng mẫu để điền.",
    )
    actions = p.add_subparsers(dest="action", metavar="VIỆC", parser_class=type(p), required=True)
    imp = actions.add_parser("import", help="đọc bảng điểm (.xlsx, .csv) và ghi surveys/<năm>.yaml")
    imp.add_argument("file", type=Path, metavar="TỆP", help="tệp Excel (.xlsx) hoặc CSV")
    imp.add_argument("--year", type=int, required=True, help="năm đánh giá")
    imp.add_argument("--source", help="nguồn số liệu, ví dụ 'Kết quả điều tra XHH năm 2025 của Sở Nội vụ'")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="CỘT=MÃ",
        help="cột đặt tên khác mã tiêu chí, ví dụ CS1=8.1 (ghi nhiều lần, hoặc cách nhau bằng dấu phẩy); "
        "cũng có thể khai trong trang 'Mã cột' của tệp Excel",
    )
    imp.add_argument("--check", action="store_true", help="chỉ kiểm tra, không ghi tệp")
    console.add_format(imp)
    add_root(imp)
    tpl = actions.add_parser("template", help="tạo bảng mẫu Excel để điền điểm điều tra")
    tpl.add_argument("--year", type=int, required=True, help="năm đánh giá")
    tpl.add_argument("--out", type=Path, default=None, help="tệp ra .xlsx (mặc định: dieu-tra-<năm>.xlsx)")
    add_root(tpl)


def run(args) -> int:
    root = console.root(args)
    if root is None:
        return console.no_root()
    repo = repository.load(root, wanted=lambda folder: False)
    if args.year not in repo.plans:
        return fail(f"chưa có kế hoạch năm {args.year} (plans/{args.year}.yaml); mở năm mới bằng 'cchc year open'.")
    return _import(root, repo, args) if args.action == "import" else _template(repo, args)


def _old_source(root: Path, rel: str) -> str | None:
    try:
        return parse((root / rel).read_bytes()).data.get("source")
    except (OSError, YamlError):
        return None


def _import(root: Path, repo, args) -> int:
    shown = console.shown(args.file)
    try:
        mapped = colmap.parse_options(args.map)
    except colmap.MapError as exc:
        return fail(f"--map {exc}")
    result = survey_in.read_survey(args.file, shown, repo, args.year, mapped)
    if result.errors:
        console.show(result.findings, args.format)
        return console.done(len(result.errors), "điểm điều tra")
    if not result.points:
        console.show(result.findings, args.format)
        return fail(f"{shown}: bảng không có điểm nào để nhập.")
    rel = repo.surveys[args.year].file if args.year in repo.surveys else f"surveys/{args.year}.yaml"
    source = args.source or _old_source(root, rel) or f"Nhập từ tệp {args.file.name}"
    doc, stats = survey_out.merged(repo, args.year, result.points, source)
    text = files.yaml_text(doc)
    after = files.check_changes(root, {rel: text}).findings  # surveys do not change CODEOWNERS
    found = result.findings + after
    console.show(found, args.format)
    errors = [f for f in after if f.is_error]
    if errors:
        return console.done(len(errors), "điểm điều tra")
    units = len({u for u, _ in result.points})
    counts = f"thêm {stats['added']}, cập nhật {stats['changed']}, không đổi {stats['same']} điểm của {units} đơn vị"
    if args.check:
        console.say(f"Bảng hợp lệ ({counts}); chưa ghi tệp (--check).")
        return 0
    files.write_all(root, {rel: text})
    console.say(f"Đã ghi {rel}: {counts}.")
    return 0


def _template(repo, args) -> int:
    pages = survey_out.template(repo, args.year)
    if not pages:
        return fail(f"năm {args.year} không có tiêu chí điều tra xã hội học nào.")
    out = args.out or Path(f"dieu-tra-{args.year}.xlsx")
    if out.suffix.lower() != ".xlsx":
        return fail(f"'{out}': bảng mẫu là tệp Excel .xlsx.")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(WRITERS[".xlsx"](pages))
    console.say(
        f"Đã tạo bảng mẫu {console.shown(out)}: {sum(len(p.rows) for p in pages)} đơn vị, "
        f"{len(pages)} trang. Điền điểm rồi nhập bằng: cchc survey import {out.name} --year {args.year}"
    )
    return 0
