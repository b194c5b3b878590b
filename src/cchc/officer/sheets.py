"""Excel sheets, CSV files and Word tables as plain grids that keep their locations.

A Grid is one sheet (Excel), one table (Word) or the whole file (CSV): rows of cell
values numbered as the officer's program numbers them, so that every problem can name
the sheet, the row and the column. Cells are text (stripped, NFC), exact numbers
(int or Decimal, never float) or None. Files are opened by safe_open.read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from .. import findings
from .limits import MAX_COLUMNS, Overflow, vn

Rows = tuple[tuple[int, tuple[Any, ...]], ...]  # ((row number, (cell, …)), …)


@dataclass(frozen=True)
class Grid:
    file: str  # the file as findings name it
    name: str  # the sheet's name, or "Bảng 2" for the second Word table
    kind: str  # "sheet", "table" or "csv"
    rows: Rows

    def column_name(self, col: int) -> str:
        """Excel and CSV columns are letters (A, B, …); Word columns are counted (1, 2, …)."""
        from openpyxl.utils import get_column_letter  # here: commands that read no sheet skip openpyxl

        return str(col) if self.kind == "table" else get_column_letter(col)

    def where(self, row: int, col: int | None = None, header: str | None = None) -> str:
        place = {
            "sheet": f"Trang '{self.name}', dòng {row}",
            "table": f"{self.name}, dòng {row}",
            "csv": f"Dòng {row}",
        }[self.kind]
        if col:
            place += f", cột {self.column_name(col)}" + (f" ({header})" if header else "")
        return place


class Spot(NamedTuple):
    """Where an importer stands: the grid, its header (the importer's own kind) and the row."""

    grid: Grid
    header: Any
    row: int


def problem(
    code: str,
    grid: Grid,
    row: int,
    col: int | None,
    message: str,
    hint: str = "",
    *,
    header: str | None = None,
    warn: bool = False,
    criterion: str | None = None,
):
    """A finding located in a grid: the message starts with the sheet, row and column."""
    make = findings.warning if warn else findings.error
    return make(
        code,
        grid.file,
        f"{grid.where(row, col, header)}: {message}",
        hint,
        line=row,
        column=col or 0,
        criterion=criterion,
    )


def file_problem(code: str, file: str, message: str, hint: str):
    return findings.error(code, file, message, hint)


def clean(value: Any) -> Any:
    """A cell value as a Grid holds it."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        # Excel stores binary floats: 0.1 + 0.2 arrives as 0.30000000000000004.
        exact = Decimal(repr(value))
        exponent = exact.as_tuple().exponent  # 'n', 'N' or 'F' for a NaN or an infinity
        return exact.quantize(Decimal("0.000001")).normalize() if isinstance(exponent, int) and exponent < -6 else exact
    if isinstance(value, Decimal):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\xa0", " ").strip()
    return text or None


def trim(cells: Iterable[Any]) -> tuple[Any, ...]:
    """A row without its empty cells at the end (readers have refused rows wider than the limit)."""
    cells = list(cells)[:MAX_COLUMNS]
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def overflow(code: str, grid: Grid, found: Overflow) -> findings.Finding:
    """A limit passed in a sheet, a Word table or a CSV file."""
    amount = f"hơn {vn(found.limit)}" if found.least else vn(found.found)
    subject = {"sheet": "trang", "table": "bảng", "csv": "tệp"}[grid.kind]
    message = f"{subject} có {amount} {found.what}, vượt giới hạn {vn(found.limit)} {found.what}."
    hint = (
        "Chép riêng bảng cần nhập sang một tệp Word mới rồi nhập tệp đó."
        if grid.kind == "table"
        else "Xoá các dòng, cột thừa ở cuối trang (kể cả dòng, cột trống đã định dạng: chọn chúng → chuột phải → "
        "Delete), hoặc chép riêng bảng cần nhập sang một tệp mới."
    )
    if found.row:
        return problem(code, grid, found.row, found.column or None, message, hint)
    place = {"sheet": f"Trang '{grid.name}'", "table": grid.name, "csv": "Tệp"}[grid.kind]
    return findings.error(code, grid.file, f"{place}: {message}", hint)


Read = tuple[list[Grid], list[findings.Finding]]  # what a file gives: grids, or the findings refusing it


def read(path: Path, shown: str | None = None) -> Read:
    """Every grid of a file, or findings saying why it cannot be read: see safe_open.read."""
    from .safe_open import read as safe_read

    return safe_read(path, shown)
