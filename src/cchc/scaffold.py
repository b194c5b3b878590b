"""Render an empty self-assessment for a unit: every criterion it must answer, each
preceded by a comment with its title, maximum and rule, ready to fill in an editor."""

from __future__ import annotations

import json

from .model.numbers import fmt
from .model.registry import index_names
from .rules import KINDS


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def render(repo, year: int, unit) -> str:
    plan = repo.plans[year]
    fw = repo.framework_for(year, unit.level)
    deadline = plan.deadline("self_assessment_closes", unit.id)
    out = [
        f"# Hồ sơ tự đánh giá {index_names(repo.province).short} năm {year} — {unit.name} ({unit.id})",
        f"# Bộ tiêu chí: {fw.title} ({fw.legal_number}, ngày {_vn_date(fw.legal_date)})",
        f"# Hạn tự đánh giá: {deadline.strftime('%H:%M ngày %d/%m/%Y')}",
        "# Cách điền: ghi 'score' (điểm tự chấm) cho mỗi tiêu chí; với tiêu chí tính từ số liệu chỉ cần ghi",
        "# 'figures' (hệ thống tự tính điểm); đính kèm tài liệu kiểm chứng (PDF trong thư mục evidence/);",
        "# thiếu tài liệu thì ghi 'explanation' (giải trình). Kiểm tra bằng lệnh: cchc validate",
        "",
        f"unit: {unit.id}",
        f"year: {year}",
        "report:  # Báo cáo tự đánh giá đã được lãnh đạo đơn vị phê duyệt",
        "  file: evidence/bao-cao-tu-danh-gia.pdf",
        '  number: ""        # số báo cáo, ví dụ "125/BC-STP"',
        '  date: ""          # ngày báo cáo, dạng NNNN-TT-NN',
        '  approved_by: ""   # họ tên, chức vụ người phê duyệt',
        "difficulties: |  # Khó khăn, vướng mắc, kiến nghị (nếu có)",
        "  ",
        "scores:",
    ]
    for area in fw.areas:
        if all(n.is_survey for n in area.walk() if n.is_leaf):
            continue
        total = f"tối đa {fmt(area.max)} điểm" if area.max else "ngoài tổng điểm"
        out += ["", f"  # ══ Lĩnh vực {area.code}. {area.title} — {total}"]
        for node in area.walk():
            if not node.is_leaf or node.is_survey:
                continue
            out += _leaf(node)
    return "\n".join(out) + "\n"


def _vn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def _leaf(node) -> list[str]:
    kind = KINDS[node.rule.kind]
    cap = "tối đa" if not node.is_adjustment else ("cộng tối đa" if node.rule.kind == "bonus" else "trừ tối đa")
    lines = [
        "",
        f"  # {node.code} {node.title} — {cap} {fmt(node.max)} điểm",
        f"  #   Cách chấm ({kind.label}): {kind.describe(node)}",
    ]
    if node.evidence:
        lines.append(f"  #   Tài liệu kiểm chứng: {'; '.join(node.evidence)}")
    if node.na_allowed:
        lines.append("  #   Nếu không áp dụng: thay 'score' bằng 'na: true' và ghi 'na_reason'.")
    lines.append(f"  - code: {_q(node.code)}")
    if kind.uses_figures:
        labels = node.rule.params["figures"]
        lines += ["    figures:", f"      achieved:   # {labels['achieved']}", f"      total:      # {labels['total']}"]
    else:
        options = kind.options(node)
        hint = ("  # chọn: " + ", ".join(f"{fmt(p)} ({label})" for label, p in options)) if options else ""
        lines.append(f"    score:{hint}")
    lines += [
        '    evidence: []  # - {file: evidence/ten-tep.pdf, number: "…", date: "NNNN-TT-NN", page: 1}',
        "    explanation:",
    ]
    return lines
