"""Decap form fields for a framework: one object per area, one per criterion, and the
input each criterion needs, chosen from what its rule kind says about itself
(``self_scored``, ``uses_figures``, ``options``) — never from a criterion code.

The form's data shape is the editor's own (areas → criteria); the browser-side file
format (assets/format.js) turns it into exactly the self-assessment YAML and back.
All inputs are optional so that a clerk can save an unfinished draft; completeness is
shown in the preview and judged by `cchc validate`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model.numbers import fmt
from ..rules import KINDS


def vn(value: Decimal) -> str:
    """A number as Vietnamese write it: decimal comma."""
    return fmt(value).replace(".", ",")


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def hint_text(text: str) -> str:
    """Decap renders a field's hint as Markdown: text from the data (rule wording, evidence names)
    is escaped so that it reads as written and can never become a link or an image."""
    return _MARKDOWN.sub(r"\\\1", text)


def key(prefix: str, code: str) -> str:
    """A field name for a code: Decap field names must not contain dots."""
    return prefix + "_" + re.sub(r"[^0-9A-Za-z]", "_", code)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _cap(node) -> str:
    if node.is_adjustment:  # bonus/penalty: the maximum is a cap outside the total
        return f"{KINDS[node.rule.kind].label.lower()} tối đa {vn(node.max)} điểm"
    return f"tối đa {vn(node.max)} điểm"


def _choice(node, kind) -> list[dict]:
    return [
        {
            "label": "Mức tự chấm",
            "name": "score",
            "widget": "select",
            "required": False,
            "options": [
                {"label": f"{label} — {vn(points)} điểm", "value": fmt(points)} for label, points in kind.options(node)
            ],
            "hint": "Cách chấm: " + hint_text(kind.describe(node)),
        }
    ]


def _figures(node, kind) -> list[dict]:
    labels = node.rule.params["figures"]
    hint = "Nhập số liệu; điểm được tính tự động. Cách chấm: " + hint_text(kind.describe(node))
    return [
        {
            "label": f"{labels['achieved']} (số đạt được)",
            "name": "achieved",
            "widget": "number",
            "value_type": "float",
            "min": 0,
            "required": False,
            "hint": hint,
        },
        {
            "label": f"{labels['total']} (tổng số)",
            "name": "total",
            "widget": "number",
            "value_type": "float",
            "min": 0,
            "required": False,
        },
    ]


def _free(node, kind) -> list[dict]:
    step = kind.step(node) if hasattr(kind, "step") else Decimal("0.01")  # a kind without a step: hundredths
    return [
        {
            "label": f"Điểm tự chấm (từ 0 đến {vn(node.max)}, bước {vn(step)})",
            "name": "score",
            "widget": "number",
            "value_type": "float",
            "min": 0,
            "max": _number(node.max),
            "step": _number(step),
            "required": False,
            "hint": "Cách chấm: " + hint_text(kind.describe(node)),
        }
    ]


def score_inputs(node) -> list[dict]:
    """The inputs that carry the criterion's points, by what its kind declares."""
    kind = KINDS[node.rule.kind]
    if not kind.self_scored:
        return []
    if kind.uses_figures:
        return _figures(node, kind)
    if kind.options(node):
        return _choice(node, kind)
    return _free(node, kind)


def pdf_input(label: str, max_bytes: int, hint: str | None = None) -> dict:
    """A file input whose upload lands in the unit's evidence/ folder (the file's media_folder).
    Its widget (assets/pdfwidget.js) is Decap's file widget showing the file by its name; every
    upload is checked and renamed in the browser first (assets/upload.js)."""
    out = {
        "label": label,
        "name": "file",
        "widget": "cchc-pdf",
        "required": False,
        "choose_url": False,
        "media_library": {"config": {"multiple": False, "max_file_size": max_bytes}},
    }
    if hint:
        out["hint"] = hint
    return out


def evidence_item(max_bytes: int) -> list[dict]:
    return [
        pdf_input("Tệp PDF", max_bytes, "Bản chụp PDF văn bản đã ký, hoặc văn bản điện tử có chữ ký số."),
        {"label": "Tên tài liệu", "name": "title", "widget": "string", "required": False},
        {
            "label": "Số, ký hiệu văn bản",
            "name": "number",
            "widget": "string",
            "required": False,
            "hint": "Ví dụ: 25/KH-UBND",
        },
        date_input("Ngày ban hành"),
        {"label": "Mục, phần (nếu chỉ dẫn một phần văn bản)", "name": "section", "widget": "string", "required": False},
        {"label": "Trang", "name": "page", "widget": "number", "value_type": "int", "min": 1, "required": False},
    ]


DATE_PATTERN = r"^\s*(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})\s*$"


def date_input(label: str) -> dict:
    """A date typed as Vietnamese write it (dd/mm/yyyy) and saved as YYYY-MM-DD (assets/format.js).
    Not Decap's date picker: a browser's date input shows its own language's order (mm/dd/yyyy
    in an English browser) and Decap adds a time zone to it."""
    return {
        "label": label,
        "name": "date",
        "widget": "string",
        "required": False,
        "hint": "Ngày/tháng/năm, ví dụ 15/12/2025.",
        "pattern": [DATE_PATTERN, "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/12/2025."],
    }


def _evidence(node, item: list) -> dict:
    needed = hint_text("; ".join(node.evidence))
    hint = (
        "Tài liệu cần có: " + needed + ". " if needed else ""
    ) + "Bấm Thêm tài liệu kiểm chứng, rồi Chọn tệp PDF để tải tệp lên; tệp được lưu cùng hồ sơ của đơn vị."
    return {
        "label": "Tài liệu kiểm chứng",
        "label_singular": "tài liệu kiểm chứng",
        "name": "evidence",
        "widget": "list",
        "required": False,
        "collapsed": False,
        "summary": "{{fields.title | default('Tài liệu chưa có tên')}}",
        "hint": hint,
        "fields": item,
    }


def criterion(node, item: list) -> dict:
    fields = score_inputs(node)
    if node.na_allowed:
        fields += [
            {
                "label": "Không áp dụng đối với đơn vị",
                "name": "na",
                "widget": "boolean",
                "required": False,
                "hint": "Chỉ chọn khi bộ tiêu chí cho phép; điểm tối đa của đơn vị giảm tương ứng.",
            },
            {"label": "Lý do không áp dụng", "name": "na_reason", "widget": "text", "required": False},
        ]
    fields += [
        {
            "label": "Giải trình",
            "name": "explanation",
            "widget": "text",
            "required": False,
            "hint": "Bắt buộc khi chưa có đủ tài liệu kiểm chứng; nên ghi khi không đạt điểm tối đa.",
        },
        _evidence(node, item),
    ]
    return {
        "label": f"{node.code}. {node.title} — {_cap(node)}",
        "name": key("c", node.code),
        "widget": "object",
        "required": False,
        "collapsed": False,
        "fields": fields,
    }


def area(node, item: list) -> dict | None:
    """The area's object, or None when the unit enters nothing in it (survey only)."""
    leaves = [n for n in node.walk() if n.is_leaf and score_inputs(n)]
    if not leaves:
        return None
    total = f"tối đa {vn(node.max)} điểm" if node.max else "ngoài tổng điểm"
    return {
        "label": f"Lĩnh vực {node.code}. {node.title} — {total}",
        "name": key("a", node.code),
        "widget": "object",
        "required": False,
        "collapsed": True,
        "summary": f"Lĩnh vực {node.code}: {len(leaves)} tiêu chí tự chấm (bấm để mở)",
        "fields": [criterion(n, item) for n in leaves],
    }


def form(framework, max_bytes: int) -> list[dict]:
    """Every area the unit enters something in, in the framework's order. One evidence item
    list is shared by all criteria (written once in config.yml)."""
    item = evidence_item(max_bytes)
    return [a for a in (area(n, item) for n in framework.areas) if a is not None]
