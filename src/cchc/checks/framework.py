"""Framework consistency: codes, sums of maxima, rules that fit their node."""

from __future__ import annotations

from decimal import Decimal

from .. import codes
from ..findings import Finding
from ..model.framework import Framework, Node
from ..model.numbers import fmt
from ..rules import kind_of


def check(fw: Framework) -> list[Finding]:
    out = []
    seen: dict[str, Node] = {}
    for node in fw.nodes():
        if node.code in seen:
            out.append(
                codes.FRAMEWORK_DUPLICATE_CODE.at(
                    fw.file, line=node.line, criterion=node.code, first_line=seen[node.code].line
                )
            )
        seen.setdefault(node.code, node)
    if fw.level not in fw.ref.split("/")[-1:]:
        out.append(codes.FRAMEWORK_LEVEL_NAME.at(fw.file, line=1, level=fw.level, name=fw.ref.split("/")[-1]))
    total = sum((a.max for a in fw.areas), Decimal(0))
    if total != fw.max:
        out.append(codes.FRAMEWORK_SUM.at(fw.file, line=fw.max_line, total=fmt(total), max=fmt(fw.max)))
    for area in fw.areas:
        out.extend(_node(fw, area, None))
    out.extend(_bands(fw))
    return out


def _node(fw: Framework, node: Node, parent: Node | None) -> list[Finding]:
    out = []
    if parent is not None and not node.code.startswith(parent.code + "."):
        out.append(codes.FRAMEWORK_CODE_HIERARCHY.at(fw.file, line=node.line, criterion=node.code, parent=parent.code))
    if node.children:
        counted = [c for c in node.children if not c.is_adjustment]
        total = sum((c.max for c in counted), Decimal(0))
        if total != node.max:
            out.append(
                codes.FRAMEWORK_SUM_OF_PARTS.at(
                    fw.file,
                    line=node.line,
                    criterion=node.code,
                    kind=node.kind_name.capitalize(),
                    total=fmt(total),
                    max=fmt(node.max),
                )
            )
        for child in node.children:
            out.extend(_node(fw, child, node))
        return out
    out.extend(_rule(fw, node))
    return out


def _rule(fw: Framework, node: Node) -> list[Finding]:
    """A leaf's rule: it fits the leaf's method, and its kind's own data holds together."""
    out = []
    rule = node.leaf_rule
    if (node.method == "survey") != (rule.kind == "survey"):
        out.append(
            codes.FRAMEWORK_METHOD_RULE.at(
                fw.file, line=node.line, criterion=node.code, method=node.method, kind=rule.kind
            )
        )
    return out + kind_of(rule).check_definition(node, fw.file)


def _bands(fw: Framework) -> list[Finding]:
    mins = [b.min for b in fw.bands]
    if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
        return [codes.FRAMEWORK_BANDS.at(fw.file, line=fw.bands_line)]
    if mins and mins[-1] != 0:
        return [codes.FRAMEWORK_BANDS_FROM_ZERO.at(fw.file, line=fw.bands_line)]
    return []
