"""Scoring rule kinds. A framework names a kind and gives its data; this module gives
each kind its behaviour: which scores it allows, and the score it computes from the
figures a unit enters. Nothing here knows any criterion code.

Rounding: a score computed from figures (``proportional``) is rounded half-up to the
rule's ``decimals`` (default 2) — the rule Vietnamese offices apply by hand
("làm tròn đến 2 chữ số thập phân").
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .model.framework import Node, Rule
from .model.numbers import fmt, to_decimal

HUNDRED = Decimal(100)


def _multiple(value: Decimal, step: Decimal) -> bool:
    return step > 0 and (value / step) == (value / step).to_integral_value()


class Kind:
    """Base behaviour; subclasses override what differs."""

    name = ""
    label = ""  # Vietnamese
    uses_figures = False
    self_scored = True

    def check(self, node: Node, score: Decimal) -> str | None:
        """A Vietnamese reason why ``score`` is not allowed, or None."""
        if score < 0:
            return "điểm không được âm"
        if score > node.max:
            return f"vượt điểm tối đa {fmt(node.max)}"
        return None

    def compute(self, node: Node, achieved: Decimal, total: Decimal) -> Decimal | None:
        return None

    def options(self, node: Node) -> list[tuple[str, Decimal]]:
        """The discrete choices (label, points), where the kind has them."""
        return []

    def describe(self, node: Node) -> str:
        return node.rule.text or self.label


class Levels(Kind):
    name, label = "levels", "Chấm theo mức"

    def options(self, node):
        return [(lv["label"], to_decimal(lv["points"])) for lv in node.rule.params["levels"]]

    def check(self, node, score):
        allowed = [p for _, p in self.options(node)]
        if score not in allowed:
            return "chỉ được chọn một trong các mức: " + "; ".join(
                f"{label} = {fmt(p)}" for label, p in self.options(node))
        return super().check(node, score)

    def describe(self, node):
        return node.rule.text or "; ".join(f"{label}: {fmt(p)} điểm" for label, p in self.options(node))


class PassFail(Kind):
    name, label = "pass_fail", "Đạt / không đạt"

    def options(self, node):
        return [("Đạt", node.max), ("Không đạt", Decimal(0))]

    def check(self, node, score):
        if score not in (Decimal(0), node.max):
            return f"chỉ được chấm 0 (không đạt) hoặc {fmt(node.max)} (đạt)"
        return None

    def describe(self, node):
        return node.rule.text or f"Đạt: {fmt(node.max)} điểm; không đạt: 0 điểm"


def _percent(achieved: Decimal, total: Decimal) -> Decimal:
    return achieved / total * HUNDRED


class PercentBands(Kind):
    name, label = "percent_bands", "Chấm theo tỷ lệ %"
    uses_figures = True

    def compute(self, node, achieved, total):
        if total == 0:
            return None
        pct = _percent(achieved, total)
        for band in node.rule.params["bands"]:
            if "gt" in band and not pct > to_decimal(band["gt"]):
                continue
            if "gte" in band and not pct >= to_decimal(band["gte"]):
                continue
            return to_decimal(band["points"])
        return Decimal(0)

    def check(self, node, score):
        allowed = {to_decimal(b["points"]) for b in node.rule.params["bands"]}
        if score not in allowed:
            return "chỉ được chấm một trong các mức: " + ", ".join(fmt(p) for p in sorted(allowed))
        return super().check(node, score)

    def describe(self, node):
        if node.rule.text:
            return node.rule.text
        parts = []
        for b in node.rule.params["bands"]:
            cond = (f"trên {fmt(to_decimal(b['gt']))}%" if "gt" in b else
                    f"từ {fmt(to_decimal(b['gte']))}%" if "gte" in b else "còn lại")
            parts.append(f"{cond}: {fmt(to_decimal(b['points']))} điểm")
        return "; ".join(parts)


class Proportional(Kind):
    name, label = "proportional", "Tính theo tỷ lệ"
    uses_figures = True

    def decimals(self, node) -> int:
        return int(node.rule.params.get("decimals", 2))

    def compute(self, node, achieved, total):
        if total == 0:
            policy = node.rule.params.get("if_no_cases", "full")
            return {"full": node.max, "zero": Decimal(0)}.get(policy)
        raw = achieved / total * node.max
        return min(raw, node.max).quantize(Decimal(1).scaleb(-self.decimals(node)), rounding=ROUND_HALF_UP)

    def check(self, node, score):
        places = -score.normalize().as_tuple().exponent
        if places > self.decimals(node):
            return f"chỉ lấy {self.decimals(node)} chữ số thập phân"
        return super().check(node, score)

    def describe(self, node):
        return node.rule.text or (f"Điểm = số đạt được ÷ tổng số × {fmt(node.max)}, "
                                  f"làm tròn {self.decimals(node)} chữ số thập phân")


class Free(Kind):
    name, label = "free", "Chấm điểm trong khoảng"

    def step(self, node) -> Decimal:
        return to_decimal(node.rule.params.get("step", "0.25"))

    def check(self, node, score):
        found = super().check(node, score)
        if found:
            return found
        if not _multiple(score, self.step(node)):
            return f"điểm phải là bội số của {fmt(self.step(node))}"
        return None

    def describe(self, node):
        return node.rule.text or f"Từ 0 đến {fmt(node.max)} điểm, bước {fmt(self.step(node))}"


class Bonus(Free):
    name, label = "bonus", "Điểm thưởng"

    def describe(self, node):
        return node.rule.text or f"Cộng tối đa {fmt(node.max)} điểm, bước {fmt(self.step(node))}"


class Penalty(Free):
    name, label = "penalty", "Điểm trừ"

    def describe(self, node):
        return node.rule.text or f"Trừ tối đa {fmt(node.max)} điểm, bước {fmt(self.step(node))}"


class Survey(Kind):
    name, label = "survey", "Điều tra xã hội học"
    self_scored = False

    def describe(self, node):
        return node.rule.text or "Điểm do điều tra xã hội học, đơn vị không tự chấm"


KINDS: dict[str, Kind] = {k.name: k for k in
                          (Levels(), PassFail(), PercentBands(), Proportional(), Free(), Bonus(), Penalty(), Survey())}


def kind_of(rule: Rule) -> Kind:
    return KINDS[rule.kind]


def self_points(node: Node, entry) -> Decimal | None:
    """The points a self-assessment entry claims: computed from figures where the rule
    uses them, else the score written. None for N/A or when nothing usable is given."""
    if entry is None or entry.na:
        return None
    kind = kind_of(node.rule)
    if kind.uses_figures and entry.figures is not None and entry.figures.achieved <= entry.figures.total:
        return kind.compute(node, entry.figures.achieved, entry.figures.total)
    return entry.score
