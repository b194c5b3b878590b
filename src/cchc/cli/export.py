"""`cchc export unit|annex`: official tables (Excel and Word) from the scored repository."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import gitinfo, validation
from ..load import repository
from ..officer import annex, console, unit_table
from ..officer.render import WRITERS
from ..score import results as results_mod
from .common import add_actions, add_root, add_year, fail


def add_parser(sub) -> None:
    actions = add_actions(
        sub,
        "export",
        "xuất bảng tổng hợp của đơn vị, phụ lục kết quả (Excel, Word)",
        "Xuất các bảng theo mẫu chính thức: bảng tổng hợp kết quả tự đánh giá của "
        "đơn vị, phụ lục kết quả Chỉ số CCHC theo nhóm để kèm quyết định công bố.",
    )
    unit = actions.add_parser("unit", help="bảng tổng hợp kết quả tự đánh giá của một (hoặc mọi) đơn vị")
    add_year(unit)
    who = unit.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit", action="append", metavar="MÃ", help="mã đơn vị (ghi nhiều lần cho nhiều đơn vị)")
    who.add_argument("--all", action="store_true", help="mọi đơn vị hoạt động trong năm")
    unit.add_argument("--out", type=Path, default=Path("."), help="thư mục ghi tệp (mặc định: thư mục hiện tại)")
    unit.add_argument(
        "--as", dest="kinds", choices=sorted(WRITERS), action="append", help="định dạng: .xlsx, .docx (mặc định cả hai)"
    )
    add_root(unit)
    res = actions.add_parser("annex", help="phụ lục kết quả theo nhóm (hạng, điểm theo lĩnh vực, chỉ số, xếp loại)")
    add_year(res)
    res.add_argument("--group", action="append", metavar="NHÓM", help="chỉ xuất nhóm này (mặc định: mọi nhóm)")
    res.add_argument("--decision", help="số, ngày quyết định công bố, ví dụ '631/QĐ-UBND ngày 09/5/2026'")
    res.add_argument(
        "--out",
        type=Path,
        action="append",
        metavar="TỆP",
        help="tệp ra .xlsx hoặc .docx (mặc định: phu-luc-ket-qua-<năm>.xlsx và .docx)",
    )
    add_root(res)


def run(args) -> int:
    root = console.root(args)
    if root is None:
        return console.no_root()
    return _unit(root, args) if args.action == "unit" else _annex(root, args)


def _checked(root: Path, paths=None):
    """The validated repository, or None after printing why official tables cannot be made from it."""
    result = validation.validate(root, paths)
    if result.errors:
        console.show(result.findings)
        console.say(f"Không xuất bảng: dữ liệu còn {len(result.errors)} lỗi phải sửa trước (xem danh sách trên).")
        return None
    return result.repo


def _write(out: Path, pages) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(WRITERS[out.suffix.lower()](pages))
    console.say(f"Đã xuất {console.shown(out)}.")


def _unit(root: Path, args) -> int:
    context = repository.load(root, wanted=lambda folder: False)
    if args.year not in context.plans:
        return fail(f"chưa có kế hoạch năm {args.year} (plans/{args.year}.yaml).")
    ids = [u.id for u in context.units_in(args.year)] if args.all else args.unit
    for uid in ids:
        unit = context.units.get(uid)
        if unit is None or not unit.active(args.year):
            return fail(f"không có đơn vị '{uid}' hoạt động năm {args.year} trong danh sách đơn vị (units/).")
    # Survey points are part of the totals: load (and check) them with the year's dossiers.
    folders = [f"submissions/{args.year}"] if args.all else [f"submissions/{args.year}/{uid}" for uid in ids]
    repo = _checked(root, [*folders, "surveys"])
    if repo is None:
        return 1
    for uid in ids:
        pages = unit_table.pages(repo, repo.units[uid], args.year)
        for kind in args.kinds or sorted(WRITERS, reverse=True):
            _write(args.out / f"bang-tong-hop-{args.year}-{uid}{kind}", pages)
    return 0


def _unknown_groups(year: results_mod.Year, args: argparse.Namespace) -> str | None:
    """Why the annex of the chosen groups cannot be made: a group that is not there."""
    unknown = sorted(set(args.group or ()) - {g.id for g in year.groups})
    if unknown:
        return f"không có nhóm {', '.join(unknown)} năm {args.year} (có: {', '.join(g.id for g in year.groups)})."
    return None


def _pending(year: results_mod.Year, chosen: list[str] | None) -> int:
    """Units of the chosen groups whose appraisal is not final."""
    rows = (r for g in year.groups if not chosen or g.id in chosen for r in g.rows)
    return sum(1 for r in rows if r.score.status not in annex.FINAL)


def _annex(root: Path, args: argparse.Namespace) -> int:
    repo = _checked(root, [f"submissions/{args.year}", "surveys"])  # the year's dossiers are the annex
    if repo is None:
        return 1
    results = results_mod.compute(repo, gitinfo.commit(root), gitinfo.commit_date(root))
    year = results.year(args.year)
    if year is None or not year.groups:
        return fail(f"năm {args.year} chưa có kết quả (cần plans/{args.year}.yaml và đơn vị hoạt động).")
    unknown = _unknown_groups(year, args)
    if unknown:
        return fail(unknown)
    outs = args.out or [Path(f"phu-luc-ket-qua-{args.year}.xlsx"), Path(f"phu-luc-ket-qua-{args.year}.docx")]
    bad = [o for o in outs if o.suffix.lower() not in WRITERS]
    if bad:
        return fail(f"'{bad[0]}': chỉ xuất được .xlsx hoặc .docx.")
    pages = annex.pages(results, args.year, args.group, args.decision)
    for out in outs:
        _write(out, pages)
    pending = _pending(year, args.group)
    if pending:
        console.say(f"Lưu ý: {pending} đơn vị chưa hoàn thành thẩm định; phụ lục chưa phải kết quả cuối cùng.")
    return 0
