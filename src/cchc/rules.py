"""Scoring rule kinds. A framework names a kind and gives its data; this module gives
each kind its behaviour: which scores it allows, the score it computes from the figures a
unit enters, and whether its own definition on a criterion holds together. Nothing here
knows any criterion code.

Rounding: a score computed from figures (``proportional``) is rounded half-up to the
rule's ``decimals`` (default 2) — the rule Vietnamese offices apply by hand
("làm tròn đến 2 chữ số thập phân").
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

from . import codes
from .findings import Finding
from .model.framework import Node, Rule
from .model.numbers import exact, fmt
from .model.submission import Entry

HUNDRED = Decimal(100)


def _multiple(value: Decimal, step: Decimal) -> bool:
    return step > 0 and (value / step) == (value / step).to_integral_value()


def _params(node: Node) -> Mapping[str, Any]:
    return node.leaf_rule.params


def _decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) else 0  # NaN and infinities have a letter here


class Kind:
    """Base behaviour; subclasses override what differs."""

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""  # Vietnamese
    uses_figures: ClassVar[bool] = False
    self_scored: ClassVar[bool] = True
    sign: ClassVar[int] = 1  # -1: the points are subtracted (penalty)

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
        return node.leaf_rule.text or self.label

    def check_definition(self, node: Node, file: str) -> list[Finding]:
        """Findings about this kind's data on the leaf ``node`` of the framework ``file``."""
        return []


class Levels(Kind):
    name, label = "levels", "Chấm theo mức"

    def options(self, node: Node) -> list[tuple[str, Decimal]]:
        return [(lv["label"], exact(lv["points"])) for lv in _params(node)["levels"]]

    def check(self, node: Node, score: Decimal) -> str | None:
        allowed = [p for _, p in self.options(node)]
        if score not in allowed:
            return "chỉ được chọn một trong các mức: " + "; ".join(
                f"{label} = {fmt(p)}" for label, p in self.options(node)
            )
        return super().check(node, score)

    def describe(self, node: Node) -> str:
        return node.leaf_rule.text or "; ".join(f"{label}: {fmt(p)} điểm" for label, p in self.options(node))

    def check_definition(self, node: Node, file: str) -> list[Finding]:
        return _top_is_max(file, node, max(p for _, p in self.options(node)))


class PassFail(Kind):
    name, label = "pass_fail", "Đạt / không đạt"

    def options(self, node: Node) -> list[tuple[str, Decimal]]:
        return [("Đạt", node.max), ("Không đạt", Decimal(0))]

    def check(self, node: Node, score: Decimal) -> str | None:
        if score not in (Decimal(0), node.max):
            return f"chỉ được chấm 0 (không đạt) hoặc {fmt(node.max)} (đạt)"
        return None

    def describe(self, node: Node) -> str:
        return node.leaf_rule.text or f"Đạt: {fmt(node.max)} điểm; không đạt: 0 điểm"


def _percent(achieved: Decimal, total: Decimal) -> Decimal:
    return achieved / total * HUNDRED


def _top_is_max(file: str, node: Node, top: Decimal) -> list[Finding]:
    if top == node.max:
        return []
    return [codes.FRAMEWORK_RULE_MAX.at(file, line=node.line, criterion=node.code, top=fmt(top), max=fmt(node.max))]


class PercentBands(Kind):
    name, label = "percent_bands", "Chấm theo tỷ lệ %"
    uses_figures = True

    def compute(self, node: Node, achieved: Decimal, total: Decimal) -> Decimal | None:
        if total == 0:
            return None
        pct = _percent(achieved, total)
        for band in _params(node)["bands"]:
            if "gt" in band and not pct > exact(band["gt"]):
                continue
            if "gte" in band and not pct >= exact(band["gte"]):
                continue
            return exact(band["points"])
        return Decimal(0)

    def check(self, node: Node, score: Decimal) -> str | None:
        allowed = {exact(b["points"]) for b in _params(node)["bands"]}
        if score not in allowed:
            return "chỉ được chấm một trong các mức: " + ", ".join(fmt(p) for p in sorted(allowed))
        return super().check(node, score)

    def describe(self, node: Node) -> str:
        if node.leaf_rule.text:
            return node.leaf_rule.text
        parts = []
        for b in _params(node)["bands"]:
            cond = (
                f"trên {fmt(exact(b['gt']))}%"
                if "gt" in b
                else f"từ {fmt(exact(b['gte']))}%"
                if "gte" in b
                else "còn lại"
            )
            parts.append(f"{cond}: {fmt(exact(b['points']))} điểm")
        return "; ".join(parts)

    def check_definition(self, node: Node, file: str) -> list[Finding]:
        bands = _params(node)["bands"]
        out = []
        if "gt" in bands[-1] or "gte" in bands[-1]:
            out.append(codes.FRAMEWORK_BAND_GAP.at(file, line=node.line, criterion=node.code))
        return out + _top_is_max(file, node, max(exact(b["points"]) for b in bands))


class Proportional(Kind):
    name, label = "proportional", "Tính theo tỷ lệ"
    uses_figures = True

    def decimals(self, node: Node) -> int:
        return int(_params(node).get("decimals", 2))

    def compute(self, node: Node, achieved: Decimal, total: Decimal) -> Decimal | None:
        if total == 0:
            policy = _params(node).get("if_no_cases", "full")
            return {"full": node.max, "zero": Decimal(0)}.get(policy)
        raw = achieved / total * node.max
        return min(raw, node.max).quantize(Decimal(1).scaleb(-self.decimals(node)), rounding=ROUND_HALF_UP)

    def check(self, node: Node, score: Decimal) -> str | None:
        if _decimal_places(score) > self.decimals(node):
            return f"chỉ lấy {self.decimals(node)} chữ số thập phân"
        return super().check(node, score)

    def describe(self, node: Node) -> str:
        return node.leaf_rule.text or (
            f"Điểm = số đạt được ÷ tổng số × {fmt(node.max)}, làm tròn {self.decimals(node)} chữ số thập phân"
        )

    def check_definition(self, node: Node, file: str) -> list[Finding]:
        places = max(_decimal_places(node.max), 0)
        if places <= self.decimals(node):
            return []
        return [
            codes.FRAMEWORK_RULE_DECIMALS.at(
                file,
                line=node.line,
                criterion=node.code,
                max=fmt(node.max),
                places=places,
                decimals=self.decimals(node),
            )
        ]


class Free(Kind):
    name, label = "free", "Chấm điểm trong khoảng"

    def step(self, node: Node) -> Decimal:
        return exact(_params(node).get("step", "0.25"))

    def check(self, node: Node, score: Decimal) -> str | None:
        found = super().check(node, score)
        if found:
            return found
        if not _multiple(score, self.step(node)):
            return f"điểm phải là bội số của {fmt(self.step(node))}"
        return None

    def describe(self, node: Node) -> str:
        return node.leaf_rule.text or f"Từ 0 đến {fmt(node.max)} điểm, bước {fmt(self.step(node))}"

    def check_definition(self, node: Node, file: str) -> list[Finding]:
        step = self.step(node)
        if (node.max / step) == (node.max / step).to_integral_value():
            return []
        return [
            codes.FRAMEWORK_RULE_STEP.at(file, line=node.line, criterion=node.code, max=fmt(node.max), step=fmt(step))
        ]


class _Adjustment(Free):
    """Points added (bonus) or subtracted (penalty) after the sum; the maximum is a cap."""

    def check_definition(self, node: Node, file: str) -> list[Finding]:
        out = super().check_definition(node, file)
        if node.depth == 1:
            out.append(codes.FRAMEWORK_ADJUSTMENT_AREA.at(file, line=node.line, criterion=node.code))
        return out


class Bonus(_Adjustment):
    name, label = "bonus", "Điểm thưởng"

    def describe(self, node: Node) -> str:
        return node.leaf_rule.text or f"Cộng tối đa {fmt(node.max)} điểm, bước {fmt(self.step(node))}"


class Penalty(_Adjustment):
    name, label = "penalty", "Điểm trừ"
    sign = -1

    def describe(self, node: Node) -> str:
        return node.leaf_rule.text or f"Trừ tối đa {fmt(node.max)} điểm, bước {fmt(self.step(node))}"


class Survey(Kind):
    name, label = "survey", "Điều tra xã hội học"
    self_scored = False

    def describe(self, node: Node) -> str:
        return node.leaf_rule.text or "Điểm do điều tra xã hội học, đơn vị không tự chấm"


KINDS: dict[str, Kind] = {
    k.name: k for k in (Levels(), PassFail(), PercentBands(), Proportional(), Free(), Bonus(), Penalty(), Survey())
}


def kind_of(rule: Rule) -> Kind:
    return KINDS[rule.kind]


def self_points(node: Node, entry: Entry | None) -> Decimal | None:
    """The points a self-assessment entry claims: computed from figures where the rule
    uses them, else the score written. None for N/A or when nothing usable is given."""
    if entry is None or entry.na:
        return None
    kind = kind_of(node.leaf_rule)
    if kind.uses_figures and entry.figures is not None and entry.figures.achieved <= entry.figures.total:
        return kind.compute(node, entry.figures.achieved, entry.figures.total)
    return entry.score
