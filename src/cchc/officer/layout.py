"""Official tables as data; officer.excel and officer.word render them.

A Page is what an administrative table looks like on paper: the issuing agency on the
left and the national name and motto on the right, a centred title, the table with its
header row, notes, and a signature block. The same Page renders to both formats, so the
Excel and Word files of one export always hold the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model.numbers import fmt

NATION = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
FONT = "Times New Roman"


@dataclass
class Column:
    title: str
    width: float  # Excel character widths; Word scales them to the page
    places: int | None = None  # decimals shown for numbers (None: as exact as they are)
    text: bool = False  # long text: left-aligned, wrapped


@dataclass
class Row:
    cells: list
    bold: bool = False


@dataclass
class Page:
    name: str  # sheet name in Excel (at most 31 characters)
    columns: list
    rows: list
    agency: tuple = ()
    nation: bool = True
    title: tuple = ()
    subtitle: tuple = ()
    notes: tuple = ()
    signature: tuple = ()  # (place and date, role, "(Ký…)", name)
    landscape: bool = True


def ubnd(province_name: str) -> str:
    """'Tỉnh Mẫu' → 'UBND tỉnh Mẫu': the People's Committee of the province, as documents name it."""
    return f"UBND {province_name[:1].lower()}{province_name[1:]}" if province_name else "UBND"


def shown(value, places: int | None = None) -> str:
    """A cell as Word shows it: Vietnamese decimal comma."""
    if value is None:
        return ""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return fmt(Decimal(value), places).replace(".", ",")
    return str(value)


def styled(lines: tuple, kind: str) -> list:
    """(text, bold, italic) per line, as the blocks of an administrative document are set."""
    if kind == "agency":
        return [(t, i > 0 or len(lines) == 1, False) for i, t in enumerate(lines)]
    if kind == "signature":  # place and date, ROLE, (Ký, ghi rõ họ tên…), name
        return [(t, i == 1 or i >= 3, i in (0, 2)) for i, t in enumerate(lines)]
    return [(t, True, False) for t in lines]
