"""The pull-request comment: one per pull request, in Vietnamese, updated on every push.

``render(doc, previous)`` turns the check's JSON document (``cchc.policy.result``) into
Markdown, which the report job of validate.yml posts without reading the pull request's files.
The document's texts come from the pull request: every text is escaped, so it can neither
mention people, nor link, nor inject HTML. The previous comment
carries a hidden state (totals and per-criterion scores), from which the change since the
previous push is shown.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation

from ..clock import parse_time, show

MARKER = "<!-- cchc:pr-comment -->"
_STATE = re.compile(r"<!-- cchc:state (\{.*?\}) -->", re.S)
MAX_FINDINGS = 50
MAX_BODY = 60000  # the forges cap a comment at 65,536 characters

# -- escaping: every text from the document is data, never Markdown or HTML
_MD = re.compile(r"([\\`*_{}\[\]()#+!|~>])")
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|www)(?=[:.])")


def _t(text, limit: int = 400) -> str:
    text = " ".join(str(text or "").split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD.sub(r"\\\1", text).replace("@", "@\u200b")  # no mention, link, image, table break
    return _AUTOLINK.sub("\\1\u200b", text)  # nor a bare address the forge would turn into a link


def _code(text) -> str:
    return "<code>" + _t(text, 200) + "</code>"


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
    return {"total": d.get("appraised_total" if d.get("appraised") else "self_total"), "index": d.get("index"),
            "rows": {r["code"]: r.get(col) for r in d.get("rows") or [] if r.get("leaf")}}


def previous_state(body: str | None) -> dict | None:
    m = _STATE.search(body or "")
    if not m:
        return None
    try:
        state = json.loads(m.group(1))
    except ValueError:
        return None
    return state if isinstance(state, dict) else None


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
    out += [f"Phiên bản {_code(doc['head'][:7])}{when}" + (f" · {_t(doc.get('phase'))}" if doc.get("phase") else ""), ""]
    if d:
        out += _totals(doc, d, base) + [""] + _table(d, base) + [""]
    out += _findings(doc) + _next(doc) + [""]
    state = {"head": doc["head"], "values": _values(doc), "baseline": base}
    body = "\n".join(out)
    if len(body) > MAX_BODY:  # a huge framework: keep the totals, findings and next steps
        body = "\n".join([*out[:4], *(_totals(doc, d, base) if d else []), "",
                          "_Bảng chi tiết quá dài để hiển thị trong bình luận; xem Tóm tắt của lần kiểm tra._", "",
                          *_findings(doc), *_next(doc)])[:MAX_BODY]
    return body + f"\n<!-- cchc:state {json.dumps(state, ensure_ascii=True, sort_keys=True)} -->\n"


def _totals(doc, d, base) -> list[str]:
    appraised = d.get("appraised")
    total = d.get("appraised_total") if appraised else d.get("self_total")
    label = "Điểm sau thẩm định" if appraised else "Tổng điểm tự chấm"
    change = _delta(total, (base or {}).get("total"))
    lines = [f"**{label}: {_num(total)}**"
             + (f" · điểm điều tra xã hội học: {_num(d.get('survey_total'))}" if _dec(d.get("survey_total")) else "")
             + f" · tổng: **{_num(d.get('total'))} / {_num(d.get('max'))}**"
             + f" · Chỉ số: **{_num(d.get('index'), 2)}%**" + (f" ({_t(d.get('classification'))})" if d.get("classification") else "")
             + (f" · so với lần đẩy trước: {change}" if change else ""),
             ""] + _state(doc, d)
    rep = d.get("report")
    if rep:
        lines.append("")
        lines.append(f"Đối chiếu với Báo cáo tự đánh giá số {_t(rep.get('number'))} ngày {_date(rep.get('date'))}, "
                     f"do {_t(rep.get('approved_by'))} phê duyệt: mọi con số trong bảng dưới phải khớp với báo cáo.")
    return lines


def _state(doc, d) -> list[str]:
    roles = set(doc.get("roles") or [])
    if "unit" in roles and not d.get("appraised"):
        state = "bản nháp, chưa Gửi đi" if doc.get("draft") else "đã Gửi đi, chờ Hội đồng thẩm định"
    else:
        state = _t(d.get("status_name")) if d.get("status_name") else ""
    return [f"Trạng thái: {state}."] if state else []


def _table(d, base) -> list[str]:
    appraised = d.get("appraised")
    prev = (base or {}).get("rows") or {}
    rows = d.get("rows") or []
    head = "| Mã | Tiêu chí | Tối đa | Tự chấm |" + (" Sau thẩm định |" if appraised else "") + " Thay đổi | Tài liệu kiểm chứng |"
    sep = "|---|---|--:|--:|" + ("--:|" if appraised else "") + "--:|--:|"
    out = [f"<details open><summary>Bảng tổng hợp kết quả tự đánh giá ({sum(1 for r in rows if r.get('leaf'))} "
           "tiêu chí chấm điểm)</summary>", "", head, sep]
    for r in rows:
        bold = "**" if r.get("depth") == 1 else ""
        title = _t(r.get("title"), 90)
        survey = _dec(r.get("survey"))
        if r.get("method") == "survey":
            own, evidence = "ĐTXHH" + (f": {_num(r.get('survey'))}" if survey else ""), ""
        elif r.get("na"):
            own, evidence = "Không áp dụng", ""
        else:
            own = _num(r.get("self"))
            if survey and not r.get("leaf"):
                own = f"ĐTXHH: {_num(r.get('survey'))}" if not _dec(r.get("self")) else f"{own} + ĐTXHH {_num(r.get('survey'))}"
            evidence = str(r.get("evidence") or 0) if r.get("leaf") else ""
        cells = [f"{bold}{_t(r['code'], 20)}{bold}", f"{bold}{title}{bold}", _num(r.get("max")), own]
        if appraised:
            note = f" (vòng {r['round']}: {_t(r.get('reason'), 120)})" if r.get("reason") else ""
            cells.append(_num(r.get("appraised")) + note if r.get("method") != "survey" else "")
        col = r.get("appraised") if appraised else r.get("self")
        cells += [_delta(col, prev.get(r["code"])) if r.get("leaf") else "", evidence]
        out.append("| " + " | ".join(cells) + " |")
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
        steps.append("Sửa các lỗi ở trên (mỗi lỗi ghi tệp, dòng và cách sửa), lưu rồi đẩy (push) lên cùng nhánh; "
                     "hệ thống kiểm tra lại và cập nhật bình luận này.")
    if "council" in roles:
        steps.append("Hội đồng rà soát thay đổi và chấp thuận (Approve); kết quả thẩm định được công bố sau khi gộp.")
    elif "unit" in roles or ("admin" not in roles and doc.get("dossier")):
        if doc.get("draft"):
            steps.append("Đối chiếu bảng trên với Báo cáo tự đánh giá và Bảng tổng hợp đã được lãnh đạo phê duyệt. "
                         "Khi khớp và không còn lỗi, bấm **Ready for review** (Sẵn sàng để xem xét) để **Gửi đi** "
                         "trước thời hạn (trên trình nhập liệu trực tuyến: **Trạng thái → Gửi đi**).")
        elif not doc.get("errors"):
            steps.append("Hồ sơ đã **Gửi đi** và chờ Hội đồng thẩm định. Nếu cần sửa, có thể **rút lại** "
                         "(Convert to draft, hoặc Trạng thái → Bản nháp trên trình nhập liệu trực tuyến) trước thời "
                         "hạn, khi Hội đồng chưa bắt đầu thẩm định.")
    elif "admin" in roles:
        steps.append("Thay đổi của quản trị: cần một quản trị khác rà soát và chấp thuận trước khi gộp.")
    if not steps:
        steps.append("Không cần làm gì thêm.")
    return ["### Việc cần làm tiếp", ""] + [f"{i}. {s}" for i, s in enumerate(steps, 1)]
