"""Scoring rules: exact score from figures, and rule-abiding draws and adjustments.

Points are computed exactly (``Fraction``/``Decimal``); the only randomness comes
from the ``random.Random`` passed in, without gauss() or other float functions, so
that results do not depend on the platform's math library.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from .frameworks import Leaf, vn

ZERO = Decimal(0)


def noise(rng: random.Random, spread: float) -> float:
    """Symmetric triangular noise in [-spread, spread]."""
    return (rng.random() - rng.random()) * spread


def clamp(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def percent(a: int, t: int) -> Fraction:
    return Fraction(a * 100, t)


_BANDS: dict[int, tuple[dict, list[tuple[str | None, Fraction, Decimal]]]] = {}


def _bands(leaf: Leaf) -> list[tuple[str | None, Fraction, Decimal]]:
    key = id(leaf.rule)
    if key not in _BANDS or _BANDS[key][0] is not leaf.rule:
        bands = []
        for band in leaf.rule["bands"]:
            op = "gt" if "gt" in band else ("gte" if "gte" in band else None)
            bands.append((op, Fraction(band[op]) if op else Fraction(0), band["points"]))
        _BANDS[key] = (leaf.rule, bands)
    return _BANDS[key][1]


def band_score(leaf: Leaf, a: int, t: int) -> Decimal:
    """percent_bands: the first band whose threshold the percentage meets (a band
    with neither gt nor gte is the catch-all)."""
    pct = percent(a, t)
    for op, limit, points in _bands(leaf):
        if op is None or (pct > limit if op == "gt" else pct >= limit):
            return points
    return ZERO


def prop_score(leaf: Leaf, a: int, t: int) -> Decimal:
    """proportional: achieved/total x max, rounded half-up to `decimals`."""
    if t == 0:
        return {"full": leaf.max, "zero": ZERO}[leaf.rule.get("if_no_cases", "full")]
    scale = 10 ** leaf.rule.get("decimals", 2)
    value = Fraction(a) * Fraction(leaf.max) / t
    return Decimal(math.floor(value * scale + Fraction(1, 2))) / scale


def figure_score(leaf: Leaf, a: int, t: int) -> Decimal:
    return band_score(leaf, a, t) if leaf.kind == "percent_bands" else prop_score(leaf, a, t)


def pct_text(a: int, t: int) -> str:
    value = Decimal(math.floor(percent(a, t) * 10 + Fraction(1, 2))) / 10
    return f"{vn(value)}%"


def _total_for(leaf: Leaf, rng: random.Random) -> int:
    label = leaf.rule["figures"]["total"]
    if "triệu đồng" in label:
        return rng.randint(800, 60000)
    if "hồ sơ" in label.lower() or "văn bản đi" in label:
        return rng.randint(60, 2500)
    return rng.randint(4, 40)


Draw = tuple[Decimal | None, tuple[int, int] | None, bool]  # (score, figures, na)


def draw(leaf: Leaf, q: float, rng: random.Random) -> Draw:
    """A self-assessed (score, figures, na) for one leaf and unit quality q in [0, 1]."""
    kind = leaf.kind
    roll = rng.random()
    if leaf.na_allowed and kind != "proportional" and roll < 0.15:
        return None, None, True
    drawer = _DRAWERS.get(kind)
    if drawer is None:
        raise ValueError(f"no self score for rule kind {kind}")
    return drawer(leaf, q, roll, rng)


def _draw_levels(leaf: Leaf, q: float, roll: float, rng: random.Random) -> Draw:
    points = [lv["points"] for lv in leaf.rule["levels"]]
    index = 0 if roll < q else (1 if roll < q + (1 - q) * 0.65 else len(points) - 1)
    return points[min(index, len(points) - 1)], None, False


def _draw_pass_fail(leaf: Leaf, q: float, roll: float, rng: random.Random) -> Draw:
    return (leaf.max if roll < min(0.97, q + 0.15) else ZERO), None, False


def _draw_figures(leaf: Leaf, q: float, roll: float, rng: random.Random) -> Draw:
    if leaf.kind == "proportional" and ((leaf.na_allowed and roll < 0.3) or roll < 0.04):
        if leaf.na_allowed and roll < 0.15:
            return None, None, True
        return prop_score(leaf, 0, 0), (0, 0), False
    t = _total_for(leaf, rng)
    rate = clamp(q + 0.1 + noise(rng, 0.25), 0.35, 1.0)
    a = min(t, int(t * rate + 0.5))
    return figure_score(leaf, a, t), (a, t), False


def _draw_free(leaf: Leaf, q: float, roll: float, rng: random.Random) -> Draw:
    steps = int(leaf.max / leaf.rule["step"])
    k = int(steps * clamp(q + noise(rng, 0.3), 0.0, 1.0) + 0.5)
    return leaf.rule["step"] * k, None, False


def _draw_bonus(leaf: Leaf, q: float, roll: float, rng: random.Random) -> Draw:
    steps = int(leaf.max / leaf.rule["step"])
    return (leaf.rule["step"] * rng.randint(1, steps) if roll < 0.3 * q else ZERO), None, False


def _draw_penalty(leaf: Leaf, q: float, roll: float, rng: random.Random) -> Draw:
    return (leaf.rule["step"] * rng.randint(1, 2) if roll < 0.3 * (1 - q) else ZERO), None, False


_DRAWERS: dict[str, Callable[[Leaf, float, float, random.Random], Draw]] = {
    "levels": _draw_levels,
    "pass_fail": _draw_pass_fail,
    "percent_bands": _draw_figures,
    "proportional": _draw_figures,
    "free": _draw_free,
    "bonus": _draw_bonus,
    "penalty": _draw_penalty,
}

Lowered = tuple[Decimal, str] | None  # (lower score, the council's reason)


def lower(leaf: Leaf, score: Decimal, figures: tuple[int, int] | None, rng: random.Random) -> Lowered:
    """A lower appraised score allowed by the rule, with the council's reason; None if impossible."""
    lowerer = _LOWERERS.get(leaf.kind)
    return lowerer(leaf, score, figures, rng) if lowerer else None


def _lower_levels(leaf: Leaf, score: Decimal, figures: tuple[int, int] | None, rng: random.Random) -> Lowered:
    below = [lv for lv in leaf.rule["levels"] if lv["points"] < score]
    if not below:
        return None
    level = max(below, key=lambda lv: lv["points"])
    return level["points"], f"Tài liệu kiểm chứng chỉ chứng minh mức “{level['label']}”."


def _lower_pass_fail(leaf: Leaf, score: Decimal, figures: tuple[int, int] | None, rng: random.Random) -> Lowered:
    if score == 0:
        return None
    if leaf.kind == "bonus":
        return ZERO, "Hình thức khen thưởng không thuộc lĩnh vực CCHC, không đủ điều kiện cộng điểm."
    return ZERO, "Tài liệu kiểm chứng chưa chứng minh đơn vị đáp ứng yêu cầu của tiêu chí."


def _lower_figures(leaf: Leaf, score: Decimal, figures: tuple[int, int] | None, rng: random.Random) -> Lowered:
    if not figures or figures[1] == 0:
        return None
    a, t = figures
    top = a - rng.randint(1, max(1, t // 12))
    if top < 0 or figure_score(leaf, 0, t) >= score:
        return None
    lo, hi = 0, top  # largest a2 <= top scoring below `score` (scores rise with a2)
    if figure_score(leaf, hi, t) >= score:
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if figure_score(leaf, mid, t) < score else (lo, mid)
        hi = lo
    new = figure_score(leaf, hi, t)
    return new, (
        f"Số liệu chưa khớp với tài liệu kiểm chứng: Hội đồng xác định {hi}/{t} "
        f"({pct_text(hi, t)}), không phải {a}/{t} như đơn vị tự chấm."
    )


def _lower_free(leaf: Leaf, score: Decimal, figures: tuple[int, int] | None, rng: random.Random) -> Lowered:
    if score == 0:
        return None
    step = leaf.rule["step"]
    return max(
        ZERO, score - step * rng.randint(1, 2)
    ), "Kết quả thực hiện chưa tương xứng với mức điểm tự chấm; Hội đồng điều chỉnh giảm."


def _lower_penalty(leaf: Leaf, score: Decimal, figures: tuple[int, int] | None, rng: random.Random) -> Lowered:
    if score >= leaf.max:
        return None
    return score + leaf.rule[
        "step"
    ], "Đơn vị bị UBND tỉnh phê bình do chậm gửi báo cáo định kỳ; áp dụng điểm trừ theo quy định."


_LOWERERS: dict[str, Callable[[Leaf, Decimal, tuple[int, int] | None, random.Random], Lowered]] = {
    "levels": _lower_levels,
    "pass_fail": _lower_pass_fail,
    "bonus": _lower_pass_fail,
    "percent_bands": _lower_figures,
    "proportional": _lower_figures,
    "free": _lower_free,
    "penalty": _lower_penalty,
}


def raise_level(leaf: Leaf, score: Decimal) -> tuple[Decimal, str] | None:
    """A higher level for a `levels` leaf (the council found better evidence)."""
    if leaf.kind != "levels":
        return None
    above = [lv for lv in leaf.rule["levels"] if lv["points"] > score]
    if not above:
        return None
    level = min(above, key=lambda lv: lv["points"])
    return level["points"], (
        f"Tài liệu kiểm chứng cho thấy đơn vị đạt mức “{level['label']}”; Hội đồng điều chỉnh tăng điểm."
    )
