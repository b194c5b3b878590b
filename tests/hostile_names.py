"""A repository whose every name and title is a script-injection payload, for the site and
editor tests (importable by name: ``from hostile_names import …``).

Each payload names the field it sits in (``alert("unit")``), so a test that sees one fire or
land as markup can say which field leaked. The loader's import check refuses these names
(``text-markup``); ``without_markup_check`` lets them through, as a repository checked by an
older version, or a site built with plain ``mkdocs build``, would: output escaping must hold
on its own.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

from minirepo import build_mini

PAYLOADS = {
    "province": 'Tỉnh </title><script>alert("province")</script> & "Mỹ"',
    "level": 'Cấp <img src=x onerror=alert("level")>',
    "group": 'Nhóm {: tabindex=0 onfocus=alert("group") autofocus }',
    "unit_a": 'Sở [A](javascript:alert("unit"))',
    "unit_b": "Sở B </title><img src=x onerror=alert('unit-b')>",
    "framework": 'Bộ tiêu chí "><svg onload=alert("framework")>',
    "legal": '1/QĐ <img src=x onerror=alert("legal")>',
    "issuer": 'UBND </td><img src=x onerror=alert("issuer")>',
    "area": 'Lĩnh vực [y](javascript:alert("area")) {: onclick=alert("area") }',
    "criterion": 'Tiêu chí </title><svg onload=alert("criterion")>',
    "leaf": 'Thành phần <img src=x onerror=alert("leaf")> --> <!--',
    "band": 'Xuất sắc <img src=x onerror=alert("band")>',
    "option": 'Đúng hạn <img src=x onerror=alert("option")>',
    "figure": 'Số hồ sơ <img src=x onerror=alert("figure")>',
    "hint": 'Kế hoạch [bấm](javascript:alert("hint")) <img src=x onerror=alert("hint")>',
    "plan": 'Kế hoạch <img src=x onerror=alert("plan")>',
    "evidence": 'Văn bản <img src=x onerror=alert("evidence")>',
    "evidence_number": '5/KH <a href="javascript:alert(1)">số</a>',
    "reason": 'Chậm <img src=x onerror=alert("reason")>',
}

# (file, text in the mini repository, text replacing it with {key} for a payload)
_EDITS = [
    ("province.yaml", "name: Tỉnh Thử nghiệm\n", "name: {province}\n"),
    ("province.yaml", '- {id: so, name: "Sở, ban, ngành"}\ngroups', "- {{id: so, name: {level}}}\ngroups"),
    ("province.yaml", 'groups:\n  - {id: so, name: "Sở, ban, ngành"}', "groups:\n  - {{id: so, name: {group}}}"),
    ("units/so.yaml", "name: Sở Thử nghiệm A\n", "name: {unit_a}\n"),
    ("units/so.yaml", "name: Sở Thử nghiệm B\n", "name: {unit_b}\n"),
    ("criteria/mini/so.yaml", "title: Bộ tiêu chí thử nghiệm cấp sở\n", "title: {framework}\n"),
    ("criteria/mini/so.yaml", 'number: "1/QĐ-UBND"', "number: {legal}"),
    ("criteria/mini/so.yaml", 'issuer: "UBND tỉnh Thử nghiệm"', "issuer: {issuer}"),
    ("criteria/mini/so.yaml", "title: Công tác chỉ đạo, điều hành CCHC\n", "title: {area}\n"),
    ("criteria/mini/so.yaml", "title: Giải quyết hồ sơ TTHC\n", "title: {criterion}\n"),
    ("criteria/mini/so.yaml", "title: Ban hành kế hoạch CCHC năm\n", "title: {leaf}\n"),
    ("criteria/mini/so.yaml", "{label: Xuất sắc, min: 90}", "{{label: {band}, min: 90}}"),
    ("criteria/mini/so.yaml", "{label: Ban hành đúng thời hạn, points: 1}", "{{label: {option}, points: 1}}"),
    ("criteria/mini/so.yaml", "achieved: Số hồ sơ đúng hạn,", "achieved: {figure},"),
    ("criteria/mini/so.yaml", "evidence: [Kế hoạch CCHC năm]", "evidence: [{hint}]"),
    ("plans/2025.yaml", "title: Kế hoạch xác định Chỉ số CCHC năm 2025 (thử nghiệm)\n", "title: {plan}\n"),
    (
        "submissions/2025/so-a/self-assessment.yaml",
        '{file: evidence/ke-hoach.pdf, number: "5/KH-SA"',
        "{{file: evidence/ke-hoach.pdf, title: {evidence}, number: {evidence_number}",
    ),
    (
        "submissions/2025/so-a/appraisal.yaml",
        "reason: Kế hoạch ban hành sau thời hạn quy định.\n",
        "reason: {reason}\n",
    ),
]


def hostile_repo(target: Path) -> Path:
    """The mini repository with a payload in every name and title that reaches a reader."""
    root = build_mini(target)
    quoted = {k: json.dumps(v, ensure_ascii=False) for k, v in PAYLOADS.items()}  # YAML double-quoted
    for rel, old, new in _EDITS:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (rel, old)
        path.write_text(text.replace(old, new.format(**quoted)), encoding="utf-8")
    return root


@contextlib.contextmanager
def without_markup_check() -> Iterator[None]:
    """Load names the import check would refuse (see the module's docstring)."""
    import pytest

    from cchc.load import schema

    real = schema.validate

    def lenient(parsed, schema_name, file):
        return [f for f in real(parsed, schema_name, file) if f.code != "text-markup"]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(schema, "validate", lenient)
        yield


# Run in a page: what a payload would have made of it (elements, attributes, links, scripts).
INJECTED_JS = """() => {
  const found = [];
  const seen = (what, el) => found.push(what + ': ' + el.outerHTML.slice(0, 120));
  for (const el of document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onfocus], [onclick], [onload]'))
    seen('element', el);
  for (const a of document.querySelectorAll('a[href]'))
    if (/^\\s*javascript:/i.test(a.getAttribute('href'))) seen('link', a);
  for (const s of document.querySelectorAll('script'))
    if (/alert\\(/.test(s.textContent)) seen('script', s);
  return found;
}"""
