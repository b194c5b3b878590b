"""Survey points: known units and survey criteria, within the maximum, no duplicates."""

from __future__ import annotations

from .. import codes
from ..findings import Finding
from ..model.framework import Framework
from ..model.numbers import fmt
from ..model.repository import Repository
from ..model.survey import Survey, SurveyRow


def check(repo: Repository, survey: Survey) -> list[Finding]:
    out = []
    if survey.file.rsplit("/", 1)[-1] != f"{survey.year}.yaml":
        out.append(codes.SURVEY_YEAR_MISMATCH.at(survey.file, line=1, year=survey.year))
    seen: dict[tuple[str, str], int] = {}  # (unit, code) -> line of its first row
    for row in survey.rows:
        found = _row(repo, survey, row, seen)
        if found is not None:
            out.append(found)
    return out + _missing(repo, survey, seen)


def _err(code: codes.Code, survey: Survey, row: SurveyRow, **fields: object) -> Finding:
    return code.made(survey.file, {"unit": row.unit, **fields}, line=row.line, criterion=row.code)


def _row(repo: Repository, survey: Survey, row: SurveyRow, seen: dict[tuple[str, str], int]) -> Finding | None:
    """The problem with one row, if any; a row of a known unit is recorded in ``seen``."""
    unit = repo.units.get(row.unit)
    if unit is None and repo.broken_in("units"):
        return None  # the unit may be in the registry file that failed to load
    if unit is None or not unit.active(survey.year):
        return _err(codes.SURVEY_UNIT_UNKNOWN, survey, row, year=survey.year)
    key = (row.unit, row.code)
    if key in seen:
        return _err(codes.SURVEY_DUPLICATE, survey, row, first_line=seen[key])
    seen[key] = row.line
    fw = repo.framework_for(survey.year, unit.level)
    return _against(fw, survey, row) if fw is not None else None


def _against(fw: Framework, survey: Survey, row: SurveyRow) -> Finding | None:
    """The row against its unit's framework: a survey criterion, within its maximum."""
    node = fw.node(row.code)
    if node is None or not node.is_leaf or not node.is_survey:
        return _err(codes.SURVEY_CRITERION, survey, row, framework=fw.ref)
    if row.points > node.max:
        return _err(codes.SURVEY_ABOVE_MAX, survey, row, points=fmt(row.points), max=fmt(node.max))
    return None


def _missing(repo: Repository, survey: Survey, seen: dict[tuple[str, str], int]) -> list[Finding]:
    out = []
    for unit in repo.units_in(survey.year):
        fw = repo.framework_for(survey.year, unit.level)
        if fw is None:
            continue
        missing = [n.code for n in fw.leaves() if n.is_survey and (unit.id, n.code) not in seen]
        if missing:
            out.append(codes.SURVEY_MISSING.at(survey.file, line=1, unit=unit.id, criteria=", ".join(missing)))
    return out
