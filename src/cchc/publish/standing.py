"""Provisional or final: what every results page and download says about the numbers it shows.

Until the plan records the publication decision (plans/<year>.yaml ``publication``), the
results of a year (or of a level) are provisional, and say so with the data version they were
computed from; once recorded, they stand on that decision. A year brought in from its
published table (history/) stands on the decision it was published with.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model.plan import Correction, Plan
from ..score.results import Group, Results, Year

PROVISIONAL = "Kết quả tạm thời"
NOT_APPRAISED = "chưa thẩm định"


@dataclass(frozen=True)
class Standing:
    final: bool
    headline: str  # "Kết quả tạm thời" or "Công bố theo Quyết định số … ngày …"
    detail: str  # the data version and date, or the signer
    corrections: tuple[Correction, ...] = ()

    @property
    def text(self) -> str:
        return f"{self.headline}. {self.detail}" if self.detail else self.headline


def vn_date(iso: str) -> str:
    """2025-04-28 → 28/04/2025 (anything else as it is)."""
    parts = iso.split("-")
    return f"{parts[2]}/{parts[1]}/{parts[0]}" if len(parts) == 3 else iso


def version(commit: str, date: str) -> str:
    """The data version as users read it: the commit's short id and its date."""
    short = commit[:7] + ("+thay-doi" if commit.endswith("+thay-doi") else "") if commit else "không xác định"
    return f"phiên bản dữ liệu {short}" + (f", ngày {vn_date(date)}" if date else "")


def of_year(plan: object, levels: Iterable[str], commit: str, date: str) -> Standing:
    """The standing of a year's results for ``levels`` (final only when one decision covers them all)."""
    history = getattr(plan, "history", None)
    if history is not None:
        return Standing(True, f"Công bố theo Quyết định {history.decision}", "")
    if not isinstance(plan, Plan):
        return Standing(False, PROVISIONAL, version(commit, date))
    found = [plan.publication(level) for level in levels] or [None]
    if None in found:  # a level not yet published: the page is provisional as a whole
        return Standing(False, PROVISIONAL, version(commit, date), plan.corrections)
    # levels published by separate decisions: each decision, in the order they were taken
    decisions = sorted({d for d in found if d is not None}, key=lambda d: (d.date, d.number))
    named = " và ".join(f"Quyết định số {d.number} ngày {vn_date(d.date)}" for d in decisions)
    signers = ", ".join(dict.fromkeys(d.signer for d in decisions))
    return Standing(True, f"Công bố theo {named}", f"Người ký: {signers}", plan.corrections)


def of_group(results: Results, year: Year, group: Group) -> Standing:
    """The standing of one ranking group: the levels of its units."""
    return of_year(year.plan, sorted({r.unit.level for r in group.rows}), results.commit, results.date)


def of_whole_year(results: Results, year: Year) -> Standing:
    levels = sorted({r.unit.level for g in year.groups for r in g.rows})
    return of_year(year.plan, levels, results.commit, results.date)


def of_level(results: Results, year: Year, level: str) -> Standing:
    return of_year(year.plan, [level], results.commit, results.date)
