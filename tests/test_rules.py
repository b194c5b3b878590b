"""Each scoring rule kind: which scores it allows, what it computes from figures."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from minirepo import looks_vietnamese

from cchc import rules
from cchc.load.schema import SCHEMA_DIR
from cchc.model.framework import Node, Rule
from cchc.model.submission import Entry, Figures


def node(kind: str, max_, **params) -> Node:
    text = params.pop("text", None)
    method = "survey" if kind == "survey" else "self"
    return Node(
        "1.1", "Tiêu chí thử", D(str(max_)), 2, 1, method=method, rule=Rule(kind, {"kind": kind, **params}, text)
    )


def allowed(n: Node, score) -> bool:
    problem = rules.kind_of(n.rule).check(n, D(str(score)))
    assert problem is None or looks_vietnamese(problem), problem
    return problem is None


def compute(n: Node, achieved, total):
    return rules.kind_of(n.rule).compute(n, D(str(achieved)), D(str(total)))


def entry(score=None, figures=None, na=False) -> Entry:
    return Entry(
        "1.1",
        None if score is None else D(str(score)),
        Figures(D(str(figures[0])), D(str(figures[1]))) if figures else None,
        na,
        "lý do" if na else None,
        None,
        (),
        1,
        1,
    )


def test_every_kind_the_schema_allows_has_a_behaviour():
    doc = json.loads((SCHEMA_DIR / "framework.schema.json").read_text(encoding="utf-8"))
    assert set(doc["$defs"]["rule"]["properties"]["kind"]["enum"]) == set(rules.KINDS)
    for kind in rules.KINDS.values():
        assert looks_vietnamese(kind.label)


# ---------------------------------------------------------------- levels

LEVELS = [{"label": "Đúng hạn", "points": 1}, {"label": "Chậm", "points": D("0.5")}, {"label": "Không", "points": 0}]


@pytest.mark.parametrize(
    "score, ok", [(1, True), ("0.5", True), ("0.50", True), (0, True), ("0.75", False), ("0.25", False), (2, False)]
)
def test_levels(score, ok):
    assert allowed(node("levels", 1, levels=LEVELS), score) is ok


def test_levels_options_and_description():
    n = node("levels", 1, levels=LEVELS)
    assert rules.KINDS["levels"].options(n) == [("Đúng hạn", D(1)), ("Chậm", D("0.5")), ("Không", D(0))]
    assert rules.KINDS["levels"].describe(n) == "Đúng hạn: 1 điểm; Chậm: 0.5 điểm; Không: 0 điểm"
    assert "Đúng hạn = 1" in rules.KINDS["levels"].check(n, D("0.75"))
    assert rules.KINDS["levels"].describe(node("levels", 1, levels=LEVELS, text="Theo văn bản")) == "Theo văn bản"


# ---------------------------------------------------------------- pass_fail


@pytest.mark.parametrize("score, ok", [(2, True), ("2.0", True), (0, True), (1, False), ("1.99", False), (3, False)])
def test_pass_fail(score, ok):
    assert allowed(node("pass_fail", 2), score) is ok


def test_pass_fail_options():
    assert rules.KINDS["pass_fail"].options(node("pass_fail", 2)) == [("Đạt", D(2)), ("Không đạt", D(0))]


# ---------------------------------------------------------------- percent_bands

BANDS = [{"gt": 90, "points": 2}, {"gte": 70, "points": 1}, {"points": 0}]


@pytest.mark.parametrize(
    "achieved, total, points",
    [
        (19, 20, 2),  # 95 %
        (181, 200, 2),  # 90.5 %
        (9, 10, 1),  # exactly 90 %: not "above 90"
        (7, 10, 1),  # exactly 70 %: "from 70"
        (6999, 10000, 0),  # 69.99 %
        (0, 5, 0),
        (5, 5, 2),
    ],
)
def test_percent_bands_compute(achieved, total, points):
    assert compute(node("percent_bands", 2, bands=BANDS), achieved, total) == D(points)


def test_percent_bands_without_cases_cannot_compute():
    assert compute(node("percent_bands", 2, bands=BANDS), 0, 0) is None


def test_percent_bands_without_a_catch_all_gives_zero_below_the_last_band():
    assert compute(node("percent_bands", 2, bands=BANDS[:2]), 1, 2) == 0


@pytest.mark.parametrize("score, ok", [(2, True), (1, True), (0, True), ("1.5", False), (3, False)])
def test_percent_bands_allowed_scores(score, ok):
    assert allowed(node("percent_bands", 2, bands=BANDS), score) is ok


def test_percent_bands_description():
    assert (
        rules.KINDS["percent_bands"].describe(node("percent_bands", 2, bands=BANDS))
        == "trên 90%: 2 điểm; từ 70%: 1 điểm; còn lại: 0 điểm"
    )


# ---------------------------------------------------------------- proportional


@pytest.mark.parametrize(
    "achieved, total, max_, decimals, points",
    [
        (2, 3, 4, 2, "2.67"),  # 2.666… rounds up
        (1, 8, 1, 2, "0.13"),  # 0.125: half-up, not banker's 0.12
        (3, 8, 1, 2, "0.38"),  # 0.375 → 0.38
        (1, 3, 1, 2, "0.33"),
        (97, 100, 4, 2, "3.88"),
        (5, 8, 1, 1, "0.6"),  # 0.625 → 0.6 with one decimal
        (1, 2, 3, 0, "2"),  # 1.5 → 2 with no decimal
        (7, 7, 4, 2, "4.00"),
        (0, 9, 4, 2, "0.00"),
    ],
)
def test_proportional_compute_rounds_half_up(achieved, total, max_, decimals, points):
    got = compute(node("proportional", max_, decimals=decimals), achieved, total)
    assert got == D(points) and str(got) == points


def test_proportional_default_is_two_decimals():
    assert str(compute(node("proportional", 1), 1, 8)) == "0.13"


@pytest.mark.parametrize("policy, points", [("full", D(4)), ("zero", D(0)), ("na", None), (None, D(4))])
def test_proportional_without_cases(policy, points):
    params = {"if_no_cases": policy} if policy else {}
    assert compute(node("proportional", 4, **params), 0, 0) == points


@pytest.mark.parametrize("score, ok", [("2.67", True), ("0.1", True), (4, True), ("2.675", False), ("4.01", False)])
def test_proportional_allowed_scores(score, ok):
    assert allowed(node("proportional", 4, decimals=2), score) is ok


# ---------------------------------------------------------------- free, bonus, penalty


@pytest.mark.parametrize(
    "score, ok",
    [(0, True), ("0.25", True), ("0.75", True), (1, True), ("0.3", False), ("0.125", False), ("1.25", False)],
)
def test_free_default_step_is_a_quarter(score, ok):
    assert allowed(node("free", 1), score) is ok


def test_free_with_its_own_step():
    n = node("free", 3, step=D("0.5"))
    assert allowed(n, "1.5") and not allowed(n, "1.25")
    assert "bội số của 0.5" in rules.KINDS["free"].check(n, D("1.25"))


def test_negative_scores_are_refused():
    assert "âm" in rules.KINDS["free"].check(node("free", 1), D("-0.25"))


@pytest.mark.parametrize(
    "kind, wording", [("bonus", "Cộng tối đa 1 điểm, bước 0.5"), ("penalty", "Trừ tối đa 1 điểm, bước 0.5")]
)
def test_bonus_and_penalty_are_capped_steps(kind, wording):
    n = node(kind, 1, step=D("0.5"))
    assert allowed(n, "0.5") and allowed(n, 1) and not allowed(n, "0.25") and not allowed(n, "1.5")
    assert rules.KINDS[kind].describe(n) == wording
    assert Node("4.1", "x", D(1), 2, 1, rule=n.rule).is_adjustment


def test_survey_is_not_self_scored():
    n = node("survey", 10)
    assert not rules.KINDS["survey"].self_scored and n.is_survey
    assert rules.KINDS["survey"].compute(n, D(1), D(1)) is None


# ---------------------------------------------------------------- the points a self-assessment claims


def test_self_points():
    prop = node("proportional", 4)
    assert rules.self_points(prop, entry(figures=(2, 3))) == D("2.67")
    assert rules.self_points(prop, entry(score="3.5", figures=(2, 3))) == D("2.67")  # figures win
    assert rules.self_points(prop, entry(score=1, figures=(4, 3))) == D(1)  # inconsistent: as written
    assert rules.self_points(prop, entry(na=True)) is None
    assert rules.self_points(prop, None) is None
    assert rules.self_points(node("free", 1), entry(score="0.75")) == D("0.75")


# ---------------------------------------------------------------- each kind checks its own definition


@pytest.mark.parametrize(
    "kind, max_, params, codes",
    [
        ("levels", 1, {"levels": LEVELS}, []),
        ("levels", 2, {"levels": LEVELS}, ["framework-rule-max"]),
        ("percent_bands", 2, {"bands": [{"gte": 80, "points": 2}, {"points": 0}]}, []),
        (
            "percent_bands",
            3,
            {"bands": [{"gte": 80, "points": 2}, {"gt": 50, "points": 1}]},
            ["framework-band-gap", "framework-rule-max"],
        ),
        ("proportional", "1.5", {}, []),
        ("proportional", "1.125", {}, ["framework-rule-decimals"]),
        ("proportional", "1.125", {"decimals": 3}, []),
        ("free", 1, {"step": D("0.3")}, ["framework-rule-step"]),
        ("bonus", 2, {"step": D("0.5")}, []),
        ("penalty", 1, {"step": D("0.75")}, ["framework-rule-step"]),
        ("pass_fail", 3, {}, []),
        ("survey", 10, {}, []),
    ],
)
def test_each_kind_checks_its_own_definition(kind, max_, params, codes):
    found = rules.KINDS[kind].check_definition(node(kind, max_, **params), "criteria/t/so.yaml")
    assert [f.code for f in found] == codes
    for f in found:
        assert f.file == "criteria/t/so.yaml" and f.criterion == "1.1" and looks_vietnamese(f.message)


def test_an_adjustment_standing_as_an_area_is_refused_by_its_kind():
    area = Node("9", "Thưởng", D(1), 1, 7, method="self", rule=Rule("bonus", {"kind": "bonus"}, None))
    assert [f.code for f in rules.KINDS["bonus"].check_definition(area, "f.yaml")] == ["framework-adjustment-area"]
    assert rules.KINDS["free"].check_definition(area, "f.yaml") == []


def test_penalty_points_count_negative():
    assert [rules.KINDS[k].sign for k in ("free", "bonus", "penalty")] == [1, 1, -1]
