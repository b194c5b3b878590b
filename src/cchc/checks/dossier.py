"""A unit's self-assessment: who and when, every criterion answered, scores the rules allow."""

from __future__ import annotations

import difflib

from ..findings import Finding, error, warning
from ..model.numbers import fmt
from ..rules import KINDS
from .evidence import check_answers, check_refs, check_report, unreferenced


def check(repo, dossier, evidence_checker=None) -> list[Finding]:
    sa = dossier.self_assessment
    if sa is None:
        return []
    out = _identity(repo, dossier, sa)
    unit = repo.units.get(sa.unit)
    if unit is None or out:
        return out
    plan = repo.plans.get(sa.year)
    fw = repo.framework_for(sa.year, unit.level)
    if plan is None or fw is None:
        if repo.broken_in("plans") or repo.broken_in("criteria") or not _level_known(repo, unit):
            return out  # the broken file, or the unit's unknown level, is reported where it is
        return out + [error("plan-missing", sa.file,
                            f"Chưa có kế hoạch hoặc bộ tiêu chí năm {sa.year} cho cấp '{unit.level}'.",
                            "Sở Nội vụ cần ban hành plans/<năm>.yaml trước khi đơn vị nộp hồ sơ.", line=sa.year_line)]
    out += _entries(fw, sa)
    out += check_report(repo, plan, sa, evidence_checker)
    out += check_refs(repo, plan, sa, evidence_checker)
    out += check_answers(repo, plan, dossier, evidence_checker)
    out += unreferenced(repo, dossier, sa)
    return out


def _level_known(repo, unit) -> bool:
    return repo.province is None or unit.level in repo.province.levels


def _identity(repo, dossier, sa) -> list[Finding]:
    out = []
    if sa.unit != dossier.unit:
        out.append(error("dossier-unit-mismatch", sa.file,
                         f"Hồ sơ ghi đơn vị '{sa.unit}' nhưng nằm trong thư mục của '{dossier.unit}'.",
                         f"Sửa thành 'unit: {dossier.unit}' (mỗi đơn vị chỉ nộp trong thư mục của mình).",
                         line=sa.unit_line))
    if sa.year != dossier.year:
        out.append(error("dossier-year-mismatch", sa.file,
                         f"Hồ sơ ghi năm {sa.year} nhưng nằm trong thư mục năm {dossier.year}.",
                         f"Sửa thành 'year: {dossier.year}'.", line=sa.year_line))
    unit = repo.units.get(dossier.unit)
    if unit is None and not repo.broken_in("units"):
        close = difflib.get_close_matches(dossier.unit, list(repo.units), n=1)
        out.append(error("unit-unknown", sa.file, f"Đơn vị '{dossier.unit}' không có trong danh sách đơn vị.",
                         (f"Có phải là '{close[0]}'? " if close else "") +
                         "Thư mục hồ sơ phải mang đúng mã đơn vị trong units/.", line=sa.unit_line))
    elif unit is not None and not unit.active(dossier.year):
        out.append(error("unit-inactive", sa.file,
                         f"Đơn vị '{unit.id}' không còn/chưa hoạt động trong năm {dossier.year}.",
                         ("Đơn vị đã sáp nhập vào: " + ", ".join(unit.successors) + "; nộp hồ sơ trong thư mục "
                          "của đơn vị kế thừa.") if unit.successors else
                         "Kiểm tra năm đánh giá và danh sách đơn vị.", line=sa.unit_line))
    return out


def _entries(fw, sa) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, int] = {}
    answered = {e.code for e in sa.entries}
    unanswered = [n.code for n in fw.self_leaves() if n.code not in answered]
    suggested: set[str] = set()  # missing codes already offered as the fix of a mistyped code

    def err(code, entry, msg, hint, line=None):
        out.append(error(code, sa.file, msg, hint, line=line or entry.line, criterion=entry.code))

    for e in sa.entries:
        node = fw.node(e.code)
        if e.code in seen:
            err("criterion-duplicate", e, f"Tiêu chí {e.code} được chấm hai lần (lần đầu ở dòng {seen[e.code]}).",
                "Gộp lại thành một mục và xoá mục lặp.")
            continue
        seen[e.code] = e.line
        if node is None:
            open_codes = [c for c in unanswered if c not in suggested]
            close = (difflib.get_close_matches(e.code, open_codes, n=1)
                     or (open_codes if len(open_codes) == 1 else [])  # the only criterion left
                     or difflib.get_close_matches(e.code, [n.code for n in fw.self_leaves()], n=1))
            suggested.update(c for c in close if c in unanswered)
            err("criterion-unknown", e, f"Mã tiêu chí '{e.code}' không có trong bộ tiêu chí '{fw.ref}'.",
                (f"Có phải là '{close[0]}'? " if close else "") + "Dùng 'cchc new' để tạo lại danh sách mã đúng.")
            continue
        if not node.is_leaf:
            err("criterion-not-leaf", e, f"'{e.code}' là {node.kind_name} có các tiêu chí thành phần; "
                "điểm được cộng tự động.", "Chấm điểm cho từng tiêu chí thành phần "
                + ", ".join(c.code for c in node.children) + " thay vì mục cha.")
            continue
        if node.is_survey:
            err("criterion-survey", e, f"Tiêu chí {e.code} ({node.title}) được chấm bằng điều tra xã hội học; "
                "đơn vị không tự chấm.", "Xoá mục này khỏi hồ sơ tự đánh giá.")
            continue
        out.extend(_entry(fw, sa, node, e))
    missing = [n for n in fw.self_leaves() if n.code not in seen and n.code not in suggested]
    for node in missing:
        out.append(error("criterion-missing", sa.file,
                         f"Chưa chấm tiêu chí {node.code} — {node.title} (tối đa {fmt(node.max)} điểm).",
                         f"Thêm mục '- code: \"{node.code}\"' với điểm tự chấm, hoặc 'na: true' kèm lý do nếu "
                         "được phép không áp dụng.", line=1, criterion=node.code))
    return out


def _entry(fw, sa, node, e) -> list[Finding]:
    out = []
    kind = KINDS[node.rule.kind]

    def err(code, msg, hint, line=None, severity=error):
        out.append(severity(code, sa.file, f"Tiêu chí {e.code}: {msg}", hint,
                            line=line or e.line, criterion=e.code))

    if e.na:
        if not node.na_allowed:
            err("na-not-allowed", "bộ tiêu chí không cho phép khai 'không áp dụng'.",
                "Xoá 'na: true' và chấm điểm tiêu chí này.")
        elif not e.na_reason:
            err("na-no-reason", "khai 'không áp dụng' nhưng thiếu lý do.", "Ghi lý do vào 'na_reason'.")
        if e.score is not None or e.figures is not None:
            err("na-with-score", "đã khai 'không áp dụng' thì không chấm điểm.",
                "Xoá 'score'/'figures', hoặc xoá 'na: true'.")
        return out
    score = e.score
    if kind.uses_figures:
        if e.figures is None:
            err("figures-missing", f"cách chấm '{kind.label}' tính từ số liệu nhưng chưa nhập số liệu.",
                f"Thêm 'figures: {{achieved: …, total: …}}' ({node.rule.params['figures']['achieved']} / "
                f"{node.rule.params['figures']['total']}).", line=e.score_line)
            return out
        f = e.figures
        if f.achieved > f.total:
            err("figures-inconsistent", f"số đạt được ({fmt(f.achieved)}) lớn hơn tổng số ({fmt(f.total)}).",
                "Kiểm tra lại số liệu theo báo cáo.")
            return out
        computed = kind.compute(node, f.achieved, f.total)
        if computed is None:
            err("figures-no-cases", "tổng số bằng 0 (không phát sinh).",
                "Nếu tiêu chí không phát sinh, khai 'na: true' kèm lý do (nếu được phép).")
            return out
        if score is not None and score != computed:
            err("score-mismatch", f"điểm tự chấm {fmt(score)} khác điểm tính từ số liệu "
                f"({fmt(f.achieved)}/{fmt(f.total)} → {fmt(computed)}).",
                f"Sửa 'score: {fmt(computed)}' hoặc xoá 'score' để hệ thống tự tính.", line=e.score_line)
        score = computed
    elif e.figures is not None:
        err("figures-unexpected", "cách chấm của tiêu chí này không dùng số liệu.",
            "Xoá mục 'figures'.", severity=warning)
    if score is None:
        err("score-missing", "chưa có điểm tự chấm.", "Thêm 'score: …' (hoặc 'na: true' nếu không áp dụng).")
        return out
    if score > node.max:
        err("score-above-max", f"điểm {fmt(score)} vượt điểm tối đa {fmt(node.max)}.",
            f"Chấm trong khoảng 0 – {fmt(node.max)}.", line=e.score_line)
        return out
    problem = kind.check(node, score)
    if problem:
        err("score-not-allowed", f"điểm {fmt(score)} không hợp lệ: {problem}.",
            "Chọn lại điểm theo cách chấm: " + kind.describe(node) + ".", line=e.score_line)
        return out
    if node.evidence_required and not e.evidence and score > 0:
        if not e.explanation:
            err("explanation-missing", "chưa có tài liệu kiểm chứng và cũng chưa có giải trình.",
                "Đính kèm tài liệu kiểm chứng (" + ("; ".join(node.evidence) or "PDF trong evidence/") +
                ") hoặc ghi 'explanation' giải trình cách tính điểm.")
        else:
            err("evidence-missing", "không có tài liệu kiểm chứng, chỉ có giải trình.",
                "Hội đồng có thể không chấp nhận điểm nếu thiếu tài liệu kiểm chứng.", severity=warning)
    return out
