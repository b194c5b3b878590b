"""Survey points: known units and survey criteria, within the maximum, no duplicates."""

from __future__ import annotations

from ..findings import Finding, error, warning
from ..model.framework import Framework
from ..model.numbers import fmt
from ..model.repository import Repository
from ..model.survey import Survey, SurveyRow


def check(repo: Repository, survey: Survey) -> list[Finding]:
    out = []
    if survey.file.rsplit("/", 1)[-1] != f"{survey.year}.yaml":
        out.append(error("survey-year-mismatch", survey.file, f"Tệp ghi năm {survey.year}.",
                         f"Đặt tên tệp là surveys/{survey.year}.yaml.", line=1))
    seen: dict[tuple[str, str], int] = {}  # (unit, code) -> line of its first row
    for row in survey.rows:
        found = _row(repo, survey, row, seen)
        if found is not None:
            out.append(found)
    return out + _missing(repo, survey, seen)


def _err(code: str, survey: Survey, row: SurveyRow, message: str, hint: str) -> Finding:
    return error(code, survey.file, message, hint, line=row.line, criterion=row.code)


def _row(repo: Repository, survey: Survey, row: SurveyRow, seen: dict[tuple[str, str], int]) -> Finding | None:
    """The problem with one row, if any; a row of a known unit is recorded in ``seen``."""
    unit = repo.units.get(row.unit)
    if unit is None and repo.broken_in("units"):
        return None  # the unit may be in the registry file that failed to load
    if unit is None or not unit.active(survey.year):
        return _err("survey-unit-unknown", survey, row,
                    f"Đơn vị '{row.unit}' không có trong danh sách đơn vị năm {survey.year}.",
                    "Sửa mã đơn vị theo thư mục units/.")
    key = (row.unit, row.code)
    if key in seen:
        return _err("survey-duplicate", survey, row, f"Điểm điều tra của '{row.unit}', tiêu chí {row.code} bị "
                    f"nhập hai lần (dòng {seen[key]}).", "Xoá dòng lặp.")
    seen[key] = row.line
    fw = repo.framework_for(survey.year, unit.level)
    return _against(fw, survey, row) if fw is not None else None


def _against(fw: Framework, survey: Survey, row: SurveyRow) -> Finding | None:
    """The row against its unit's framework: a survey criterion, within its maximum."""
    node = fw.node(row.code)
    if node is None or not node.is_leaf or not node.is_survey:
        return _err("survey-criterion", survey, row, f"Tiêu chí {row.code} không phải tiêu chí điều tra xã hội học "
                    f"của bộ tiêu chí '{fw.ref}'.", "Chỉ nhập điểm cho các tiêu chí có method: survey.")
    if row.points > node.max:
        return _err("survey-above-max", survey, row, f"Điểm điều tra {fmt(row.points)} của '{row.unit}' vượt điểm "
                    f"tối đa {fmt(node.max)} của tiêu chí {row.code}.", "Kiểm tra lại số liệu điều tra.")
    return None


def _missing(repo: Repository, survey: Survey, seen: dict[tuple[str, str], int]) -> list[Finding]:
    out = []
    for unit in repo.units_in(survey.year):
        fw = repo.framework_for(survey.year, unit.level)
        if fw is None:
            continue
        missing = [n.code for n in fw.leaves() if n.is_survey and (unit.id, n.code) not in seen]
        if missing:
            out.append(warning("survey-missing", survey.file,
                               f"Chưa có điểm điều tra của '{unit.id}' cho tiêu chí: {', '.join(missing)}.",
                               "Bổ sung điểm điều tra; tiêu chí thiếu được tính 0 điểm.", line=1))
    return out
