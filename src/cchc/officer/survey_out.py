"""Survey points out: the surveys/<year>.yaml document after an import, and the Excel
template the officer sends to whoever runs the survey."""

from __future__ import annotations

from decimal import Decimal

from .layout import Column, Page, Row


def _leaf_order(repo, year: int) -> dict:
    order = {}
    for unit in repo.units_in(year):
        fw = repo.framework_for(year, unit.level)
        if fw is not None and unit.level not in order:
            order[unit.level] = {n.code: i for i, n in enumerate(fw.leaves())}
    return order


def merged(repo, year: int, new: dict, source: str) -> tuple[dict, dict]:
    """The survey document with ``new`` points ((unit, code) → points) over the existing ones.

    Rows are ordered as the registry lists units and the framework lists criteria, so the
    file reads like the table and an import of the same sheet changes nothing.
    """
    old = repo.surveys.get(year)
    rows = dict(old.points()) if old else {}
    stats = {
        "added": sum(1 for k in new if k not in rows),
        "changed": sum(1 for k, v in new.items() if k in rows and rows[k] != v),
    }
    stats["same"] = len(new) - stats["added"] - stats["changed"]
    rows.update(new)
    unit_order = {uid: i for i, uid in enumerate(repo.units)}
    leaf_order = _leaf_order(repo, year)

    def key(item):
        (uid, code), _ = item
        unit = repo.units.get(uid)
        leaves = leaf_order.get(unit.level, {}) if unit else {}
        return unit_order.get(uid, len(unit_order)), uid, leaves.get(code, len(leaves)), code

    points = [
        {"unit": uid, "code": code, "na": True}
        if value is None
        else {"unit": uid, "code": code, "points": value.normalize() if isinstance(value, Decimal) else value}
        for (uid, code), value in sorted(rows.items(), key=key)
    ]
    return {"year": year, "source": source, "points": points}, stats


def _shown(have: dict, unit: str, code: str) -> Decimal | str | None:
    """A cell of the template: the points imported, "Không áp dụng" where recorded so."""
    if (unit, code) in have and have[(unit, code)] is None:
        return "Không áp dụng"
    return have.get((unit, code))


def template(repo, year: int) -> list:
    """One sheet per unit level: the units of the year and that level's survey criteria,
    filled with the points already imported."""
    prov = repo.province
    old = repo.surveys.get(year)
    have = old.points() if old else {}
    pages = []
    for level, level_name in prov.levels.items() if prov else ():
        units = [u for u in repo.units_in(year) if u.level == level]
        fw = repo.framework_for(year, level)
        leaves = [n for n in fw.leaves() if n.is_survey] if fw else []
        if not units or not leaves:
            continue
        columns = (
            [Column("STT", 6), Column("Mã đơn vị", 22), Column("Tên đơn vị", 36, text=True)]
            + [Column(f"{n.code}. {n.title} (tối đa {str(n.max).replace('.', ',')})", 18) for n in leaves]
            + [Column("Tổng", 10)]
        )
        rows = [
            Row([i, u.id, u.name] + [_shown(have, u.id, n.code) for n in leaves] + [None])
            for i, u in enumerate(units, 1)
        ]
        pages.append(
            Page(
                level_name[:31],
                columns,
                rows,
                agency=(prov.authority.upper(),),
                nation=False,
                title=(f"ĐIỂM ĐIỀU TRA XÃ HỘI HỌC NĂM {year}", level_name.upper()),
                subtitle=(f"Bộ tiêu chí: {fw.title}",),
                notes=(
                    "Ghi điểm của từng tiêu chí (không vượt điểm tối đa); để trống nếu chưa có điểm; "
                    "ghi 'Không áp dụng' (hoặc K/AD) nếu tiêu chí không áp dụng cho đơn vị.",
                    "Cột Tổng nếu ghi phải bằng tổng điểm các tiêu chí của dòng; "
                    "nhập bằng lệnh: cchc survey import <tệp> --year " + str(year) + ".",
                ),
            )
        )
    return pages
