"""Text that a spreadsheet shows as text and never runs as a formula.

Every spreadsheet this project writes (the officer's XLSX exports, the public XLSX and CSV
downloads) holds text that units and officers typed: names, explanations, approvers, band
labels. A text starting with '=', '+', '-', '@', a tab or a carriage return would become a
live formula in Excel or LibreOffice (OWASP "CSV Injection"). The writers pass every cell
through this module:

- XLSX: a text cell is written as a string cell, never a formula, and one that looks like a
  formula also gets Excel's "quote prefix" style, so editing the cell keeps it text; the
  cell shows exactly the text, with no visible apostrophe.
- CSV: OWASP's rule: a text field that starts with one of those characters gets a leading
  single quote, and every text field is enclosed in double quotes, so that a list separator
  inside it (';' in Vietnamese Excel, which splits CSV lines on ';') cannot start a new
  cell. Plain numbers (-3.5 penalty points, 85.10) stay numbers.

Word documents need nothing: python-docx writes text runs, never fields.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from typing import Any, Final

# OWASP's triggers, and their full-width forms, which some spreadsheet locales read alike.
TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
# Characters XML 1.0 cannot hold (openpyxl and python-docx refuse them): C0 controls except
# tab, line feed and carriage return.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
CSV_QUOTING: Final = csv.QUOTE_NONNUMERIC  # with csv_row(): text quoted, numbers bare
_NOT_IN_TITLE = re.compile(r"[\\*?:/\[\]]")  # Excel refuses these in a sheet's name
# Excel refuses a sheet name that starts or ends with an apostrophe; spaces there are dropped too.
_TITLE_ENDS = re.compile(r"^[\s']+|[\s']+$")


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula: its first character, or its
    first one after leading spaces and line breaks, is a trigger."""
    rest = text.lstrip()
    return bool(text) and (text[0] in TRIGGERS or (bool(rest) and rest[0] in TRIGGERS))


def printable(text: str) -> str:
    """The text without the control characters an XML file cannot hold (they show as nothing)."""
    return _NOT_XML.sub("", text)


def sheet_title(name: str) -> str:
    """A sheet name Excel accepts, from a group or unit name: at most 31 characters, none of
    \\ / * ? : [ ], not starting or ending with an apostrophe."""
    title = _TITLE_ENDS.sub("", _NOT_IN_TITLE.sub("-", printable(name))[:31])
    return title or "Trang"


def put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write ``value`` into an openpyxl worksheet cell and return the cell; text stays text."""
    cell = ws.cell(row, column)
    if isinstance(value, str):
        cell.value = printable(value)
        cell.data_type = "s"  # openpyxl would make '=…' a formula and '#N/A' an error value
        if looks_like_formula(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def csv_field(value: Any) -> Any:
    """One CSV field for a writer using CSV_QUOTING: None → empty, a plain number (int,
    Decimal, or a text such as '-3.5') → a bare number, any other text → quoted text with a
    leading single quote when it looks like a formula."""
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, (int, Decimal)):
        return value
    text = str(value)
    if NUMBER.fullmatch(text):
        return Decimal(text)
    return "'" + text if looks_like_formula(text) else text


def csv_row(values: list[Any]) -> list[Any]:
    return [csv_field(v) for v in values]
