"""`cchc survey import|template`: survey points (điểm điều tra xã hội học) from a spreadsheet."""

from __future__ import annotations

from pathlib import Path

from ..load import repository
from ..load.yamlfile import YamlError, parse
from ..officer import colmap, console, files, survey_in, survey_out
from ..officer.render import WRITERS
from .common import add_actions, add_check, add_column_map, add_import, add_root, add_year, fail, save_checked


def add_parser(sub) -> None:
    actions = add_actions(
        sub,
        "survey",
        "nhập điểm điều tra xã hội học từ bảng tính (CSV, Excel)",
        "Nhập điểm điều tra xã hội học theo đơn vị và tiêu chí, hoặc tạo bảng mẫu để điền.",
    )
    imp = add_import(actions, "đọc bảng điểm (.xlsx, .csv) và ghi surveys/<năm>.yaml", "tệp Excel (.xlsx) hoặc CSV")
    add_year(imp)
    imp.add_argument("--source", help="nguồn số liệu, ví dụ 'Kết quả điều tra XHH năm 2025 của Sở Nội vụ'")
    add_column_map(imp, "mã tiêu chí, ví dụ CS1=8.1")
    add_check(imp)
    console.add_format(imp)
    add_root(imp)
    tpl = actions.add_parser("template", help="tạo bảng mẫu Excel để điền điểm điều tra")
    add_year(tpl)
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
        return console.stopped(result.findings, args.format, "điểm điều tra")
    if not result.points:
        return console.refused(result.findings, args.format, f"{shown}: bảng không có điểm nào để nhập.")
    rel = repo.surveys[args.year].file if args.year in repo.surveys else f"surveys/{args.year}.yaml"
    source = args.source or _old_source(root, rel) or f"Nhập từ tệp {args.file.name}"
    doc, stats = survey_out.merged(repo, args.year, result.points, source)
    units = len({u for u, _ in result.points})
    counts = f"thêm {stats['added']}, cập nhật {stats['changed']}, không đổi {stats['same']} điểm của {units} đơn vị"
    text = files.yaml_text(doc)
    return save_checked(root, rel, text, result.findings, args, "điểm điều tra", counts, [f"Đã ghi {rel}: {counts}."])


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
