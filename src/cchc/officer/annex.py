"""The results annex per ranking group, ready to attach to the publication decision:
place, unit, points per area, total, index and class — from cchc.score.results, the
same ranking the results site publishes."""

from __future__ import annotations

from ..model.plan import Plan
from ..model.registry import IndexNames, Province, index_names
from ..publish.standing import vn_date
from ..score.results import Area, Group, Results
from ..score.results import Row as ResultRow
from ..score.unit import APPRAISED, IMPORTED, STATUS_NAMES, NodeScore
from .layout import Column, Page, Row, shown, ubnd

FINAL = (APPRAISED, IMPORTED)  # a published result brought in (history/) is final too
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _area(node: NodeScore | None) -> object:
    """An area's points; K/AD (không áp dụng) where none of it applies to the unit, never 0."""
    if node is None:
        return None
    return "K/AD" if node.na else node.achieved


def _columns(areas: list[Area], names: IndexNames, precision: int) -> list[Column]:
    return (
        [Column("Thứ hạng", 8), Column("Cơ quan, đơn vị", 34, text=True)]
        + [Column(f"{code}. {title}" + (f" ({shown(mx)} điểm)" if mx else ""), 13) for code, title, mx in areas]
        + [
            Column("Điểm tối đa áp dụng", 10),
            Column("Tổng điểm", 10),
            Column(f"{names.short} (%)", 10, places=precision),
            Column("Xếp loại", 11),
            Column("Ghi chú", 16, text=True),
        ]
    )


def _row(r: ResultRow, areas: list[Area]) -> Row:
    s = r.score
    by_code = {a.code: a for a in s.areas}
    return Row(
        [r.place, s.unit.name]
        + [_area(by_code.get(c)) for c, _, _ in areas]
        + [s.max, s.total, s.index, s.classification, None if s.status in FINAL else STATUS_NAMES[s.status]]
    )


def _notes(group: Group, prov: Province | None, names: IndexNames) -> tuple[str, ...]:
    notes = [
        f"{names.short} (%) = tổng điểm đạt ÷ điểm tối đa áp dụng × 100; bằng chỉ số thì đồng hạng. "
        "K/AD: không áp dụng cho đơn vị (không tính vào điểm tối đa áp dụng)."
    ]
    if any(r.score.status not in FINAL for r in group.rows):
        notes.append("Có đơn vị chưa hoàn thành thẩm định (xem cột Ghi chú): kết quả chưa phải kết quả cuối cùng.")
    if prov and prov.sample:
        notes.append("Dữ liệu mẫu của một tỉnh giả định, không phải kết quả chính thức.")
    return tuple(notes)


def page(results: Results, year: int, group: Group, number: int, decision: str | None) -> Page:
    areas = group.areas()
    precision = group.rows[0].score.framework.precision if group.rows else 2
    names = index_names(results.province)
    prov = results.province
    name = ubnd(prov.name if prov else "")
    by = f"Quyết định số {decision}" if decision else "Quyết định số        /QĐ-UBND ngày      tháng      năm"
    appendix = ROMAN[number] if number < len(ROMAN) else number + 1
    return Page(
        group.name[:31],
        _columns(areas, names, precision),
        [_row(r, areas) for r in group.rows],
        nation=False,
        title=(f"PHỤ LỤC {appendix}", f"{names.results.upper()} NĂM {year}", f"CỦA {group.name.upper()}"),
        subtitle=(f"(Kèm theo {by} của Chủ tịch {name})",),
        notes=_notes(group, prov, names),
    )


def pages(results: Results, year: int, groups: list[str] | None = None, decision: str | None = None) -> list[Page]:
    y = results.year(year)
    chosen = [g for g in y.groups if not groups or g.id in groups] if y else []
    history = getattr(y.plan, "history", None) if y else None
    decision = decision or (history.decision if history is not None else None)  # a published year names its own
    recorded = y.plan.publications[0] if y and isinstance(y.plan, Plan) and y.plan.publications else None
    if decision is None and recorded is not None:  # the decision the plan records
        decision = f"{recorded.number} ngày {vn_date(recorded.date)}"
    return [page(results, year, g, i, decision) for i, g in enumerate(chosen)]
