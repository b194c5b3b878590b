"""Published results of a past year (history/<year>.yaml): known units, and a table that is
consistent in itself — areas add up to the total, the index is the total ÷ the maximum,
places follow the index within each ranking group."""

from __future__ import annotations

from decimal import Decimal

from .. import codes
from ..findings import Finding
from ..model.history import History, Published
from ..model.numbers import fmt
from ..model.registry import Unit
from ..model.repository import Repository
from ..score.published import allowed_places, expected_index, index_matches


def check(repo: Repository, history: History) -> list[Finding]:
    out: list[Finding] = []
    if history.file.rsplit("/", 1)[-1] != f"{history.year}.yaml":
        out.append(codes.HISTORY_YEAR_MISMATCH.at(history.file, line=history.year_line, year=history.year))
    if history.year in repo.plans:
        plan = repo.plans[history.year].file
        out.append(codes.HISTORY_PLAN_CONFLICT.at(history.file, line=history.year_line, year=history.year, plan=plan))
    known = _rows(repo, history, out)
    by_group: dict[str, list[Published]] = {}
    for row, unit in known:
        by_group.setdefault(unit.group, []).append(row)
    for rows in by_group.values():
        out.extend(_places(history, rows))
    out.extend(_missing(repo, history, {u.id for _, u in known}, set(by_group)))
    return out


def _rows(repo: Repository, history: History, out: list[Finding]) -> list[tuple[Published, Unit]]:
    """(row, unit) for the rows naming a unit of that year; each row's own arithmetic checked."""
    seen: dict[str, int] = {}
    known = []
    for row in history.rows:
        unit = repo.units.get(row.unit)
        if unit is None and repo.broken_in("units"):
            continue  # the unit may be in the registry file that failed to load
        if unit is None or not unit.active(history.year):
            out.append(
                codes.HISTORY_UNIT_UNKNOWN.at(history.file, line=row.line_of("unit"), unit=row.unit, year=history.year)
            )
            continue
        if row.unit in seen:
            out.append(
                codes.HISTORY_DUPLICATE.at(
                    history.file, line=row.line_of("unit"), unit=row.unit, first=seen[row.unit], second=row.line
                )
            )
            continue
        seen[row.unit] = row.line
        known.append((row, unit))
        out.extend(_arithmetic(history, row, unit))
    return known


def _arithmetic(history: History, row: Published, unit: Unit) -> list[Finding]:
    out = []

    def err(code: codes.Code, key: str, **fields: object) -> None:
        out.append(code.made(history.file, {"unit": row.unit, **fields}, line=row.line_of(key)))

    areas = {a.code: a for a in history.areas.get(unit.level, ())}
    for code, points in row.areas.items():
        area = areas.get(code)
        if area is None:
            err(codes.HISTORY_AREA_UNKNOWN, f"areas.{code}", area=code, level=unit.level)
        elif area.max is not None and points > area.max:
            err(codes.HISTORY_ABOVE_MAX, f"areas.{code}", area=code, points=fmt(points), max=fmt(area.max))
    if row.total > row.max:
        err(codes.HISTORY_TOTAL_ABOVE_MAX, "total", total=fmt(row.total), max=fmt(row.max))
    summed = sum(row.areas.values(), Decimal(0))
    if row.areas and summed != row.total:
        err(codes.HISTORY_TOTAL, "total", total=fmt(row.total), summed=fmt(summed))
    if not index_matches(row.total, row.max, row.index, history.precision):
        expected = fmt(expected_index(row.total, row.max, history.precision))
        err(
            codes.HISTORY_INDEX,
            "index",
            index=fmt(row.index),
            total=fmt(row.total),
            max=fmt(row.max),
            expected=expected,
        )
    return out


def _places(history: History, rows: list[Published]) -> list[Finding]:
    out = []
    for row, allowed in zip(rows, allowed_places([r.index for r in rows]), strict=True):
        if row.place is None or allowed is None or allowed[0] <= row.place <= allowed[1]:
            continue
        should = str(allowed[0]) if allowed[0] == allowed[1] else f"từ {allowed[0]} đến {allowed[1]}"
        out.append(
            codes.HISTORY_PLACE.at(
                history.file,
                line=row.line_of("place"),
                unit=row.unit,
                place=row.place,
                index=fmt(row.index),
                should=should,
            )
        )
    return out


def _missing(repo: Repository, history: History, present: set[str], groups: set[str]) -> list[Finding]:
    """Units of a group the table ranks that the table leaves out: worth a look, not an error."""
    absent = sorted(u.id for u in repo.units_in(history.year) if u.group in groups and u.id not in present)
    if not absent or repo.broken_in("units"):
        return []
    units = f"{', '.join(absent[:10])}{'…' if len(absent) > 10 else ''}"
    return [codes.HISTORY_UNIT_MISSING.at(history.file, line=1, year=history.year, count=len(absent), units=units)]
