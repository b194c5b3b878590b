"""Scoring rules written in an annex's words → rule data (src/cchc/rules.py kinds).

A small table of patterns, tried in order; the first that reads the whole text wins.
What no pattern reads is left for the officer to complete. Examples of what is read:

- "Đúng thời hạn: 1 điểm; chậm: 0,5 điểm; không ban hành: 0"           → levels
- "Công khai đầy đủ: 2 điểm; không đạt: 0 điểm"                        → pass_fail
- "Tỷ lệ trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm"   → percent_bands
- "Điểm = (số hồ sơ đúng hạn / tổng số hồ sơ) × 3, làm tròn 2 chữ số"   → proportional
- "Chấm từ 0 đến 3 điểm, mỗi bậc 0,25 điểm"                            → free
- "Mỗi sáng kiến: cộng 0,5 điểm; tối đa cộng 1 điểm" (or "trừ …")       → bonus / penalty
- "Điểm do điều tra xã hội học xác định"                                → survey
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model.framework import Node, Rule
from ..rules import KINDS
from .cells import fold

N = r"\d+(?:[.,]\d+)?"
_FLAGS = re.IGNORECASE | re.DOTALL
_RATE = r"^(?:tỷ lệ\s+|tỉ lệ\s+)?(?:đạt\s+)?"
_SEGMENT = re.compile(rf"^(?P<cond>.+?)\s*(?::|=|→|thì được|được)\s*(?P<pts>{N})\s*(?:điểm)?$", _FLAGS)
# (form, op): op is "gt", "gte", or None for the band that takes what is left.
_BANDS = (
    (re.compile(rf"{_RATE}(?:từ\s+)?(?P<p>{N})\s*%\s*trở xuống", _FLAGS), None),
    (re.compile(rf"{_RATE}(?:trên|lớn hơn|>)\s*(?P<p>{N})\s*%", _FLAGS), "gt"),
    (re.compile(rf"{_RATE}(?:từ|≥|>=)?\s*(?P<p>{N})\s*%", _FLAGS), "gte"),
    (re.compile(rf"{_RATE}(?:dưới|nhỏ hơn|<|≤|<=)|^(?:các trường hợp\s+)?còn lại", _FLAGS), None),
)


def D(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


@dataclass
class Recognised:
    rule: dict  # kind and its data, without the text
    figures: dict | None = None  # figure names read from the text (proportional)
    cap: Decimal | None = None  # the top the text states (free, bonus, penalty)
    notes: list = field(default_factory=list)  # what the officer should still look at


def segments(text: str) -> list[str]:
    return [s.strip().rstrip(".").strip() for s in re.split(r"[;\n]", text) if s.strip().rstrip(".").strip()]


def _scored(text: str):
    out = []
    for seg in segments(text):
        m = _SEGMENT.match(seg)
        if not m:
            return None
        out.append((m["cond"].strip(" -•+"), D(m["pts"])))
    return out if len(out) >= 2 else None


def _capital(label: str) -> str:
    return label[:1].upper() + label[1:]


# ── the readers: (match or None, maximum) → Recognised ──────────────────────
def _survey(m, _mx):
    return Recognised({"kind": "survey"})


def _adjust(kind):
    def build(m, _mx):
        return Recognised({"kind": kind, "step": D(m["step"])}, cap=D(m["cap"]) if m["cap"] else None)

    return build


def _proportional(m, mx):
    rule = {"kind": "proportional"}
    text = m.string
    rounding = re.search(r"làm tròn\s+(?:đến\s+)?(\d)\s*chữ số", text, _FLAGS)
    if rounding:
        rule["decimals"] = int(rounding[1])
    nothing = re.search(r"không phát sinh[^:;]*:\s*([^;.]+)", text, _FLAGS)
    if nothing:
        said = fold(nothing[1])
        policy = (
            "full"
            if "toi da" in said
            else "zero"
            if said.startswith(("0", "duoc 0", "khong diem"))
            else "na"
            if "khong ap dung" in said or "khong tinh" in said
            else None
        )
        if policy is None:
            return None
        rule["if_no_cases"] = policy
    cap = None if fold(m["m"]) == "diem toi da" else D(m["m"])
    figures = {"achieved": _capital(m["a"].strip()), "total": _capital(m["t"].strip())}
    return Recognised(rule, figures=figures, cap=cap)


def _free(m, mx):
    if m["step"]:
        return Recognised({"kind": "free", "step": D(m["step"])}, cap=D(m["cap"]))
    step = Decimal("0.25") if (mx / Decimal("0.25")) % 1 == 0 else Decimal("0.01")
    return Recognised(
        {"kind": "free", "step": step},
        cap=D(m["cap"]),
        notes=[f"không ghi bước điểm, tạm dùng bước {str(step).replace('.', ',')}"],
    )


def _pass_fail(text, mx):
    parts = _scored(text)
    if (
        parts
        and len(parts) == 2
        and fold(parts[1][0]).startswith("khong dat")
        and parts[1][1] == 0
        and parts[0][1] == mx
    ):
        return Recognised({"kind": "pass_fail"})
    return None


def _percent_bands(text, mx):
    parts = _scored(text)
    if not parts:
        return None
    bands, rest = [], []
    for cond, points in parts:
        form = next(((f.match(cond), op) for f, op in _BANDS if f.match(cond)), None)
        if form is None:
            return None
        match, op = form
        (bands if op else rest).append({op: D(match["p"]), "points": points} if op else {"points": points})
    if not bands or len(rest) > 1:
        return None
    # Highest threshold first ("trên 90%" before "từ 90%"): the first band that holds gives the points.
    bands.sort(key=lambda b: (b.get("gt", b.get("gte")), "gt" in b), reverse=True)
    return Recognised({"kind": "percent_bands", "bands": bands + rest})


def _levels(text, mx):
    parts = _scored(text)
    if not parts:
        return None
    return Recognised({"kind": "levels", "levels": [{"label": _capital(c), "points": p} for c, p in parts]})


def _adjust_forms(word: str, kind: str):
    return (
        (re.compile(rf"{word}\s+tối đa\s+(?P<cap>{N})\s*điểm,?\s*bước\s+(?P<step>{N})", _FLAGS), _adjust(kind)),
        (
            re.compile(
                rf"(?<!tối đa )\b{word}\s+(?P<step>{N})\s*điểm(?:.*?tối đa\s+(?:{word}\s+)?(?P<cap>{N}))?", _FLAGS
            ),
            _adjust(kind),
        ),
    )


# The table: (pattern searched in the text, reader) or (None, reader of the whole text).
PATTERNS = (
    (re.compile(r"điều tra xã hội học|\bđtxhh\b", _FLAGS), _survey),
    *_adjust_forms("cộng", "bonus"),
    *_adjust_forms("trừ", "penalty"),
    (
        re.compile(rf"\(?(?P<a>[^()/÷=;]+?)\s*[/÷]\s*(?P<t>[^()×*;]+?)\)?\s*[×x*]\s*(?P<m>{N}|điểm tối đa)", _FLAGS),
        _proportional,
    ),
    (re.compile(rf"từ\s+0\s+đến\s+(?P<cap>{N})\s*điểm(?:.*?(?:mỗi bậc|bước|mỗi mức)\s+(?P<step>{N}))?", _FLAGS), _free),
    (None, _pass_fail),
    (None, _percent_bands),
    (None, _levels),
)


def recognise(text: str | None, maximum: Decimal) -> Recognised | None:
    if not text:
        return None
    for pattern, reader in PATTERNS:
        if pattern is None:
            found = reader(text, maximum)
        else:
            m = pattern.search(text)
            found = reader(m, maximum) if m else None
        if found is not None:
            return found
    return None


def describe(rule: dict, maximum: Decimal, method: str = "self") -> str:
    """The wording cchc itself gives a rule without text (what an export writes for it)."""
    node = Node("0", "", maximum, 3, 0, method=method, rule=Rule(rule["kind"], dict(rule), None))
    return KINDS[rule["kind"]].describe(node)
