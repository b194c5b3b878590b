"""The unit's summary table, as data: per criterion the self score, maximum and evidence,
then the totals and the index, computed by the scoring code from the pull request's files.

It travels as JSON (all numbers as exact text) from the check to ``cchc comment``, which
renders it without reading any file of the pull request.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..model.numbers import fmt
from ..model.repository import Dossier, Repository
from ..score.unit import STATUS_NAMES, NodeScore, UnitScore, score_unit


def _d(value: Decimal | None, places: int | None = None) -> str | None:
    return None if value is None else fmt(value, places)


def _row(n: NodeScore, before: UnitScore | None, requests: dict[str, str], answered: set[str]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "code": n.code,
        "title": n.title,
        "depth": n.depth,
        "leaf": not n.children,
        "max": _d(n.full_max),
        "self": _d(n.self),
        "appraised": _d(n.appraised),
        "survey": _d(n.survey),
        "evidence": len(n.evidence),
        "na": n.na,
        "method": n.method,
        "kind": n.kind,
    }
    if n.reason:
        row["reason"], row["round"] = n.reason, n.round
    if before is not None and n.code in before.by_code:
        row["before"] = _d(before.by_code[n.code].appraised)
    if n.code in requests:
        row["request"], row["answered"] = requests[n.code], n.code in answered
    return row


def _requests(d: Dossier | None) -> tuple[int, dict[str, str], set[str]]:
    """The latest appraisal round, its requests for explanation (code → the council's words)
    and the codes the unit has answered."""
    if d is None or d.appraisal is None:
        return 0, {}, set()
    latest = d.appraisal.latest_round()
    asked = {
        it.code: it.request
        for r in d.appraisal.rounds
        if r.number == latest
        for it in r.items
        if it.request is not None
    }
    answered = {a.code for a in d.explanation.answers} if d.explanation is not None else set()
    return latest, asked, answered


def _report(d: Dossier | None) -> dict[str, Any] | None:
    rep = d.self_assessment.report if d is not None and d.self_assessment is not None else None
    return None if rep is None else {"number": rep.number, "date": rep.date, "approved_by": rep.approved_by}


def dossier(repo: Repository, year: int, unit_id: str) -> dict[str, Any] | None:
    unit = repo.units.get(unit_id)
    us = score_unit(repo, unit, year) if unit is not None else None
    if unit is None or us is None:
        return None
    places = us.framework.precision
    d = repo.dossiers.get((year, unit_id))
    latest, requests, answered = _requests(d)
    # what the council compares with: the round before the latest, or the self-assessment
    before = score_unit(repo, unit, year, before_round=latest) if latest else None
    rows = [_row(n, before if latest > 1 else None, requests, answered) for n in us.nodes()]
    out = {
        "report": _report(d),
        "unit": unit.id,
        "name": unit.name,
        "year": year,
        "framework": us.framework.ref,
        "status": us.status,
        "status_name": STATUS_NAMES[us.status],
        "self_total": _d(us.self_total),
        "appraised_total": _d(us.appraised_total),
        "survey_total": _d(us.survey_total),
        "total": _d(us.total),
        "max": _d(us.max),
        "index": _d(us.index, places),
        "classification": us.classification,
        "appraised": any(r.get("round") for r in rows) or us.status in ("dang-tham-dinh", "da-tham-dinh"),
        "rows": rows,
    }
    if before is not None:
        out["before"] = {"round": latest - 1, "total": _d(before.total), "index": _d(before.index, places)}
    return out
