"""Who may change what. The rule is data: each kind of file names the roles that own it.

Roles come from the base branch, never from the pull request (a pull request cannot add its
author to a unit, a council or the administrators): ``admin`` is listed in province.yaml,
``unit`` is an account of the dossier's unit in units/, ``council`` is an account of the
council the year's plan routes that unit to. A unit's own account never counts as its
council, so nobody appraises their own dossier.
"""

from __future__ import annotations

from collections import defaultdict

from ..findings import Finding, error
from ..model.repository import Repository
from . import paths as P

OWNERS = {
    P.SELF: ("unit", "admin"),
    P.EVIDENCE: ("unit", "admin"),
    P.EXPLANATION: ("unit", "admin"),
    P.APPRAISAL: ("council",),
    P.DOSSIER_OTHER: ("admin",),
    P.SHARED: ("admin",),
}

ROLE_NAMES = {
    "unit": "tài khoản của đơn vị",
    "admin": "quản trị (Sở Nội vụ)",
    "council": "thành viên Hội đồng thẩm định được phân công",
}


def roles(base: Repository, login: str, year: int | None, unit_id: str | None) -> set[str]:
    out: set[str] = set()
    if base.province is not None and login in base.province.admins:
        out.add("admin")
    unit = base.units.get(unit_id) if unit_id else None
    if unit is None:
        return out
    if login in unit.accounts:
        out.add("unit")
    plan = base.plans.get(year) if year is not None else None
    council = plan.council_for(unit) if plan else None
    if council is not None and login in council.accounts and login not in unit.accounts:
        out.add("council")
    return out


def check(base: Repository, changed: list[P.Changed], login: str, who: str = "Người gửi") -> list[Finding]:
    """One finding per dossier part (or shared area) that ``login`` may not change."""
    groups: dict[tuple[str, int | None, str | None, str], list[P.Changed]] = defaultdict(list)
    for c in changed:
        groups[(c.kind, c.year, c.unit, c.area if c.kind == P.SHARED else "")].append(c)
    out = []
    for (kind, year, unit_id, _), items in sorted(groups.items(), key=lambda kv: kv[1][0].path):
        if roles(base, login, year, unit_id) & set(OWNERS[kind]):
            continue
        out.append(_refusal(base, kind, items, login, who))
    return out


def _more(items: list[P.Changed]) -> str:
    return f" (và {len(items) - 1} tệp khác)" if len(items) > 1 else ""


def _refusal(base: Repository, kind: str, items: list[P.Changed], login: str, who: str) -> Finding:
    first = items[0]
    if kind == P.SHARED:
        return error(
            "policy-admin-only",
            first.path,
            f"{who} '{login}' không có quyền thay đổi {first.area}: {first.path}{_more(items)}. "
            "Chỉ quản trị (Sở Nội vụ) được thay đổi phần dùng chung này.",
            "Bỏ thay đổi này khỏi yêu cầu gộp (chỉ giữ hồ sơ của đơn vị); nếu thật sự cần sửa, "
            "đề nghị Sở Nội vụ thực hiện.",
        )
    unit = base.units.get(first.unit) if first.unit else None
    label = f"'{first.unit}' ({unit.name})" if unit else f"'{first.unit}'"
    if kind == P.DOSSIER_OTHER:
        return error(
            "policy-dossier-file",
            first.path,
            f"Tệp '{first.path}'{_more(items)} không thuộc thành phần hồ sơ nào.",
            "Thư mục hồ sơ chỉ gồm self-assessment.yaml, explanation.yaml, appraisal.yaml và thư mục "
            "evidence/ (tài liệu kiểm chứng). Chuyển tệp vào evidence/ hoặc bỏ tệp này.",
        )
    if kind == P.APPRAISAL:
        plan = base.plans.get(first.year) if first.year is not None else None
        council = plan.council_for(unit) if plan and unit else None
        own = unit is not None and login in unit.accounts
        return error(
            "policy-appraisal-council-only",
            first.path,
            (
                f"Đơn vị {label} không được tự ghi kết quả thẩm định (appraisal.yaml)."
                if own
                else f"{who} '{login}' không thuộc Hội đồng thẩm định được phân công cho đơn vị {label}"
                + (f" ({council.name})" if council else "")
                + "; chỉ Hội đồng đó được ghi appraisal.yaml."
            ),
            "Bỏ thay đổi appraisal.yaml khỏi yêu cầu gộp. Kết quả thẩm định do Hội đồng ghi trong yêu cầu "
            "gộp riêng của Hội đồng.",
        )
    return error(
        "policy-not-unit-account",
        first.path,
        f"{who} '{login}' không phải tài khoản của đơn vị {label}, nên không được sửa hồ sơ "
        f"{first.folder}{_more(items)}.",
        "Mỗi đơn vị chỉ sửa thư mục hồ sơ của chính mình. Nếu tài khoản này đúng là của đơn vị, "
        "đề nghị Sở Nội vụ bổ sung vào danh sách tài khoản của đơn vị (units/).",
    )
