"""Published results of a past year (history/<year>.yaml): known units, and a table that is
consistent in itself — areas add up to the total, the index is the total ÷ the maximum,
places follow the index within each ranking group."""

from __future__ import annotations

from decimal import Decimal

from ..findings import Finding, error, warning
from ..model.history import History, Published
from ..model.numbers import fmt
from ..model.registry import Unit
from ..model.repository import Repository
from ..score.published import allowed_places, expected_index, index_matches


def check(repo: Repository, history: History) -> list[Finding]:
    out: list[Finding] = []
    if history.file.rsplit("/", 1)[-1] != f"{history.year}.yaml":
        out.append(error("history-year-mismatch", history.file, f"Tệp ghi năm {history.year}.",
                         f"Đặt tên tệp là history/{history.year}.yaml.", line=history.year_line))
    if history.year in repo.plans:
        out.append(error("history-plan-conflict", history.file,
                         f"Năm {history.year} đã có kế hoạch ({repo.plans[history.year].file}): kết quả của năm này "
                         "do hệ thống tính từ hồ sơ, không nhập từ quyết định công bố.",
                         "Chỉ nhập kết quả đã công bố của những năm chưa dùng hệ thống; xoá một trong hai tệp.",
                         line=history.year_line))
    known = _rows(repo, history, out)
    by_group: dict[str, list[Published]] = {}
    for row, unit in known:
        by_group.setdefault(unit.group, []).append(row)
    for rows in by_group.values():
        out.extend(_places(history, rows))
    out.extend(_missing(repo, history, {u.id for _, u in known}, set(by_group)))
    return out


def _rows(repo: Repository, history: History, out: list[Finding]) -> list[tuple[Published, Unit]]:
    """(row, unit) for the rows naming a unit of that year; each row's own arithmetic checked."""
    seen: dict[str, int] = {}
    known: list[tuple[Published, Unit]] = []
    for row in history.rows:
        unit = repo.units.get(row.unit)
        if unit is None and repo.broken_in("units"):
            continue  # the unit may be in the registry file that failed to load
        if unit is None or not unit.active(history.year):
            out.append(error("history-unit-unknown", history.file,
                             f"Đơn vị '{row.unit}' không có trong danh sách đơn vị năm {history.year}.",
                             "Sửa mã đơn vị theo units/, hoặc bổ sung đơn vị (kèm năm hoạt động) vào danh sách.",
                             line=row.line_of("unit")))
            continue
        if row.unit in seen:
            out.append(error("history-duplicate", history.file,
                             f"Kết quả của '{row.unit}' có hai lần (dòng {seen[row.unit]} và dòng {row.line}).",
                             "Mỗi đơn vị một dòng: xoá dòng lặp.", line=row.line_of("unit")))
            continue
        seen[row.unit] = row.line
        known.append((row, unit))
        out.extend(_arithmetic(history, row, unit))
    return known


def _arithmetic(history: History, row: Published, unit: Unit) -> list[Finding]:
    out: list[Finding] = []

    def err(code: str, key: str, message: str, hint: str) -> None:
        out.append(error(code, history.file, f"Đơn vị '{row.unit}': {message}", hint, line=row.line_of(key)))

    areas = {a.code: a for a in history.areas.get(unit.level, ())}
    for code, points in row.areas.items():
        area = areas.get(code)
        if area is None:
            err("history-area-unknown", f"areas.{code}", f"lĩnh vực {code} không có trong danh sách lĩnh vực của "
                f"cấp '{unit.level}' (mục areas).", f"Khai báo lĩnh vực {code} trong mục areas.{unit.level}, hoặc "
                "sửa mã lĩnh vực.")
        elif area.max is not None and points > area.max:
            err("history-above-max", f"areas.{code}", f"điểm lĩnh vực {code} ({fmt(points)}) vượt điểm tối đa "
                f"{fmt(area.max)}.", "Kiểm tra lại với bảng kết quả đã công bố.")
    if row.total > row.max:
        err("history-above-max", "total", f"tổng điểm {fmt(row.total)} vượt điểm tối đa áp dụng {fmt(row.max)}.",
            "Kiểm tra lại với bảng kết quả đã công bố.")
    summed = sum(row.areas.values(), Decimal(0))
    if row.areas and summed != row.total:
        err("history-total", "total", f"tổng điểm ghi {fmt(row.total)}, khác tổng điểm các lĩnh vực "
            f"({fmt(summed)}).", "Sửa điểm các lĩnh vực hoặc tổng điểm cho khớp bảng đã công bố.")
    if not index_matches(row.total, row.max, row.index, history.precision):
        err("history-index", "index", f"chỉ số {fmt(row.index)}% khác tổng điểm ÷ điểm tối đa áp dụng "
            f"({fmt(row.total)} ÷ {fmt(row.max)} × 100 = {fmt(expected_index(row.total, row.max, history.precision))}%).",
            "Sửa chỉ số, tổng điểm hoặc điểm tối đa áp dụng cho khớp bảng đã công bố.")
    return out


def _places(history: History, rows: list[Published]) -> list[Finding]:
    out: list[Finding] = []
    for row, allowed in zip(rows, allowed_places([r.index for r in rows])):
        if row.place is None or allowed is None or allowed[0] <= row.place <= allowed[1]:
            continue
        should = str(allowed[0]) if allowed[0] == allowed[1] else f"từ {allowed[0]} đến {allowed[1]}"
        out.append(error("history-place", history.file,
                         f"Đơn vị '{row.unit}': thứ hạng {row.place} không khớp chỉ số {fmt(row.index)}% (theo chỉ số, "
                         f"hạng trong nhóm phải là {should}).",
                         "Kiểm tra lại thứ hạng và chỉ số với bảng đã công bố (xếp hạng trong từng nhóm, chỉ số "
                         "giảm dần).", line=row.line_of("place")))
    return out


def _missing(repo: Repository, history: History, present: set[str], groups: set[str]) -> list[Finding]:
    """Units of a group the table ranks that the table leaves out: worth a look, not an error."""
    absent = sorted(u.id for u in repo.units_in(history.year) if u.group in groups and u.id not in present)
    if not absent or repo.broken_in("units"):
        return []
    return [warning("history-unit-missing", history.file,
                    f"Bảng kết quả năm {history.year} không có {len(absent)} đơn vị hoạt động năm đó: "
                    f"{', '.join(absent[:10])}{'…' if len(absent) > 10 else ''}.",
                    "Nếu quyết định công bố có các đơn vị này, bổ sung kết quả của họ; nếu không, kiểm tra năm hoạt "
                    "động của đơn vị trong units/.", line=1)]
