"""Survey points (điểm điều tra xã hội học) per unit and survey criterion."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .numbers import code_text, to_decimal


@dataclass(frozen=True)
class SurveyRow:
    unit: str
    code: str
    points: Decimal
    line: int


@dataclass(frozen=True)
class Survey:
    year: int
    file: str
    rows: tuple[SurveyRow, ...]
    year_line: int = 0

    def points(self) -> dict:
        """(unit, code) → points; duplicates are reported by checks, the first one counts."""
        out: dict = {}
        for row in self.rows:
            out.setdefault((row.unit, row.code), row.points)
        return out

    def of_unit(self, unit: str) -> dict:
        """code → points for one unit (indexed once: scoring asks for every unit)."""
        index = self.__dict__.get("_by_unit")
        if index is None:
            index = {}
            for (u, code), pts in self.points().items():
                index.setdefault(u, {})[code] = pts
            object.__setattr__(self, "_by_unit", index)  # a cache on a frozen dataclass
        return index.get(unit, {})


def build(data: dict, file: str, where) -> Survey:
    return Survey(data["year"], file, tuple(
        SurveyRow(r["unit"], code_text(r["code"]), to_decimal(r["points"]), where(("points", i))[0])
        for i, r in enumerate(data["points"])
    ), where(("year",))[0])
