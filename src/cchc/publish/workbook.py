"""The year's results workbook (XLSX) from its plain contents (``data.xlsx_content``).

Written with XlsxWriter, a writer made for this: it keeps a cell as one small tuple until the
workbook is closed and writes the sheets' XML straight from them. With the collector thresholds
of a build (``heap.batch``) it makes a national year's workbook (two groups, about 500,000
cells) in 2.2–2.4 s of CPU, where openpyxl's write-only mode took 3.5–4.0 s. In memory, it
stamps every archive entry with one fixed date, so the same contents give the same bytes once
the document's own date is fixed too. (Its constant-memory mode is as fast, but goes through a
temporary file for every part of the archive.)

Text stays text whatever it looks like: every text cell is written as a string, and one a
spreadsheet would read as a formula once edited ('=…', '+…', '@…') carries Excel's quote prefix.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from .. import celltext
from ..celltext import NUMBER

__all__ = ["render"]

# What the document says it was made on: a fixed date, so equal contents give equal files.
_MADE = datetime(2000, 1, 1, tzinfo=UTC)
_TEXT_MAX = 32767  # the most characters a cell holds (Excel's limit; longer text is cut there)
_STYLES: dict[str, dict[str, Any]] = {
    "plain": {},
    "heading": {"bold": True, "font_size": 13},
    "header": {"bold": True, "text_wrap": True, "valign": "vcenter"},
    "label": {"bold": True},
}
_HEADER_ROW = 3  # counted from 0: the title, the standing, an empty row, then the header
_NAME_COLUMN_WIDTH = 34


def render(content: dict[str, Any]) -> bytes:
    """The workbook: one sheet per group (``content["sheets"]``), then "Thông tin"."""
    import xlsxwriter  # only when a workbook is made

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"created": _MADE})
    style = _styles(wb)
    titles: set[str] = set()
    for sheet in content["sheets"]:
        _group_sheet(wb.add_worksheet(_unique(sheet["title"], titles)), sheet, style)
    _info_sheet(wb.add_worksheet(_unique("Thông tin", titles)), content["info"], style)
    wb.close()
    return buf.getvalue()


def _styles(wb: Any) -> Callable[[str, bool], Any]:
    """(style name, quoted) → the workbook's format for it (None: the default one)."""
    made: dict[tuple[str, bool], Any] = {}

    def style(name: str, quoted: bool) -> Any:
        key = (name, quoted)
        if key not in made:
            props = {**_STYLES[name], **({"quote_prefix": True} if quoted else {})}
            made[key] = wb.add_format(props) if props else None
        return made[key]

    return style


def _group_sheet(ws: Any, sheet: dict[str, Any], style: Callable[[str, bool], Any]) -> None:
    ws.freeze_panes(_HEADER_ROW + 1, 3)  # rank, code and name stay in view (D5)
    ws.set_column(2, 2, _NAME_COLUMN_WIDTH)
    _text(ws, 0, 0, sheet["heading"], style, "heading")
    _text(ws, 1, 0, sheet["standing"], style)
    for col, text in enumerate(sheet["header"]):
        _text(ws, _HEADER_ROW, col, text, style, "header")
    for r, row in enumerate(sheet["rows"], start=_HEADER_ROW + 1):
        for col, value in enumerate(row):
            _value(ws, r, col, value, style)


def _value(ws: Any, row: int, col: int, value: Any, style: Callable[[str, bool], Any]) -> None:
    """A table value: a number, or a number written as text (85.10), as a number; other text as
    text; nothing for None."""
    if value is None:
        return
    number = _number(value)
    if number is not None:
        ws.write_number(row, col, number)
    else:
        _text(ws, row, col, str(value), style)


def _number(value: Any) -> float | None:
    """The number a cell holds for ``value`` (the nearest float, as float(Decimal(text)) gives),
    or None: text that is not a number, and one with too many digits for a finite float (a
    cell holds no infinity), stays text."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    if isinstance(value, str) and not NUMBER.fullmatch(value):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        return None
    return number if math.isfinite(number) else None


def _text(ws: Any, row: int, col: int, value: str, style: Callable[[str, bool], Any], name: str = "plain") -> None:
    text = celltext.printable(value)[:_TEXT_MAX]
    ws.write_string(row, col, text, style(name, celltext.looks_like_formula(value)))


def _info_sheet(ws: Any, lines: list[tuple[str, str]], style: Callable[[str, bool], Any]) -> None:
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 100)
    for row, (label, text) in enumerate(lines):
        _text(ws, row, 0, label, style, "label")
        _text(ws, row, 1, text, style)


def _unique(title: str, taken: set[str]) -> str:
    """``title``, or ``title`` cut and numbered when a sheet already has that name (Excel
    compares sheet names without case): two groups may share their first 31 characters."""
    number, name = 1, title
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = title[: 31 - len(suffix)].rstrip() + suffix
    taken.add(name.casefold())
    return name
