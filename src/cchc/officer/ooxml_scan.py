"""Streaming scans of the XML inside .xlsx and .docx files, run before any library reads
them. Expat reports elements one by one (no tree is built, memory stays constant) and a
scan stops at the first limit passed, so a worksheet declaring 16,384 columns or a
document of a million empty paragraphs costs no more than reading up to that limit.

A scan also notes what the officer would not see or what is not a typed value: hidden rows
and columns, formula cells, and in Word tables fields (computed results) and hidden text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any
from xml.parsers import expat

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, range_boundaries

from .limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_PARAGRAPHS,
    MAX_ROW_ELEMENTS,
    MAX_ROWS,
    MAX_SHEET_ELEMENTS,
    MAX_STRING_ELEMENTS,
    MAX_TABLES,
    Overflow,
)

CHUNK = 64 * 1024
PARTS = "phần định dạng"  # what element budgets count, as the officer reads it
MAX_COL_RECORDS = 16_384  # Excel's column count: more column records than that is not a real file


class Malformed(ValueError):
    """XML that no Office program writes (a DTD, an impossible number)."""


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _attr(attrs: dict[str, str], name: str) -> str | None:
    """An attribute by its local name, whatever its namespace (w:val and val alike)."""
    for key, value in attrs.items():
        if _local(key) == name:
            return value
    return None


def _true(value: str | None) -> bool:
    return value in ("1", "true", "on")


def _number(value: str) -> int:
    """A row number or count as openpyxl reads it: '12' or '12.0'."""
    n = float(value)
    if not n.is_integer() or n < 0:
        raise Malformed(value)
    return int(n)


def _no_doctype(*_: Any) -> None:
    # Office XML never has a DTD; one can only be there to declare entities.
    raise Malformed("DOCTYPE")


def _run(stream: IO[bytes], scanner: Any) -> None:
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = scanner.start
    parser.EndElementHandler = scanner.end
    parser.CharacterDataHandler = scanner.text
    parser.StartDoctypeDeclHandler = _no_doctype
    while chunk := stream.read(CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


# ── worksheets ──────────────────────────────────────────────────────────────
@dataclass
class SheetScan:
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)  # within the first MAX_COLUMNS
    formulas: int = 0
    first_formula: tuple[int, int, str] | None = None  # row, column, formula text


class _Sheet:
    def __init__(self) -> None:
        self.out = SheetScan()
        self.row = self.column = self.rows = self.cells = self.cols = 0
        self.row_elements = self.elements = 0
        self.zero_height = self.in_data = False
        self.formula: list[str] | None = None
        self.formula_at = (0, 0)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        self.budget()
        if self.in_data:
            if tag == "c":
                self.cell(attrs.get("r"))
            elif tag == "row":
                self.new_row(attrs)
            elif tag == "f":
                self.formula_start()
        elif tag == "sheetData":
            self.in_data = True
        elif tag == "dimension":
            self.dimension(attrs.get("ref"))
        elif tag == "sheetFormatPr":
            self.zero_height = _true(attrs.get("zeroHeight"))  # rows are hidden unless given a height
        elif tag == "col":
            self.col(attrs)

    def end(self, name: str) -> None:
        tag = _local(name)
        if tag == "sheetData":
            self.in_data = False
        elif tag == "f" and self.formula is not None:
            self.out.first_formula = (*self.formula_at, "".join(self.formula)[:120])
            self.formula = None

    def text(self, data: str) -> None:
        if self.formula is not None and len(self.formula) < 200:
            self.formula.append(data)

    def budget(self) -> None:
        """openpyxl builds a row's elements, and the sheet's parts outside its cells, at once."""
        if self.in_data:
            self.row_elements += 1
            if self.row_elements > MAX_ROW_ELEMENTS:
                raise Overflow(PARTS, self.row_elements, MAX_ROW_ELEMENTS, row=self.row, least=True)
        else:
            self.elements += 1
            if self.elements > MAX_SHEET_ELEMENTS:
                raise Overflow(PARTS, self.elements, MAX_SHEET_ELEMENTS, least=True)

    def dimension(self, ref: str | None) -> None:
        """The extent the sheet declares: openpyxl pads every row to it, so refuse it first."""
        if not ref:
            return
        _, _, max_col, max_row = range_boundaries(ref)
        if (max_col or 0) > MAX_COLUMNS:
            raise Overflow("cột", max_col or 0, MAX_COLUMNS)
        if (max_row or 0) > MAX_ROWS:
            raise Overflow("dòng", max_row or 0, MAX_ROWS)

    def col(self, attrs: dict[str, str]) -> None:
        self.cols += 1
        if self.cols > MAX_COL_RECORDS:
            raise Malformed("col")
        width = attrs.get("width")
        if _true(attrs.get("hidden")) or (width is not None and float(width) == 0):
            low, high = _number(attrs["min"]), _number(attrs["max"])
            self.out.hidden_columns.update(range(max(low, 1), min(high, MAX_COLUMNS) + 1))

    def new_row(self, attrs: dict[str, str]) -> None:
        r = attrs.get("r")
        self.row = _number(r) if r else self.row + 1  # as openpyxl numbers rows
        self.column = self.row_elements = 0
        self.rows += 1
        if self.row > MAX_ROWS:
            raise Overflow("dòng", self.row, MAX_ROWS, row=self.row)
        if self.rows > MAX_ROWS:
            raise Overflow("dòng", self.rows, MAX_ROWS, least=True)
        height = attrs.get("ht")
        shown = float(height) != 0 if height is not None else not self.zero_height
        if _true(attrs.get("hidden")) or not shown:
            self.out.hidden_rows.add(self.row)

    def cell(self, ref: str | None) -> None:
        self.column = column_index_from_string(coordinate_from_string(ref)[0]) if ref else self.column + 1
        self.cells += 1
        if self.column > MAX_COLUMNS:
            raise Overflow("cột", self.column, MAX_COLUMNS, row=self.row, column=self.column)
        if self.cells > MAX_CELLS:
            raise Overflow("ô", self.cells, MAX_CELLS, row=self.row, least=True)

    def formula_start(self) -> None:
        self.out.formulas += 1
        if self.out.first_formula is None and self.formula is None:
            self.formula, self.formula_at = [], (self.row, self.column)


def scan_sheet(stream: IO[bytes]) -> SheetScan:
    """Hidden rows and columns and formula cells of a worksheet; Overflow past a limit."""
    scanner = _Sheet()
    _run(stream, scanner)
    return scanner.out


class _Count:
    def __init__(self, tag: str, parent: str, limit: int, what: str) -> None:
        self.tag, self.parent, self.limit, self.what = tag, parent, limit, what
        self.stack: list[str] = []
        self.n = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == self.tag and self.stack and self.stack[-1] == self.parent:
            self.n += 1
            if self.n > self.limit:
                raise Overflow(self.what, self.n, self.limit, least=True)
        self.stack.append(tag)

    def end(self, name: str) -> None:
        self.stack.pop()

    def text(self, data: str) -> None:
        pass


class _Strings:
    """Elements of each shared string: openpyxl builds one string's rich text runs at once."""

    def __init__(self) -> None:
        self.n = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "si":
            self.n = 0
        self.n += 1
        if self.n > MAX_STRING_ELEMENTS:
            raise Overflow(PARTS, self.n, MAX_STRING_ELEMENTS, least=True)

    def end(self, name: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


def scan_strings(stream: IO[bytes]) -> None:
    """Overflow when one shared string has more parts than a library should build at once."""
    _run(stream, _Strings())


def count_sheets(stream: IO[bytes], limit: int) -> int:
    """The sheets a workbook part lists; Overflow past ``limit``."""
    counter = _Count("sheet", "sheets", limit, "trang tính")
    _run(stream, counter)
    return counter.n


# ── Word documents ──────────────────────────────────────────────────────────
@dataclass
class Mark:
    """How many times something occurs, and where first (table, row, column)."""

    count: int = 0
    table: int = 0
    row: int = 0
    column: int = 0


@dataclass
class DocScan:
    tables: int = 0
    paragraphs: int = 0
    fields: Mark = field(default_factory=Mark)  # fields in table cells: computed results
    hidden: Mark = field(default_factory=Mark)  # hidden text in table cells


class _Document:
    """Counts as python-docx reads: tables directly in the body, their rows and cells."""

    def __init__(self) -> None:
        self.out = DocScan()
        self.stack: list[str] = []
        self.depth = 0  # tables open
        self.top = False  # the outermost open table is one python-docx lists
        self.row = self.column = self.span = 0
        self.next_column = 1
        self.in_cell = self.run_hidden = self.hidden_text = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(tag)
        if tag == "p":
            self.out.paragraphs += 1
            if self.out.paragraphs > MAX_PARAGRAPHS:
                raise Overflow("đoạn văn", self.out.paragraphs, MAX_PARAGRAPHS, least=True)
        if tag == "tbl":
            self.table_start(parent)
        elif self.depth == 1 and self.top:
            self.in_table(tag, parent, attrs)

    def table_start(self, parent: str) -> None:
        self.depth += 1
        if self.depth == 1:
            self.top = parent == "body"
            if self.top:
                self.out.tables += 1
                self.row = 0
                if self.out.tables > MAX_TABLES:
                    raise Overflow("bảng", self.out.tables, MAX_TABLES, least=True)

    def in_table(self, tag: str, parent: str, attrs: dict[str, str]) -> None:
        if tag == "tr" and parent == "tbl":
            self.row += 1
            self.next_column = 1
            if self.row > MAX_ROWS:
                raise Overflow("dòng", self.row, MAX_ROWS, row=self.row, table=self.out.tables, least=True)
        elif tag == "tc" and parent == "tr":
            self.column, self.span, self.in_cell = self.next_column, 1, True
        elif self.in_cell:
            self.in_cell_tag(tag, parent, attrs)

    def in_cell_tag(self, tag: str, parent: str, attrs: dict[str, str]) -> None:
        """What a cell's content says about spans, fields and hidden text."""
        if tag == "gridSpan" and parent == "tcPr" and self.stack[-3] == "tc":
            self.span = max(_number(_attr(attrs, "val") or "1"), 1)
        elif tag in ("fldSimple", "instrText"):
            self.mark(self.out.fields)
        elif tag == "r":
            self.run_hidden = False
        elif tag in ("vanish", "specVanish") and parent == "rPr" and self.stack[-3] == "r":
            self.run_hidden = _attr(attrs, "val") not in ("0", "false", "off")
        elif tag == "t":
            self.hidden_text = self.run_hidden

    def mark(self, mark: Mark) -> None:
        mark.count += 1
        if mark.count == 1:
            mark.table, mark.row, mark.column = self.out.tables, self.row, self.column

    def end(self, name: str) -> None:
        tag = self.stack.pop()
        if tag == "tbl":
            self.depth -= 1
        elif tag == "tc" and self.depth == 1 and self.top and self.stack and self.stack[-1] == "tr":
            self.in_cell = False
            self.next_column += self.span
            if self.next_column - 1 > MAX_COLUMNS:
                raise Overflow("cột", self.next_column - 1, MAX_COLUMNS, row=self.row, table=self.out.tables)
        elif tag == "t":
            self.hidden_text = False

    def text(self, data: str) -> None:
        if self.hidden_text and data.strip():
            self.hidden_text = False  # once per text run
            self.mark(self.out.hidden)


def scan_document(stream: IO[bytes]) -> DocScan:
    """Tables, paragraphs, fields and hidden text of a Word document part; Overflow past a limit."""
    scanner = _Document()
    _run(stream, scanner)
    return scanner.out
