"""`cchc year open`: next year's plan from the latest one (or, for a province's first year,
from the registry, the frameworks it has and the usual calendar).

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
from datetime import datetime
from typing import Any

from ..model.registry import Unit
from ..model.repository import Repository


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


def _routes(
    raw: list[dict[str, Any]], active_levels: set[str], active_ids: set[str], notes: list[str]
) -> list[dict[str, Any]]:
    out = []
    for route in raw:
        levels = [lv for lv in route["levels"] if lv in active_levels]
        kept = dict(route, levels=levels)
        if route.get("parents"):
            parents = [p for p in route["parents"] if p in active_ids]
            if not parents:
                notes.append(
                    f"Bỏ phân công '{route['council']}' ({', '.join(route['parents'])}): các đơn vị cấp trên "
                    "này không còn hoạt động."
                )
                continue
            kept["parents"] = parents
        if levels:
            out.append(kept)
    return out


def _routed(routes: list[dict[str, Any]], unit: Unit) -> bool:
    return any(unit.level in r["levels"] and (not r.get("parents") or unit.parent in r["parents"]) for r in routes)


def _check_frameworks(repo: Repository, given: dict[str, str]) -> None:
    """Every framework the officer named exists and is for the level it was named for."""
    for level, ref in given.items():
        fw = repo.frameworks.get(ref)
        if fw is None:
            raise RollError(f"không có bộ tiêu chí '{ref}' (nhập bằng 'cchc criteria import' trước).")
        if fw.level != level:
            raise RollError(f"bộ tiêu chí '{ref}' dành cho cấp '{fw.level}', không phải cấp '{level}'.")


def _carried_frameworks(
    raw: dict[str, Any], year: int, levels: set[str], overrides: dict[str, str], notes: list[str]
) -> dict[str, str]:
    """Last year's frameworks of the levels that still have units, with the officer's overrides."""
    frameworks = {lv: ref for lv, ref in raw["frameworks"].items() if lv in levels}
    for lv in sorted(set(raw["frameworks"]) - levels):
        notes.append(f"Cấp '{lv}' không còn đơn vị hoạt động năm {year}: bỏ khỏi kế hoạch.")
    frameworks.update(overrides)
    missing = sorted(levels - set(frameworks))
    if missing:
        raise RollError(
            f"năm {year} có đơn vị cấp {', '.join(missing)} nhưng chưa chọn bộ tiêu chí; dùng "
            f"--framework {missing[0]}=<thư mục>/{missing[0]}."
        )
    return frameworks


def _adopt_orphans(routes: list[dict[str, Any]], active: list[Unit], year: int, notes: list[str]) -> None:
    """Levels no kept route covers any more go to the council routed without restriction."""
    orphans = sorted({u.level for u in active if not _routed(routes, u)})
    if not orphans:
        return
    open_route = next((r for r in routes if not r.get("parents")), None)
    if open_route is None:
        raise RollError(
            f"đơn vị cấp {', '.join(orphans)} năm {year} không còn hội đồng thẩm định nào; "
            "sửa mục routing của kế hoạch năm trước rồi chạy lại."
        )
    open_route["levels"] = list(open_route["levels"]) + [lv for lv in orphans if lv not in open_route["levels"]]
    notes.append(
        f"Đơn vị cấp {', '.join(orphans)} giao cho hội đồng '{open_route['council']}' thẩm định "
        "(hội đồng trước đây không còn)."
    )


def _kept_councils(raw: dict[str, Any], routes: list[dict[str, Any]], notes: list[str]) -> list[dict[str, Any]]:
    used = {r["council"] for r in routes}
    for c in raw["councils"]:
        if c["id"] not in used:
            notes.append(f"Bỏ hội đồng '{c['id']}' ({c['name']}): không còn đơn vị để thẩm định.")
    return [c for c in raw["councils"] if c["id"] in used]


def roll(repo: Repository, raw: dict[str, Any], year: int, overrides: dict[str, str]) -> Rolled:
    """``raw``: the source plan as parsed; ``overrides``: level → framework ref."""
    source = raw["year"]
    active = repo.units_in(year)
    levels = {u.level for u in active}
    notes: list[str] = []
    _check_frameworks(repo, overrides)
    frameworks = _carried_frameworks(raw, year, levels, overrides, notes)
    routes = _routes(raw["routing"], levels, {u.id for u in active}, notes)
    _adopt_orphans(routes, active, year, notes)
    councils = _kept_councils(raw, routes, notes)
    if raw.get("extensions"):
        notes.append(f"Bỏ {len(raw['extensions'])} gia hạn của năm {source} (gia hạn chỉ có hiệu lực trong năm).")
    doc = {
        "year": year,
        "title": re.sub(rf"\b{source}\b", str(year), raw["title"]),
        "frameworks": frameworks,
        "deadlines": {k: shift(v, year - source) for k, v in raw["deadlines"].items()},
        "councils": councils,
        "routing": routes,
    }
    if "evidence" in raw:
        doc["evidence"] = raw["evidence"]
    notes.append(
        "Cần bổ sung: số, ngày văn bản ban hành kế hoạch (mục decision); kiểm tra lại các mốc thời hạn và "
        "quyết định thành lập Hội đồng thẩm định của năm mới."
    )
    return Rolled(doc, notes)


# ── the first year: no earlier plan to roll ─────────────────────────────────
# The usual calendar of a year's work (month, day, time, years after the evaluated year): what
# the first plan proposes until the officer gives the dates of the province's own plan.
CALENDAR = {
    "entry_opens": (11, 10, "00:00:00", 0),
    "self_assessment_closes": (12, 31, "23:59:59", 0),
    "appraisal_round1_closes": (2, 15, "23:59:59", 1),
    "explanation_closes": (3, 1, "23:59:59", 1),
    "appraisal_round2_closes": (3, 20, "23:59:59", 1),
    "publication": (4, 30, "00:00:00", 1),
}
# --deadline names, as officers say them.
PHASE_OPTIONS = {
    "mo-nhap-lieu": "entry_opens",
    "tu-danh-gia": "self_assessment_closes",
    "tham-dinh-1": "appraisal_round1_closes",
    "giai-trinh": "explanation_closes",
    "tham-dinh-2": "appraisal_round2_closes",
    "cong-bo": "publication",
}
_STARTS = ("entry_opens", "publication")  # a date alone means the start of that day, not its end


def parse_deadline(item: str, timezone: str) -> tuple[str, str]:
    """'tu-danh-gia=31/12/2026' or 'mo-nhap-lieu=10/11/2026 08:00' → (phase, ISO time)."""
    name, sep, when = item.partition("=")
    phase = PHASE_OPTIONS.get(name.strip())
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?", when.strip())
    if not sep or phase is None or not m:
        raise RollError(
            f"--deadline '{item}' phải có dạng <mốc>=<ngày/tháng/năm>[ giờ:phút], mốc là một trong: "
            f"{', '.join(PHASE_OPTIONS)} (ví dụ tu-danh-gia=31/12/2026)."
        )
    day, month, year, hour, minute = m.groups()
    clock = f"{int(hour):02d}:{minute}:00" if hour else ("00:00:00" if phase in _STARTS else "23:59:59")
    stamp = f"{year}-{int(month):02d}-{int(day):02d}T{clock}{timezone}"
    try:
        datetime.fromisoformat(stamp)
    except ValueError:
        raise RollError(f"--deadline '{item}': không phải một ngày giờ có thật.") from None
    return phase, stamp


def _choose_frameworks(repo, year: int, levels: set, given: dict, notes: list) -> dict:
    chosen = {}
    for level in sorted(levels):
        if level in given:
            chosen[level] = given[level]
            continue
        refs = sorted(ref for ref, fw in repo.frameworks.items() if fw.level == level)
        if len(refs) != 1:
            what = f"có {len(refs)} bộ tiêu chí ({', '.join(refs)})" if refs else "chưa có bộ tiêu chí nào"
            raise RollError(
                f"năm {year} có đơn vị cấp '{level}' nhưng {what} cho cấp này; "
                + (
                    f"chọn bằng --framework {level}=<thư mục>/{level}."
                    if refs
                    else f"nhập bằng 'cchc criteria import <tệp> --ref <thư mục>/{level}' trước."
                )
            )
        chosen[level] = refs[0]
        notes.append(f"Cấp '{level}' dùng bộ tiêu chí {refs[0]} ({repo.frameworks[refs[0]].title}).")
    return chosen


def _calendar(year: int, deadlines: dict, timezone: str, notes: list) -> dict:
    """The given deadlines, the usual calendar for the others (listed in ``notes``)."""
    dates = {}
    for phase, (month, day, clock, later) in CALENDAR.items():
        dates[phase] = deadlines.get(phase) or f"{year + later:04d}-{month:02d}-{day:02d}T{clock}{timezone}"
    defaulted = [PHASE_NAMES_SHORT[p] for p in CALENDAR if p not in deadlines]
    if defaulted:
        notes.append(
            "Theo lịch thường lệ (chưa có trong tùy chọn --deadline, cần đối chiếu kế hoạch của tỉnh): "
            + ", ".join(defaulted)
            + "."
        )
    return dates


def _council(council: dict, prov, notes: list) -> dict:
    accounts = list(council.get("accounts") or ())
    if not accounts:
        accounts = list(prov.admins) if prov else []
        notes.append(
            "Hội đồng thẩm định tạm ghi tài khoản quản trị; thay bằng tài khoản các thành viên (mục "
            "councils.accounts) hoặc dùng --council-account."
        )
    entry = {"id": council.get("id") or "hd-tinh", "name": council["name"]}
    if council.get("decision"):
        entry["decision"] = council["decision"]
    entry["accounts"] = accounts
    return entry


def first(
    repo: Repository, year: int, frameworks: dict[str, str], deadlines: dict[str, str], council: dict[str, Any]
) -> Rolled:
    """The first plan of a province: frameworks per level (given, or the only one there is),
    the usual calendar unless ``deadlines`` (phase → ISO time) says otherwise, one council
    for every level (``council``: id, name, accounts, decision)."""
    active = repo.units_in(year)
    if not active:
        raise RollError(f"chưa có đơn vị nào hoạt động năm {year}; nhập danh sách đơn vị trước (cchc units import).")
    prov = repo.province
    _check_frameworks(repo, frameworks)
    notes: list[str] = []
    levels = {u.level for u in active}
    chosen = _choose_frameworks(repo, year, levels, frameworks, notes)
    dates = _calendar(year, deadlines, prov.timezone if prov else "+07:00", notes)
    entry = _council(council, prov, notes)
    doc = {"year": year, "title": council["title"]}
    if council.get("plan_decision"):
        doc["decision"] = council["plan_decision"]
    doc.update(
        frameworks=chosen,
        deadlines=dates,
        councils=[entry],
        routing=[{"council": entry["id"], "levels": sorted(levels)}],
    )
    notes.append(
        "Cần bổ sung: số, ngày văn bản ban hành kế hoạch (mục decision) và quyết định thành lập Hội đồng "
        "thẩm định (councils.decision), nếu chưa ghi."
    )
    return Rolled(doc, notes)


PHASE_NAMES_SHORT = {
    "entry_opens": "mở nhập liệu",
    "self_assessment_closes": "hạn tự đánh giá",
    "appraisal_round1_closes": "hạn thẩm định vòng 1",
    "explanation_closes": "hạn giải trình",
    "appraisal_round2_closes": "hạn thẩm định vòng 2",
    "publication": "công bố",
}
