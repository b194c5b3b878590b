"""Open an officer's spreadsheet, CSV or Word file safely: ``read(path, shown)``.

The one door through which the officer's tools (``cchc criteria import``, ``cchc survey
import``, and any other command that imports a table) read .xlsx/.xlsm, .csv/.txt and
.docx files. It returns the file's grids (sheets.Grid: rows of cleaned cell values, each
row numbered as Excel or Word numbers it) or findings saying, in Vietnamese, why the file
is refused: never both, and never an exception, whatever the file holds.

Bounded (limits.py), each limit checked before the part it bounds is parsed:
- the file's size; in a zip (.xlsx, .docx): its table of contents, the number of parts,
  each part's unpacked size, their total and the compression ratio, from the zip
  directory before anything is unpacked;
- rows, columns and cells of every sheet, the number of sheets, Word tables and
  paragraphs, streamed by ooxml_scan before openpyxl or python-docx reads them; CSV rows
  and columns.

Faithful: only what the officer sees and typed is imported. Formula cells, hidden sheets,
rows and columns holding data (xlsx_in), and in Word tables fields and hidden text, are
refused with their place and how to fix them.

Finding codes: officer-file-format, officer-file-missing, officer-file-unreadable,
officer-file-too-large, officer-sheet-too-large, officer-formula, officer-hidden.

Usage::

    grids, found = safe_open.read(path, "units.xlsx")
    if found:  # refused: show the findings, write nothing
        ...
"""

from __future__ import annotations

import csv
import io
import os
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import findings
from ..findings import Finding
from . import ooxml_scan
from .limits import (
    MAX_BINARY,
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_DIRECTORY,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_ROWS,
    MAX_SHEET_XML,
    MAX_UNPACKED,
    MAX_XML,
    MAX_XML_TOTAL,
    RATIO_FROM,
    Overflow,
    size,
    vn,
)
from .ooxml_scan import DocScan, Malformed
from .sheets import Grid, Read, Rows, clean, file_problem, overflow, problem, trim

_UNSUPPORTED = {
    ".xls": "Excel 97-2003 (.xls)",
    ".ods": "LibreOffice Calc (.ods)",
    ".doc": "Word 97-2003 (.doc)",
    ".odt": "LibreOffice Writer (.odt)",
    ".pdf": "PDF",
}
_REBUILD = (
    "Tệp có thể bị hỏng hoặc được tạo bất thường: mở tệp bằng Excel/Word, chép riêng bảng cần nhập sang "
    "một tệp mới rồi nhập tệp đó."
)
_XML = (".xml", ".rels", ".vml")


# ── the zip container ───────────────────────────────────────────────────────
def _directory(path: Path, shown: str) -> list[Finding]:
    """The zip's end record, read before zipfile loads its table of contents (one object
    per part): a file of a few megabytes could list hundreds of thousands of parts."""
    with path.open("rb") as fh:
        end = fh.seek(0, os.SEEK_END)
        fh.seek(max(0, end - 22 - 0xFFFF))  # the end record (22 bytes) and at most a 64 KB comment
        tail = fh.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return []  # not a zip: zipfile says so
    parts, directory = struct.unpack("<HI", tail[at + 10 : at + 16])
    if parts > MAX_MEMBERS or directory > MAX_DIRECTORY:
        return [
            findings.error(
                "officer-file-too-large",
                shown,
                f"Tệp nén chứa quá nhiều phần (giới hạn {vn(MAX_MEMBERS)} phần).",
                _REBUILD,
            )
        ]
    return []


def _part_limit(name: str) -> int:
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return MAX_SHEET_XML  # read as a stream
    return MAX_XML if name.endswith(_XML) else MAX_BINARY


def _members(zf: zipfile.ZipFile, shown: str) -> list[Finding]:
    """Each part's unpacked size as the zip directory declares it (zipfile never unpacks
    more than that), against the limits, before any part is unpacked."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        return [
            findings.error(
                "officer-file-too-large",
                shown,
                f"Tệp nén chứa {vn(len(infos))} phần, vượt giới hạn {vn(MAX_MEMBERS)} phần.",
                _REBUILD,
            )
        ]
    total = xml = 0
    for info in infos:
        name, unpacked = info.filename, info.file_size
        limit = _part_limit(name)
        if unpacked > limit:
            message = f"Phần '{name}' trong tệp giải nén ra {size(unpacked)}, vượt giới hạn {size(limit)}."
        elif unpacked >= RATIO_FROM and unpacked > MAX_RATIO * max(info.compress_size, 1):
            message = (
                f"Phần '{name}' nén bất thường: {size(info.compress_size)} giải nén ra {size(unpacked)} "
                f"(gấp hơn {vn(MAX_RATIO)} lần)."
            )
        else:
            total += unpacked
            xml += unpacked if name.endswith(_XML) and limit == MAX_XML else 0
            if total <= MAX_UNPACKED and xml <= MAX_XML_TOTAL:
                continue
            message = (
                f"Tệp giải nén ra hơn {size(MAX_UNPACKED)}."
                if total > MAX_UNPACKED
                else f"Các phần XML của tệp giải nén ra hơn {size(MAX_XML_TOTAL)}."
            )
        return [findings.error("officer-file-too-large", shown, message, _REBUILD)]
    return []


def _ooxml(path: Path, shown: str, inside: Callable[[Path, str, zipfile.ZipFile], Read]) -> Read:
    found = _directory(path, shown)
    if found:
        return [], found
    with zipfile.ZipFile(path) as zf:
        found = _members(zf, shown)
        return ([], found) if found else inside(path, shown, zf)


def _xlsx(path: Path, shown: str) -> Read:
    from .xlsx_in import read_xlsx

    return _ooxml(path, shown, read_xlsx)


# ── Word ────────────────────────────────────────────────────────────────────
def _main_part(zf: zipfile.ZipFile) -> str:
    """The document part, found as python-docx finds it (the package relationship)."""
    from lxml import etree

    root = etree.fromstring(zf.read("_rels/.rels"), etree.XMLParser(resolve_entities=False, no_network=True))
    for rel in root:
        if str(rel.get("Type", "")).endswith("/officeDocument"):
            return str(rel.get("Target", "")).lstrip("/")
    raise Malformed("no document part")


_FIELDS_HINT = "Chuyển các trường thành chữ thường: chọn cả bảng rồi bấm Ctrl+Shift+F9, lưu tệp rồi nhập lại."
_HIDDEN_HINT = (
    "Hiện chữ ẩn (Home → nút ¶), kiểm tra rồi xoá chữ không cần nhập hoặc bỏ định dạng ẩn "
    "(Font → bỏ chọn Hidden). Chỉ nhập những gì nhìn thấy được."
)


def _doc_findings(shown: str, scan: DocScan) -> list[Finding]:
    """Word fields and hidden text in the tables: one finding each, at the first cell that has them."""
    fields, hidden = scan.fields, scan.hidden
    found = [
        (
            fields,
            "officer-formula",
            "ô có trường tính toán (field) của Word, không phải chữ đã nhập: kết quả Word lưu kèm có thể đã cũ"
            + (f" (cả bảng có {vn(fields.count)} trường)" if fields.count > 1 else ""),
            _FIELDS_HINT,
        ),
        (
            hidden,
            "officer-hidden",
            "ô có chữ bị ẩn (Hidden) mà người xem không thấy"
            + (f" (cùng {vn(hidden.count - 1)} đoạn chữ ẩn khác)" if hidden.count > 1 else ""),
            _HIDDEN_HINT,
        ),
    ]
    return [
        problem(code, Grid(shown, f"Bảng {mark.table}", "table", ()), mark.row, mark.column, f"{message}.", hint)
        for mark, code, message, hint in found
        if mark.count
    ]


def _tables(path: Path, shown: str) -> list[Grid]:
    from docx import Document
    from docx.table import _Cell

    grids = []
    for t, table in enumerate(Document(str(path)).tables, 1):
        rows = []
        for number, tr in enumerate(table._tbl.tr_lst, 1):
            values: list[Any] = []
            for tc in tr.tc_lst:
                # A vertically merged cell repeats the text above it in python-docx: read it as
                # empty, like Excel does for merged cells; a horizontal span fills its columns.
                text = None if tc.vMerge == "continue" else clean(_Cell(tc, table).text)
                values.extend([text] + [None] * (max(tc.grid_span, 1) - 1))
            cells = trim(values)
            if cells:
                rows.append((number, cells))
        grids.append(Grid(shown, f"Bảng {t}", "table", tuple(rows)))
    return grids


def _read_docx(path: Path, shown: str, zf: zipfile.ZipFile) -> Read:
    try:
        with zf.open(_main_part(zf)) as src:
            scan = ooxml_scan.scan_document(src)
    except Overflow as o:
        if o.table:
            return [], [overflow("officer-sheet-too-large", Grid(shown, f"Bảng {o.table}", "table", ()), o)]
        return [], [
            findings.error(
                "officer-file-too-large",
                shown,
                f"Tệp có hơn {vn(o.limit)} {o.what}, vượt giới hạn {vn(o.limit)} {o.what}.",
                "Chép riêng bảng cần nhập sang một tệp Word mới rồi nhập tệp đó.",
            )
        ]
    found = _doc_findings(shown, scan)
    return ([], found) if found else (_tables(path, shown), [])


def _docx(path: Path, shown: str) -> Read:
    return _ooxml(path, shown, _read_docx)


# ── CSV ─────────────────────────────────────────────────────────────────────
def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV (Comma delimited)" on a Vietnamese Windows writes code page 1258.
        text = raw.decode("cp1258")
    return unicodedata.normalize("NFC", text)


def _too_wide(text: str, delimiter: str) -> None:
    """csv builds each record whole: refuse a line of a million separators before it does
    (a quoted text may hold separators, hence the margin)."""
    for number, line in enumerate(io.StringIO(text), 1):
        if line.count(delimiter) >= 4 * MAX_COLUMNS:
            raise Overflow("cột", line.count(delimiter) + 1, MAX_COLUMNS, row=number)


def _csv_rows(text: str, dialect: type[csv.Dialect] | csv.Dialect) -> Rows:
    rows = []
    for number, values in enumerate(csv.reader(io.StringIO(text), dialect), 1):
        beyond = next((c for c, v in enumerate(values[MAX_COLUMNS:], MAX_COLUMNS + 1) if v.strip()), None)
        if beyond:
            raise Overflow("cột", len(values), MAX_COLUMNS, row=number, column=beyond)
        cells = trim(clean(v) for v in values)
        if cells and number > MAX_ROWS:
            raise Overflow("dòng", number, MAX_ROWS, row=number)
        if cells:
            rows.append((number, cells))
    return tuple(rows)


def _csv(path: Path, shown: str) -> Read:
    text = _decode(path.read_bytes())
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    grid = Grid(shown, path.name, "csv", ())
    try:
        _too_wide(text, dialect.delimiter)
        return [Grid(shown, path.name, "csv", _csv_rows(text, dialect))], []
    except Overflow as o:
        return [], [overflow("officer-sheet-too-large", grid, o)]


# ── the door ────────────────────────────────────────────────────────────────
_READERS = {".xlsx": _xlsx, ".xlsm": _xlsx, ".csv": _csv, ".txt": _csv, ".docx": _docx}


def read(path: Path, shown: str | None = None) -> Read:
    """Every grid of an officer's file, or the findings refusing it (``shown`` names the
    file in findings; the path by default)."""
    shown = shown or str(path)
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        return [], [
            file_problem(
                "officer-file-format",
                shown,
                f"Không đọc được tệp định dạng {_UNSUPPORTED[suffix]}.",
                "Mở tệp bằng Excel/Word hoặc LibreOffice rồi lưu lại thành .xlsx (bảng tính) "
                "hoặc .docx (văn bản Word).",
            )
        ]
    reader = _READERS.get(suffix)
    if reader is None:
        return [], [
            file_problem(
                "officer-file-format",
                shown,
                f"Không nhận dạng được loại tệp '{path.name}'.",
                "Dùng tệp Excel (.xlsx), CSV (.csv) hoặc Word (.docx).",
            )
        ]
    try:
        if path.stat().st_size > MAX_BYTES:
            return [], [
                file_problem(
                    "officer-file-too-large",
                    shown,
                    f"Tệp quá lớn (hơn {size(MAX_BYTES)}).",
                    "Chỉ giữ lại trang tính cần nhập, xoá hình ảnh và trang thừa.",
                )
            ]
        return reader(path, shown)
    except FileNotFoundError:
        return [], [
            file_problem("officer-file-missing", shown, "Không tìm thấy tệp.", "Kiểm tra lại đường dẫn và tên tệp.")
        ]
    except Exception as exc:
        return [], [
            file_problem(
                "officer-file-unreadable",
                shown,
                f"Tệp bị hỏng hoặc không đúng định dạng ({type(exc).__name__}).",
                "Mở tệp bằng Excel/Word hoặc LibreOffice, kiểm tra nội dung rồi lưu lại.",
            )
        ]
