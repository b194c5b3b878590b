"""A unit's self-assessment: who and when, every criterion answered, scores the rules allow."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal

from .. import codes
from ..findings import Finding
from ..model.framework import Framework, Node
from ..model.numbers import fmt
from ..model.registry import Unit
from ..model.repository import Dossier, Repository
from ..model.submission import Entry, SelfAssessment
from ..rules import Kind, kind_of
from .evidence import check_answers, check_refs, check_report, unreferenced
from .memo import Run


def check(run: Run, dossier: Dossier) -> list[Finding]:
    repo = run.repo
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
        return [*out, codes.PLAN_MISSING.at(sa.file, line=sa.year_line, year=sa.year, level=unit.level)]
    out += _entries(fw, sa)
    out += check_report(run, plan, sa)
    out += check_refs(run, plan, sa)
    out += check_answers(run, plan, dossier)
    out += unreferenced(run, dossier)
    return out


def _level_known(repo: Repository, unit: Unit) -> bool:
    return repo.province is None or unit.level in repo.province.levels


def _identity(repo: Repository, dossier: Dossier, sa: SelfAssessment) -> list[Finding]:
    out = []
    if sa.unit != dossier.unit:
        out.append(codes.DOSSIER_UNIT_MISMATCH.at(sa.file, line=sa.unit_line, unit=sa.unit, folder_unit=dossier.unit))
    if sa.year != dossier.year:
        out.append(codes.DOSSIER_YEAR_MISMATCH.at(sa.file, line=sa.year_line, year=sa.year, folder_year=dossier.year))
    unit = repo.units.get(dossier.unit)
    if unit is None and not repo.broken_in("units"):
        close = difflib.get_close_matches(dossier.unit, list(repo.units), n=1)
        out.append(
            codes.UNIT_UNKNOWN.at(
                sa.file,
                line=sa.unit_line,
                unit=dossier.unit,
                did_you_mean=f"Có phải là '{close[0]}'? " if close else "",
            )
        )
    elif unit is not None and not unit.active(dossier.year):
        code = codes.UNIT_MERGED if unit.successors else codes.UNIT_INACTIVE
        out.append(
            code.at(sa.file, line=sa.unit_line, unit=unit.id, year=dossier.year, successors=", ".join(unit.successors))
        )
    return out


def _entries(fw: Framework, sa: SelfAssessment) -> list[Finding]:
    """Every criterion answered once, with known codes; each answer checked against its rule."""
    out: list[Finding] = []
    seen: dict[str, int] = {}
    answered = {e.code for e in sa.entries}
    unanswered = [n.code for n in fw.self_leaves() if n.code not in answered]
    suggested: set[str] = set()  # missing codes already offered as the fix of a mistyped code
    for e in sa.entries:
        if e.code in seen:
            out.append(codes.CRITERION_DUPLICATE.at(sa.file, line=e.line, criterion=e.code, first_line=seen[e.code]))
            continue
        seen[e.code] = e.line
        node = fw.node(e.code)
        if node is None:
            out.append(_unknown(fw, sa, e, unanswered, suggested))
        else:
            out.extend(_answer(fw, sa, node, e))
    missing = [n for n in fw.self_leaves() if n.code not in seen and n.code not in suggested]
    for node in missing:
        out.append(
            codes.CRITERION_MISSING.at(sa.file, line=1, criterion=node.code, title=node.title, max=fmt(node.max))
        )
    return out


def _unknown(fw: Framework, sa: SelfAssessment, e: Entry, unanswered: list[str], suggested: set[str]) -> Finding:
    """An entry whose code the framework does not know, with the code it most likely meant:
    an unanswered one close to it, the only one left, or any close one. A missing code offered
    here is not reported missing as well (``suggested``)."""
    open_codes = [c for c in unanswered if c not in suggested]
    close = (
        difflib.get_close_matches(e.code, open_codes, n=1)
        or (open_codes if len(open_codes) == 1 else [])  # the only criterion left
        or difflib.get_close_matches(e.code, [n.code for n in fw.self_leaves()], n=1)
    )
    suggested.update(c for c in close if c in unanswered)
    return codes.CRITERION_UNKNOWN.at(
        sa.file,
        line=e.line,
        criterion=e.code,
        framework=fw.ref,
        did_you_mean=f"Có phải là '{close[0]}'? " if close else "",
    )


def _answer(fw: Framework, sa: SelfAssessment, node: Node, e: Entry) -> list[Finding]:
    """An entry of a known criterion: one the unit scores itself, as its rule allows."""
    if not node.is_leaf:
        return [
            codes.CRITERION_NOT_LEAF.at(
                sa.file,
                line=e.line,
                criterion=e.code,
                kind=node.kind_name,
                parts=", ".join(c.code for c in node.children),
            )
        ]
    if node.is_survey:
        return [codes.CRITERION_SURVEY.at(sa.file, line=e.line, criterion=e.code, title=node.title)]
    return _entry(node, _Answer(sa.file, e))


@dataclass(frozen=True)
class _Answer:
    """One entry of a self-assessment: where its findings stand."""

    file: str
    entry: Entry

    def at(self, code: codes.Code, line: int = 0, **fields: object) -> Finding:
        """A finding on the entry's line, or on ``line`` (the score's) where there is one."""
        return code.made(self.file, fields, line=line or self.entry.line, criterion=self.entry.code)


def _entry(node: Node, a: _Answer) -> list[Finding]:
    e = a.entry
    if e.na:
        return _not_applicable(node, a)
    kind = kind_of(node.leaf_rule)
    out: list[Finding] = []
    score = e.score
    if kind.uses_figures:
        score, out = _from_figures(node, kind, a)
        if score is None:
            return out
    elif e.figures is not None:
        out.append(a.at(codes.FIGURES_UNEXPECTED))
    return out + _score(node, kind, a, score)


def _not_applicable(node: Node, a: _Answer) -> list[Finding]:
    """An entry declared not applicable: allowed, with a reason, and without a score."""
    out = []
    if not node.na_allowed:
        out.append(a.at(codes.NA_NOT_ALLOWED))
    elif not a.entry.na_reason:
        out.append(a.at(codes.NA_NO_REASON))
    if a.entry.score is not None or a.entry.figures is not None:
        out.append(a.at(codes.NA_WITH_SCORE))
    return out


def _from_figures(node: Node, kind: Kind, a: _Answer) -> tuple[Decimal | None, list[Finding]]:
    """The score the entry's figures give (None where they give none), and what is wrong with them."""
    e, f = a.entry, a.entry.figures
    if f is None:
        names = node.leaf_rule.params["figures"]
        return None, [
            a.at(
                codes.FIGURES_MISSING,
                line=e.score_line,
                kind=kind.label,
                achieved=names["achieved"],
                total=names["total"],
            )
        ]
    if f.achieved > f.total:
        return None, [a.at(codes.FIGURES_INCONSISTENT, achieved=fmt(f.achieved), total=fmt(f.total))]
    computed = kind.compute(node, f.achieved, f.total)
    if computed is None:
        return None, [a.at(codes.FIGURES_NO_CASES)]
    if e.score is not None and e.score != computed:
        return computed, [
            a.at(
                codes.SCORE_MISMATCH,
                line=e.score_line,
                score=fmt(e.score),
                achieved=fmt(f.achieved),
                total=fmt(f.total),
                computed=fmt(computed),
            )
        ]
    return computed, []


def _score(node: Node, kind: Kind, a: _Answer, score: Decimal | None) -> list[Finding]:
    """The score: present, within the maximum, allowed by the rule, and backed by evidence."""
    e = a.entry
    if score is None:
        return [a.at(codes.SCORE_MISSING)]
    if score > node.max:
        return [a.at(codes.SCORE_ABOVE_MAX, line=e.score_line, score=fmt(score), max=fmt(node.max))]
    problem = kind.check(node, score)
    if problem:
        return [
            a.at(
                codes.SCORE_NOT_ALLOWED, line=e.score_line, score=fmt(score), problem=problem, rule=kind.describe(node)
            )
        ]
    if node.evidence_required and not e.evidence and score > 0:
        if not e.explanation:
            return [a.at(codes.EXPLANATION_MISSING, expected="; ".join(node.evidence) or "PDF trong evidence/")]
        return [a.at(codes.EVIDENCE_MISSING)]
    return []
