"""Results for the whole repository: every year, every ranking group, every registered unit."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from . import history as published
from .rank import places
from .unit import UnitScore, index_of, quantize, score_unit


def sort_key(text: str) -> str:
    """Vietnamese-friendly, locale-independent sort key (diacritics folded, then exact)."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in folded if not unicodedata.combining(c)).lower() + "\x00" + text


@dataclass
class Change:
    index: Decimal | None  # percentage points
    points: Decimal | None
    place: int | None  # positive = moved up
    previous_index: Decimal | None
    previous_place: int | None
    predecessors: tuple[str, ...]  # unit ids compared with (itself, or the merged units)


@dataclass
class Row:
    score: UnitScore
    place: int | None
    area_places: dict = field(default_factory=dict)  # code -> place
    criterion_places: dict = field(default_factory=dict)
    change: Change | None = None

    @property
    def unit(self):
        return self.score.unit


@dataclass
class Group:
    id: str
    name: str
    rows: list[Row]


@dataclass
class Year:
    year: int
    plan: object
    groups: list[Group]


@dataclass
class Results:
    province: object
    years: list[Year]
    commit: str
    units: dict  # id -> Unit
    _rows: dict = field(default_factory=dict, repr=False)  # unit id -> {year: Row}, built on first use

    def year(self, year: int) -> Year | None:
        return next((y for y in self.years if y.year == year), None)

    def rows_of(self, unit_id: str) -> dict:
        """year -> Row for one unit."""
        if not self._rows:
            for y in self.years:
                for g in y.groups:
                    for r in g.rows:
                        self._rows.setdefault(r.unit.id, {})[y.year] = r
        return self._rows.get(unit_id, {})


def _node_index(node, precision: int) -> Decimal | None:
    return index_of(node.achieved, node.max, precision)


def _rank_nodes(rows: list[Row], depth: int, attr: str) -> None:
    codes = {n.code for r in rows for n in r.score.nodes() if n.depth == depth and n.max > 0}
    for code in sorted(codes):
        values = []
        for r in rows:
            node = r.score.by_code.get(code)
            values.append(_node_index(node, r.score.framework.precision) if node and node.max > 0 else None)
        for r, p in zip(rows, places(values)):
            if p is not None:
                getattr(r, attr)[code] = p


def _group(repo, year: int, gid: str, name: str) -> Group:
    rows = []
    for unit in sorted((u for u in repo.units_in(year) if u.group == gid), key=lambda u: sort_key(u.name)):
        s = score_unit(repo, unit, year)
        if s is not None:
            rows.append(Row(s, None))
    for row, p in zip(rows, places([r.score.index for r in rows])):
        row.place = p
    _rank_nodes(rows, 1, "area_places")
    _rank_nodes(rows, 2, "criterion_places")
    rows.sort(key=lambda r: (r.place is None, r.place or 0, sort_key(r.unit.name)))
    return Group(gid, name, rows)


def _published_groups(repo, history, groups: dict) -> list[Group]:
    """A past year's published table as ranking groups: the places as published (computed
    from the index only where the table gives none)."""
    frameworks: dict = {}
    by_group: dict = {}
    seen = set()
    for row in history.rows:
        unit = repo.units.get(row.unit)
        if unit is None or not unit.active(history.year) or unit.id in seen:
            continue  # reported by checks.history; the build refuses to publish
        seen.add(unit.id)
        by_group.setdefault(unit.group, []).append(
            Row(published.score(history, row, unit, frameworks), row.place))
    out = []
    for gid, name in groups.items():
        rows = by_group.get(gid)
        if not rows:
            continue
        if any(r.place is None for r in rows):
            for r, p in zip(rows, places([r.score.index for r in rows])):
                r.place = r.place if r.place is not None else p
        _rank_nodes(rows, 1, "area_places")
        rows.sort(key=lambda r: (r.place is None, r.place or 0, sort_key(r.unit.name)))
        out.append(Group(gid, name, rows))
    return out


def _predecessors(repo, unit, previous_year: int, merged_into: dict) -> list[str]:
    if unit.active(previous_year):
        return [unit.id]
    return sorted(u.id for u in merged_into.get(unit.id, ()) if u.active(previous_year))


def _changes(repo, years: list[Year]) -> None:
    merged_into: dict = {}  # successor id -> the units that merged into it
    for u in repo.units.values():
        for s in u.successors:
            merged_into.setdefault(s, []).append(u)
    for prev, cur in zip(years, years[1:]):
        prev_rows = {r.unit.id: (g.id, r) for g in prev.groups for r in g.rows}
        for g in cur.groups:
            for r in g.rows:
                ids = [i for i in _predecessors(repo, r.unit, prev.year, merged_into) if i in prev_rows]
                if not ids:
                    continue
                olds = [prev_rows[i][1] for i in ids]
                indexes = [o.score.index for o in olds if o.score.index is not None]
                precision = r.score.framework.precision
                prev_index = quantize(sum(indexes) / len(indexes), precision) if indexes else None
                prev_points = quantize(sum(o.score.total for o in olds) / len(olds), precision)
                same_group = len(olds) == 1 and prev_rows[ids[0]][0] == g.id
                prev_place = olds[0].place if same_group else None
                r.change = Change(
                    index=(r.score.index - prev_index) if r.score.index is not None and prev_index is not None else None,
                    points=r.score.total - prev_points,
                    place=(prev_place - r.place) if prev_place is not None and r.place is not None else None,
                    previous_index=prev_index, previous_place=prev_place, predecessors=tuple(ids),
                )


def compute(repo, commit: str = "") -> Results:
    years = []
    groups = repo.province.groups if repo.province else {}
    for year in sorted(set(repo.plans) | set(repo.histories)):
        plan = repo.plans.get(year)
        if plan is None:  # a year the system did not run: its published results, as published
            history = repo.histories[year]
            years.append(Year(year, published.plan(history), _published_groups(repo, history, groups)))
            continue
        years.append(Year(year, plan, [g for g in (_group(repo, year, gid, name) for gid, name in groups.items())
                                       if g.rows]))
    _changes(repo, years)
    return Results(repo.province, years, commit, dict(repo.units))
