"""`cchc results import`: a published results table (the annex of a publication decision)
→ the year's history document (history/<year>.yaml).

One row per unit: its name and/or code, points per area (columns "1. Công tác chỉ đạo,
điều hành (11 điểm)", "Lĩnh vực I", or headers mapped by --map / a "Mã cột" sheet),
"Tổng điểm", "Điểm tối đa áp dụng", "Chỉ số (%)", "Thứ hạng", "Xếp loại". A sheet per
group or one sheet for all; group headings, a "Điểm tối đa" row and closing rows are read
as such. The table must be consistent in itself — areas add up to the total, the index is
the total ÷ the maximum, places follow the index within each group — and every problem is
located by sheet, row and column. Nothing is written while an error remains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model.registry import Unit
from ..score.published import allowed_places, decimals, expected_index, index_matches
from . import cells, colmap
from .sheets import Grid, Spot, problem
from .unit_match import Finder

_NAMES = {
    "don vi",
    "co quan",
    "co quan, don vi",
    "co quan don vi",
    "co quan, don vi, dia phuong",
    "dia phuong",
    "ten",
    "ten don vi, dia phuong",
}
_AREA = re.compile(
    r"^(?:linh vuc|lv|chi so thanh phan|tieu chi)?\s*"
    r"(?:([ivx]+)(?=$|[.:)\-])|([a-z]?\d+(?:\.\d+){0,2})(?=$|[\s:.)\-]))"
)
_AREA_TEXT = re.compile(
    r"^\s*(?:(?:lĩnh vực|lv|chỉ số thành phần|tiêu chí)\s*)?"
    r"(?:[IVX]+(?![^\W\d_])|[A-Z]?\d+(?:\.\d+){0,2}\.?)\s*[:.)\-–]?\s*",
    re.IGNORECASE,
)
_MAX_TEXT = re.compile(r"\(\s*(?:tối đa\s*)?(\d+(?:[.,]\d+)?)\s*điểm\s*\)\s*$", re.IGNORECASE)
_DECISION = re.compile(r"quyết định(?: số)?\s+(\d[^\s/]*/.*)$", re.IGNORECASE)
_CLOSING = ("tong", "tong cong", "cong", "binh quan", "trung binh", "chi so binh quan")


def _classify(h: str) -> str | None:
    if h in ("stt", "tt", "so tt", "so thu tu") or h.startswith(("ghi chu", "ma so")):
        return "other"  # known and not needed: row numbers, notes
    if h.startswith("ma don vi") or h in ("ma dv", "ma co quan"):
        return "unit"
    if h.startswith(("thu hang", "xep hang")) or h in ("hang", "thu tu xep hang"):
        return "place"
    if h.startswith("xep loai"):
        return "class"
    if "toi da" in h:
        return "max"
    if h.startswith("chi so") and not h.startswith("chi so thanh phan"):
        return "index"
    if h.startswith(("tong diem", "diem dat", "tong so diem")) or h == "tong":
        return "total"
    if h.startswith(("ten don vi", "ten co quan")) or h in _NAMES:
        return "name"
    return None


@dataclass
class Column:
    code: str
    title: str
    max: Decimal | None


def _area(value, mapped: colmap.ColumnMap) -> Column | None:
    """An area column's code, title and maximum, from its header text."""
    raw = cells.text(value) or ""
    code = mapped.code(value)
    if code is None:
        m = _AREA.match(cells.fold(raw))
        try:
            code = cells.code((m[1] or m[2]).upper()) if m else None
        except ValueError:  # "iiii" reads as Roman letters but is no numeral
            code = None
        if code is None:
            return None
    top = _MAX_TEXT.search(raw)
    text = _MAX_TEXT.sub("", raw).strip() if top else raw
    title = raw if mapped.code(value) else _AREA_TEXT.sub("", text, count=1).strip()
    return Column(code, title or f"Lĩnh vực {code}", cells.number(top[1]) if top else None)


@dataclass
class Header:
    row: int
    position: int  # index in grid.rows of the last header row
    keys: dict  # key -> column
    areas: dict  # column -> Column
    names: dict  # column -> header text
    ignored: dict = field(default_factory=dict)  # column -> header text nobody recognised

    def name(self, col: int | None) -> str | None:
        return self.names.get(col) if col else None


def _scan(values: tuple, mapped: colmap.ColumnMap, keys: dict, areas: dict, names: dict) -> dict:
    """Classify one header row into ``keys`` / ``areas``; returns what nobody recognised."""
    ignored = {}
    for col, value in enumerate(values, 1):
        if value is None or col in areas or col in keys.values():
            continue
        text = " ".join((cells.text(value) or "").split())
        key = None if mapped.code(value) else _classify(cells.fold(text))
        if key and key not in keys:
            keys[key], names[col] = col, text
            continue
        column = None if key else _area(value, mapped)
        if column is not None:
            areas[col], names[col] = column, text
        elif not key:
            ignored[col] = text
    return ignored


def find_header(grid, mapped: colmap.ColumnMap) -> Header | None:
    for position, (row, values) in enumerate(grid.rows[:30]):
        keys: dict[str, int] = {}
        areas: dict[int, Column] = {}
        names: dict[int, str] = {}
        ignored = _scan(values, mapped, keys, areas, names)
        if not ({"unit", "name"} & set(keys)) or not ({"total", "index"} & set(keys)):
            continue
        header = Header(row, position, keys, areas, names, ignored)
        following = grid.rows[position + 1] if position + 1 < len(grid.rows) else None
        if following and _is_subheader(following[1], keys):  # a second header row under merged cells
            header.ignored = _scan(following[1], mapped, keys, areas, names)
            header.position += 1
        for col in list(header.ignored):
            if col in areas or col in keys.values():
                del header.ignored[col]
        return header
    return None


def _is_subheader(values: tuple, keys: dict) -> bool:
    """A row under the header that names columns rather than a unit: no unit, no numbers."""
    first = {cells.value_at(values, keys.get(k)) for k in ("unit", "name")} - {None}
    numbers = [v for v in values if isinstance(v, (int, Decimal)) and not isinstance(v, bool)]
    return not first and not numbers and any(v is not None for v in values)


def decision_in(grids) -> str | None:
    """ "(Kèm theo Quyết định số 512/QĐ-UBND ngày 15/4/2026 của Chủ tịch UBND tỉnh …)" above a
    table names the decision that published it."""
    for grid in grids:
        for _, values in grid.rows[:12]:
            for value in values:
                m = _DECISION.search(value) if isinstance(value, str) and len(value) < 500 else None
                if m:
                    text = " ".join(m[1].split())
                    while text.endswith(")") and text.count(")") > text.count("("):
                        text = text[:-1].rstrip()  # the closing bracket of "(Kèm theo …)"
                    return text
    return None


@dataclass
class ResultsRead:
    rows: list = field(default_factory=list)  # history result documents, in the table's order
    areas: dict = field(default_factory=dict)  # level -> {code: {code, title, max}}
    precision: int = 2
    decision: str | None = None
    findings: list = field(default_factory=list)

    @property
    def errors(self) -> list:
        return [f for f in self.findings if f.is_error]


@dataclass
class _Row:
    """One unit's row as read, with where each value stands."""

    grid: Grid
    header: Header
    row: int
    unit: Unit
    doc: dict

    @property
    def spot(self) -> Spot:
        return Spot(self.grid, self.header, self.row)


class _Reader:
    def __init__(self, repo, year: int, out: ResultsRead, default_max: Decimal | None):
        self.repo, self.year, self.out = repo, year, out
        self.finder = Finder(repo, year)
        self.default_max = default_max
        self.seen: dict = {}  # unit id -> where
        self.read: list[_Row] = []

    def err(self, code, at: Spot, col, message, hint="", warn=False):
        header = at.header.name(col)
        self.out.findings.append(problem(code, at.grid, at.row, col, message, hint, header=header, warn=warn))

    def number(self, grid, h, row, values, col, what: str, required: bool = False):
        """(value, ok): a cell's exact number; a located finding when it is not one."""
        raw = cells.value_at(values, col)
        try:
            value = cells.number(raw)
        except ValueError:
            self.err(
                "officer-results-format",
                Spot(grid, h, row),
                col,
                f"{what} '{cells.text(raw)}' không phải một số.",
                "Ghi một số, ví dụ 85,25.",
            )
            return None, False
        if value is None and required:
            self.err("officer-results-format", Spot(grid, h, row), col, f"thiếu {what}.", f"Ghi {what} của đơn vị.")
            return None, False
        return value, True

    def grid(self, grid, h: Header) -> None:
        for col, text in sorted(h.ignored.items()):
            self.err(
                "officer-results-column",
                Spot(grid, h, h.row),
                col,
                f"không rõ cột '{text}' là lĩnh vực nào; cột này bị bỏ qua.",
                f"Nếu là điểm một lĩnh vực, ghi mã cho cột: --map '{text}=<mã lĩnh vực>' (hoặc trang "
                "'Mã cột' trong tệp).",
                warn=True,
            )
        top = self.default_max
        for row, values in grid.rows[h.position + 1 :]:
            label = cells.fold(cells.text(cells.value_at(values, h.keys.get("name") or h.keys.get("unit"))))
            if label.startswith("diem toi da"):
                top = self.maxima(grid, h, row, values, top)
                continue
            if label in _CLOSING or label.startswith(("binh quan", "trung binh", "tong cong")):
                continue
            if not self.has_numbers(h, values):
                continue  # blank, or a group heading ("I. Khối sở, ban, ngành")
            self.unit_row(grid, h, row, values, top)

    def has_numbers(self, h: Header, values: tuple) -> bool:
        cols = [h.keys.get(k) for k in ("total", "index")] + list(h.areas)
        return any(cells.value_at(values, c) is not None for c in cols if c)

    def maxima(self, grid, h, row, values, top):
        """The template's "Điểm tối đa" row: each area's maximum, and the total's."""
        for col, area in h.areas.items():
            value, ok = self.number(grid, h, row, values, col, "điểm tối đa")
            if ok and value is not None:
                area.max = value
        value, ok = self.number(grid, h, row, values, h.keys.get("max") or h.keys.get("total"), "điểm tối đa")
        return value if ok and value is not None else top

    def unit_row(self, grid, h, row, values, top) -> None:
        unit, issues = self.finder.in_row(values, h.keys)
        for issue in issues:
            code = "officer-results-name" if issue.warn else "officer-results-unit"
            col = h.keys.get(issue.key) or h.keys.get("name")
            self.err(code, Spot(grid, h, row), col, issue.message, issue.hint, warn=issue.warn)
        if unit is None:
            return
        if unit.id in self.seen:
            self.err(
                "officer-results-duplicate",
                Spot(grid, h, row),
                h.keys.get("name") or h.keys.get("unit"),
                f"đơn vị '{unit.id}' đã có ở {self.seen[unit.id]}.",
                "Mỗi đơn vị một dòng: xoá dòng lặp.",
            )
            return
        self.seen[unit.id] = grid.where(row)
        doc = self.values(grid, h, row, values, unit, top)
        if doc is not None:
            self.read.append(_Row(grid, h, row, unit, doc))

    def numbers(self, grid, h, row, values) -> dict | None:
        """Total, maximum, index and place of a row; None when one of them is not a number."""
        got, ok = {}, True
        for key, what, required in (
            ("total", "tổng điểm", True),
            ("max", "điểm tối đa áp dụng", False),
            ("index", "chỉ số", False),
            ("place", "thứ hạng", False),
        ):
            got[key], good = self.number(grid, h, row, values, h.keys.get(key), what, required)
            ok = ok and good
        place = got["place"]
        if place is not None and (place != int(place) or place < 1):
            self.err(
                "officer-results-format",
                Spot(grid, h, row),
                h.keys.get("place"),
                f"thứ hạng '{cells.vn(place)}' không phải một số nguyên dương.",
                "Ghi thứ hạng, ví dụ 3.",
            )
            ok = False
        return got if ok else None

    def areas(self, grid, h, row, values, unit) -> dict | None:
        """Points per area; None when a cell is not a number or only some areas are given."""
        areas, ok = {}, True
        for col, area in h.areas.items():
            value, good = self.number(grid, h, row, values, col, f"điểm lĩnh vực {area.code}")
            ok = ok and good
            if value is not None:
                areas[area.code] = value
                self.declare(unit.level, area)
        if ok and areas and len(areas) != len(h.areas):
            missing = [(c, a.code) for c, a in h.areas.items() if a.code not in areas]
            self.err(
                "officer-results-format",
                Spot(grid, h, row),
                missing[0][0],
                f"thiếu điểm lĩnh vực {', '.join(code for _, code in missing)}.",
                "Ghi đủ điểm các lĩnh vực (0 nếu không đạt).",
            )
            ok = False
        return areas if ok else None

    def values(self, grid, h, row, values, unit, top) -> dict | None:
        areas = self.areas(grid, h, row, values, unit)
        got = self.numbers(grid, h, row, values)
        if areas is None or got is None:
            return None
        maximum = got["max"] if got["max"] is not None else top
        if maximum is None or maximum <= 0:
            self.err(
                "officer-results-max",
                Spot(grid, h, row),
                h.keys.get("max") or h.keys.get("total"),
                "không rõ điểm tối đa áp dụng của đơn vị.",
                "Thêm cột 'Điểm tối đa áp dụng', dòng 'Điểm tối đa', hoặc dùng tùy chọn --max 100.",
            )
            return None
        doc = {"unit": unit.id, "name": cells.text(cells.value_at(values, h.keys.get("name"))) or unit.name}
        if areas:
            doc["areas"] = areas
        doc.update(total=got["total"], max=maximum, index=got["index"])
        if got["place"] is not None:
            doc["place"] = int(got["place"])
        label = cells.text(cells.value_at(values, h.keys.get("class")))
        if label:
            doc["class"] = label
        return doc

    def declare(self, level: str, area: Column) -> None:
        known = self.out.areas.setdefault(level, {})
        if area.code not in known:
            known[area.code] = {"code": area.code, "title": area.title, **({"max": area.max} if area.max else {})}


def _check_row(reader: _Reader, r: _Row, precision: int) -> None:
    """One row in itself: within the maxima, areas adding up, the index as published."""
    d, h = r.doc, r.header
    for col, area in h.areas.items():
        got = (d.get("areas") or {}).get(area.code)
        if got is not None and area.max is not None and got > area.max:
            reader.err(
                "officer-results-above-max",
                r.spot,
                col,
                f"điểm lĩnh vực {area.code} của '{r.unit.id}' ({cells.vn(got)}) vượt điểm tối đa {cells.vn(area.max)}.",
                "Kiểm tra lại với bảng đã công bố.",
            )
    if d["total"] > d["max"]:
        reader.err(
            "officer-results-above-max",
            r.spot,
            h.keys.get("total"),
            f"tổng điểm của '{r.unit.id}' ({cells.vn(d['total'])}) vượt điểm tối đa áp dụng {cells.vn(d['max'])}.",
            "Kiểm tra lại tổng điểm và điểm tối đa áp dụng.",
        )
    summed = sum((d.get("areas") or {}).values(), Decimal(0))
    if d.get("areas") and summed != d["total"]:
        reader.err(
            "officer-results-total",
            r.spot,
            h.keys.get("total"),
            f"tổng điểm của '{r.unit.id}' "
            f"ghi {cells.vn(d['total'])}, khác tổng điểm các lĩnh vực ({cells.vn(summed)}).",
            "Sửa điểm các lĩnh vực hoặc ô tổng cho khớp; không nhập bảng có tổng sai.",
        )
    if h.keys.get("index") and not index_matches(d["total"], d["max"], d["index"], precision):
        want = expected_index(d["total"], d["max"], precision)
        reader.err(
            "officer-results-index",
            r.spot,
            h.keys["index"],
            f"chỉ số của '{r.unit.id}' ghi "
            f"{cells.vn(d['index'])}, khác tổng điểm ÷ điểm tối đa × 100 ({cells.vn(d['total'])} ÷ "
            f"{cells.vn(d['max'])} × 100 = {cells.vn(want)}).",
            "Sửa chỉ số, tổng điểm hoặc điểm tối đa áp dụng cho khớp bảng đã công bố.",
        )


def _check_places(reader: _Reader) -> None:
    """Places follow the index within each ranking group (ties may be split by the decision's rule)."""
    groups: dict = {}
    for r in reader.read:
        groups.setdefault(r.unit.group, []).append(r)
    for rows in groups.values():
        for r, allowed in zip(rows, allowed_places([r.doc["index"] for r in rows]), strict=False):
            place = r.doc.get("place")
            if place is None or allowed is None or allowed[0] <= place <= allowed[1]:
                continue
            should = str(allowed[0]) if allowed[0] == allowed[1] else f"từ {allowed[0]} đến {allowed[1]}"
            reader.err(
                "officer-results-place",
                r.spot,
                r.header.keys.get("place"),
                f"thứ hạng {place} của '{r.unit.id}' không khớp chỉ số {cells.vn(r.doc['index'])}% (theo chỉ "
                f"số, hạng trong nhóm {r.unit.group} phải là {should}).",
                "Kiểm tra lại thứ hạng và chỉ số với bảng đã công bố (xếp trong từng nhóm, chỉ số giảm dần).",
            )


def _check(reader: _Reader, precision: int) -> None:
    for r in reader.read:
        if r.doc["index"] is None:  # no index column: the index follows from the total
            r.doc["index"] = expected_index(r.doc["total"], r.doc["max"], precision)
        _check_row(reader, r, precision)
    _check_places(reader)


def _precision(reader: _Reader, given: int | None) -> int:
    if given is not None:
        return given
    seen = [decimals(r.doc["index"]) for r in reader.read if r.doc["index"] is not None]
    return max(seen) if seen and max(seen) > 0 else 2


_MISSING = (
    "Không tìm thấy bảng kết quả: cần một dòng tiêu đề có cột 'Tên đơn vị' "
    "(hoặc 'Mã đơn vị') và cột 'Tổng điểm' hoặc 'Chỉ số'.",
    "Dùng bảng kết quả kèm quyết định công bố (mỗi đơn vị một dòng), hoặc bảng xuất bởi 'cchc export annex'.",
)


def read_results(
    path,
    shown: str,
    repo,
    year: int,
    mapped: colmap.ColumnMap | None = None,
    *,
    default_max: Decimal | None = None,
    precision: int | None = None,
) -> ResultsRead:
    out = ResultsRead()
    found = colmap.tables(path, shown, mapped, find_header, _MISSING)
    out.findings = found.findings
    if not found.located:
        return out
    reader = _Reader(repo, year, out, default_max)
    for grid, h in found.located:
        reader.grid(grid, h)
    out.precision = _precision(reader, precision)
    _check(reader, out.precision)
    out.rows = [r.doc for r in reader.read]
    out.decision = decision_in(found.grids)
    return out


def document(read_: ResultsRead, year: int, decision: str, source: str) -> dict:
    """The history/<year>.yaml document, in a fixed key order."""
    doc = {"year": year, "decision": decision, "source": source, "precision": read_.precision}
    if read_.areas:
        doc["areas"] = {level: list(areas.values()) for level, areas in sorted(read_.areas.items())}
    doc["results"] = read_.rows
    return doc
