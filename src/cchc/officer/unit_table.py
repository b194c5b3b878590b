"""A unit's "Bảng tổng hợp kết quả tự đánh giá" in the official layout, ready for the head
of the unit to sign: every area, criterion and component criterion with its maximum, the
self-assessed points, the evidence list and the explanation; once the council has
appraised, its points, the survey points and the points achieved.

Every number comes from cchc.score.unit.score_unit — the numbers the results site shows.
"""

from __future__ import annotations

from ..model.registry import index_names
from ..score.unit import NOT_SUBMITTED, STATUS_NAMES, score_unit
from .framework_out import vn_date
from .layout import Column, Page, Row, shown, ubnd

SIGN = ("(Ký, ghi rõ họ tên, đóng dấu)",)


def _evidence(refs) -> str | None:
    lines = []
    for ev in refs:
        parts = [ev.title or ev.file.rsplit("/", 1)[-1]]
        parts += [f"số {ev.number}"] if ev.number else []
        parts += [f"ngày {vn_date(ev.date)}"] if ev.date else []
        parts += [ev.section] if ev.section else []
        parts += [f"trang {ev.page}"] if ev.page else []
        lines.append("- " + ", ".join(parts))
    return "\n".join(lines) or None


def _explanation(node, entry) -> str | None:
    lines = []
    if entry is not None and entry.figures is not None and node.rule and "figures" in node.rule.params:
        names = node.rule.params["figures"]
        lines.append(
            f"{names['achieved']}: {shown(entry.figures.achieved)}; {names['total']}: {shown(entry.figures.total)}"
        )
    if entry is not None and entry.na:
        lines.append("Không áp dụng" + (f": {entry.na_reason}" if entry.na_reason else ""))
    if entry is not None and entry.explanation:
        lines.append(entry.explanation)
    return "\n".join(lines) or None


def _max(n):
    return "K/AD" if n.na else n.full_max if n.kind in ("bonus", "penalty") else n.max


def pages(repo, unit, year: int) -> list:
    s = score_unit(repo, unit, year)
    fw = s.framework
    dossier = repo.dossiers.get((year, unit.id))
    sa = dossier.self_assessment if dossier else None
    entries = {e.code: e for e in sa.entries} if sa else {}
    appraised = bool(dossier and dossier.appraisal and dossier.appraisal.rounds)
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
    rows = []
    for n in s.nodes():
        leaf = not n.children
        survey = leaf and n.method == "survey"
        node = fw.node(n.code)
        cells = [
            n.code,
            n.title,
            _max(n),
            "ĐTXHH" if survey else "Không áp dụng" if n.na else n.self,
            _evidence(n.evidence) if leaf else None,
            _explanation(node, entries.get(n.code)) if leaf else None,
        ]
        if appraised:
            na = "K/AD" if n.na else None  # never 0 for a criterion that does not apply
            cells += [
                na or ("—" if survey else n.appraised),
                na or (n.survey if (survey or not leaf) else "—"),
                na or n.achieved,
                (n.reason + (f" (vòng {n.round})" if n.round else "")) if n.reason else None,
            ]
        rows.append(Row(cells, bold=n.depth == 1))
    total = [None, "TỔNG ĐIỂM", s.max, s.self_total, None, None]
    if appraised:
        total += [s.appraised_total, s.survey_total, s.total, None]
    rows.append(Row(total, bold=True))
    prov = repo.province
    names = index_names(prov)
    parent = repo.units.get(unit.parent) if unit.parent else None
    top = parent.name if parent is not None and parent.active(year) else ubnd(prov.name if prov else "")
    report = sa.report if sa else None
    subtitle = [f"(Kèm theo Báo cáo số {report.number} ngày {vn_date(report.date)} của {unit.name})"] if report else []
    subtitle.append(f"Bộ tiêu chí: {fw.title} ({fw.legal_number})")
    if appraised:
        closing = (
            f"Tổng điểm đạt: {shown(s.total)}/{shown(s.max)} (thẩm định {shown(s.appraised_total)}, "
            f"điều tra xã hội học {shown(s.survey_total)}); {names.short}: {shown(s.index, fw.precision)}%; "
            f"xếp loại: {s.classification}."
        )
    else:
        closing = (
            f"Tổng điểm tự đánh giá: {shown(s.self_total)}/{shown(s.max)} (chưa gồm điểm điều tra xã hội học, "
            "do Sở Nội vụ tổng hợp)."
        )
    notes = [closing, f"Tình trạng hồ sơ: {STATUS_NAMES[s.status]}."]
    if s.status == NOT_SUBMITTED:
        notes.append("Đơn vị chưa nộp hồ sơ tự đánh giá: bảng chỉ có điểm tối đa.")
    if prov and prov.sample:
        notes.append("Dữ liệu mẫu của một tỉnh giả định, không phải kết quả chính thức.")
    when = (
        f"Ngày {report.date[8:]} tháng {report.date[5:7]} năm {report.date[:4]}"
        if report
        else "……, ngày … tháng … năm ……"
    )
    title = (
        "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ"
        + (" VÀ THẨM ĐỊNH" if appraised else "")
        + f", CHẤM ĐIỂM {names.name.upper()} NĂM {year}"
    )
    return [
        Page(
            f"{unit.id}"[:31],
            columns,
            rows,
            agency=(top.upper(), unit.name.upper()),
            title=(title,),
            subtitle=tuple(subtitle),
            notes=tuple(notes),
            signature=(when, "THỦ TRƯỞNG ĐƠN VỊ", *SIGN, "", "", report.approved_by if report else ""),
        )
    ]
