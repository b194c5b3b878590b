"""`cchc units template`: the unit table to fill in (or to edit and import back): one sheet
with the registry's units, one row each, and a sheet listing the province's levels and
ranking groups."""

from __future__ import annotations

from .layout import Column, Page, Row
from .units_in import COLUMNS

_WIDTHS = {
    "id": 24,
    "name": 36,
    "level": 10,
    "group": 12,
    "parent": 26,
    "from": 9,
    "until": 9,
    "predecessors": 30,
    "accounts": 26,
}


def template(repo) -> list:
    prov = repo.province
    columns = [Column("STT", 6)] + [
        Column(title, _WIDTHS[key], text=key in ("name", "parent", "predecessors")) for key, title in COLUMNS.items()
    ]
    formed: dict = {}
    for u in repo.units.values():
        for successor in u.successors:
            formed.setdefault(successor, []).append(u.id)
    rows = [
        Row(
            [
                i,
                u.id,
                u.name,
                u.level,
                u.group,
                u.parent,
                u.first_year,
                u.last_year,
                "; ".join(sorted(formed.get(u.id, ()))) or None,
                ", ".join(u.accounts) or None,
            ]
        )
        for i, u in enumerate(repo.units.values(), 1)
    ]
    units = Page(
        "Đơn vị",
        columns,
        rows,
        agency=(prov.authority.upper(),),
        nation=False,
        title=("DANH SÁCH CƠ QUAN, ĐƠN VỊ, ĐỊA PHƯƠNG", "ĐƯỢC XÁC ĐỊNH CHỈ SỐ"),
    )
    kinds = [Row(["Cấp", ident, name]) for ident, name in prov.levels.items()] + [
        Row(["Nhóm xếp hạng", ident, name]) for ident, name in prov.groups.items()
    ]
    guide = Page(
        "Hướng dẫn",
        [Column("Loại", 16), Column("Mã", 12), Column("Tên", 50, text=True)],
        kinds,
        nation=False,
        landscape=False,
        title=("CẤP ĐƠN VỊ VÀ NHÓM XẾP HẠNG (province.yaml)",),
        notes=NOTES,
    )
    return [units, guide]


# On the second sheet: the first stays free to type under its header row.
NOTES = (
    "Trang 'Đơn vị': mỗi đơn vị một dòng. Để trống 'Mã đơn vị' thì hệ thống tạo mã từ tên (bỏ dấu), ví dụ "
    "'UBND xã Hòa Bình' → xa-hoa-binh.",
    "'Cấp' và 'Nhóm xếp hạng' ghi mã hoặc tên như bảng trên ('Nhóm xếp hạng' để trống: nhóm cùng mã với cấp); "
    "'Đơn vị cấp trên' và 'Đơn vị tiền thân' ghi tên hoặc mã (nhiều đơn vị tiền thân cách nhau bằng dấu ;).",
    "Đơn vị sáp nhập: đơn vị cũ ghi 'Đến năm' là năm cuối cùng; đơn vị mới ghi 'Từ năm' là năm sau đó và "
    "'Đơn vị tiền thân' là các đơn vị cũ.",
    "Tài khoản: tài khoản trên máy chủ Git được nộp hồ sơ cho đơn vị, nhiều tài khoản cách nhau bằng dấu phẩy.",
    "Nhập bằng lệnh: cchc units import <tệp>.",
)
