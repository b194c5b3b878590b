"""Property-based tests of the scoring rule kinds: what a rule computes, it also allows."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.model.framework import Node, Rule
from cchc.rules import KINDS

FAST = settings(max_examples=150, deadline=None)
quarter = st.integers(1, 80).map(lambda n: Decimal(n) / 4)  # maxima in steps of 0.25


def node(kind: str, maximum: Decimal, **params) -> Node:
    return Node("1.1", "Tiêu chí", maximum, 2, 1, rule=Rule(kind, {"kind": kind, **params}))


@FAST
@given(quarter, st.integers(0, 10**6), st.integers(0, 10**6), st.integers(2, 4))
def test_proportional_stays_within_the_maximum_and_is_allowed(maximum, a, b, decimals):
    # decimals >= those of the maximum (0.25 → 2): with fewer, 'if_no_cases: full' gives the
    # maximum itself, which the rule's own check then refuses — a framework the checks should refuse.
    achieved, total = sorted((Decimal(a), Decimal(b)))
    n = node("proportional", maximum, decimals=decimals, figures={"achieved": "a", "total": "b"})
    kind = KINDS["proportional"]
    points = kind.compute(n, achieved, total)
    assert Decimal(0) <= points <= maximum
    assert kind.check(n, points) is None
    assert -points.normalize().as_tuple().exponent <= decimals


@FAST
@given(quarter, st.integers(0, 10**6), st.integers(1, 10**6))
def test_proportional_grows_with_what_was_achieved(maximum, a, total):
    kind, n = KINDS["proportional"], node("proportional", maximum)
    achieved = Decimal(min(a, total))
    assert kind.compute(n, achieved, Decimal(total)) <= kind.compute(n, Decimal(total), Decimal(total)) == maximum


@FAST
@given(
    st.lists(st.tuples(st.integers(0, 100), st.integers(0, 8)), min_size=1, max_size=4),
    st.integers(0, 10**5),
    st.integers(1, 10**5),
)
def test_percent_bands_give_one_of_their_points(bands, a, total):
    bands = sorted(bands, reverse=True)
    spec = [{"gt": threshold, "points": pts} for threshold, pts in bands]
    maximum = Decimal(max(p for _, p in bands) or 1)
    kind, n = KINDS["percent_bands"], node("percent_bands", maximum, bands=spec)
    points = kind.compute(n, Decimal(min(a, total)), Decimal(total))
    assert points in {Decimal(p) for _, p in bands} | {Decimal(0)}


@FAST
@given(quarter, st.integers(-8, 400).map(lambda n: Decimal(n) / 8))
def test_free_allows_exactly_the_steps_within_the_maximum(maximum, score):
    kind, n = KINDS["free"], node("free", maximum, step="0.25")
    ok = Decimal(0) <= score <= maximum and (score * 4) == (score * 4).to_integral_value()
    assert (kind.check(n, score) is None) == ok


@FAST
@given(quarter, st.integers(0, 400).map(lambda n: Decimal(n) / 8))
def test_pass_fail_allows_zero_or_the_maximum(maximum, score):
    kind, n = KINDS["pass_fail"], node("pass_fail", maximum)
    assert (kind.check(n, score) is None) == (score in (Decimal(0), maximum))
    assert {p for _, p in kind.options(n)} == {Decimal(0), maximum}
