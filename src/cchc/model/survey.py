"""Survey points (điểm điều tra xã hội học) per unit and survey criterion."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .document import Document, Where
from .numbers import code_text, exact


@dataclass(frozen=True)
class SurveyRow:
    unit: str
    code: str
    points: Decimal  # 0 where the criterion does not apply to the unit
    line: int
    na: bool = False  # "Không áp dụng": the criterion leaves the unit's applicable maximum


@dataclass(frozen=True)
class Survey:
    year: int
    file: str
    rows: tuple[SurveyRow, ...]
    year_line: int = 0

    def points(self) -> dict[tuple[str, str], Decimal | None]:
        """(unit, code) → points, None where not applicable; duplicates are reported by checks,
        the first one counts."""
        out: dict[tuple[str, str], Decimal | None] = {}
        for row in self.rows:
            out.setdefault((row.unit, row.code), None if row.na else row.points)
        return out

    def _index(self) -> tuple[dict[str, dict[str, Decimal]], dict[str, frozenset[str]]]:
        """Per unit: code → points, and the codes recorded as not applicable. Built once: scoring
        asks for every unit, and rebuilding it per unit made scoring quadratic in the units."""
        index = self.__dict__.get("_by_unit")
        if index is None:
            points: dict[str, dict[str, Decimal]] = {}
            na: dict[str, set[str]] = {}
            for (u, code), pts in self.points().items():
                if pts is None:
                    na.setdefault(u, set()).add(code)
                else:
                    points.setdefault(u, {})[code] = pts
            index = (points, {u: frozenset(codes) for u, codes in na.items()})
            object.__setattr__(self, "_by_unit", index)  # a cache on a frozen dataclass
        return index

    def of_unit(self, unit: str) -> Mapping[str, Decimal]:
        """code → points for one unit."""
        return self._index()[0].get(unit, {})

    def not_applicable(self, unit: str) -> frozenset[str]:
        """The survey criteria recorded as not applicable to ``unit``."""
        return self._index()[1].get(unit, frozenset())


def build(data: Document, file: str, where: Where) -> Survey:
    return Survey(
        data["year"],
        file,
        tuple(
            SurveyRow(
                r["unit"], code_text(r["code"]), exact(r.get("points", 0)), where(("points", i))[0], bool(r.get("na"))
            )
            for i, r in enumerate(data["points"])
        ),
        where(("year",))[0],
    )
