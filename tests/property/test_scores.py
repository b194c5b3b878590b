"""Property-based tests of the score roll-up, on real model objects built from random
frameworks and self-assessments: a total never exceeds the maximum, every roll-up equals
the sum of its parts, N/A shrinks the maximum, and the ranking ignores the order of units."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.load.source import FileSource
from cchc.model import framework as fw_model
from cchc.model import plan as plan_model
from cchc.model import registry, submission
from cchc.model import survey as survey_model
from cchc.model.repository import Dossier, Repository
from cchc.score import results
from cchc.score.unit import score_unit

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EMPTY = Path(tempfile.gettempdir())


def where(path):
    return (1, 1)


@st.composite
def frameworks(draw):
    """A framework dict: 1–3 areas of 1–3 criteria, some with components; a parent's max
    is the sum of its children's; some leaves allow N/A, some are survey-scored; maybe a
    bonus/penalty area."""
    areas = []
    for a in range(1, draw(st.integers(1, 3)) + 1):
        criteria = []
        for c in range(1, draw(st.integers(1, 3)) + 1):

            def leaf(code):
                survey = draw(st.booleans()) and draw(st.booleans())
                return {
                    "code": code,
                    "title": f"Tiêu chí {code}",
                    "max": draw(st.integers(1, 8)),
                    "method": "survey" if survey else "self",
                    "na_allowed": draw(st.booleans()),
                    "rule": {"kind": "survey"} if survey else {"kind": "free", "step": 0.25},
                }

            if draw(st.booleans()):
                comps = [leaf(f"{a}.{c}.{k}") for k in range(1, draw(st.integers(1, 3)) + 1)]
                criteria.append(
                    {"code": f"{a}.{c}", "title": "Nhóm", "max": sum(x["max"] for x in comps), "components": comps}
                )
            else:
                criteria.append(leaf(f"{a}.{c}"))
        areas.append(
            {"code": str(a), "title": f"Lĩnh vực {a}", "max": sum(c["max"] for c in criteria), "criteria": criteria}
        )
    if draw(st.booleans()):
        areas.append(
            {
                "code": "9",
                "title": "Thưởng, trừ",
                "max": 0,
                "criteria": [
                    {
                        "code": "9.1",
                        "title": "Thưởng",
                        "max": 2,
                        "method": "self",
                        "rule": {"kind": "bonus", "step": 0.25},
                    },
                    {
                        "code": "9.2",
                        "title": "Trừ",
                        "max": 2,
                        "method": "self",
                        "rule": {"kind": "penalty", "step": 0.25},
                    },
                ],
            }
        )
    return {
        "id": "t",
        "level": "xa",
        "title": "Bộ tiêu chí",
        "max": sum(x["max"] for x in areas),
        "precision": 2,
        "legal_basis": {"number": "1/QĐ-UBND", "date": "2025-01-02", "issuer": "UBND tỉnh"},
        "bands": [{"label": "Tốt", "min": 80}, {"label": "Khá", "min": 50}, {"label": "Yếu", "min": 0}],
        "areas": areas,
    }


def _plan():
    return {
        "year": 2025,
        "title": "Kế hoạch",
        "frameworks": {"xa": "t/xa"},
        "deadlines": {p: "2025-12-31T23:59:59+07:00" for p in plan_model.PHASES},
        "councils": [{"id": "hd", "name": "Hội đồng", "accounts": ["hd1"]}],
        "routing": [{"council": "hd", "levels": ["xa"]}],
    }


@st.composite
def provinces(draw):
    fw_data = draw(frameworks())
    fw = fw_model.build(fw_data, "t/xa", "criteria/t/xa.yaml", where)
    n = draw(st.integers(1, 6))
    ids = [f"xa-{i}" for i in range(n)]
    answers, survey_rows = {}, []
    for uid in ids:
        scores = []
        for leaf in fw.leaves():
            if leaf.is_survey:
                if draw(st.booleans()):
                    survey_rows.append(
                        {
                            "unit": uid,
                            "code": leaf.code,
                            "points": str(Decimal(draw(st.integers(0, int(leaf.max) * 4))) / 4),
                        }
                    )
                continue
            if leaf.na_allowed and draw(st.integers(0, 3)) == 0:
                scores.append({"code": leaf.code, "na": True, "na_reason": "Không phát sinh"})
            else:  # now and then above the maximum: the roll-up must not count it
                scores.append(
                    {"code": leaf.code, "score": str(Decimal(draw(st.integers(0, int(leaf.max) * 4 + 4))) / 4)}
                )
        answers[uid] = scores
    return fw_data, ids, answers, survey_rows, draw(st.randoms())


def _repo(fw_data, ids, answers, survey_rows, order) -> Repository:
    province = registry.build_province(
        {
            "name": "Tỉnh",
            "authority": "Sở Nội vụ",
            "levels": [{"id": "xa", "name": "Xã"}],
            "groups": [{"id": "xa", "name": "Xã"}],
            "admins": ["a"],
        }
    )
    units = registry.build_units(
        {"units": [{"id": u, "name": f"Xã {u}", "level": "xa", "group": "xa", "from": 2020} for u in order]},
        "units/xa.yaml",
        where,
    )
    dossiers = {}
    for uid in order:
        folder = f"submissions/2025/{uid}"
        sa = submission.build_self_assessment(
            {"unit": uid, "year": 2025, "scores": answers[uid]}, f"{folder}/self-assessment.yaml", folder, where
        )
        dossiers[(2025, uid)] = Dossier(2025, uid, self_assessment=sa)
    return Repository(
        FileSource(EMPTY),
        province=province,
        units={u.id: u for u in units},
        frameworks={"t/xa": fw_model.build(fw_data, "t/xa", "criteria/t/xa.yaml", where)},
        plans={2025: plan_model.build(_plan(), "plans/2025.yaml", where)},
        surveys={2025: survey_model.build({"year": 2025, "points": survey_rows}, "surveys/2025.yaml", where)},
        dossiers=dossiers,
    )


def _sum(values):
    return sum(values, Decimal(0))


@FAST
@given(provinces())
def test_totals_stay_within_the_maximum_and_roll_up_from_their_parts(province):
    fw_data, ids, answers, survey_rows, _ = province
    repo = _repo(fw_data, ids, answers, survey_rows, ids)
    fw = repo.frameworks["t/xa"]
    for uid in ids:
        s = score_unit(repo, repo.units[uid], 2025)
        assert Decimal(0) <= s.total <= s.max
        assert s.index is None if s.max == 0 else Decimal(0) <= s.index <= Decimal(100)
        for node in s.nodes():
            if node.children:
                assert node.max == _sum(c.max for c in node.children)
                assert node.self == _sum(c.self for c in node.children)
                assert node.appraised == _sum(c.appraised for c in node.children)
                assert node.survey == _sum(c.survey for c in node.children)
        na = {e["code"] for e in answers[uid] if e.get("na")}
        assert s.max == _sum(n.max for n in fw.leaves() if n.code not in na and not n.is_adjustment)
        assert s.total == min(max(_sum(a.achieved for a in s.areas), Decimal(0)), s.max)
        for leaf in (n for n in s.nodes() if not n.children):
            assert leaf.self <= leaf.full_max or leaf.kind == "penalty"


@FAST
@given(provinces())
def test_the_ranking_does_not_depend_on_the_order_of_units(province):
    fw_data, ids, answers, survey_rows, rnd = province
    shuffled = list(ids)
    rnd.shuffle(shuffled)

    def places(order):
        res = results.compute(_repo(fw_data, ids, answers, survey_rows, order))
        return {r.unit.id: (r.place, r.score.index, r.area_places) for g in res.year(2025).groups for r in g.rows}

    assert places(ids) == places(shuffled) == places(list(reversed(ids)))


@FAST
@given(provinces(), st.integers(0, 5))
def test_a_higher_score_never_lowers_a_units_place(province, pick):
    fw_data, ids, answers, survey_rows, _ = province
    uid = ids[pick % len(ids)]
    before = results.compute(_repo(fw_data, ids, answers, survey_rows, ids))
    better = {u: [dict(e) for e in es] for u, es in answers.items()}
    fw = fw_model.build(fw_data, "t/xa", "x", where)
    for e in better[uid]:
        node = fw.node(e["code"])
        if not e.get("na") and node.rule.kind == "free":
            e["score"] = str(node.max)  # full marks on every self-scored criterion
    after = results.compute(_repo(fw_data, ids, better, survey_rows, ids))

    def place(res):
        return next(r.place for g in res.year(2025).groups for r in g.rows if r.unit.id == uid)

    p0, p1 = place(before), place(after)
    assert p1 is None or p0 is None or p1 <= p0
