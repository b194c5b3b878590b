"""The registry and the plans: units, levels, successors, frameworks per level, routing."""

from __future__ import annotations

import itertools

from .. import codes
from ..findings import Finding
from ..model.plan import PHASE_NAMES, PHASES, Plan
from ..model.registry import Unit
from ..model.repository import Repository


def check(repo: Repository) -> list[Finding]:
    return _units(repo) + [f for plan in repo.plans.values() for f in _plan(repo, plan)]


def _units(repo: Repository) -> list[Finding]:
    out = []
    for unit, first in repo.duplicate_units:
        out.append(
            codes.UNIT_DUPLICATE.at(
                unit.file, line=unit.line, unit=unit.id, first_file=first.file, first_line=first.line
            )
        )
    for unit in repo.units.values():
        out += _unit(repo, unit)
    return out


def _err(code: codes.Code, unit: Unit, **fields: object) -> Finding:
    """A problem of one registered unit, shown where the unit stands in its registry file."""
    return code.made(unit.file, {"unit": unit.id, **fields}, line=unit.line)


def _unit(repo: Repository, unit: Unit) -> list[Finding]:
    out = []
    prov = repo.province
    if prov and unit.level not in prov.levels:
        out.append(_err(codes.UNIT_LEVEL_UNKNOWN, unit, level=unit.level, levels=", ".join(prov.levels)))
    if prov and unit.group not in prov.groups:
        out.append(_err(codes.UNIT_GROUP_UNKNOWN, unit, group=unit.group, groups=", ".join(prov.groups)))
    if unit.parent and unit.parent not in repo.units and not repo.broken_in("units"):
        out.append(_err(codes.UNIT_PARENT_UNKNOWN, unit, parent=unit.parent))
    if unit.last_year is not None and unit.last_year < unit.first_year:
        out.append(_err(codes.UNIT_YEARS, unit, last=unit.last_year, first=unit.first_year))
    return out + _successors(repo, unit)


def _successors(repo: Repository, unit: Unit) -> list[Finding]:
    out = []
    for succ in unit.successors:
        s = repo.units.get(succ)
        if s is None:
            if repo.broken_in("units"):
                continue
            out.append(_err(codes.UNIT_SUCCESSOR_UNKNOWN, unit, successor=succ))
        elif unit.last_year is None or s.first_year > unit.last_year + 1 or s.first_year <= unit.first_year:
            out.append(_err(codes.UNIT_SUCCESSOR_YEARS, unit, successor=succ, start=s.first_year, last=unit.last_year))
    return out


def _plan(repo: Repository, plan: Plan) -> list[Finding]:
    out = []
    name_year = plan.file.rsplit("/", 1)[-1].removesuffix(".yaml")
    if name_year != str(plan.year):
        out.append(codes.PLAN_YEAR_MISMATCH.at(plan.file, line=plan.year_line or 1, year=plan.year))
    # A unit whose level the province does not know is reported once, as unit-level-unknown.
    active = [u for u in repo.units_in(plan.year) if repo.province is None or u.level in repo.province.levels]
    return out + _frameworks(repo, plan, active) + _deadlines(plan) + _routing(plan, active) + _extensions(repo, plan)


def _frameworks(repo: Repository, plan: Plan, active: list[Unit]) -> list[Finding]:
    out = []
    for level, ref in plan.frameworks.items():
        fw = repo.frameworks.get(ref)
        if fw is None and not any(f.startswith(f"criteria/{ref}.") for f in repo.broken):
            out.append(
                codes.PLAN_FRAMEWORK_UNKNOWN.at(
                    plan.file, line=plan.line("frameworks", level), framework=ref, level=level
                )
            )
        elif fw is not None and fw.level != level:
            out.append(
                codes.PLAN_FRAMEWORK_LEVEL.at(
                    plan.file, line=plan.line("frameworks", level), framework=ref, framework_level=fw.level, level=level
                )
            )
    for level in sorted({u.level for u in active} - set(plan.frameworks)):
        out.append(codes.PLAN_LEVEL_MISSING.at(plan.file, line=plan.line("frameworks"), year=plan.year, level=level))
    return out


def _deadlines(plan: Plan) -> list[Finding]:
    phases = [p for p in PHASES if p in plan.deadlines]
    late = next((b for a, b in itertools.pairwise(phases) if plan.deadlines[b] < plan.deadlines[a]), None)
    if late is None:
        return []
    return [
        codes.PLAN_DEADLINES_ORDER.at(
            plan.file,
            line=plan.line("deadlines", late),
            phase=PHASE_NAMES[late],
            order=" → ".join(PHASE_NAMES[p] for p in PHASES),
        )
    ]


def _routing(plan: Plan, active: list[Unit]) -> list[Finding]:
    out = []
    for route in plan.routing:
        if route.council not in plan.councils:
            out.append(codes.PLAN_COUNCIL_UNKNOWN.at(plan.file, line=route.line or 1, council=route.council))
    for unit in active:
        if plan.council_for(unit) is None:
            out.append(
                codes.PLAN_UNROUTED.at(
                    plan.file, line=plan.line("routing"), unit=unit.id, name=unit.name, year=plan.year
                )
            )
    return out


def _extensions(repo: Repository, plan: Plan) -> list[Finding]:
    out = []
    for ext in plan.extensions:
        unit = repo.units.get(ext.unit)
        if (unit is None and not repo.broken_in("units")) or (unit is not None and not unit.active(plan.year)):
            out.append(codes.PLAN_EXTENSION_UNIT.at(plan.file, line=ext.line or 1, unit=ext.unit, year=plan.year))
        for phase, when in ext.deadlines.items():
            if when < plan.deadlines[phase]:
                out.append(
                    codes.PLAN_EXTENSION_EARLIER.at(
                        plan.file, line=ext.line or 1, unit=ext.unit, phase=PHASE_NAMES[phase]
                    )
                )
    return out
