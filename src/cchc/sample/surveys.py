"""surveys/<year>.yaml: social-survey points per unit and survey criterion.

Points are multiples of 0.01 within [0, max], higher for better units; every
unit valid in the year gets points, whether it submitted or not.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from .frameworks import Leaf
from .units import Unit

CENT = Decimal("0.01")


def points(leaf: Leaf, q: float, rng: random.Random) -> Decimal:
    centre = int(520 + 440 * q)
    per_mille = max(0, min(1000, centre + rng.randint(-90, 90)))
    return (leaf.max * per_mille / 1000).quantize(CENT, rounding=ROUND_HALF_UP)


def survey(year: int, units: list[tuple[Unit, list[Leaf], float, random.Random]]) -> dict:
    """units: (unit, framework leaves, quality, survey rng) in registry order."""
    out = []
    for unit, leaves, q, rng in units:
        for leaf in leaves:
            if leaf.method == "survey":
                out.append({"unit": unit.id, "code": leaf.code, "points": points(leaf, q, rng)})
    return {
        "year": year,
        "source": (
            f"Kết quả điều tra xã hội học năm {year} do Sở Nội vụ tỉnh Mẫu tổng hợp "
            "(dữ liệu mẫu; trọng số A=100%, B=60%, C=20%, D=0%)"
        ),
        "points": out,
    }
