"""A past year's published results (history/<year>.yaml) as a results year: the same rows the
site and the downloads show for a year the system scored, with the published numbers as
they stand (never recomputed) and the decision that published them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..model.framework import Band
from ..model.history import Area, History, Published
from ..model.registry import Unit
from .unit import IMPORTED, ZERO, NodeScore, UnitScore


@dataclass(frozen=True)
class PublishedPlan:
    """Stands where a year's plan stands: the decision as its title, no frameworks."""

    year: int
    title: str
    history: History
    frameworks: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PublishedFramework:
    """What results pages ask of a framework, for a published table: its level, its areas
    and the index's decimals. Classes are taken as published, never derived."""

    ref: str
    level: str
    title: str
    precision: int
    areas: tuple[Area, ...] = ()
    bands: tuple[Band, ...] = ()

    def classify(self, index: Decimal) -> str:
        return ""


def plan(history: History) -> PublishedPlan:
    source = f" ({history.source})" if history.source else ""
    return PublishedPlan(history.year, f"Kết quả đã công bố theo Quyết định {history.decision}{source}.", history)


def _areas(history: History, level: str, row: Published) -> list[NodeScore]:
    out = []
    declared = {a.code: a for a in history.areas.get(level, ())}
    for code, points in row.areas.items():
        area = declared.get(code)
        top = area.max if area is not None and area.max is not None else ZERO
        out.append(NodeScore(code, area.title if area else code, 1, top, top, appraised=points, method="published"))
    return out


def score(history: History, row: Published, unit: Unit, frameworks: dict[str, PublishedFramework]) -> UnitScore:
    """One published row as a UnitScore; ``frameworks`` (level -> PublishedFramework) is shared
    by the rows of one year, as a plan's frameworks are."""
    fw = frameworks.get(unit.level)
    if fw is None:
        fw = frameworks[unit.level] = PublishedFramework(
            f"history/{history.year}/{unit.level}",
            unit.level,
            history.decision,
            history.precision,
            tuple(history.areas.get(unit.level, ())),
        )
    return UnitScore(
        unit=unit,
        year=history.year,
        framework=fw,
        status=IMPORTED,
        areas=tuple(_areas(history, unit.level, row)),
        self_total=None,
        appraised_total=None,
        survey_total=None,
        total=row.total,
        max=row.max,
        index=row.index,
        classification=row.label,
        imported=history,
    )
