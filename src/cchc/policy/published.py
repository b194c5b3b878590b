"""A published year is frozen: once the base branch's plan records the publication decision,
a pull request may not change that year's dossiers (scores, evidence, appraisal) or survey
points, unless the plan on the base branch also records a correction decision (đính chính)
that covers them. The base's plan is the one that counts: a pull request cannot open a
year by recording its own correction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..findings import Finding, error
from ..model.plan import Plan
from ..model.repository import Repository
from ..publish.standing import vn_date
from .paths import Changed

_SURVEY = re.compile(r"surveys/([0-9]{4})\.yaml")


def _decision(plan: Plan, level: str | None) -> str | None:
    """The publication decision that froze ``level`` (any level when unknown), as users read it."""
    found = plan.publication(level) if level else (plan.publications[0] if plan.publications else None)
    return f"số {found.number} ngày {vn_date(found.date)}" if found else None


def _refused(path: str, year: int, what: str, decision: str) -> Finding:
    return error(
        "phase-published",
        path,
        f"Kết quả năm {year} đã công bố theo Quyết định {decision}: không được thay đổi {what} của năm này.",
        "Nếu cần sửa, Sở Nội vụ ghi quyết định đính chính (số, ngày, nội dung, đơn vị) vào mục "
        f"'corrections' của plans/{year}.yaml trên nhánh chính trước, rồi gửi lại yêu cầu gộp.",
    )


def _dossier(base: Repository, change: Changed) -> Finding | None:
    plan = base.plans.get(change.year) if change.year is not None else None
    if plan is None or change.year is None:
        return None
    unit = base.units.get(change.unit or "")
    decision = _decision(plan, unit.level if unit else None)
    if decision is None or any(c.covers(change.unit) for c in plan.corrections):
        return None
    return _refused(
        change.path, change.year, f"hồ sơ của '{change.unit}' (điểm, tài liệu kiểm chứng, kết quả thẩm định)", decision
    )


def _survey(base: Repository, change: Changed) -> Finding | None:
    m = _SURVEY.fullmatch(change.path)
    plan = base.plans.get(int(m[1])) if m else None
    if plan is None:
        return None
    decision = _decision(plan, None)
    if decision is None or any(not c.scope for c in plan.corrections):
        return None  # survey points reopen only with a correction for every unit
    return _refused(change.path, plan.year, "điểm điều tra xã hội học", decision)


def check(base: Repository, changed: Iterable[Changed]) -> list[Finding]:
    """Findings for the changes that touch a published year, judged by the base's plans."""
    out = []
    for change in changed:
        found = _dossier(base, change) if change.unit else _survey(base, change)
        if found is not None:
            out.append(found)
    return out
