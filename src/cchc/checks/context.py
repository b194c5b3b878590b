"""The registry and the plans: units, levels, successors, frameworks per level, routing."""

from __future__ import annotations

from ..findings import error, warning
from ..model.plan import PHASE_NAMES, PHASES


def check(repo) -> list:
    return _units(repo) + [f for plan in repo.plans.values() for f in _plan(repo, plan)]


def _units(repo) -> list:
    out = []
    for unit, first in repo.duplicate_units:
        out.append(error("unit-duplicate", unit.file,
                         f"Mã đơn vị '{unit.id}' bị trùng (đã có ở {first.file}, dòng {first.line}).",
                         "Mỗi đơn vị một mã duy nhất; đơn vị sáp nhập dùng mã mới và khai 'successors'.",
                         line=unit.line))
    prov = repo.province
    for unit in repo.units.values():
        def err(code, msg, hint):
            out.append(error(code, unit.file, f"Đơn vị '{unit.id}': {msg}", hint, line=unit.line))
        if prov and unit.level not in prov.levels:
            err("unit-level-unknown", f"cấp '{unit.level}' không có trong province.yaml.",
                "Dùng một trong: " + ", ".join(prov.levels) + ".")
        if prov and unit.group not in prov.groups:
            err("unit-group-unknown", f"nhóm xếp hạng '{unit.group}' không có trong province.yaml.",
                "Dùng một trong: " + ", ".join(prov.groups) + ".")
        if unit.parent and unit.parent not in repo.units and not repo.broken_in("units"):
            err("unit-parent-unknown", f"đơn vị cấp trên '{unit.parent}' không có trong danh sách.",
                "Sửa mã đơn vị cấp trên hoặc bổ sung đơn vị đó.")
        if unit.last_year is not None and unit.last_year < unit.first_year:
            err("unit-years", f"năm cuối ({unit.last_year}) trước năm bắt đầu ({unit.first_year}).",
                "Sửa 'from' / 'until'.")
        for succ in unit.successors:
            s = repo.units.get(succ)
            if s is None:
                if repo.broken_in("units"):
                    continue
                err("unit-successor-unknown", f"đơn vị kế thừa '{succ}' không có trong danh sách.",
                    "Bổ sung đơn vị mới (sau sáp nhập) vào danh sách đơn vị.")
            elif unit.last_year is None or s.first_year > unit.last_year + 1 or s.first_year <= unit.first_year:
                err("unit-successor-years", f"đơn vị kế thừa '{succ}' bắt đầu năm {s.first_year}, "
                    f"không nối tiếp năm cuối {unit.last_year} của đơn vị này.",
                    "Đơn vị cũ cần 'until: <năm cuối>' và đơn vị kế thừa 'from: <năm sau đó>'.")
    return out


def _plan(repo, plan) -> list:
    out = []
    name_year = plan.file.rsplit("/", 1)[-1].removesuffix(".yaml")
    if name_year != str(plan.year):
        out.append(error("plan-year-mismatch", plan.file,
                         f"Tệp {plan.file} ghi năm {plan.year}.", f"Đặt tên tệp là plans/{plan.year}.yaml.",
                         line=plan.year_line or 1))
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
    # A unit whose level the province does not know is reported once, as unit-level-unknown.
    active = [u for u in repo.units_in(plan.year) if repo.province is None or u.level in repo.province.levels]
    for level in sorted({u.level for u in active} - set(plan.frameworks)):
        out.append(error("plan-level-missing", plan.file,
                         f"Năm {plan.year} có đơn vị cấp '{level}' nhưng kế hoạch không chỉ định bộ tiêu chí cho cấp này.",
                         f"Thêm '{level}: <thư mục>/{level}' vào mục frameworks.", line=plan.line("frameworks")))
    phases = [p for p in PHASES if p in plan.deadlines]
    late = next((b for a, b in zip(phases, phases[1:]) if plan.deadlines[b] < plan.deadlines[a]), None)
    if late is not None:
        out.append(error("plan-deadlines-order", plan.file,
                         f"Các mốc thời hạn không theo thứ tự thời gian: '{PHASE_NAMES[late]}' sớm hơn mốc trước nó.",
                         "Thứ tự: " + " → ".join(PHASE_NAMES[p] for p in PHASES) + ".",
                         line=plan.line("deadlines", late)))
    for route in plan.routing:
        if route.council not in plan.councils:
            out.append(error("plan-council-unknown", plan.file,
                             f"Phân công thẩm định dùng hội đồng '{route.council}' chưa khai báo.",
                             "Khai báo hội đồng trong mục councils.", line=route.line or 1))
    for unit in active:
        if plan.council_for(unit) is None:
            out.append(error("plan-unrouted", plan.file,
                             f"Đơn vị '{unit.id}' ({unit.name}) chưa được phân công hội đồng thẩm định năm {plan.year}.",
                             "Bổ sung mục routing cho cấp/đơn vị cấp trên của đơn vị này.", line=plan.line("routing")))
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
