"""Excel workbooks read as the officer sees them, within the limits.

Before openpyxl reads a sheet, ooxml_scan streams it: a sheet that declares or holds more
rows, columns or cells than the limits is refused without being read (openpyxl would pad
every row to the declared extent). Then only what the officer sees and typed is imported:

- a formula cell is refused: the value Excel stored with it may be stale, or absent when
  another program wrote the file; the officer pastes values instead;
- a hidden or very hidden sheet holding data is refused (an empty one changes nothing and
  is ignored), and so are hidden rows and columns holding data;
- a visible sheet is read with every row numbered as Excel numbers it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import findings
from ..findings import Finding
from . import ooxml_scan
from .limits import MAX_SHEETS, MAX_XML, MAX_XML_TOTAL, Overflow, size, vn
from .ooxml_scan import Malformed, Mark, SheetScan
from .sheets import Grid, Read, Rows, clean, overflow, problem, trim

_REBUILD = (
    "Tệp có thể bị hỏng hoặc được tạo bất thường: mở bằng Excel, chép riêng bảng cần nhập (Dán đặc "
    "biệt → Giá trị) sang một tệp mới rồi nhập tệp đó."
)


@dataclass(frozen=True)
class _Sheet:
    name: str
    state: str  # visible, hidden, veryHidden
    target: str  # the worksheet part in the zip


def _parts_named(zf: zipfile.ZipFile) -> tuple[str, str | None]:
    """The workbook part and the shared strings part, found as openpyxl finds them (the
    package's content types)."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS, XLSM, XLSX, XLTM, XLTX
    from openpyxl.xml.functions import fromstring

    manifest = Manifest.from_tree(fromstring(zf.read(ARC_CONTENT_TYPES)))
    strings = manifest.find(SHARED_STRINGS)
    for kind in (XLTM, XLTX, XLSM, XLSX):
        part = manifest.find(kind)
        if part:
            return str(part.PartName).lstrip("/"), str(strings.PartName).lstrip("/") if strings else None
    raise Malformed("no workbook part")


def _strings(zf: zipfile.ZipFile, part: str | None, shown: str) -> list[Finding]:
    if part is None or part not in zf.namelist():
        return []
    try:
        with zf.open(part) as src:
            ooxml_scan.scan_strings(src)
    except Overflow as o:
        return [
            findings.error(
                "officer-file-too-large",
                shown,
                f"Một ô chữ của tệp có hơn {vn(o.limit)} {o.what}, vượt giới hạn.",
                _REBUILD,
            )
        ]
    return []


def _sheets(zf: zipfile.ZipFile, shown: str) -> tuple[list[_Sheet], list[Finding]]:
    """The worksheets openpyxl would read, counted before it reads the workbook part."""
    from openpyxl.reader.workbook import WorkbookParser

    part, strings = _parts_named(zf)
    try:
        with zf.open(part) as src:
            ooxml_scan.count_sheets(src, MAX_SHEETS)
    except Overflow as o:
        return [], [
            findings.error(
                "officer-file-too-large",
                shown,
                f"Tệp có hơn {vn(o.limit)} trang tính, vượt giới hạn {vn(o.limit)} trang.",
                "Chỉ giữ lại trang cần nhập (xoá các trang thừa), hoặc chép bảng cần nhập sang một tệp mới.",
            )
        ]
    parser = WorkbookParser(zf, part, keep_links=False)
    parser.parse()
    names = set(zf.namelist())
    sheets = [
        _Sheet(sheet.name, sheet.state or "visible", rel.target)
        for sheet, rel in parser.find_sheets()
        if rel.target in names and "chartsheet" not in rel.Type
    ]
    if len({s.target for s in sheets}) != len(sheets):
        raise Malformed("two sheets share a part")  # Excel never writes it; each would be read again
    return sheets, _strings(zf, strings, shown)


def _parts(zf: zipfile.ZipFile, sheets: list[_Sheet], shown: str) -> list[Finding]:
    """XML parts other than worksheets are held whole in memory: bound them (safe_open bounded
    parts by their names; here the worksheets are known)."""
    targets = {s.target for s in sheets}
    total = 0
    for info in zf.infolist():
        if info.filename in targets or not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        total += info.file_size
        if info.file_size > MAX_XML or total > MAX_XML_TOTAL:
            return [
                findings.error(
                    "officer-file-too-large",
                    shown,
                    f"Phần '{info.filename}' trong tệp giải nén ra {size(info.file_size)}; các phần "
                    f"không phải trang tính được tối đa {size(MAX_XML)} mỗi phần, "
                    f"{size(MAX_XML_TOTAL)} tất cả.",
                    _REBUILD,
                )
            ]
    return []


def _scan(zf: zipfile.ZipFile, sheets: list[_Sheet], shown: str) -> tuple[dict[str, SheetScan], list[Finding]]:
    scans, found = {}, []
    for sheet in sheets:
        try:
            with zf.open(sheet.target) as src:
                scans[sheet.target] = ooxml_scan.scan_sheet(src)
        except Overflow as o:
            found.append(overflow("officer-sheet-too-large", Grid(shown, sheet.name, "sheet", ()), o))
    return scans, found


def _note(mark: Mark, row: int, column: int) -> None:
    mark.count += 1
    if mark.count == 1:
        mark.row, mark.column = row, column


_UNHIDE = (
    "Hiện các dòng, cột ẩn (chọn cả trang → chuột phải vào tiêu đề dòng/cột → Unhide; bỏ lọc nếu có), kiểm "
    "tra rồi xoá dữ liệu không cần nhập. Chỉ nhập những gì nhìn thấy được."
)


def _hidden(grid: Grid, rows: Mark, columns: Mark) -> list[Finding]:
    out = []
    if rows.count:
        out.append(_hidden_data(grid, rows, f"dòng {rows.row}", "dòng ẩn khác có dữ liệu"))
    if columns.count:
        out.append(_hidden_data(grid, columns, f"cột {grid.column_name(columns.column)}", "ô khác trong cột ẩn"))
    return out


def _hidden_data(grid: Grid, mark: Mark, what: str, others: str) -> Finding:
    """Data in a hidden row or column: the first cell found, and how many more."""
    more = f" (cùng {vn(mark.count - 1)} {others})" if mark.count > 1 else ""
    return problem("officer-hidden", grid, mark.row, mark.column, f"{what} đang bị ẩn nhưng có dữ liệu{more}.", _UNHIDE)


def _formulas(grid: Grid, scan: SheetScan) -> list[Finding]:
    if not scan.formulas or scan.first_formula is None:
        return []
    row, column, text = scan.first_formula
    more = f"; trang này có {vn(scan.formulas)} ô công thức" if scan.formulas > 1 else ""
    return [
        problem(
            "officer-formula",
            grid,
            row,
            column,
            f"ô là công thức ={text}, không phải số liệu đã nhập: giá trị Excel lưu kèm có thể đã cũ, hoặc "
            f"trống khi tệp do chương trình khác tạo{more}.",
            "Hãy dán dạng giá trị: chọn vùng dữ liệu, Sao chép (Ctrl+C) rồi Dán đặc biệt → Giá trị (Paste "
            "Special → Values), lưu tệp rồi nhập lại.",
        )
    ]


def _read(ws: Any, scan: SheetScan, grid: Grid) -> tuple[Rows, list[Finding]]:
    """The sheet's rows, and findings on what the officer cannot see."""
    ws.reset_dimensions()  # rows as the file holds them, not padded to a declared extent
    rows, hidden_rows, hidden_columns = [], Mark(), Mark()
    columns = sorted(scan.hidden_columns)
    for number, values in enumerate(ws.iter_rows(values_only=True), 1):
        cells = trim(clean(v) for v in values)
        if not cells:
            continue
        rows.append((number, cells))
        if number in scan.hidden_rows:
            _note(hidden_rows, number, next(c for c, v in enumerate(cells, 1) if v is not None))
        for column in columns:
            if column <= len(cells) and cells[column - 1] is not None:
                _note(hidden_columns, number, column)
    return tuple(rows), _formulas(grid, scan) + _hidden(grid, hidden_rows, hidden_columns)


def _hidden_sheet(grid: Grid, state: str) -> list[Finding]:
    if not grid.rows:
        return []  # nothing in it to import or to miss
    how = "ẩn kiểu Very Hidden (không hiện được từ menu Excel)" if state == "veryHidden" else "bị ẩn"
    return [
        problem(
            "officer-hidden",
            grid,
            grid.rows[0][0],
            None,
            f"trang này đang {how} nhưng có dữ liệu: chỉ nhập những trang nhìn thấy được.",
            "Hiện trang (chuột phải vào tên trang → Unhide) rồi xoá nếu không dùng, hoặc chép riêng bảng cần "
            "nhập sang một tệp mới.",
        )
    ]


def read_xlsx(path: Path, shown: str, zf: zipfile.ZipFile) -> Read:
    """The visible sheets of a workbook whose zip safe_open has checked."""
    from openpyxl import load_workbook

    sheets, found = _sheets(zf, shown)
    found = found or _parts(zf, sheets, shown)
    if found:
        return [], found
    scans, found = _scan(zf, sheets, shown)
    if found:
        return [], found
    wb = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        grids = []
        for sheet in sheets:
            grid = Grid(shown, sheet.name, "sheet", ())
            rows, seen = _read(wb[sheet.name], scans[sheet.target], grid)
            grid = Grid(shown, sheet.name, "sheet", rows)
            if sheet.state == "visible":
                grids.append(grid)
                found.extend(seen)
            else:
                found.extend(_hidden_sheet(grid, sheet.state))
        return ([], found) if found else (grids, [])
    finally:
        wb.close()
