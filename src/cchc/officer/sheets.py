"""Read Excel sheets, CSV files and Word tables into plain grids that keep their locations.

A Grid is one sheet (Excel), one table (Word) or the whole file (CSV): rows of cell
values numbered as the officer's program numbers them, so that every problem can name
the sheet, the row and the column. Cells are text (stripped, NFC), exact numbers
(int or Decimal, never float) or None.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from .. import findings

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200

_UNSUPPORTED = {
    ".xls": "Excel 97-2003 (.xls)", ".ods": "LibreOffice Calc (.ods)", ".doc": "Word 97-2003 (.doc)",
    ".odt": "LibreOffice Writer (.odt)", ".pdf": "PDF",
}


@dataclass(frozen=True)
class Grid:
    file: str  # the file as findings name it
    name: str  # the sheet's name, or "Bảng 2" for the second Word table
    kind: str  # "sheet", "table" or "csv"
    rows: tuple  # ((row number, (cell, …)), …)

    def column_name(self, col: int) -> str:
        """Excel and CSV columns are letters (A, B, …); Word columns are counted (1, 2, …)."""
        from openpyxl.utils import get_column_letter  # here: commands that read no sheet skip openpyxl

        return str(col) if self.kind == "table" else get_column_letter(col)

    def where(self, row: int, col: int | None = None, header: str | None = None) -> str:
        place = {"sheet": f"Trang '{self.name}', dòng {row}", "table": f"{self.name}, dòng {row}",
                 "csv": f"Dòng {row}"}[self.kind]
        if col:
            place += f", cột {self.column_name(col)}" + (f" ({header})" if header else "")
        return place


def problem(code: str, grid: Grid, row: int, col: int | None, message: str, hint: str = "", *,
            header: str | None = None, warn: bool = False, criterion: str | None = None):
    """A finding located in a grid: the message starts with the sheet, row and column."""
    make = findings.warning if warn else findings.error
    return make(code, grid.file, f"{grid.where(row, col, header)}: {message}", hint,
                line=row, column=col or 0, criterion=criterion)


def file_problem(code: str, file: str, message: str, hint: str):
    return findings.error(code, file, message, hint)


def _cell(value):
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        # Excel stores binary floats: 0.1 + 0.2 arrives as 0.30000000000000004.
        exact = Decimal(repr(value))
        return exact.quantize(Decimal("0.000001")).normalize() if exact.as_tuple().exponent < -6 else exact
    if isinstance(value, Decimal):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\xa0", " ").strip()
    return text or None


def _trim(cells) -> tuple:
    cells = list(cells)[:MAX_COLUMNS]
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def _xlsx(path: Path, shown: str) -> list[Grid]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        grids = []
        for ws in wb.worksheets:
            rows = []
            for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), 1):
                if number > MAX_ROWS:
                    break
                cells = _trim(_cell(v) for v in values)
                if cells:
                    rows.append((number, cells))
            grids.append(Grid(shown, ws.title, "sheet", tuple(rows)))
        return grids
    finally:
        wb.close()


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV (Comma delimited)" on a Vietnamese Windows writes code page 1258.
        text = raw.decode("cp1258")
    return unicodedata.normalize("NFC", text)


def _csv(path: Path, shown: str) -> list[Grid]:
    text = _decode(path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for number, values in enumerate(csv.reader(io.StringIO(text), dialect), 1):
        if number > MAX_ROWS:
            break
        cells = _trim(_cell(v) for v in values)
        if cells:
            rows.append((number, cells))
    return [Grid(shown, path.name, "csv", tuple(rows))]


def _docx(path: Path, shown: str) -> list[Grid]:
    from docx import Document
    from docx.table import _Cell

    grids = []
    for t, table in enumerate(Document(str(path)).tables, 1):
        rows = []
        for number, tr in enumerate(table._tbl.tr_lst, 1):
            cells = []
            for tc in tr.tc_lst:
                # A vertically merged cell repeats the text above it in python-docx: read it as
                # empty, like Excel does for merged cells; a horizontal span fills its columns.
                text = None if tc.vMerge == "continue" else _cell(_Cell(tc, table).text)
                cells.extend([text] + [None] * (max(tc.grid_span, 1) - 1))
            cells = _trim(cells)
            if cells:
                rows.append((number, cells))
        grids.append(Grid(shown, f"Bảng {t}", "table", tuple(rows)))
    return grids


_READERS = {".xlsx": _xlsx, ".xlsm": _xlsx, ".csv": _csv, ".txt": _csv, ".docx": _docx}


def read(path: Path, shown: str | None = None) -> tuple[list[Grid], list]:
    """Every grid of a file, or findings saying why it cannot be read."""
    shown = shown or str(path)
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        return [], [file_problem("officer-file-format", shown,
                                 f"Không đọc được tệp định dạng {_UNSUPPORTED[suffix]}.",
                                 "Mở tệp bằng Excel/Word hoặc LibreOffice rồi lưu lại thành .xlsx (bảng tính) "
                                 "hoặc .docx (văn bản Word).")]
    reader = _READERS.get(suffix)
    if reader is None:
        return [], [file_problem("officer-file-format", shown, f"Không nhận dạng được loại tệp '{path.name}'.",
                                 "Dùng tệp Excel (.xlsx), CSV (.csv) hoặc Word (.docx).")]
    try:
        if path.stat().st_size > MAX_BYTES:
            return [], [file_problem("officer-file-too-large", shown,
                                     f"Tệp quá lớn (hơn {MAX_BYTES // (1024 * 1024)} MB).",
                                     "Chỉ giữ lại trang tính cần nhập, xoá hình ảnh và trang thừa.")]
        return reader(path, shown), []
    except FileNotFoundError:
        return [], [file_problem("officer-file-missing", shown, "Không tìm thấy tệp.",
                                 "Kiểm tra lại đường dẫn và tên tệp.")]
    except Exception as exc:  # noqa: BLE001 - a damaged file fails deep inside zipfile/openpyxl/python-docx
        return [], [file_problem("officer-file-unreadable", shown,
                                 f"Tệp bị hỏng hoặc không đúng định dạng ({type(exc).__name__}).",
                                 "Mở tệp bằng Excel/Word hoặc LibreOffice, kiểm tra nội dung rồi lưu lại.")]
