"""Survey points: known units and survey criteria, within the maximum, no duplicates."""

from __future__ import annotations

from ..findings import error, warning
from ..model.numbers import fmt


def check(repo, survey) -> list:
    out = []
    if survey.file.rsplit("/", 1)[-1] != f"{survey.year}.yaml":
        out.append(error("survey-year-mismatch", survey.file, f"Tệp ghi năm {survey.year}.",
                         f"Đặt tên tệp là surveys/{survey.year}.yaml.", line=1))
    seen = {}
    for row in survey.rows:
        def err(code, msg, hint):
            out.append(error(code, survey.file, msg, hint, line=row.line, criterion=row.code))
        unit = repo.units.get(row.unit)
        if unit is None and repo.broken_in("units"):
            continue  # the unit may be in the registry file that failed to load
        if unit is None or not unit.active(survey.year):
            err("survey-unit-unknown", f"Đơn vị '{row.unit}' không có trong danh sách đơn vị năm {survey.year}.",
                "Sửa mã đơn vị theo thư mục units/.")
            continue
        key = (row.unit, row.code)
        if key in seen:
            err("survey-duplicate", f"Điểm điều tra của '{row.unit}', tiêu chí {row.code} bị nhập hai lần "
                f"(dòng {seen[key]}).", "Xoá dòng lặp.")
            continue
        seen[key] = row.line
        fw = repo.framework_for(survey.year, unit.level)
        if fw is None:
            continue
        node = fw.node(row.code)
        if node is None or not node.is_leaf or not node.is_survey:
            err("survey-criterion", f"Tiêu chí {row.code} không phải tiêu chí điều tra xã hội học của "
                f"bộ tiêu chí '{fw.ref}'.", "Chỉ nhập điểm cho các tiêu chí có method: survey.")
        elif row.points > node.max:
            err("survey-above-max", f"Điểm điều tra {fmt(row.points)} của '{row.unit}' vượt điểm tối đa "
                f"{fmt(node.max)} của tiêu chí {row.code}.", "Kiểm tra lại số liệu điều tra.")
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
