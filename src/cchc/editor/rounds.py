"""Where each dossier's appraisal stands at a given time, for the editor to offer the right form.

The editor offers a council the round it may record now, and a unit the explanation round
while it is open, following the plan's deadlines (a unit's extension included) and what the
main branch holds (the rounds already recorded). It only chooses what to offer: every pull
request is still judged by `cchc check-pr` (cchc.policy.phases), at the forge's event time.

- round 1: after the unit's self-assessment deadline, once its dossier is on the main branch,
  until ``appraisal_round1_closes``; a recorded (merged) round 1 is never rewritten here;
- explanation: once round 1 asks for explanations, until the unit's ``explanation_closes``;
- round 2 (final): after the explanation deadline, or at once when round 1 asked nothing,
  until ``appraisal_round2_closes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..clock import show
from ..model.plan import Plan
from ..model.repository import Dossier, Repository

SELF_CLOSES, ROUND1_CLOSES, EXPLANATION_CLOSES, ROUND2_CLOSES = (
    "self_assessment_closes",
    "appraisal_round1_closes",
    "explanation_closes",
    "appraisal_round2_closes",
)


@dataclass(frozen=True)
class Stage:
    """One dossier at one time: the round the council may record (None: none now), whether
    the unit may answer requests, until when, and a sentence for people."""

    round: int | None
    explanation: bool
    deadline: datetime | None
    status: str


def _latest(plan: Plan, phase: str) -> datetime:
    """A phase's deadline, the latest of the plan's and its extensions'."""
    return max([plan.deadlines[phase]] + [e.deadlines[phase] for e in plan.extensions if phase in e.deadlines])


def in_window(plan: Plan, now: datetime) -> bool:
    """The plan's appraisal period: from the ordinary self-assessment deadline to the last round 2 deadline."""
    return plan.deadlines[SELF_CLOSES] < now <= _latest(plan, ROUND2_CLOSES)


def appraisal_year(repo: Repository, now: datetime, year: int | None = None) -> int | None:
    """The latest plan year (``year`` only, when given) whose appraisal period holds ``now``."""
    years = [y for y, plan in repo.plans.items() if (year is None or y == year) and in_window(plan, now)]
    return max(years) if years else None


def _when(plan: Plan, phase: str, unit: str, tz: str) -> tuple[datetime, str]:
    deadline = plan.deadline(phase, unit)
    return deadline, show(deadline, tz)


def stage(plan: Plan, unit: str, dossier: Dossier | None, now: datetime, tz: str) -> Stage:
    if dossier is None or dossier.self_assessment is None:
        return Stage(None, False, None, "Chưa có hồ sơ tự đánh giá trên nhánh chính.")
    closes, text = _when(plan, SELF_CLOSES, unit, tz)
    if now <= closes:
        return Stage(None, False, closes, f"Đang mở tự đánh giá đến {text}; chưa thẩm định.")
    rounds = {r.number: r for r in dossier.appraisal.rounds} if dossier.appraisal else {}
    if 2 in rounds:
        return Stage(None, False, None, "Đã thẩm định xong (vòng 2).")
    if 1 not in rounds:
        closes, text = _when(plan, ROUND1_CLOSES, unit, tz)
        if now <= closes:
            return Stage(1, False, closes, f"Thẩm định vòng 1, hạn {text}.")
        return Stage(None, False, None, f"Đã hết hạn thẩm định vòng 1 ({text}) mà chưa ghi kết quả.")
    return _after_round1(plan, unit, any(it.request for it in rounds[1].items), now, tz)


def _after_round1(plan: Plan, unit: str, requests: bool, now: datetime, tz: str) -> Stage:
    closes, text = _when(plan, EXPLANATION_CLOSES, unit, tz)
    if requests and now <= closes:
        return Stage(None, True, closes, f"Vòng giải trình: đơn vị giải trình đến {text}; sau đó thẩm định vòng 2.")
    closes, text = _when(plan, ROUND2_CLOSES, unit, tz)
    if now <= closes:
        return Stage(2, False, closes, f"Thẩm định vòng 2 (cuối cùng), hạn {text}.")
    return Stage(None, False, None, f"Đã hết hạn thẩm định vòng 2 ({text}).")
