"""One group's ranking table, as provinces publish their PAR tables: rank, unit, the points of
each area, points achieved, applicable maximum, index, class and the change against the year
before, points always with two decimals and a decimal comma; above it the group's average
index and how many units are above it, below it what each area column is, the class
thresholds and a link to the method."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ...model.numbers import fmt
from ...score.unit import NOT_SUBMITTED
from .html import Markup, cell, link, num, points, row, signed, table
from .urls import METHODS, method_page, unit_page

if TYPE_CHECKING:
    from ...model.framework import Framework
    from ...model.repository import Repository
    from ...score.history import PublishedFramework
    from ...score.results import Area, Group, Row
    from ...score.unit import NodeScore

NA_SHORT = "K/AD"  # không áp dụng, in tight tables
NOT_APPRAISED_BADGE = Markup('<span class="cchc-badge cchc-not-appraised">chưa thẩm định</span>')
NOT_SUBMITTED_BADGE = Markup('<span class="cchc-badge cchc-not-appraised cchc-not-submitted">chưa nộp</span>')
LAST = "-99999"  # sort key of an empty or not-applicable cell: below every number


def area_header(code: str) -> str:
    return f"Lĩnh vực {code}"


def headers(areas: list[Area]) -> list[Markup]:
    out = [Markup("Hạng"), Markup("Đơn vị")]
    out += [Markup('<span title="{}">{}</span>').format(title, area_header(code)) for code, title, _ in areas]
    out += [
        Markup("Điểm đạt"),
        Markup("Điểm tối đa áp dụng"),
        Markup("Chỉ số (%)"),
        Markup("Xếp loại"),
        Markup("Thay đổi chỉ số (điểm %)"),
        Markup("Thay đổi thứ hạng"),
    ]
    return out


def _area_cell(node: NodeScore | None) -> Markup:
    """An area's points; K/AD where none of it applies to the unit (never 0), — where the
    unit's framework has no such area."""
    if node is None:
        return cell("—", LAST)
    if node.na:
        return cell(NA_SHORT, LAST, "cchc-n cchc-na")
    return cell(points(node.achieved), fmt(node.achieved))


def _badged(r: Row) -> bool:
    return r.score.status == NOT_SUBMITTED or not r.score.appraised_final


def _name(page: str, r: Row) -> Markup:
    s = r.score
    name = link(page, unit_page(s.unit.id), s.unit.name)
    if s.status == NOT_SUBMITTED:
        return Markup("{} {}").format(name, NOT_SUBMITTED_BADGE)
    if not s.appraised_final:
        return Markup("{} {}").format(name, NOT_APPRAISED_BADGE)
    return name


def _row(page: str, r: Row, areas: list[Area]) -> Markup:
    s, p, ch = r.score, r.score.framework.precision, r.change
    by_code = {a.code: a for a in s.areas}
    place_change = ch.place if ch is not None else None
    index_change = ch.index if ch is not None else None
    return row(
        cell(r.place if r.place is not None else "—", r.place if r.place is not None else 99999),
        # sorted by the name alone: a badge's words follow it in the cell's text
        cell(_name(page, r), s.unit.name if _badged(r) else None, "cchc-unit"),
        *(_area_cell(by_code.get(code)) for code, _, _ in areas),
        cell(points(s.total), fmt(s.total)),
        cell(points(s.max), fmt(s.max)),
        cell(num(s.index, p), fmt(s.index, p) if s.index is not None else LAST),
        cell(s.classification or "—"),
        cell(signed(index_change, p) if index_change is not None else "—", fmt(index_change) if index_change else "0"),
        cell(signed(place_change) if place_change is not None else "—", place_change or 0),
    )


def row_id(unit_id: str) -> str:
    """The id of a unit's row in a ranking (a unit page's place links to it)."""
    return f"dv-{unit_id}"


@dataclass(frozen=True)
class Whole:
    """What every slice of a group's ranking shows of the whole group: worked out once a build,
    not once a slice (a national group's ranking has dozens of slices of thousands of rows)."""

    areas: list[Area]  # the whole group's area columns: every slice has the same columns
    average: Decimal | None  # the group's average index
    above: int  # units with an index above the average
    indexed: int  # units with an index
    frameworks: tuple[Framework | PublishedFramework, ...]  # the group's frameworks, by ref
    scaled: bool  # some unit's points were scaled (a year without a survey)


def whole(group: Group) -> Whole:
    avg = group.average()
    indexed = [r.score.index for r in group.rows if r.score.index is not None]
    frameworks = {r.score.framework.ref: r.score.framework for r in group.rows}
    return Whole(
        areas=group.areas(),
        average=avg,
        above=0 if avg is None else sum(1 for i in indexed if i > avg),
        indexed=len(indexed),
        frameworks=tuple(fw for _, fw in sorted(frameworks.items())),
        scaled=any(r.score.unscaled is not None for r in group.rows),
    )


def ranking_table(page: str, areas: list[Area], rows: Sequence[Row]) -> Markup:
    """A group's ranking table: its ``rows`` (all, or one slice of a long group) under the
    columns of the whole group's ``areas``."""
    return table(
        headers(areas),
        [_row(page, r, areas) for r in rows],
        cls="cchc-ranking",
        pin=2,
        ids=[row_id(r.score.unit.id) for r in rows],
    )


def average_line(w: Whole) -> Markup:
    """The group's average index and how many units are above it."""
    if w.average is None:
        return Markup("")
    return Markup(
        '<p class="cchc-average">Chỉ số bình quân của nhóm: <strong>{}%</strong>; <strong>{}</strong>/{} đơn vị '
        "có chỉ số cao hơn bình quân.</p>"
    ).format(num(w.average, 2), w.above, w.indexed)


def legend(page: str, w: Whole, repo: Repository) -> Markup:
    """What each area column is, the class thresholds of the group's framework(s), the method."""
    items = Markup("").join(
        Markup("<li><strong>{}</strong>: {}{}</li>").format(
            area_header(code), title, f" (tối đa {num(mx)} điểm)" if mx else ""
        )
        for code, title, mx in w.areas
    )
    parts = [Markup('<h2>Cách đọc bảng</h2><ul class="cchc-legend">{}</ul>').format(items)]
    for fw in w.frameworks:
        bands = sorted(fw.bands, key=lambda b: b.min, reverse=True)
        method = link(page, method_page(fw.ref), "bộ tiêu chí") if fw.ref in repo.frameworks else Markup("")
        if bands:
            thresholds = Markup("; ").join(Markup("{} từ {}%").format(b.label, num(b.min)) for b in bands)
            parts.append(Markup("<p>Xếp loại theo chỉ số ({}): {}.</p>").format(method or fw.title, thresholds))
        else:
            parts.append(Markup("<p>Xếp loại giữ nguyên như đã công bố.</p>"))
    parts.append(
        Markup(
            "<p>Điểm đạt là tổng điểm các lĩnh vực (kể cả điểm thưởng, điểm trừ), không vượt điểm tối đa áp "
            "dụng{}; chỉ số = điểm đạt ÷ điểm tối đa áp dụng × 100. {}: lĩnh vực không áp dụng cho đơn vị, "
            "không tính vào điểm tối đa áp dụng. Cách tính chi tiết: {}.</p>"
        ).format(
            "; năm không tổ chức điều tra xã hội học, điểm đạt là điểm thẩm định đã quy đổi" if w.scaled else "",
            NA_SHORT,
            link(page, METHODS, "phương pháp tính điểm"),
        )
    )
    return Markup("\n").join(parts)
