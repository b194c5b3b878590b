"""A unit's "Bảng tổng hợp kết quả tự đánh giá" in the official layout, ready for the head
of the unit to sign: every area, criterion and component criterion with its maximum, the
self-assessed points, the evidence list and the explanation; once the council has
appraised, its points, the survey points and the points achieved.

Every number comes from cchc.score.unit.score_unit — the numbers the results site shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..model.framework import Framework, Node
from ..model.registry import IndexNames, Province, Unit, index_names
from ..model.repository import Repository
from ..model.submission import Entry, EvidenceRef, Report
from ..score.unit import NOT_SUBMITTED, STATUS_NAMES, NodeScore, UnitScore, score_unit
from .framework_out import vn_date
from .layout import Column, Page, Row, shown, ubnd

SIGN = ("(Ký, ghi rõ họ tên, đóng dấu)",)


def _evidence(refs: Iterable[EvidenceRef]) -> str | None:
    lines = []
    for ev in refs:
        parts = [ev.title or ev.file.rsplit("/", 1)[-1]]
        parts += [f"số {ev.number}"] if ev.number else []
        parts += [f"ngày {vn_date(ev.date)}"] if ev.date else []
        parts += [ev.section] if ev.section else []
        parts += [f"trang {ev.page}"] if ev.page else []
        lines.append("- " + ", ".join(parts))
    return "\n".join(lines) or None


def _explanation(node: Node | None, entry: Entry | None) -> str | None:
    if entry is None:
        return None
    lines = []
    if node is not None and entry.figures is not None and node.rule and "figures" in node.rule.params:
        names = node.rule.params["figures"]
        lines.append(
            f"{names['achieved']}: {shown(entry.figures.achieved)}; {names['total']}: {shown(entry.figures.total)}"
        )
    if entry is not None and entry.na:
        lines.append("Không áp dụng" + (f": {entry.na_reason}" if entry.na_reason else ""))
    if entry.explanation:
        lines.append(entry.explanation)
    return "\n".join(lines) or None


def _max(n: NodeScore) -> str | Decimal:
    return "K/AD" if n.na else n.full_max if n.is_adjustment else n.max


def _columns(appraised: bool) -> list[Column]:
    columns = [
        Column("STT", 7),
        Column("Lĩnh vực/Tiêu chí/Tiêu chí thành phần", 42, text=True),
        Column("Điểm tối đa", 9),
        Column("Điểm tự đánh giá", 10),
        Column("Tài liệu kiểm chứng", 40, text=True),
        Column("Giải trình", 30, text=True),
    ]
    if appraised:
        columns += [
            Column("Điểm thẩm định", 10),
            Column("Điểm điều tra XHH", 10),
            Column("Điểm đạt", 9),
            Column("Ý kiến của Hội đồng thẩm định", 28, text=True),
        ]
    return columns


def _council_cells(n: NodeScore, leaf: bool, survey: bool) -> list[object]:
    """The appraised part of a row: council points, survey points, achieved, the council's reason."""
    reason = (n.reason + (f" (vòng {n.round})" if n.round else "")) if n.reason else None
    if n.na:  # never 0 for a criterion that does not apply
        return ["K/AD", "K/AD", "K/AD", reason]
    return ["—" if survey else n.appraised, n.survey if (survey or not leaf) else "—", n.achieved, reason]


def _row(n: NodeScore, fw: Framework, entries: dict[str, Entry], appraised: bool) -> Row:
    leaf = not n.children
    survey = leaf and n.method == "survey"
    own = "ĐTXHH" if survey else "Không áp dụng" if n.na else n.self
    cells: list[object] = [n.code, n.title, _max(n), own, None, None]
    if leaf:
        cells[4:] = [_evidence(n.evidence), _explanation(fw.node(n.code), entries.get(n.code))]
    if appraised:
        cells += _council_cells(n, leaf, survey)
    return Row(cells, bold=n.depth == 1)


def _total(s: UnitScore, appraised: bool) -> Row:
    total: list[object] = [None, "TỔNG ĐIỂM", s.max, s.self_total, None, None]
    if appraised:
        total += [s.appraised_total, s.survey_total, s.total, None]
    return Row(total, bold=True)


def _top(repo: Repository, unit: Unit, year: int) -> str:
    """The agency above the unit: its active parent, or the province's People's Committee."""
    parent = repo.units.get(unit.parent) if unit.parent else None
    if parent is not None and parent.active(year):
        return parent.name
    return ubnd(repo.province.name if repo.province else "")


def _subtitle(unit: Unit, fw: Framework, report: Report | None) -> tuple[str, ...]:
    subtitle = [f"(Kèm theo Báo cáo số {report.number} ngày {vn_date(report.date)} của {unit.name})"] if report else []
    subtitle.append(f"Bộ tiêu chí: {fw.title} ({fw.legal_number})")
    return tuple(subtitle)


def _closing(s: UnitScore, names: IndexNames, appraised: bool) -> str:
    if appraised:
        return (
            f"Tổng điểm đạt: {shown(s.total)}/{shown(s.max)} (thẩm định {shown(s.appraised_total)}, "
            f"điều tra xã hội học {shown(s.survey_total)}); {names.short}: {shown(s.index, s.framework.precision)}%; "
            f"xếp loại: {s.classification}."
        )
    return (
        f"Tổng điểm tự đánh giá: {shown(s.self_total)}/{shown(s.max)} (chưa gồm điểm điều tra xã hội học, "
        "do Sở Nội vụ tổng hợp)."
    )


def _notes(s: UnitScore, prov: Province | None, names: IndexNames, appraised: bool) -> tuple[str, ...]:
    notes = [_closing(s, names, appraised), f"Tình trạng hồ sơ: {STATUS_NAMES[s.status]}."]
    if s.status == NOT_SUBMITTED:
        notes.append("Đơn vị chưa nộp hồ sơ tự đánh giá: bảng chỉ có điểm tối đa.")
    if prov and prov.sample:
        notes.append("Dữ liệu mẫu của một tỉnh giả định, không phải kết quả chính thức.")
    return tuple(notes)


def _signature(report: Report | None) -> tuple[str, ...]:
    if report is None:
        return ("……, ngày … tháng … năm ……", "THỦ TRƯỞNG ĐƠN VỊ", *SIGN, "", "", "")
    when = f"Ngày {report.date[8:]} tháng {report.date[5:7]} năm {report.date[:4]}"
    return (when, "THỦ TRƯỞNG ĐƠN VỊ", *SIGN, "", "", report.approved_by)


def pages(repo: Repository, unit: Unit, year: int) -> list[Page]:
    s = score_unit(repo, unit, year)
    assert s is not None, "callers export units whose year has a plan, hence a framework"
    fw = s.framework
    assert isinstance(fw, Framework), "score_unit scores with the plan's framework, never a published one"
    dossier = repo.dossiers.get((year, unit.id))
    sa = dossier.self_assessment if dossier else None
    entries = {e.code: e for e in sa.entries} if sa else {}
    appraised = bool(dossier and dossier.appraisal and dossier.appraisal.rounds)
    rows = [_row(n, fw, entries, appraised) for n in s.nodes()]
    rows.append(_total(s, appraised))
    names = index_names(repo.province)
    report = sa.report if sa else None
    title = (
        "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ"
        + (" VÀ THẨM ĐỊNH" if appraised else "")
        + f", CHẤM ĐIỂM {names.name.upper()} NĂM {year}"
    )
    return [
        Page(
            f"{unit.id}"[:31],
            _columns(appraised),
            rows,
            agency=(_top(repo, unit, year).upper(), unit.name.upper()),
            title=(title,),
            subtitle=_subtitle(unit, fw, report),
            notes=_notes(s, repo.province, names, appraised),
            signature=_signature(report),
        )
    ]
