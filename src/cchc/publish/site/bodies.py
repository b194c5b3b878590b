"""Unit pages kept between builds: a page whose inputs did not change is not rendered again.

A national site has one page per unit, two thirds of its pages, and a merge that changes one
unit changes few of them. A unit page's body is a function of what ``pages.Site.unit`` reads,
and nothing else:

- the unit (its registry entry) and the names of the units it links to (parent, successors,
  predecessors), whether its parent has a page, its predecessors' indexes before it existed;
- each of its rows: score (status, every node as scored, totals, index, classification,
  scaling), place, places on areas and criteria, change against the year before;
- for each of its years: its group's name and size, the group's area averages, which slice of
  the group's ranking holds its row, and the year's standing for its level;
- the framework it was scored on and, for a year brought in from a decision, that decision;
- the province (its name, index words, levels, whether it is a sample);
- the code, whose change empties the build cache.

The digest of these is the page's key in the build cache (``bodies/``). One thing changes on
every commit and is on every provisional page: the data version ("phiên bản dữ liệu …"). It
is left out of the kept body: the pages kept are rendered with a stand-in version that no data
can contain (NUL characters, which no YAML file loads), replaced by the real one when written.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

import msgspec

from ...buildcache import Store
from ...score.results import Results, Row
from .. import standing as standing_mod
from .html import Markup, esc
from .pages import Page, Site

__all__ = ["KIND", "UnitPages"]

KIND = "bodies"
# The data version kept pages are rendered with (see the module's docstring).
_STAND_IN = ("\x00" * 40, "\x00")
_ENCODER = msgspec.json.Encoder(order="deterministic")  # sets sorted: a key is the same in every process
_JSON = msgspec.json.Encoder()


class UnitPages:
    """Renders unit pages, or takes them from the build cache."""

    def __init__(self, results: Results, repo: Any, store: Store) -> None:
        self.store = store
        self.site = Site(dataclasses.replace(results, commit=_STAND_IN[0], date=_STAND_IN[1]), repo)
        self.stand_in = standing_mod.version(*_STAND_IN)
        self.real = standing_mod.version(results.commit, results.date)
        self._province = _hash(repr(results.province))
        self._digests: dict[int, str] = {}  # id(object) -> digest of its repr (frameworks, decisions)
        self.used: dict[str, bool] = {}  # the keys of the pages this process made: taken from the cache?

    def page(self, uid: str) -> Page:
        """The unit's page, taken from the build cache when its inputs did not change."""
        rows = self.site.results.rows_of(uid)
        key = self.key(uid, rows)
        kept = self.store.get(KIND, key)
        page = _decoded(kept) if kept is not None else None
        self.used[key] = page is not None
        if page is None:
            page = self.site.unit(uid, dict(rows))
            self.store.put(KIND, key, _encoded(page))
        return self.stamped(page)

    def stamped(self, page: Page) -> Page:
        """The page with the real data version in place of the stand-in."""
        body = str(page.body).replace(str(esc(self.stand_in)), str(esc(self.real)))
        return Page(page.title, Markup(body), page.description.replace(self.stand_in, self.real))

    def key(self, uid: str, rows: Any) -> str:
        results = self.site.results
        unit = results.units[uid]
        preds = sorted(self.site._merged_into.get(uid, ()))
        related = {u: results.units[u].name for u in (unit.parent, *unit.successors, *preds) if u in results.units}
        parent_rows = bool(unit.parent and results.rows_of(unit.parent))
        trend = [
            (y.year, [(p, r.score.index) for p in preds if (r := results.rows_of(p).get(y.year)) is not None])
            for y in results.years
            if y.year < min(rows)
        ]
        mine = [(year, self._row(row)) for year, row in sorted(rows.items())]
        made = [self._province, unit, related, parent_rows, trend, mine]
        return hashlib.sha256(_ENCODER.encode(made)).hexdigest()

    def _row(self, r: Row) -> list[Any]:
        s = r.score
        facts = [
            s.year,
            s.status,
            s.areas,
            s.self_total,
            s.appraised_total,
            s.survey_total,
            s.total,
            s.max,
            s.index,
            s.classification,
            s.unscaled,
            self._digest(s.framework),
            self._digest(s.imported) if s.imported is not None else None,
        ]
        return [facts, r.place, dict(r.area_places), dict(r.criterion_places), r.change, self._group(r)]

    def _group(self, r: Row) -> Any:
        """What the page shows of the row's group: its name, size and area averages, the
        slice of its ranking that holds the row, the year's standing for the unit's level."""
        s = r.score
        y = self.site.results.year(s.year)
        if y is None:
            return None
        group, number = self.site._group_of(s.year, r)
        averages = self.site._area_averages(group, s.framework.precision)
        standing = self.site._level_standing(y, r.unit.level)
        return [group.id, group.name, len(group.rows), sorted(averages.items()), number, repr(standing)]

    def _digest(self, thing: object) -> str:
        """The digest of a framework's or a decision's repr (all it holds), once per object."""
        if id(thing) not in self._digests:
            self._digests[id(thing)] = _hash(repr(thing))
        return self._digests[id(thing)]


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _encoded(page: Page) -> bytes:
    return _JSON.encode([page.title, str(page.body), page.description])


def _decoded(data: bytes) -> Page | None:
    """A kept page; None when the entry is damaged (then it is rendered again)."""
    try:
        title, body, description = json.loads(data)
    except ValueError:
        return None
    if not all(isinstance(x, str) for x in (title, body, description)):
        return None
    return Page(title, Markup(body), description)
