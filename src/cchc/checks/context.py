"""The registry and the plans: units, levels, successors, frameworks per level, routing."""

from __future__ import annotations

import itertools

from ..findings import Finding, error, warning
from ..model.plan import PHASE_NAMES, PHASES, Plan
from ..model.registry import Unit
from ..model.repository import Repository


def check(repo: Repository) -> list[Finding]:
    return _units(repo) + [f for plan in repo.plans.values() for f in _plan(repo, plan)]


def _units(repo: Repository) -> list[Finding]:
    out = []
    for unit, first in repo.duplicate_units:
        out.append(error("unit-duplicate", unit.file,
                         f"Mã đơn vị '{unit.id}' bị trùng (đã có ở {first.file}, dòng {first.line}).",
                         "Mỗi đơn vị một mã duy nhất; đơn vị sáp nhập dùng mã mới và khai 'successors'.",
                         line=unit.line))
    for unit in repo.units.values():
        out += _unit(repo, unit)
    return out


def _err(code: str, unit: Unit, message: str, hint: str) -> Finding:
    """A problem of one registered unit, shown where the unit stands in its registry file."""
    return error(code, unit.file, f"Đơn vị '{unit.id}': {message}", hint, line=unit.line)


def _unit(repo: Repository, unit: Unit) -> list[Finding]:
    out = []
    prov = repo.province
    if prov and unit.level not in prov.levels:
        out.append(_err("unit-level-unknown", unit, f"cấp '{unit.level}' không có trong province.yaml.",
                        "Dùng một trong: " + ", ".join(prov.levels) + "."))
    if prov and unit.group not in prov.groups:
        out.append(_err("unit-group-unknown", unit, f"nhóm xếp hạng '{unit.group}' không có trong province.yaml.",
                        "Dùng một trong: " + ", ".join(prov.groups) + "."))
    if unit.parent and unit.parent not in repo.units and not repo.broken_in("units"):
        out.append(_err("unit-parent-unknown", unit, f"đơn vị cấp trên '{unit.parent}' không có trong danh sách.",
                        "Sửa mã đơn vị cấp trên hoặc bổ sung đơn vị đó."))
    if unit.last_year is not None and unit.last_year < unit.first_year:
        out.append(_err("unit-years", unit, f"năm cuối ({unit.last_year}) trước năm bắt đầu ({unit.first_year}).",
                        "Sửa 'from' / 'until'."))
    return out + _successors(repo, unit)


def _successors(repo: Repository, unit: Unit) -> list[Finding]:
    out = []
    for succ in unit.successors:
        s = repo.units.get(succ)
        if s is None:
            if repo.broken_in("units"):
                continue
            out.append(_err("unit-successor-unknown", unit, f"đơn vị kế thừa '{succ}' không có trong danh sách.",
                            "Bổ sung đơn vị mới (sau sáp nhập) vào danh sách đơn vị."))
        elif unit.last_year is None or s.first_year > unit.last_year + 1 or s.first_year <= unit.first_year:
            out.append(_err("unit-successor-years", unit, f"đơn vị kế thừa '{succ}' bắt đầu năm {s.first_year}, "
                            f"không nối tiếp năm cuối {unit.last_year} của đơn vị này.",
                            "Đơn vị cũ cần 'until: <năm cuối>' và đơn vị kế thừa 'from: <năm sau đó>'."))
    return out


def _plan(repo: Repository, plan: Plan) -> list[Finding]:
    out = []
    name_year = plan.file.rsplit("/", 1)[-1].removesuffix(".yaml")
    if name_year != str(plan.year):
        out.append(error("plan-year-mismatch", plan.file,
                         f"Tệp {plan.file} ghi năm {plan.year}.", f"Đặt tên tệp là plans/{plan.year}.yaml.",
                         line=plan.year_line or 1))
    # A unit whose level the province does not know is reported once, as unit-level-unknown.
    active = [u for u in repo.units_in(plan.year) if repo.province is None or u.level in repo.province.levels]
    return out + _frameworks(repo, plan, active) + _deadlines(plan) + _routing(plan, active) + _extensions(repo, plan)


def _frameworks(repo: Repository, plan: Plan, active: list[Unit]) -> list[Finding]:
    out = []
    for level, ref in plan.frameworks.items():
        fw = repo.frameworks.get(ref)
        if fw is None and not any(f.startswith(f"criteria/{ref}.") for f in repo.broken):
            out.append(error("plan-framework-unknown", plan.file,
                             f"Bộ tiêu chí '{ref}' cho cấp '{level}' không tồn tại.",
                             f"Tạo tệp criteria/{ref}.yaml hoặc sửa tên bộ tiêu chí.",
                             line=plan.line("frameworks", level)))
        elif fw is not None and fw.level != level:
            out.append(error("plan-framework-level", plan.file,
                             f"Bộ tiêu chí '{ref}' dành cho cấp '{fw.level}', không phải cấp '{level}'.",
                             "Chọn bộ tiêu chí đúng cấp.", line=plan.line("frameworks", level)))
    for level in sorted({u.level for u in active} - set(plan.frameworks)):
        out.append(error("plan-level-missing", plan.file,
                         f"Năm {plan.year} có đơn vị cấp '{level}' nhưng kế hoạch không chỉ định bộ tiêu chí "
                         "cho cấp này.",
                         f"Thêm '{level}: <thư mục>/{level}' vào mục frameworks.", line=plan.line("frameworks")))
    return out


def _deadlines(plan: Plan) -> list[Finding]:
    phases = [p for p in PHASES if p in plan.deadlines]
    late = next((b for a, b in itertools.pairwise(phases) if plan.deadlines[b] < plan.deadlines[a]), None)
    if late is None:
        return []
    return [error("plan-deadlines-order", plan.file,
                  f"Các mốc thời hạn không theo thứ tự thời gian: '{PHASE_NAMES[late]}' sớm hơn mốc trước nó.",
                  "Thứ tự: " + " → ".join(PHASE_NAMES[p] for p in PHASES) + ".",
                  line=plan.line("deadlines", late))]


def _routing(plan: Plan, active: list[Unit]) -> list[Finding]:
    out = []
    for route in plan.routing:
        if route.council not in plan.councils:
            out.append(error("plan-council-unknown", plan.file,
                             f"Phân công thẩm định dùng hội đồng '{route.council}' chưa khai báo.",
                             "Khai báo hội đồng trong mục councils.", line=route.line or 1))
    for unit in active:
        if plan.council_for(unit) is None:
            out.append(error("plan-unrouted", plan.file,
                             f"Đơn vị '{unit.id}' ({unit.name}) chưa được phân công hội đồng thẩm định "
                             f"năm {plan.year}.",
                             "Bổ sung mục routing cho cấp/đơn vị cấp trên của đơn vị này.", line=plan.line("routing")))
    return out


def _extensions(repo: Repository, plan: Plan) -> list[Finding]:
    out = []
    for ext in plan.extensions:
        unit = repo.units.get(ext.unit)
        if (unit is None and not repo.broken_in("units")) or (unit is not None and not unit.active(plan.year)):
            out.append(error("plan-extension-unit", plan.file,
                             f"Gia hạn cho đơn vị '{ext.unit}' không có trong danh sách đơn vị năm {plan.year}.",
                             "Sửa mã đơn vị được gia hạn.", line=ext.line or 1))
        for phase, when in ext.deadlines.items():
            if when < plan.deadlines[phase]:
                out.append(warning("plan-extension-earlier", plan.file,
                                   f"Gia hạn của '{ext.unit}' ({PHASE_NAMES[phase]}) sớm hơn thời hạn chung.",
                                   "Gia hạn phải muộn hơn thời hạn chung.", line=ext.line or 1))
    return out
