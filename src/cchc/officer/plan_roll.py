"""`cchc year open`: next year's plan from the latest one.

Deadlines move by the number of years; frameworks, councils and routing carry over;
extensions (granted to one unit for one year) and the plan's own decision number are
dropped. The registry decides what carries: a level without active units leaves the
plan, a council whose units have all gone (a district abolished) leaves with its
routes, and the units it used to appraise go to the council that appraises their
level without restriction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


class RollError(Exception):
    """Why no plan can be written; a Vietnamese sentence for the officer."""


@dataclass
class Rolled:
    doc: dict
    notes: list = field(default_factory=list)  # what changed and what is left to do, in Vietnamese


def shift(stamp: str, years: int) -> str:
    """'2025-12-31T23:59:59+07:00' + 2 → '2027-12-31T23:59:59+07:00' (29 February → 28)."""
    year, rest = int(stamp[:4]) + years, stamp[4:]
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if rest.startswith("-02-29") and not leap:
        rest = "-02-28" + rest[6:]
    return f"{year:04d}{rest}"


def _routes(raw: list, active_levels: set, active_ids: set, notes: list) -> list:
    out = []
    for route in raw:
        levels = [lv for lv in route["levels"] if lv in active_levels]
        kept = dict(route, levels=levels)
        if route.get("parents"):
            parents = [p for p in route["parents"] if p in active_ids]
            if not parents:
                notes.append(f"Bỏ phân công '{route['council']}' ({', '.join(route['parents'])}): các đơn vị cấp trên "
                             "này không còn hoạt động.")
                continue
            kept["parents"] = parents
        if levels:
            out.append(kept)
    return out


def _routed(routes: list, unit) -> bool:
    return any(unit.level in r["levels"] and (not r.get("parents") or unit.parent in r["parents"]) for r in routes)


def roll(repo, raw: dict, year: int, overrides: dict) -> Rolled:
    """``raw``: the source plan as parsed; ``overrides``: level → framework ref."""
    source = raw["year"]
    n = year - source
    active = repo.units_in(year)
    levels = {u.level for u in active}
    ids = {u.id for u in active}
    notes = []
    for level, ref in overrides.items():
        fw = repo.frameworks.get(ref)
        if fw is None:
            raise RollError(f"không có bộ tiêu chí '{ref}' (nhập bằng 'cchc criteria import' trước).")
        if fw.level != level:
            raise RollError(f"bộ tiêu chí '{ref}' dành cho cấp '{fw.level}', không phải cấp '{level}'.")
    frameworks = {lv: ref for lv, ref in raw["frameworks"].items() if lv in levels}
    for lv in sorted(set(raw["frameworks"]) - levels):
        notes.append(f"Cấp '{lv}' không còn đơn vị hoạt động năm {year}: bỏ khỏi kế hoạch.")
    frameworks.update(overrides)
    missing = sorted(levels - set(frameworks))
    if missing:
        raise RollError(f"năm {year} có đơn vị cấp {', '.join(missing)} nhưng chưa chọn bộ tiêu chí; dùng "
                        f"--framework {missing[0]}=<thư mục>/{missing[0]}.")
    routes = _routes(raw["routing"], levels, ids, notes)
    orphans = sorted({u.level for u in active if not _routed(routes, u)})
    if orphans:
        open_route = next((r for r in routes if not r.get("parents")), None)
        if open_route is None:
            raise RollError(f"đơn vị cấp {', '.join(orphans)} năm {year} không còn hội đồng thẩm định nào; "
                            "sửa mục routing của kế hoạch năm trước rồi chạy lại.")
        open_route["levels"] = list(open_route["levels"]) + [lv for lv in orphans if lv not in open_route["levels"]]
        notes.append(f"Đơn vị cấp {', '.join(orphans)} giao cho hội đồng '{open_route['council']}' thẩm định "
                     "(hội đồng trước đây không còn).")
    used = {r["council"] for r in routes}
    councils = [c for c in raw["councils"] if c["id"] in used]
    for c in raw["councils"]:
        if c["id"] not in used:
            notes.append(f"Bỏ hội đồng '{c['id']}' ({c['name']}): không còn đơn vị để thẩm định.")
    if raw.get("extensions"):
        notes.append(f"Bỏ {len(raw['extensions'])} gia hạn của năm {source} (gia hạn chỉ có hiệu lực trong năm).")
    doc = {"year": year, "title": re.sub(rf"\b{source}\b", str(year), raw["title"]),
           "frameworks": frameworks, "deadlines": {k: shift(v, n) for k, v in raw["deadlines"].items()},
           "councils": councils, "routing": routes}
    if "evidence" in raw:
        doc["evidence"] = raw["evidence"]
    notes.append("Cần bổ sung: số, ngày văn bản ban hành kế hoạch (mục decision); kiểm tra lại các mốc thời hạn và "
                 "quyết định thành lập Hội đồng thẩm định của năm mới.")
    return Rolled(doc, notes)
