"""The council's appraisal and the unit's explanation answers."""

from __future__ import annotations

from ..findings import error, warning
from ..model.numbers import fmt
from ..rules import KINDS, self_points


def check(repo, dossier) -> list:
    out = []
    ap, ex, sa = dossier.appraisal, dossier.explanation, dossier.self_assessment
    unit = repo.units.get(dossier.unit)
    for doc in (ap, ex):
        if doc is None:
            continue
        if doc.unit != dossier.unit:
            out.append(error("dossier-unit-mismatch", doc.file,
                             f"Tệp ghi đơn vị '{doc.unit}' nhưng nằm trong thư mục của '{dossier.unit}'.",
                             f"Sửa thành 'unit: {dossier.unit}'.", line=doc.unit_line))
        if doc.year != dossier.year:
            out.append(error("dossier-year-mismatch", doc.file,
                             f"Tệp ghi năm {doc.year} nhưng nằm trong thư mục năm {dossier.year}.",
                             f"Sửa thành 'year: {dossier.year}'.", line=doc.year_line))
    if "self-assessment.yaml" not in dossier.present:
        for doc in (ap, ex):
            if doc is not None:
                out.append(error("dossier-without-self-assessment", doc.file,
                                 "Có kết quả thẩm định/giải trình nhưng đơn vị chưa có hồ sơ tự đánh giá.",
                                 "Thẩm định chỉ thực hiện sau khi đơn vị nộp self-assessment.yaml.", line=1))
    if ap is None or unit is None or out:
        return out
    plan = repo.plans.get(dossier.year)
    fw = repo.framework_for(dossier.year, unit.level)
    if plan is None or fw is None:
        return out
    out += _rounds(repo, plan, fw, unit, sa, ap)
    if ex is not None:
        requested = {it.code for r in ap.rounds if r.number == 1 for it in r.items if it.request}
        for a in ex.answers:
            if a.code not in requested:
                out.append(warning("explanation-not-requested", ex.file,
                                   f"Giải trình tiêu chí {a.code} nhưng hội đồng không yêu cầu ở vòng 1.",
                                   "Chỉ giải trình các tiêu chí hội đồng yêu cầu (mục 'request').",
                                   line=a.line, criterion=a.code))
    return out


def _rounds(repo, plan, fw, unit, sa, ap) -> list:
    out = []
    wrong = next((r for i, r in enumerate(ap.rounds) if r.number != i + 1), None)
    if wrong is not None:
        out.append(error("appraisal-rounds", ap.file, "Các vòng thẩm định phải là vòng 1 rồi vòng 2, không lặp.",
                         "Ghi vòng 1 trước, vòng 2 (cuối cùng) sau.", line=wrong.line))
    council = plan.council_for(unit)
    self_scores = {e.code: e for e in sa.entries} if sa else {}
    for rnd in ap.rounds:
        if council is not None and rnd.council != council.id:
            out.append(error("appraisal-wrong-council", ap.file,
                             f"Vòng {rnd.number} ghi hội đồng '{rnd.council}', nhưng đơn vị được phân công cho "
                             f"'{council.id}' ({council.name}).", "Sửa mã hội đồng theo phân công trong kế hoạch.",
                             line=rnd.line))
        seen = set()
        for it in rnd.items:
            def err(code, msg, hint, sev=error):
                out.append(sev(code, ap.file, f"Tiêu chí {it.code}: {msg}", hint, line=it.line, criterion=it.code))
            node = fw.node(it.code)
            if it.code in seen:
                err("criterion-duplicate", f"xuất hiện hai lần trong vòng {rnd.number}.", "Xoá mục lặp.")
                continue
            seen.add(it.code)
            if node is None or not node.is_leaf or node.is_survey:
                err("criterion-unknown", f"không phải tiêu chí tự chấm của bộ tiêu chí '{fw.ref}'.",
                    "Dùng mã tiêu chí thành phần có trong hồ sơ tự đánh giá.")
                continue
            if it.score is None:
                if not it.request:
                    err("appraisal-empty-item", "không có điểm thẩm định cũng không có yêu cầu giải trình.",
                        "Ghi 'score' và 'reason', hoặc 'request'.")
                continue
            if it.score > node.max:
                err("score-above-max", f"điểm thẩm định {fmt(it.score)} vượt điểm tối đa {fmt(node.max)}.",
                    f"Chấm trong khoảng 0 – {fmt(node.max)}.")
                continue
            problem = KINDS[node.rule.kind].check(node, it.score)
            if problem and not KINDS[node.rule.kind].uses_figures:
                err("score-not-allowed", f"điểm thẩm định {fmt(it.score)} không hợp lệ: {problem}.",
                    "Chọn điểm theo cách chấm của tiêu chí.")
                continue
            entry = self_scores.get(it.code)
            own = self_points(node, entry)
            if sa is not None and it.score != own and not it.reason:
                err("appraisal-reason-missing", f"điểm thẩm định {fmt(it.score)} khác điểm tự chấm "
                    f"{fmt(own)} nhưng không ghi lý do.", "Ghi lý do điều chỉnh vào 'reason'.")
    return out
