"""The remembered number texts (cchc.model.numbers.fmt): a value printed again prints as it did
the first time and as it prints fresh, equal values of another sign or exponent included."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.model import numbers

VALUES = st.decimals(
    allow_nan=False, allow_infinity=False, places=None, min_value=-1000, max_value=1000
) | st.sampled_from(
    [Decimal("-0"), Decimal("0"), Decimal("0.00"), Decimal("-0.000"), Decimal("1"), Decimal("1.0"), Decimal("1E+1")]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(VALUES, st.sampled_from([None, 0, 1, 2, 4])), min_size=1, max_size=20))
def test_a_remembered_text_is_the_fresh_one(pairs):
    for _ in range(2):  # the second time from what was remembered
        for value, places in pairs:
            assert numbers.fmt(value, places) == numbers._format(value, places)


def test_signed_zero_keeps_its_own_text():
    assert numbers.fmt(Decimal("0"), 2) == "0.00"
    assert numbers.fmt(Decimal("-0"), 2) == "-0.00"
    assert numbers.fmt(Decimal("-0")) == "0"
