"""Results for the whole repository: every year, every ranking group, every registered unit."""

from __future__ import annotations

import dataclasses
import itertools
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..model.history import History
from ..model.plan import Plan
from ..model.registry import Province, Unit
from ..model.repository import Repository
from . import history as published
from .rank import places
from .unit import ZERO, NodeScore, UnitScore, index_of, quantize, score_unit


def sort_key(text: str) -> str:
    """Vietnamese-friendly, locale-independent sort key (diacritics folded, then exact)."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in folded if not unicodedata.combining(c)).lower() + "\x00" + text


@dataclass(frozen=True)
class Change:
    index: Decimal | None  # percentage points
    points: Decimal | None
    place: int | None  # positive = moved up
    previous_index: Decimal | None
    previous_place: int | None
    predecessors: tuple[str, ...]  # unit ids compared with (itself, or the merged units)


@dataclass(frozen=True)
class Row:
    score: UnitScore
    place: int | None
    area_places: Mapping[str, int] = field(default_factory=dict)  # code -> place
    criterion_places: Mapping[str, int] = field(default_factory=dict)
    change: Change | None = None

    @property
    def unit(self) -> Unit:
        return self.score.unit


Area = tuple[str, str, Decimal | None]  # code, title, maximum (a published table's may be unknown)


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    rows: tuple[Row, ...]

    def areas(self) -> list[Area]:
        """(code, title, max) of the group's areas, in framework order (a group may mix frameworks)."""
        out, seen = [], set()
        for r in self.rows:
            for a in r.score.framework.areas:
                if a.code not in seen:
                    seen.add(a.code)
                    out.append((a.code, a.title, a.max))
        return out

    def average(self) -> Decimal | None:
        """The mean index of the units that have one, rounded half up to two decimals."""
        idx = [r.score.index for r in self.rows if r.score.index is not None]
        return quantize(sum(idx, ZERO) / len(idx), 2) if idx else None


@dataclass(frozen=True)
class Year:
    year: int
    plan: Plan | published.PublishedPlan  # a past year brought in (history/) stands on its decision
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Results:
    province: Province | None
    years: tuple[Year, ...]
    commit: str
    units: Mapping[str, Unit]  # id -> Unit
    date: str = ""  # the data version's (commit's) date, YYYY-MM-DD
    _rows: dict[str, dict[int, Row]] = field(default_factory=dict, repr=False)  # unit id -> {year: Row}, on first use

    def year(self, year: int) -> Year | None:
        return next((y for y in self.years if y.year == year), None)

    def rows_of(self, unit_id: str) -> Mapping[int, Row]:
        """year -> Row for one unit."""
        if not self._rows:
            for y in self.years:
                for g in y.groups:
                    for r in g.rows:
                        self._rows.setdefault(r.unit.id, {})[y.year] = r
        return self._rows.get(unit_id, {})


def _node_index(node: NodeScore, precision: int) -> Decimal | None:
    return index_of(node.achieved, node.max, precision)


def _node_places(scores: Sequence[UnitScore], depth: int) -> list[dict[str, int]]:
    """For each unit: code -> its place among the group on each node of ``depth`` (1 areas, 2 criteria)."""
    out: list[dict[str, int]] = [{} for _ in scores]
    codes = {n.code for s in scores for n in _at_depth(s.areas, depth) if n.max > 0}
    for code in sorted(codes):
        values = []
        for s in scores:
            node = s.by_code.get(code)
            values.append(_node_index(node, s.framework.precision) if node and node.max > 0 else None)
        for mine, p in zip(out, places(values), strict=True):
            if p is not None:
                mine[code] = p
    return out


def _at_depth(areas: Sequence[NodeScore], depth: int) -> Sequence[NodeScore]:
    """The nodes at ``depth`` (1: the areas), without going over the leaves below them."""
    level = areas
    for _ in range(depth - 1):
        level = [c for n in level for c in n.children]
    return level


def _group(repo: Repository, year: int, gid: str, name: str) -> Group:
    scores = []
    for unit in sorted((u for u in repo.units_in(year) if u.group == gid), key=lambda u: sort_key(u.name)):
        s = score_unit(repo, unit, year)
        if s is not None:
            scores.append(s)
    rows = [
        Row(s, p, a, c)
        for s, p, a, c in zip(
            scores, places([s.index for s in scores]), _node_places(scores, 1), _node_places(scores, 2), strict=True
        )
    ]
    rows.sort(key=lambda r: (r.place is None, r.place or 0, sort_key(r.unit.name)))
    return Group(gid, name, tuple(rows))


PublishedRows = list[tuple[UnitScore, int | None]]  # a published row's score and place as published


def _published_scores(repo: Repository, history: History) -> dict[str, PublishedRows]:
    """Group id → the published rows of the units registered and active that year."""
    frameworks: dict[str, published.PublishedFramework] = {}
    by_group: dict[str, PublishedRows] = {}
    seen: set[str] = set()
    for row in history.rows:
        unit = repo.units.get(row.unit)
        if unit is None or not unit.active(history.year) or unit.id in seen:
            continue  # reported by checks.history; the build refuses to publish
        seen.add(unit.id)
        by_group.setdefault(unit.group, []).append((published.score(history, row, unit, frameworks), row.place))
    return by_group


def _published_groups(repo: Repository, history: History, groups: Mapping[str, str]) -> list[Group]:
    """A past year's published table as ranking groups."""
    by_group = _published_scores(repo, history)
    return [_published_group(gid, name, by_group[gid]) for gid, name in groups.items() if by_group.get(gid)]


def _published_group(gid: str, name: str, items: PublishedRows) -> Group:
    """The places as published; computed from the index only where the table gives none."""
    scores = [s for s, _ in items]
    given = [p for _, p in items]
    if any(p is None for p in given):
        given = [g if g is not None else c for g, c in zip(given, places([s.index for s in scores]), strict=True)]
    rows = [Row(s, p, a) for s, p, a in zip(scores, given, _node_places(scores, 1), strict=True)]
    rows.sort(key=lambda r: (r.place is None, r.place or 0, sort_key(r.unit.name)))
    return Group(gid, name, tuple(rows))


def _predecessors(unit: Unit, previous_year: int, merged_into: Mapping[str, list[Unit]]) -> list[str]:
    if unit.active(previous_year):
        return [unit.id]
    return sorted(u.id for u in merged_into.get(unit.id, ()) if u.active(previous_year))


def _change(row: Row, group: str, ids: Sequence[str], prev_rows: Mapping[str, tuple[str, Row]]) -> Change:
    """``row`` (in ``group``) against the rows, the year before, of the units ``ids``."""
    olds = [prev_rows[i][1] for i in ids]
    indexes = [o.score.index for o in olds if o.score.index is not None]
    precision = row.score.framework.precision
    prev_index = quantize(sum(indexes, ZERO) / len(indexes), precision) if indexes else None
    prev_points = quantize(sum((o.score.total for o in olds), ZERO) / len(olds), precision)
    same_group = len(olds) == 1 and prev_rows[ids[0]][0] == group
    prev_place = olds[0].place if same_group else None
    index = row.score.index
    return Change(
        index=(index - prev_index) if index is not None and prev_index is not None else None,
        points=row.score.total - prev_points,
        place=(prev_place - row.place) if prev_place is not None and row.place is not None else None,
        previous_index=prev_index,
        previous_place=prev_place,
        predecessors=tuple(ids),
    )


def _with_changes(repo: Repository, years: Sequence[Year]) -> tuple[Year, ...]:
    """The years, each row with its change against the year before (through successor links)."""
    merged_into: dict[str, list[Unit]] = {}  # successor id -> the units that merged into it
    for u in repo.units.values():
        for s in u.successors:
            merged_into.setdefault(s, []).append(u)
    out = list(years[:1])
    for prev, cur in itertools.pairwise(years):
        prev_rows = {r.unit.id: (g.id, r) for g in prev.groups for r in g.rows}
        groups = []
        for g in cur.groups:
            rows = []
            for r in g.rows:
                ids = [i for i in _predecessors(r.unit, prev.year, merged_into) if i in prev_rows]
                rows.append(dataclasses.replace(r, change=_change(r, g.id, ids, prev_rows)) if ids else r)
            groups.append(dataclasses.replace(g, rows=tuple(rows)))
        out.append(dataclasses.replace(cur, groups=tuple(groups)))
    return tuple(out)


def compute(repo: Repository, commit: str = "", date: str = "") -> Results:
    years = []
    groups = repo.province.groups if repo.province else {}
    for year in sorted(set(repo.plans) | set(repo.histories)):
        plan = repo.plans.get(year)
        if plan is None:  # a year the system did not run: its published results, as published
            history = repo.histories[year]
            years.append(Year(year, published.plan(history), tuple(_published_groups(repo, history, groups))))
            continue
        years.append(
            Year(
                year, plan, tuple(g for g in (_group(repo, year, gid, name) for gid, name in groups.items()) if g.rows)
            )
        )
    return Results(repo.province, _with_changes(repo, years), commit, dict(repo.units), date=date)
