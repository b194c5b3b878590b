"""`cchc criteria import|export`: criteria frameworks from and to the official annex table."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..load import repository
from ..officer import console, files, framework_in, framework_meta, framework_out
from ..officer.render import WRITERS
from .common import add_actions, add_check, add_import, add_root, fail


def add_parser(sub) -> None:
    actions = add_actions(
        sub,
        "criteria",
        "nhập, xuất bộ tiêu chí (bảng phụ lục Excel/Word)",
        "Nhập bộ tiêu chí từ bảng phụ lục của quyết định (Excel hoặc Word), "
        "hoặc xuất bộ tiêu chí ra bảng phụ lục theo mẫu.",
    )
    imp = add_import(
        actions,
        "đọc bảng phụ lục (.xlsx, .docx) và ghi criteria/<thư mục>/<cấp>.yaml",
        "tệp Excel (.xlsx) hoặc Word (.docx) chứa bảng tiêu chí",
    )
    imp.add_argument(
        "--ref", help="nơi ghi: <thư mục>/<cấp>, ví dụ qd-1868-2025/so (mặc định: theo trang 'Thông tin' của tệp)"
    )
    imp.add_argument("--id", help="mã bộ tiêu chí (mặc định: <thư mục>-<cấp>)")
    imp.add_argument("--title", help="tên bộ tiêu chí")
    imp.add_argument("--decision", dest="number", help="số quyết định ban hành, ví dụ 1868/QĐ-UBND")
    imp.add_argument("--date", help="ngày ban hành, ví dụ 12/09/2025")
    imp.add_argument("--issuer", help="cơ quan ban hành, ví dụ UBND tỉnh Mẫu")
    imp.add_argument("--precision", type=int, choices=range(0, 5), help="số chữ số thập phân của chỉ số (mặc định 2)")
    imp.add_argument("--bands", help="các mức xếp loại, ví dụ 'Xuất sắc:90, Tốt:80, Khá:70, Trung bình:50, Yếu:0'")
    add_check(imp)
    imp.add_argument("--force", action="store_true", help="ghi đè bộ tiêu chí đã có")
    console.add_format(imp)
    add_root(imp)
    exp = actions.add_parser("export", help="xuất bộ tiêu chí ra bảng phụ lục Excel (.xlsx) hoặc Word (.docx)")
    exp.add_argument("ref", metavar="BỘ_TIÊU_CHÍ", help="<thư mục>/<cấp>, ví dụ sample-2025/so")
    exp.add_argument(
        "--out",
        type=Path,
        action="append",
        metavar="TỆP",
        help="tệp ra (.xlsx hoặc .docx), có thể ghi nhiều lần (mặc định: <thư mục>-<cấp>.xlsx)",
    )
    add_root(exp)


def run(args) -> int:
    root = console.root(args)
    if root is None:
        return console.no_root()
    return _import(root, args) if args.action == "import" else _export(root, args)


def _latest_bands(repo):
    def bands(level):
        same = sorted((fw.legal_date, ref) for ref, fw in repo.frameworks.items() if fw.level == level)
        return [(b.label, b.min) for b in repo.frameworks[same[-1][1]].bands] if same else None

    return bands


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """What the command line says about the framework; ValueError names a bad date or bands."""
    options = {k: getattr(args, k) for k in ("ref", "id", "title", "number", "issuer", "precision")}
    options["date"] = framework_meta.parse_date(args.date) if args.date else None
    options["bands"] = framework_meta.parse_bands(args.bands) if args.bands else None
    return options


def _summary(doc: dict[str, Any]) -> str:
    nodes = _count(doc)
    return (
        f"{nodes[1]} lĩnh vực, {nodes[2]} tiêu chí, {nodes[3]} tiêu chí thành phần, "
        f"tổng điểm {str(doc['max']).replace('.', ',')}"
    )


def _left(found: list[Finding]) -> list[str]:
    """Criteria whose rule or figure names the import left for the officer, in code order."""
    return sorted(
        {f.criterion for f in found if f.code.endswith("-left") and f.criterion},
        key=lambda c: [int(p) if p.isdigit() else p for p in c.split(".")],
    )


def _save(root: Path, args: argparse.Namespace, target: str, doc: dict[str, Any], ref: str) -> None:
    """Write the framework (unless --check) and say what was done."""
    if args.check:
        console.say(f"Bảng hợp lệ ({_summary(doc)}); chưa ghi tệp (--check).")
        return
    header = f"Nhập từ {args.file.name} bằng lệnh cchc criteria import."
    files.write_all(root, {target: files.yaml_text(doc, header)})
    console.say(f"Đã ghi {target}: {_summary(doc)}.")
    console.say(f"Dùng bộ tiêu chí này cho năm mới: cchc year open <năm> --framework {doc['level']}={ref}")


def _import(root: Path, args: argparse.Namespace) -> int:
    try:
        options = _options(args)
    except ValueError as exc:
        return fail(
            f"giá trị '{exc.args[0]}' không hợp lệ (ngày dạng 12/09/2025; xếp loại dạng 'Xuất sắc:90, Tốt:80')."
        )
    if args.ref and not framework_meta.REF.fullmatch(args.ref):
        return fail(f"--ref '{args.ref}' phải có dạng <thư mục>/<cấp>, ví dụ qd-2027/so (chữ thường không dấu).")
    repo = repository.load(root, wanted=lambda folder: False)
    shown = console.shown(args.file)
    result = framework_in.import_framework(args.file, shown, options, _latest_bands(repo))
    console.show(result.findings, args.format)
    if result.errors or result.meta is None or result.doc is None:
        return console.done(len(result.errors), "bộ tiêu chí")
    ref = result.meta.get("ref")
    target = f"criteria/{ref}.yaml"
    if (root / target).exists() and not args.force and not args.check:
        return fail(f"{target} đã có; dùng --force để ghi đè, hoặc chọn --ref khác cho bộ tiêu chí mới.")
    _save(root, args, target, result.doc, ref)
    left = _left(result.findings)
    if left:
        console.say(
            f"Còn {len(left)} mục cần hoàn thiện cách chấm hoặc tên số liệu: {', '.join(left)} "
            "(xem các cảnh báo ở trên)."
        )
    return 0


def _count(doc) -> dict:
    out = {1: 0, 2: 0, 3: 0}
    for area in doc["areas"]:
        out[1] += 1
        for crit in area["criteria"]:
            out[2] += 1
            out[3] += len(crit.get("components") or ())
    return out


def _export(root: Path, args) -> int:
    repo = repository.load(root, wanted=lambda folder: False)
    fw = repo.frameworks.get(args.ref)
    if fw is None:
        known = ", ".join(sorted(repo.frameworks)) or "chưa có"
        return fail(f"không có bộ tiêu chí '{args.ref}' (có: {known}).")
    outs = args.out or [Path(f"{args.ref.replace('/', '-')}.xlsx")]
    for out in outs:
        if out.suffix.lower() not in WRITERS:
            return fail(f"'{out}': chỉ xuất được .xlsx hoặc .docx.")
    pages = framework_out.pages(fw)
    for out in outs:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(WRITERS[out.suffix.lower()](pages))
        console.say(f"Đã xuất bộ tiêu chí {args.ref} ra {console.shown(out)}.")
    return 0
