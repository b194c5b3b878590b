"""A province may publish its levels by separate decisions: each level stands on its own
decision, and a page that mixes levels is final only when one decision covers them all."""

from __future__ import annotations

from cchc.model.plan import Plan, Publication
from cchc.publish import standing

SO = Publication("123/QĐ-UBND", "2026-04-28", "Chủ tịch UBND tỉnh", scope=("so",))
XA = Publication("140/QĐ-UBND", "2026-05-20", "Chủ tịch UBND tỉnh", scope=("xa",))


def _plan(*decisions: Publication) -> Plan:
    return Plan(2025, "Kế hoạch 2025", "plans/2025.yaml", {}, {}, (), {}, (), 20.0, publications=decisions)


def test_a_level_published_alone_is_final_and_the_others_stay_provisional() -> None:
    plan = _plan(SO)
    so = standing.of_year(plan, ["so"], "a" * 40, "2026-05-01")
    assert so.final and "Quyết định số 123/QĐ-UBND ngày 28/04/2026" in so.headline
    xa = standing.of_year(plan, ["xa"], "a" * 40, "2026-05-01")
    assert not xa.final and xa.headline == standing.PROVISIONAL
    both = standing.of_year(plan, ["so", "xa"], "a" * 40, "2026-05-01")
    assert not both.final  # a page over both levels is not covered by one decision


def test_two_decisions_each_stand_for_their_level_and_one_for_all_covers_every_level() -> None:
    plan = _plan(SO, XA)
    assert "140/QĐ-UBND" in standing.of_year(plan, ["xa"], "a" * 40, "2026-05-01").headline
    both = standing.of_year(plan, ["so", "xa"], "a" * 40, "2026-05-01")
    assert both.final
    assert both.headline == (
        "Công bố theo Quyết định số 123/QĐ-UBND ngày 28/04/2026 và Quyết định số 140/QĐ-UBND ngày 20/05/2026"
    )
    everything = Publication("150/QĐ-UBND", "2026-06-01", "Chủ tịch UBND tỉnh")
    whole = standing.of_year(_plan(everything), ["so", "xa"], "a" * 40, "2026-05-01")
    assert whole.final and "150/QĐ-UBND" in whole.headline
