"""Tie-aware ranking ("standard competition": 1, 2, 2, 4)."""

from __future__ import annotations


def places(values: list, key=lambda v: v) -> list[int | None]:
    """Place of each value by descending key; equal keys share a place; None is unranked."""
    order = sorted((i for i, v in enumerate(values) if key(v) is not None), key=lambda i: key(values[i]),
                   reverse=True)
    out: list[int | None] = [None] * len(values)
    previous, place = None, 0
    for n, i in enumerate(order, 1):
        k = key(values[i])
        if k != previous:
            place, previous = n, k
        out[i] = place
    return out
