"""Framework consistency: codes, sums of maxima, rules that fit their node."""

from __future__ import annotations

from decimal import Decimal

from ..findings import Finding, error, warning
from ..model.framework import Framework, Node
from ..model.numbers import fmt
from ..rules import kind_of


def check(fw: Framework) -> list[Finding]:
    out = []
    seen: dict[str, Node] = {}
    for node in fw.nodes():
        if node.code in seen:
            out.append(error("framework-duplicate-code", fw.file,
                             f"Mã '{node.code}' bị trùng (đã dùng ở dòng {seen[node.code].line}).",
                             "Mỗi lĩnh vực, tiêu chí, tiêu chí thành phần phải có mã riêng.",
                             line=node.line, criterion=node.code))
        seen.setdefault(node.code, node)
    if fw.level not in fw.ref.split("/")[-1:]:
        out.append(warning("framework-level-name", fw.file,
                           f"Cấp '{fw.level}' khác tên tệp '{fw.ref.split('/')[-1]}.yaml'.",
                           "Đặt tên tệp theo cấp đơn vị, ví dụ so.yaml cho cấp 'so'.", line=1))
    total = sum((a.max for a in fw.areas), Decimal(0))
    if total != fw.max:
        out.append(error("framework-sum", fw.file,
                         f"Tổng điểm tối đa các lĩnh vực là {fmt(total)}, khác tổng điểm tối đa {fmt(fw.max)}.",
                         "Sửa điểm tối đa của các lĩnh vực hoặc của bộ tiêu chí cho khớp.", line=fw.max_line))
    for area in fw.areas:
        out.extend(_node(fw, area, None))
    out.extend(_bands(fw))
    return out


def _node(fw: Framework, node: Node, parent: Node | None) -> list[Finding]:
    out = []
    if parent is not None and not node.code.startswith(parent.code + "."):
        out.append(error("framework-code-hierarchy", fw.file,
                         f"Mã '{node.code}' không bắt đầu bằng mã cấp trên '{parent.code}.'.",
                         f"Đặt mã dạng {parent.code}.1, {parent.code}.2…", line=node.line, criterion=node.code))
    if node.children:
        counted = [c for c in node.children if not c.is_adjustment]
        total = sum((c.max for c in counted), Decimal(0))
        if total != node.max:
            out.append(error("framework-sum", fw.file,
                             f"{node.kind_name.capitalize()} {node.code}: tổng điểm tối đa các mục con là "
                             f"{fmt(total)}, khác điểm tối đa {fmt(node.max)}.",
                             "Điểm tối đa của mục cha phải bằng tổng điểm tối đa các mục con "
                             "(không tính điểm thưởng, điểm trừ).", line=node.line, criterion=node.code))
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
        out.append(error("framework-method-rule", fw.file,
                         f"Tiêu chí {node.code}: phương pháp '{node.method}' không khớp cách chấm '{rule.kind}'.",
                         "Tiêu chí điều tra xã hội học dùng method: survey và rule: {kind: survey}; "
                         "tiêu chí tự chấm dùng method: self.", line=node.line, criterion=node.code))
    return out + kind_of(rule).check_definition(node, fw.file)


def _bands(fw: Framework) -> list[Finding]:
    mins = [b.min for b in fw.bands]
    if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
        return [error("framework-bands", fw.file, "Các mức xếp loại phải có ngưỡng giảm dần, không trùng nhau.",
                      "Sắp xếp 'bands' từ mức cao nhất (ví dụ Xuất sắc ≥ 90) xuống thấp nhất.", line=fw.bands_line)]
    if mins and mins[-1] != 0:
        return [warning("framework-bands", fw.file, "Mức xếp loại thấp nhất không bắt đầu từ 0%.",
                        "Đặt 'min: 0' cho mức thấp nhất để đơn vị nào cũng được xếp loại.", line=fw.bands_line)]
    return []
