"""The unit's summary table, as data: per criterion the self score, maximum and evidence,
then the totals and the index, computed by the scoring code from the pull request's files.

It travels as JSON (all numbers as exact text) from the check to ``cchc comment``, which
renders it without reading any file of the pull request.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..model.numbers import fmt
from ..model.repository import Repository
from ..score.unit import STATUS_NAMES, score_unit


def _d(value: Decimal | None, places: int | None = None) -> str | None:
    return None if value is None else fmt(value, places)


def dossier(repo: Repository, year: int, unit_id: str) -> dict[str, Any] | None:
    unit = repo.units.get(unit_id)
    us = score_unit(repo, unit, year) if unit is not None else None
    if unit is None or us is None:
        return None
    places = us.framework.precision
    rows = []
    for n in us.nodes():
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
        rows.append(row)
    d = repo.dossiers.get((year, unit_id))
    rep = d.self_assessment.report if d is not None and d.self_assessment is not None else None
    return {
        "report": None if rep is None else {"number": rep.number, "date": rep.date, "approved_by": rep.approved_by},
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
