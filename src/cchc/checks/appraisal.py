"""The council's appraisal and the unit's explanation answers."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .. import codes
from ..findings import Finding
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
            out.append(
                codes.DOSSIER_UNIT_MISMATCH_FILE.at(
                    doc.file, line=doc.unit_line, unit=doc.unit, folder_unit=dossier.unit
                )
            )
        if doc.year != dossier.year:
            out.append(
                codes.DOSSIER_YEAR_MISMATCH_FILE.at(
                    doc.file, line=doc.year_line, year=doc.year, folder_year=dossier.year
                )
            )
    if "self-assessment.yaml" not in dossier.present:
        for doc in docs:
            out.append(codes.DOSSIER_WITHOUT_SELF_ASSESSMENT.at(doc.file, line=1))
    return out


def _unrequested(ap: Appraisal, ex: Explanation) -> list[Finding]:
    requested = {it.code for r in ap.rounds if r.number == 1 for it in r.items if it.request}
    return [
        codes.EXPLANATION_NOT_REQUESTED.at(ex.file, line=a.line, criterion=a.code)
        for a in ex.answers
        if a.code not in requested
    ]


def _rounds(fw: Framework, council: Council | None, sa: SelfAssessment | None, ap: Appraisal) -> list[Finding]:
    out = []
    wrong = next((r for i, r in enumerate(ap.rounds) if r.number != i + 1), None)
    if wrong is not None:
        out.append(codes.APPRAISAL_ROUNDS.at(ap.file, line=wrong.line))
    self_scores = {e.code: e for e in sa.entries} if sa else None
    for rnd in ap.rounds:
        if council is not None and rnd.council != council.id:
            out.append(
                codes.APPRAISAL_WRONG_COUNCIL.at(
                    ap.file,
                    line=rnd.line,
                    round=rnd.number,
                    council=rnd.council,
                    assigned=council.id,
                    assigned_name=council.name,
                )
            )
        out += _items(fw, rnd, self_scores, ap.file)
    return out


def _err(code: codes.Code, file: str, it: AppraisalItem, **fields: object) -> Finding:
    """A problem of one appraisal item, shown on its line."""
    return code.made(file, fields, line=it.line, criterion=it.code)


def _items(fw: Framework, rnd: Round, self_scores: Mapping[str, Entry] | None, file: str) -> list[Finding]:
    """The items of one round; ``self_scores`` is None when the unit has no self-assessment."""
    out = []
    seen = set()
    for it in rnd.items:
        if it.code in seen:
            out.append(_err(codes.CRITERION_DUPLICATE_IN_ROUND, file, it, round=rnd.number))
            continue
        seen.add(it.code)
        found = _item(fw, it, self_scores, file)
        if found is not None:
            out.append(found)
    return out


def _item(fw: Framework, it: AppraisalItem, self_scores: Mapping[str, Entry] | None, file: str) -> Finding | None:
    node = fw.node(it.code)
    if node is None or not node.is_leaf or node.is_survey:
        return _err(codes.CRITERION_NOT_APPRAISABLE, file, it, framework=fw.ref)
    if it.score is None:
        return None if it.request else _err(codes.APPRAISAL_EMPTY_ITEM, file, it)
    return _score(node, it.score, it, self_scores, file)


def _score(
    node: Node, score: Decimal, it: AppraisalItem, self_scores: Mapping[str, Entry] | None, file: str
) -> Finding | None:
    """An appraised ``score``: within the maximum, allowed by the rule, and, where it differs
    from the unit's own (``self_scores`` is None: the unit did not self-assess), with a reason."""
    if score > node.max:
        return _err(codes.APPRAISED_ABOVE_MAX, file, it, score=fmt(score), max=fmt(node.max))
    kind = kind_of(node.leaf_rule)
    problem = kind.check(node, score)
    if problem and not kind.uses_figures:
        return _err(codes.APPRAISED_NOT_ALLOWED, file, it, score=fmt(score), problem=problem)
    if self_scores is None:
        return None
    own = self_points(node, self_scores.get(it.code))
    if score != own and not it.reason:
        return _err(codes.APPRAISAL_REASON_MISSING, file, it, score=fmt(score), own=fmt(own))
    return None
