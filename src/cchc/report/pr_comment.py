"""The pull-request comment: one per pull request, in Vietnamese, updated on every push.

``render(doc, previous)`` turns the check's JSON document (``cchc.policy.result``) into
Markdown, which the report job of validate.yml posts without reading the pull request's files.
The document is treated as untrusted: ``load``
checks every field against a tight pattern, and every text is escaped, so it can neither
mention people, nor link, nor inject HTML. The previous comment carries a hidden state
(totals and per-criterion scores), from which the change since the previous push is shown;
the state is base64-encoded JSON, so nothing in it can end the HTML comment that hides it.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import jsonschema

from ..clock import parse_time, show
from . import markdown, patterns

MARKER = "<!-- cchc:pr-comment -->"
_STATE = re.compile(r"<!-- cchc:state:b64 ([A-Za-z0-9+/]{0,400000}={0,2}) -->")
_OLD_STATE = re.compile(r"<!-- cchc:state (\{.*?\}) -->", re.S)  # comments written before the encoding
MAX_FINDINGS = 50
MAX_BODY = 60000  # the forges cap a comment at 65,536 characters

_NUM = {"type": ["string", "null"], "maxLength": 40, "pattern": patterns.NUMBER}
_VALUES = {
    "type": ["object", "null"],
    "additionalProperties": False,
    "properties": {
        "total": _NUM,
        "index": _NUM,
        "rows": {
            "type": "object",
            "maxProperties": 5000,
            "propertyNames": {"pattern": patterns.CRITERION},
            "additionalProperties": _NUM,
        },
    },
}
STATE_SCHEMA = {
    "type": "object",
    "required": ["head"],
    "additionalProperties": False,
    "properties": {"head": {"type": "string", "pattern": patterns.SHA}, "values": _VALUES, "baseline": _VALUES},
}

_t = markdown.text  # every text from the document is data, never Markdown or HTML
_code = markdown.code


def _date(text) -> str:
    m = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", str(text or ""))
    return f"{m[3]}/{m[2]}/{m[1]}" if m else _t(text, 40)


def _dec(text) -> Decimal | None:
    try:
        return Decimal(text) if text is not None else None
    except InvalidOperation:
        return None


def _num(text, places: int | None = None) -> str:
    value = _dec(text)
    if value is None:
        return "—"
    out = f"{value:.{places}f}" if places is not None else format(value.normalize(), "f")
    return out.replace(".", ",")


def _delta(now, before) -> str:
    a, b = _dec(now), _dec(before)
    if a is None or b is None or a == b:
        return ""
    d = a - b
    return ("▲ +" if d > 0 else "▼ −") + format(abs(d).normalize(), "f").replace(".", ",")


# -- the hidden state: what this comment showed, to compare the next push with
def _values(doc) -> dict:
    d = doc.get("dossier") or {}
    col = "appraised" if d.get("appraised") else "self"
    return {
        "total": d.get("appraised_total" if d.get("appraised") else "self_total"),
        "index": d.get("index"),
        "rows": {r["code"]: r.get(col) for r in d.get("rows") or [] if r.get("leaf")},
    }


def previous_state(body: str | None) -> dict | None:
    """The state hidden in the previous comment, or None when there is none or it is not
    exactly what this module writes (anything else is ignored, never echoed)."""
    found = _STATE.search(body or "")
    try:
        if found:
            state = json.loads(base64.b64decode(found.group(1), validate=True))
        else:
            old = _OLD_STATE.search(body or "")
            state = json.loads(old.group(1)) if old else None
        if state is None:
            return None
        jsonschema.validate(state, STATE_SCHEMA)
    except (ValueError, binascii.Error, jsonschema.ValidationError):
        return None
    return state


def _encoded(state: dict) -> str:
    text = json.dumps(state, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return base64.b64encode(text.encode("ascii")).decode("ascii")


def _baseline(doc, previous: dict | None) -> dict | None:
    if not previous:
        return None
    if previous.get("head") == doc["head"]:  # the same push checked again: keep its comparison
        return previous.get("baseline")
    return previous.get("values")


# -- the comment
def render(doc: dict, previous_body: str | None = None) -> str:
    base = _baseline(doc, previous_state(previous_body))
    d = doc.get("dossier")
    ok = not doc.get("errors")
    title = f"{_t(d.get('name'))}, năm {d.get('year')}" if d else "yêu cầu gộp"
    verdict = "✔ Hợp lệ" if ok else f"✖ Còn {doc.get('errors')} lỗi"
    out = [MARKER, f"## {verdict} — kết quả kiểm tra {'hồ sơ ' if d else ''}{title}", ""]
    when = ""
    if doc.get("time"):
        try:
            when = f" · thời điểm sự kiện {show(parse_time(doc['time']), doc.get('timezone'))}"
        except ValueError:
            when = ""
    out += [
        f"Phiên bản {_code(doc['head'][:7])}{when}" + (f" · {_t(doc.get('phase'))}" if doc.get("phase") else ""),
        "",
    ]
    if d:
        out += [*_totals(doc, d, base), ""]
    out += _findings(doc)  # what must be fixed first; the council's tables folded below
    if d:
        out += [*_requests(d), *_table(d, base), ""]
    out += [*_next(doc), ""]
    state = {"head": doc["head"], "values": _values(doc), "baseline": base}
    body = "\n".join(out)
    if len(body) > MAX_BODY:  # a huge framework: keep the totals, findings and next steps
        body = "\n".join(
            [
                *out[:4],
                *(_totals(doc, d, base) if d else []),
                "",
                "_Bảng chi tiết quá dài để hiển thị trong bình luận; xem Tóm tắt của lần kiểm tra._",
                "",
                *_findings(doc),
                *_next(doc),
            ]
        )[:MAX_BODY]
    return body + f"\n<!-- cchc:state:b64 {_encoded(state)} -->\n"


def _totals(doc, d, base) -> list[str]:
    appraised = d.get("appraised")
    total = d.get("appraised_total") if appraised else d.get("self_total")
    label = "Điểm sau thẩm định" if appraised else "Tổng điểm tự chấm"
    change = _delta(total, (base or {}).get("total"))
    headline = (
        f"**{label}: {_num(total)}**"
        + (f" · điểm điều tra xã hội học: {_num(d.get('survey_total'))}" if _dec(d.get("survey_total")) else "")
        + f" · tổng: **{_num(d.get('total'))} / {_num(d.get('max'))}**"
        + f" · Chỉ số: **{_num(d.get('index'), 2)}%**"
        + (f" ({_t(d.get('classification'))})" if d.get("classification") else "")
        + (f" · so với lần đẩy trước: {change}" if change else "")
    )
    lines = [headline, "", *_compared(d), *_state(doc, d)]
    rep = d.get("report")
    if rep:
        lines.append("")
        lines.append(
            f"Đối chiếu với Báo cáo tự đánh giá số {_t(rep.get('number'))} ngày {_date(rep.get('date'))}, "
            f"do {_t(rep.get('approved_by'))} phê duyệt: mọi con số trong bảng dưới phải khớp với báo cáo."
        )
    return lines


def _change(now, before) -> str:
    shown = _delta(now, before)
    return f" ({shown})" if shown else " (không đổi)"


def _compared(d: dict[str, Any]) -> list[str]:
    """The council's view: total and index against the self-assessment or the previous round,
    and how many requests for explanation are still open."""
    before = d.get("before")
    if not d.get("appraised") or not before:
        return []
    what = "kết quả tự chấm" if not before.get("round") else f"kết quả vòng {before['round']}"
    lines = [
        f"So với {what}: tổng điểm {_num(before.get('total'))} → {_num(d.get('total'))}"
        f"{_change(d.get('total'), before.get('total'))} · chỉ số {_num(before.get('index'), 2)}% → "
        f"{_num(d.get('index'), 2)}%{_change(d.get('index'), before.get('index'))}.",
    ]
    asked = [r for r in d.get("rows") or [] if r.get("request")]
    if asked:
        still = sum(1 for r in asked if not r.get("answered"))
        lines.append(f"Yêu cầu giải trình: {len(asked)}, trong đó **{still} còn mở** (chưa giải trình).")
    return [*lines, ""]


def _requests(d: dict[str, Any]) -> list[str]:
    asked = [r for r in d.get("rows") or [] if r.get("request")]
    if not asked:
        return []
    still = sum(1 for r in asked if not r.get("answered"))
    out = [f"<details><summary>Yêu cầu giải trình ({still} còn mở / {len(asked)})</summary>", ""]
    for r in asked:
        state = "đã giải trình" if r.get("answered") else "**còn mở**"
        out.append(f"- {_t(r['code'], 20)} {_t(r.get('title'), 90)}: «{_t(r.get('request'), 500)}» — {state}")
    return [*out, "", "</details>", ""]


def _state(doc, d) -> list[str]:
    roles = set(doc.get("roles") or [])
    if "unit" in roles and not d.get("appraised"):
        state = "bản nháp, chưa Gửi đi" if doc.get("draft") else "đã Gửi đi, chờ Hội đồng thẩm định"
    else:
        state = _t(d.get("status_name")) if d.get("status_name") else ""
    return [f"Trạng thái: {state}."] if state else []


def _own(r: dict[str, Any]) -> tuple[str, str]:
    """The self-assessed cell (survey points where they come from the survey) and the evidence count."""
    survey = _dec(r.get("survey"))
    if r.get("method") == "survey":
        return "ĐTXHH" + (f": {_num(r.get('survey'))}" if survey else ""), ""
    if r.get("na"):
        return "Không áp dụng", ""
    own = _num(r.get("self"))
    if survey and not r.get("leaf"):
        own = f"ĐTXHH: {_num(r.get('survey'))}" if not _dec(r.get("self")) else f"{own} + ĐTXHH {_num(r.get('survey'))}"
    return own, str(r.get("evidence") or 0) if r.get("leaf") else ""


def _row(r: dict[str, Any], cols: tuple[bool, bool], prev: dict[str, Any]) -> str:
    appraised, earlier = cols
    bold = "**" if r.get("depth") == 1 else ""
    own, evidence = _own(r)
    cells = [f"{bold}{_t(r['code'], 20)}{bold}", f"{bold}{_t(r.get('title'), 90)}{bold}", _num(r.get("max")), own]
    if earlier:
        cells.append(_num(r.get("before")) if r.get("method") != "survey" else "")
    if appraised:
        note = f" (vòng {r['round']}: {_t(r.get('reason'), 120)})" if r.get("reason") else ""
        cells.append(_num(r.get("appraised")) + note if r.get("method") != "survey" else "")
    col = r.get("appraised") if appraised else r.get("self")
    cells += [_delta(col, prev.get(r["code"])) if r.get("leaf") else "", evidence]
    return "| " + " | ".join(cells) + " |"


def _table(d: dict[str, Any], base: dict[str, Any] | None) -> list[str]:
    appraised = bool(d.get("appraised"))
    earlier = (d.get("before") or {}).get("round") or 0  # a later round: the previous one's scores too
    prev = (base or {}).get("rows") or {}
    rows = d.get("rows") or []
    head = (
        "| Mã | Tiêu chí | Tối đa | Tự chấm |"
        + (f" Vòng {earlier} |" if earlier else "")
        + (" Sau thẩm định |" if appraised else "")
        + " Thay đổi | Tài liệu kiểm chứng |"
    )
    sep = "|---|---|--:|--:|" + ("--:|" if earlier else "") + ("--:|" if appraised else "") + "--:|--:|"
    what = "so sánh tự chấm và thẩm định" if appraised else "tổng hợp kết quả tự đánh giá"
    out = [
        f"<details><summary>Bảng {what} ({sum(1 for r in rows if r.get('leaf'))} tiêu chí chấm điểm)</summary>",
        "",
        head,
        sep,
    ]
    out += [_row(r, (appraised, bool(earlier)), prev) for r in rows]
    out += ["", "</details>"]
    return out


def _findings(doc) -> list[str]:
    items = doc.get("findings") or []
    out = []
    for severity, label in (("error", "Lỗi cần sửa"), ("warning", "Cảnh báo")):
        group = [f for f in items if f.get("severity") == severity]
        if not group:
            continue
        out += [f"### {label} ({len(group)})", ""]
        for f in group[:MAX_FINDINGS]:
            where = _code(f.get("file")) + (f" dòng {f['line']}" if f.get("line") else "")
            crit = f" — tiêu chí {_t(f['criterion'], 20)}" if f.get("criterion") else ""
            hint = f" **Cách sửa:** {_t(f.get('hint'))}" if f.get("hint") else ""
            out.append(f"- {where}{crit}: {_t(f.get('message'))}{hint} <sub>({_t(f.get('code'), 60)})</sub>")
        if len(group) > MAX_FINDINGS:
            out.append(f"- … và {len(group) - MAX_FINDINGS} mục khác: xem Tóm tắt (Summary) của lần kiểm tra.")
        out.append("")
    if not items:
        out += ["Không có lỗi, không có cảnh báo.", ""]
    return out


def _next(doc) -> list[str]:
    roles = set(doc.get("roles") or [])
    steps = []
    if doc.get("errors"):
        steps.append(
            "Sửa các lỗi ở trên (mỗi lỗi ghi tệp, dòng và cách sửa), lưu rồi đẩy (push) lên cùng nhánh; "
            "hệ thống kiểm tra lại và cập nhật bình luận này."
        )
    if "council" in roles:
        steps.append("Hội đồng rà soát thay đổi và chấp thuận (Approve); kết quả thẩm định được công bố sau khi gộp.")
    elif "unit" in roles or ("admin" not in roles and doc.get("dossier")):
        if doc.get("draft"):
            steps.append(
                "Đối chiếu bảng trên với Báo cáo tự đánh giá và Bảng tổng hợp đã được lãnh đạo phê duyệt. "
                "Khi khớp và không còn lỗi, bấm **Ready for review** (Sẵn sàng để xem xét) để **Gửi đi** "
                "trước thời hạn (trên trình nhập liệu trực tuyến: **Trạng thái → Gửi đi**)."
            )
        elif not doc.get("errors"):
            steps.append(
                "Hồ sơ đã **Gửi đi** và chờ Hội đồng thẩm định. Nếu cần sửa, có thể **rút lại** "
                "(Convert to draft, hoặc Trạng thái → Bản nháp trên trình nhập liệu trực tuyến) trước thời "
                "hạn, khi Hội đồng chưa bắt đầu thẩm định."
            )
    elif "admin" in roles:
        steps.append("Thay đổi của quản trị: cần một quản trị khác rà soát và chấp thuận trước khi gộp.")
    if not steps:
        steps.append("Không cần làm gì thêm.")
    return ["### Việc cần làm tiếp", ""] + [f"{i}. {s}" for i, s in enumerate(steps, 1)]
