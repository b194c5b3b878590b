"""`cchc criteria export`: a framework → its annex in the official table layout (Excel, Word).

The "Phụ lục" page is the annex as a decision prints it (STT, Lĩnh vực/Tiêu chí/Tiêu chí
thành phần, Điểm tối đa, Phương pháp chấm, Tài liệu kiểm chứng) plus the columns the
system needs to read it back exactly (N/A allowed, evidence required, figure names); the
"Thông tin" page holds the decision's details and the classification bands. Importing
the export gives back the same framework.
"""

from __future__ import annotations

from ..rules import KINDS
from . import framework_meta
from .layout import Column, Page, Row

COLUMNS = [
    Column("STT", 8),
    Column("Lĩnh vực/Tiêu chí/Tiêu chí thành phần", 48, text=True),
    Column("Điểm tối đa", 10),
    Column("Phương pháp chấm", 52, text=True),
    Column("Tài liệu kiểm chứng", 34, text=True),
    Column("Được khai không áp dụng", 12),
    Column("Bắt buộc có tài liệu kiểm chứng", 14),
    Column("Số liệu đạt được", 26, text=True),
    Column("Số liệu tổng", 26, text=True),
]


def vn_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def _row(node) -> Row:
    if node.children:
        return Row([node.code, node.title, node.max, None, None, None, None, None, None], bold=node.depth == 1)
    rule = node.rule
    figures = rule.params.get("figures") or {}
    return Row(
        [
            node.code,
            node.title,
            node.max,
            rule.text or KINDS[rule.kind].describe(node),
            "\n".join(node.evidence) or None,
            "x" if node.na_allowed else None,
            "x" if node.evidence_required else None,
            figures.get("achieved"),
            figures.get("total"),
        ]
    )


def pages(fw) -> list:
    annex = Page(
        "Phụ lục",
        COLUMNS,
        [_row(n) for n in fw.nodes()] + [Row([None, "Tổng điểm", fw.max], bold=True)],
        agency=(fw.legal_issuer.upper(),),
        title=("PHỤ LỤC", fw.title.upper()),
        subtitle=(f"(Kèm theo Quyết định số {fw.legal_number} ngày {vn_date(fw.legal_date)} của {fw.legal_issuer})",),
    )
    values = {
        "id": fw.id,
        "level": fw.level,
        "title": fw.title,
        "number": fw.legal_number,
        "date": vn_date(fw.legal_date),
        "issuer": fw.legal_issuer,
        "precision": fw.precision,
        "sample": "Có" if fw.sample else None,
    }
    rows = [Row([label, values[name]]) for name, label in framework_meta.FIELDS if values[name] is not None]
    rows.append(Row([framework_meta.BANDS_LABEL, None], bold=True))
    rows.extend(Row([b.label, b.min]) for b in fw.bands)
    info = Page(
        "Thông tin",
        [Column("Thông tin", 36, text=True), Column("Giá trị", 90, text=True)],
        rows,
        nation=False,
        landscape=False,
    )
    return [annex, info]
