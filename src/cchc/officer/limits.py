"""How much an officer's file may hold. Every limit is checked before the part of the file
it bounds is handed to a library (zipfile, openpyxl, python-docx, csv), so that no file
can make an import hang or exhaust memory: an 11 KB workbook can declare 16,384 columns
and a row at 1,048,576, and a few hundred kilobytes of zip can unpack to gigabytes.

The limits are generous for the tables officers import: a criteria annex has a few
hundred rows, a survey table one row per unit (3,300 in the largest provinces).
"""

from __future__ import annotations

from ..model.numbers import count

MIB = 1024 * 1024

MAX_BYTES = 20 * MIB  # the file as stored
MAX_ROWS = 20_000  # per sheet, CSV file or Word table
MAX_COLUMNS = 200  # per sheet, CSV file or Word table
MAX_CELLS = 500_000  # cell records per sheet (empty formatted cells count too)
MAX_SHEETS = 50  # per workbook
MAX_TABLES = 100  # top-level tables in a Word document
MAX_PARAGRAPHS = 100_000  # paragraphs in a Word document, in tables or not
# XML elements a library turns into objects at once: one sheet row (its cells, rich text
# runs…), one shared string, and a sheet's parts outside its cells (merged ranges, views,
# validations, conditional formats…).
MAX_ROW_ELEMENTS = 50_000
MAX_STRING_ELEMENTS = 10_000
MAX_SHEET_ELEMENTS = 100_000

# The zip container of .xlsx and .docx files.
MAX_MEMBERS = 1_000  # files inside the zip
MAX_DIRECTORY = 1 * MIB  # the zip's table of contents
MAX_SHEET_XML = 32 * MIB  # one worksheet's XML, unpacked (read as a stream)
MAX_XML = 8 * MIB  # any other XML part, unpacked (shared strings, the Word document, styles…)
MAX_XML_TOTAL = 16 * MIB  # all XML parts but worksheets, unpacked (libraries hold them in memory)
MAX_BINARY = 20 * MIB  # any other part (pictures…), unpacked
MAX_UNPACKED = 64 * MIB  # everything, unpacked
MAX_RATIO = 100  # unpacked ÷ packed size, for parts of RATIO_FROM bytes or more
RATIO_FROM = 1 * MIB


class Overflow(Exception):
    """A limit passed: ``found`` (a count, or a row/column number) against ``limit``.

    ``least`` means counting stopped there, so there are at least ``found``; ``row``,
    ``column`` and ``table`` (Word) locate it when they are known.
    """

    def __init__(
        self, what: str, found: int, limit: int, *, row: int = 0, column: int = 0, table: int = 0, least: bool = False
    ) -> None:
        super().__init__(what)
        self.what, self.found, self.limit, self.least = what, found, limit, least
        self.row, self.column, self.table = row, column, table


vn = count  # a count as Vietnamese write it: 16.384


def size(n: int) -> str:
    """A size in MB, Vietnamese style: 20 MB, 0,5 MB."""
    mb = n / MIB
    return (f"{mb:.0f}" if mb >= 10 or mb == int(mb) else f"{mb:.1f}".replace(".", ",")) + " MB"
