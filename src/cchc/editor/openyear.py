"""The year the editor serves: the latest plan whose entry window is open now, else the latest plan."""

from __future__ import annotations

from datetime import UTC, datetime


def entry_open(plan, now: datetime) -> bool:
    """Entry opens at ``entry_opens`` and closes at the latest self-assessment deadline,
    extensions included (a unit with an extension must still reach its form)."""
    closes = max(
        [plan.deadlines["self_assessment_closes"]]
        + [e.deadlines["self_assessment_closes"] for e in plan.extensions if "self_assessment_closes" in e.deadlines]
    )
    return plan.deadlines["entry_opens"] <= now <= closes


def open_year(repo, now: datetime | None = None) -> int | None:
    if not repo.plans:
        return None
    now = now or datetime.now(UTC)
    current = [year for year, plan in repo.plans.items() if entry_open(plan, now)]
    return max(current) if current else max(repo.plans)
