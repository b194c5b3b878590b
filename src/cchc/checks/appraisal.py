"""The council's appraisal and the unit's explanation answers."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ..findings import Finding, error, warning
from ..model.framework import Framework, Node
from ..model.numbers import fmt
from ..model.plan import Council
from ..model.repository import Dossier, Repository
from ..model.submission import Appraisal, AppraisalItem, Entry, Explanation, Round, SelfAssessment
from ..rules import kind_of, self_points


def check(repo: Repository, dossier: Dossier) -> list[Finding]:
    ap, ex, sa = dossier.appraisal, dossier.explanation, dossier.self_assessment
    out = _placement(dossier)
    unit = repo.units.get(dossier.unit)
    if ap is None or unit is None or out:
        return out
    plan = repo.plans.get(dossier.year)
    fw = repo.framework_for(dossier.year, unit.level)
    if plan is None or fw is None:
        return out
    out += _rounds(fw, plan.council_for(unit), sa, ap)
    if ex is not None:
        out += _unrequested(ap, ex)
    return out


def _placement(dossier: Dossier) -> list[Finding]:
    """The appraisal and the explanation name the dossier's unit and year, and follow a self-assessment."""
    out = []
    docs = [doc for doc in (dossier.appraisal, dossier.explanation) if doc is not None]
    for doc in docs:
        if doc.unit != dossier.unit:
            out.append(error("dossier-unit-mismatch", doc.file,
                             f"Tệp ghi đơn vị '{doc.unit}' nhưng nằm trong thư mục của '{dossier.unit}'.",
                             f"Sửa thành 'unit: {dossier.unit}'.", line=doc.unit_line))
        if doc.year != dossier.year:
            out.append(error("dossier-year-mismatch", doc.file,
                             f"Tệp ghi năm {doc.year} nhưng nằm trong thư mục năm {dossier.year}.",
                             f"Sửa thành 'year: {dossier.year}'.", line=doc.year_line))
    if "self-assessment.yaml" not in dossier.present:
        for doc in docs:
            out.append(error("dossier-without-self-assessment", doc.file,
                             "Có kết quả thẩm định/giải trình nhưng đơn vị chưa có hồ sơ tự đánh giá.",
                             "Thẩm định chỉ thực hiện sau khi đơn vị nộp self-assessment.yaml.", line=1))
    return out


def _unrequested(ap: Appraisal, ex: Explanation) -> list[Finding]:
    requested = {it.code for r in ap.rounds if r.number == 1 for it in r.items if it.request}
    return [warning("explanation-not-requested", ex.file,
                    f"Giải trình tiêu chí {a.code} nhưng hội đồng không yêu cầu ở vòng 1.",
                    "Chỉ giải trình các tiêu chí hội đồng yêu cầu (mục 'request').",
                    line=a.line, criterion=a.code)
            for a in ex.answers if a.code not in requested]


def _rounds(fw: Framework, council: Council | None, sa: SelfAssessment | None, ap: Appraisal) -> list[Finding]:
    out = []
    wrong = next((r for i, r in enumerate(ap.rounds) if r.number != i + 1), None)
    if wrong is not None:
        out.append(error("appraisal-rounds", ap.file, "Các vòng thẩm định phải là vòng 1 rồi vòng 2, không lặp.",
                         "Ghi vòng 1 trước, vòng 2 (cuối cùng) sau.", line=wrong.line))
    self_scores = {e.code: e for e in sa.entries} if sa else None
    for rnd in ap.rounds:
        if council is not None and rnd.council != council.id:
            out.append(error("appraisal-wrong-council", ap.file,
                             f"Vòng {rnd.number} ghi hội đồng '{rnd.council}', nhưng đơn vị được phân công cho "
                             f"'{council.id}' ({council.name}).", "Sửa mã hội đồng theo phân công trong kế hoạch.",
                             line=rnd.line))
        out += _items(fw, rnd, self_scores, ap.file)
    return out


def _err(code: str, file: str, it: AppraisalItem, message: str, hint: str) -> Finding:
    """A problem of one appraisal item, shown on its line."""
    return error(code, file, f"Tiêu chí {it.code}: {message}", hint, line=it.line, criterion=it.code)


def _items(fw: Framework, rnd: Round, self_scores: Mapping[str, Entry] | None, file: str) -> list[Finding]:
    """The items of one round; ``self_scores`` is None when the unit has no self-assessment."""
    out = []
    seen = set()
    for it in rnd.items:
        if it.code in seen:
            out.append(_err("criterion-duplicate", file, it, f"xuất hiện hai lần trong vòng {rnd.number}.",
                            "Xoá mục lặp."))
            continue
        seen.add(it.code)
        found = _item(fw, it, self_scores, file)
        if found is not None:
            out.append(found)
    return out


def _item(fw: Framework, it: AppraisalItem, self_scores: Mapping[str, Entry] | None, file: str) -> Finding | None:
    node = fw.node(it.code)
    if node is None or not node.is_leaf or node.is_survey:
        return _err("criterion-unknown", file, it, f"không phải tiêu chí tự chấm của bộ tiêu chí '{fw.ref}'.",
                    "Dùng mã tiêu chí thành phần có trong hồ sơ tự đánh giá.")
    if it.score is None:
        return None if it.request else _err(
            "appraisal-empty-item", file, it, "không có điểm thẩm định cũng không có yêu cầu giải trình.",
            "Ghi 'score' và 'reason', hoặc 'request'.")
    return _score(node, it.score, it, self_scores, file)


def _score(node: Node, score: Decimal, it: AppraisalItem, self_scores: Mapping[str, Entry] | None,
           file: str) -> Finding | None:
    """An appraised ``score``: within the maximum, allowed by the rule, and, where it differs
    from the unit's own (``self_scores`` is None: the unit did not self-assess), with a reason."""
    if score > node.max:
        return _err("score-above-max", file, it, f"điểm thẩm định {fmt(score)} vượt điểm tối đa {fmt(node.max)}.",
                    f"Chấm trong khoảng 0 – {fmt(node.max)}.")
    kind = kind_of(node.leaf_rule)
    problem = kind.check(node, score)
    if problem and not kind.uses_figures:
        return _err("score-not-allowed", file, it, f"điểm thẩm định {fmt(score)} không hợp lệ: {problem}.",
                    "Chọn điểm theo cách chấm của tiêu chí.")
    if self_scores is None:
        return None
    own = self_points(node, self_scores.get(it.code))
    if score != own and not it.reason:
        return _err("appraisal-reason-missing", file, it, f"điểm thẩm định {fmt(score)} khác điểm tự chấm "
                    f"{fmt(own)} nhưng không ghi lý do.", "Ghi lý do điều chỉnh vào 'reason'.")
    return None
