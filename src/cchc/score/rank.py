"""Tie-aware ranking ("standard competition": 1, 2, 2, 4)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal


def places(values: Sequence[Decimal | None]) -> list[int | None]:
    """Place of each value, highest first; equal values share a place; None is unranked."""
    ranked = sorted(((v, i) for i, v in enumerate(values) if v is not None), key=lambda vi: vi[0], reverse=True)
    out: list[int | None] = [None] * len(values)
    previous: Decimal | None = None
    place = 0
    for n, (value, i) in enumerate(ranked, 1):
        if value != previous:
            place, previous = n, value
        out[i] = place
    return out
