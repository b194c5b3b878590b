"""A list of layout Pages → an Excel workbook (openpyxl): one sheet per page."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..celltext import put, sheet_title
from .layout import FONT, NATION, styled

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _value(value):
    if isinstance(value, Decimal):
        # openpyxl writes a Decimal through binary arithmetic (85.10 → 85.09999999999999);
        # a float's shortest repr is exact for the few decimals points have.
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _lines(columns, values) -> int:
    """Text lines the tallest cell of a row needs: Excel files carry no automatic row height."""
    most = 1
    for col, value in zip(columns, values, strict=False):
        if isinstance(value, str):
            per_line = max(1, int(col.width * 1.15))
            most = max(most, sum(max(1, -(-len(part) // per_line)) for part in value.split("\n")))
    return min(most, 30)


class _Sheet:
    """Writes one page top to bottom; ``r`` is the next free row."""

    def __init__(self, ws, page):
        self.ws, self.page, self.r = ws, page, 1
        self.width = len(page.columns)
        self.half = max(1, self.width // 2)

    def line(self, text, first, last, bold=False, italic=False, size=11):
        cell = put(self.ws, self.r, first, text)
        cell.font = Font(name=FONT, bold=bold, italic=italic, size=size)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        if last > first:
            self.ws.merge_cells(start_row=self.r, start_column=first, end_row=self.r, end_column=last)

    def heading(self):
        page = self.page
        left, right = styled(page.agency, "agency"), styled(NATION, "nation") if page.nation else []
        for i in range(max(len(left), len(right))):
            if i < len(left):
                self.line(left[i][0], 1, self.half, bold=left[i][1])
            if i < len(right) and self.width > self.half:
                self.line(right[i][0], self.half + 1, self.width, bold=True)
            self.r += 1
        self.r += 1 if (left or right) else 0
        for text in page.title:
            self.line(text, 1, self.width, bold=True, size=12)
            self.r += 1
        for text in page.subtitle:
            self.line(text, 1, self.width, italic=True)
            self.r += 1
        self.r += 1 if (page.title or page.subtitle) else 0

    def table(self):
        ws, page = self.ws, self.page
        for c, col in enumerate(page.columns, 1):
            cell = put(ws, self.r, c, col.title)
            cell.font = Font(name=FONT, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border, cell.fill = _BOX, PatternFill("solid", fgColor="DDE3F0")
            ws.column_dimensions[get_column_letter(c)].width = col.width
        ws.print_title_rows = f"{self.r}:{self.r}"  # the header row repeats on every printed page
        ws.freeze_panes = ws.cell(self.r + 1, 1)
        self.r += 1
        for row in page.rows:
            for c, (col, value) in enumerate(zip(page.columns, row.cells, strict=False), 1):
                cell = put(ws, self.r, c, _value(value))
                cell.font, cell.border = Font(name=FONT, bold=row.bold), _BOX
                numeric = isinstance(value, (int, Decimal)) and not isinstance(value, bool)
                cell.alignment = Alignment(
                    horizontal="right" if numeric else "left" if col.text else "center", vertical="top", wrap_text=True
                )
                if numeric and col.places is not None:
                    cell.number_format = "0." + "0" * col.places if col.places else "0"
            ws.row_dimensions[self.r].height = 15 * _lines(page.columns, row.cells)
            self.r += 1
        self.r += 1

    def closing(self):
        for text in self.page.notes:
            put(self.ws, self.r, 1, text).font = Font(name=FONT, italic=True)
            self.r += 1
        for text, bold, italic in styled(self.page.signature, "signature"):
            self.line(text, self.half + 1 if self.width > self.half else 1, self.width, bold=bold, italic=italic)
            self.r += 1
        setup = self.ws.page_setup
        setup.orientation = "landscape" if self.page.landscape else "portrait"
        setup.paperSize = self.ws.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = 1, 0  # as wide as the paper, as many pages as it takes
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True


def to_xlsx(pages: list) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for page in pages:
        sheet = _Sheet(wb.create_sheet(sheet_title(page.name)), page)
        sheet.heading()
        sheet.table()
        sheet.closing()
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
