"""`cchc survey import`: survey points (điểm điều tra xã hội học) from CSV or Excel.

Two layouts are read, one per sheet:
- wide: one row per unit ("Mã đơn vị" and/or "Tên đơn vị"), one column per survey
  criterion (header "1.6", "Tiêu chí 1.6" or "1.6. Đánh giá của…"), an optional "Tổng";
- long: one row per unit and criterion ("Mã đơn vị", "Mã tiêu chí", "Điểm"), where a row
  whose criterion is "Tổng" states the unit's total.
Unknown units or criteria, points above the maximum, totals that do not add up and
duplicate rows are each refused with their sheet, row and column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from . import cells, colmap
from .sheets import Grid, Spot, problem
from .unit_match import UNNAMED, Finder

_CODE_HEAD = re.compile(r"^(?:tieu chi|tc|ma)?\s*([a-z]?\d+(?:\.\d+){0,2})(?=$|[\s:.)\-])")


def _classify(h: str) -> str | None:
    if h.startswith("ma don vi") or h in ("ma dv", "ma co quan"):
        return "unit"
    if h.startswith(("ten don vi", "ten co quan")) or h in ("don vi", "co quan, don vi", "co quan don vi"):
        return "name"
    if h.startswith("ma tieu chi"):
        return "code"
    if h.startswith("diem") and "toi da" not in h:
        return "points"
    if h.startswith("tong"):
        return "total"
    return None


@dataclass
class _Header:
    position: int
    keys: dict  # key -> column
    codes: dict  # column -> criterion code (wide layout)
    names: dict  # column -> header text


def _heading(value: object, mapped: colmap.ColumnMap | None) -> tuple[str | None, str | None]:
    """A header cell → (column key, criterion code), at most one of them."""
    h = cells.fold(cells.text(value))
    given = mapped.code(value) if mapped else None  # "CS1=8.1": the officer's name for a column
    if given:
        return None, given
    key = _classify(h)
    if key:
        return key, None
    m = _CODE_HEAD.match(h)
    return None, (m[1].upper() if m else None)


def _columns(values: Sequence[object], mapped: colmap.ColumnMap | None) -> _Header:
    """One row read as a header (its position left 0): keys, criterion codes and texts by column."""
    found = _Header(0, {}, {}, {})
    for col, value in enumerate(values, 1):
        if value is None:
            continue
        key, code = _heading(value, mapped)
        if key and key not in found.keys:
            found.keys[key] = col
        elif code:
            found.codes[col] = code
        found.names[col] = " ".join((cells.text(value) or "").split())  # grids hold no blank strings
    return found


def _header(grid: Grid, mapped: colmap.ColumnMap | None = None) -> _Header | None:
    for position, (_, values) in enumerate(grid.rows[:30]):
        h = _columns(values, mapped)
        if ({"unit", "name"} & set(h.keys)) and (h.codes or {"code", "points"} <= set(h.keys)):
            h.position = position
            return h
    return None


_CLOSING = {"tong", "tong cong", "tong so", "tong diem", "cong"}
# A survey criterion that does not apply to a unit: the words a table uses for it.
NOT_APPLICABLE = {"khong ap dung", "kad", "k/ad", "k/a/d"}


@dataclass
class SurveyRead:
    points: dict = field(default_factory=dict)  # (unit, code) -> Decimal, None where not applicable
    findings: list = field(default_factory=list)

    @property
    def errors(self) -> list:
        return [f for f in self.findings if f.is_error]


class _Reader:
    def __init__(self, repo, year: int, out: SurveyRead):
        self.repo, self.year, self.out = repo, year, out
        self.finder = Finder(repo, year)
        self.units = self.finder.units
        fws = {u.level: repo.framework_for(year, u.level) for u in self.units}
        self.frameworks = {level: fw for level, fw in fws.items() if fw is not None}
        self.survey_codes = {n.code for fw in self.frameworks.values() for n in fw.leaves() if n.is_survey}
        self.seen_units: dict = {}
        self.seen_pairs: dict = {}
        self.where: dict = {}  # (unit, code) -> (grid, row, col), for totals

    def err(self, code, at: Spot, col, message, hint="", warn=False, criterion=None):
        header = at.header.names.get(col) if col else None
        found = problem(code, at.grid, at.row, col, message, hint, header=header, warn=warn, criterion=criterion)
        self.out.findings.append(found)

    def grid(self, grid, h: _Header):
        bad = set()
        for col, code in h.codes.items():
            if code not in self.survey_codes:
                bad.add(col)
                self.err(
                    "officer-survey-criterion",
                    Spot(grid, h, grid.rows[h.position][0]),
                    col,
                    f"tiêu chí {code} không phải tiêu chí điều tra xã hội học của bộ tiêu chí nào năm {self.year}.",
                    "Sửa mã tiêu chí ở dòng tiêu đề, hoặc xoá cột này.",
                    criterion=code,
                )
        totals: dict[str, tuple[Decimal | None, int, int]] = {}  # unit -> (stated total, row, column)
        for row, values in grid.rows[h.position + 1 :]:
            first = next((cells.fold(cells.text(v)) for v in values if v is not None), "")
            if not first or first.startswith("diem toi da") or first in _CLOSING:
                continue  # blank, the template's maximum row, a closing total line
            unit = self.unit(grid, h, row, values)
            if unit is None:
                continue
            if h.codes:
                self.wide(grid, h, row, values, unit, bad)
            else:
                self.long(grid, h, row, values, unit, totals)
        for uid, (stated, row, col) in totals.items():
            got = sum((p for (u, _), p in self.out.points.items() if u == uid), Decimal(0))
            if stated != got:
                self.err(
                    "officer-survey-total",
                    Spot(grid, h, row),
                    col,
                    f"tổng điểm của '{uid}' ghi {cells.vn(stated)}, khác tổng các tiêu chí ({cells.vn(got)}).",
                    "Sửa điểm các tiêu chí hoặc dòng tổng cho khớp.",
                )

    def unit(self, grid, h, row, values):
        unit, issues = self.finder.in_row(values, h.keys)
        if issues == [UNNAMED] and all(cells.value_at(values, c) is None for c in h.codes):
            return None  # a row naming no unit and giving no points: nothing to say
        for issue in issues:
            code = "officer-survey-name" if issue.warn else "officer-survey-unit"
            col = h.keys.get(issue.key) or h.keys.get("name")
            self.err(code, Spot(grid, h, row), col, issue.message, issue.hint, warn=issue.warn)
        return unit

    def points(self, grid, h, row, col, raw, unit, code):
        """(points or None, whether the cell was accepted): one unit's points for one criterion."""

        def refuse(finding: str, message: str, hint: str) -> tuple[None, bool]:
            self.err(finding, Spot(grid, h, row), col, message, hint, criterion=code)
            return None, False

        if cells.fold(cells.text(raw)) in NOT_APPLICABLE:
            return self.not_applicable(unit, code, grid.where(row, col), refuse)
        try:
            value = cells.number(raw)
        except ValueError:
            return refuse(
                "officer-survey-format",
                f"điểm '{cells.text(raw)}' không phải một số.",
                "Ghi một số, ví dụ 8,5; để trống nếu chưa có điểm.",
            )
        if value is None:
            return None, True
        fw = self.frameworks.get(unit.level)
        node = fw.node(code) if fw else None
        if node is None or not node.is_leaf or not node.is_survey:
            return refuse(
                "officer-survey-criterion",
                f"tiêu chí {code} không phải tiêu chí điều tra "
                f"xã hội học của bộ tiêu chí áp dụng cho '{unit.id}'" + (f" ({fw.ref})." if fw else "."),
                "Để trống ô này, hoặc kiểm tra đơn vị và cột tiêu chí.",
            )
        if value < 0 or value > node.max:
            return refuse(
                "officer-survey-above-max",
                f"điểm {cells.vn(value)} của '{unit.id}' "
                f"{'âm' if value < 0 else f'vượt điểm tối đa {cells.vn(node.max)}'} của tiêu chí {code}.",
                "Kiểm tra lại số liệu điều tra.",
            )
        key = (unit.id, code)
        first = self.seen_pairs.get(key)
        if first:
            return refuse(
                "officer-survey-duplicate", f"điểm của '{unit.id}', tiêu chí {code} đã có ở {first}.", "Xoá dòng lặp."
            )
        return self.keep(key, value, grid.where(row, col))

    def not_applicable(self, unit, code, where: str, refuse) -> tuple[Decimal | None, bool]:
        """ "Không áp dụng" for a survey criterion of the unit's framework: recorded as N/A."""
        fw = self.frameworks.get(unit.level)
        node = fw.node(code) if fw else None
        key = (unit.id, code)
        if node is None or not node.is_leaf or not node.is_survey or key in self.seen_pairs:
            return refuse(
                "officer-survey-criterion",
                f"không ghi được 'Không áp dụng' cho tiêu chí "
                f"{code} của '{unit.id}': không phải tiêu chí điều tra của đơn vị, hoặc đã có điểm.",
                "Để trống ô này, hoặc kiểm tra đơn vị và cột tiêu chí.",
            )
        return self.keep(key, None, where)

    def keep(self, key: tuple[str, str], value: Decimal | None, where: str) -> tuple[Decimal | None, bool]:
        """A unit's points for a criterion (None: not applicable), and where they were read."""
        self.seen_pairs[key] = where
        self.out.points[key] = value
        return value, True

    def wide(self, grid, h, row, values, unit, bad):
        first = self.seen_units.get(unit.id)
        if first:
            return self.err(
                "officer-survey-duplicate",
                Spot(grid, h, row),
                h.keys.get("unit") or h.keys["name"],
                f"đơn vị '{unit.id}' đã có ở {first}.",
                "Mỗi đơn vị một dòng: xoá dòng lặp.",
            )
        self.seen_units[unit.id] = grid.where(row)
        total, ok = Decimal(0), True
        for col, code in h.codes.items():
            if col in bad:
                continue
            value, good = self.points(grid, h, row, col, cells.value_at(values, col), unit, code)
            total += value or 0
            ok = ok and good
        col = h.keys.get("total")
        try:
            stated = cells.number(cells.value_at(values, col))
        except ValueError:
            return self.err(
                "officer-survey-format",
                Spot(grid, h, row),
                col,
                "tổng điểm không phải một số.",
                "Ghi tổng điểm hoặc để trống.",
            )
        if ok and stated is not None and stated != total:
            self.err(
                "officer-survey-total",
                Spot(grid, h, row),
                col,
                f"tổng điểm của '{unit.id}' ghi {cells.vn(stated)}, khác tổng các tiêu chí ({cells.vn(total)}).",
                "Sửa điểm các tiêu chí hoặc ô tổng cho khớp; không nhập bảng có tổng sai.",
            )

    def long(self, grid, h, row, values, unit, totals):
        raw_code = cells.value_at(values, h.keys["code"])
        raw = cells.value_at(values, h.keys["points"])
        if cells.fold(cells.text(raw_code)).startswith("tong"):
            try:
                totals[unit.id] = (cells.number(raw), row, h.keys["points"])
            except ValueError:
                self.err(
                    "officer-survey-format",
                    Spot(grid, h, row),
                    h.keys["points"],
                    "tổng điểm không phải một số.",
                    "Ghi tổng điểm hoặc xoá dòng tổng.",
                )
            return
        try:
            code = cells.code(raw_code)
        except ValueError:
            code = None
        if code is None:
            return self.err(
                "officer-survey-criterion",
                Spot(grid, h, row),
                h.keys["code"],
                f"mã tiêu chí '{cells.text(raw_code) or ''}' không đúng dạng.",
                "Ghi mã dạng 8.1 hoặc 8.1.2.",
            )
        self.points(grid, h, row, h.keys["points"], raw, unit, code)


_MISSING = (
    "Không tìm thấy bảng điểm điều tra: cần một dòng tiêu đề có cột 'Mã đơn vị' (hoặc 'Tên đơn vị') "
    "và các cột mã tiêu chí (ví dụ '8.1'), hoặc cột 'Mã tiêu chí' và 'Điểm'.",
    "Dùng mẫu tạo bởi lệnh: cchc survey template --year <năm>.",
)


def read_survey(path, shown: str, repo, year: int, mapped: colmap.ColumnMap | None = None) -> SurveyRead:
    """``mapped``: headers named otherwise than by criterion code (option --map), joined with the
    file's own "Mã cột" sheet."""
    out = SurveyRead()
    found = colmap.tables(path, shown, mapped, _header, _MISSING)
    out.findings = found.findings
    reader = _Reader(repo, year, out)
    for grid, h in found.located:
        reader.grid(grid, h)
    return out
