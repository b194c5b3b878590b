"""Is a published results table consistent? The arithmetic the results import and the
validation of history/<year>.yaml share: points per area add up to the total, the index is
the total ÷ the applicable maximum, places follow the index.

Published tables round: a total shown with 2 decimals may come from 78.255, and the
index was computed from the unrounded total. The index is accepted when it is within what
those two roundings can explain, and no further.
"""

from __future__ import annotations

from decimal import Decimal

from .rank import places
from .unit import HUNDRED, quantize


def decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def expected_index(total: Decimal, maximum: Decimal, precision: int) -> Decimal:
    return quantize(total / maximum * HUNDRED, precision)


def index_matches(total: Decimal, maximum: Decimal, index: Decimal, precision: int) -> bool:
    """``index`` is ``total`` ÷ ``maximum`` × 100 as published: exact, or off by no more than the
    rounding of the shown total (half a unit in its last place) and of the index itself."""
    if maximum <= 0:
        return False
    exact = total / maximum * HUNDRED
    half = Decimal(5).scaleb(-1)
    slack = half.scaleb(-precision) + half.scaleb(-decimals(total)) * HUNDRED / maximum
    return abs(index - exact) <= slack


def allowed_places(indexes: list[Decimal | None]) -> list[tuple[int, int] | None]:
    """For each index, the places a published ranking may give it: equal indices share a
    place (1, 2, 2, 4) or are told apart by a rule of the decision (1, 2, 3, 4), so a unit
    tied with n others may stand anywhere from its shared place to that place + n."""
    shared = places(indexes)
    counts: dict[Decimal | None, int] = {}  # None never counted: its place is None
    for value in indexes:
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    return [None if p is None else (p, p + counts[v] - 1) for v, p in zip(indexes, shared, strict=False)]
