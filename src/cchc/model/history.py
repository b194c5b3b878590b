"""A past year's published results (history/<year>.yaml), brought in from the decision that
published them, for a year the system did not run: per unit, points per area, total,
applicable maximum, index, place and class, exactly as published."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .document import Document, Where
from .numbers import code_text, exact, to_decimal


@dataclass(frozen=True)
class Area:
    code: str
    title: str
    max: Decimal | None


@dataclass(frozen=True)
class Published:
    """One unit's row of the published table."""

    unit: str
    name: str | None
    areas: dict[str, Decimal]  # area code -> points, in the published order
    total: Decimal
    max: Decimal
    index: Decimal
    place: int | None
    label: str  # the class (xếp loại) as published
    line: int
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)  # field -> line

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


@dataclass(frozen=True)
class History:
    year: int
    file: str
    decision: str
    source: str | None
    precision: int
    areas: dict[str, tuple[Area, ...]]  # level -> areas
    rows: tuple[Published, ...]
    year_line: int = 1
    areas_line: int = 1


def _row(data: Document, where: Where, i: int) -> Published:
    lines = {key: where(("results", i, key))[0] for key in data}
    lines.update({f"areas.{code_text(c)}": where(("results", i, "areas", c))[0] for c in data.get("areas") or {}})
    return Published(
        unit=data["unit"],
        name=data.get("name"),
        areas={code_text(c): exact(v) for c, v in (data.get("areas") or {}).items()},
        total=exact(data["total"]),
        max=exact(data["max"]),
        index=exact(data["index"]),
        place=data.get("place"),
        label=data.get("class") or "",
        line=where(("results", i))[0],
        lines=lines,
    )


def build(data: Document, file: str, where: Where) -> History:
    areas = {
        level: tuple(Area(code_text(a["code"]), a["title"], to_decimal(a.get("max"))) for a in items)
        for level, items in (data.get("areas") or {}).items()
    }
    return History(
        year=data["year"],
        file=file,
        decision=data["decision"],
        source=data.get("source"),
        precision=int(data.get("precision", 2)),
        areas=areas,
        rows=tuple(_row(r, where, i) for i, r in enumerate(data["results"])),
        year_line=where(("year",))[0],
        areas_line=where(("areas",))[0] if "areas" in data else 1,
    )
