"""A list of layout Pages → a Word document (python-docx): one section per page."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..celltext import printable
from .layout import FONT, NATION, shown, styled


def _repeat_header(row) -> None:
    """Mark the header row to repeat on every printed page (python-docx has no API for it)."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _para(cell_or_doc, text, *, bold=False, italic=False, center=False, size=None, first=False):
    p = cell_or_doc.paragraphs[0] if first and cell_or_doc.paragraphs else cell_or_doc.add_paragraph()
    run = p.add_run(printable(text))  # python-docx refuses control characters
    if bold:  # only when set: each property written is an XML element, and tables have many cells
        run.bold = True
    if italic:
        run.italic = True
    if size:
        run.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _blocks(doc, left: list, right: list, width) -> None:
    """Two blocks of styled lines side by side (agency | nation, notes | signature), no borders."""
    if not left and not right:
        return
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    for column in table.columns:
        column.width = width // 2
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=False):
        cell.width = width // 2
        for i, (text, bold, italic) in enumerate(lines):
            _para(cell, text, bold=bold, italic=italic, center=True, first=i == 0)


def _section(doc, n: int, page):
    """The page's section (A4, landscape or portrait); returns the usable width."""
    section = doc.sections[0] if n == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
    long_side, short_side = Cm(29.7), Cm(21)
    section.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long_side, short_side) if page.landscape else (short_side, long_side)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    return section.page_width - Cm(3)


def _table(doc, page, usable) -> None:
    table = doc.add_table(rows=1, cols=len(page.columns))
    table.style = "Table Grid"
    table.autofit = False
    total = sum(c.width for c in page.columns)
    widths = [int(usable * c.width / total) for c in page.columns]
    for column, w in zip(table.columns, widths, strict=False):
        column.width = w  # LibreOffice reads the grid's widths, Word the cells'
    head = table.rows[0]
    _repeat_header(head)
    for cell, col, w in zip(head.cells, page.columns, widths, strict=False):
        cell.width = w
        _para(cell, col.title, bold=True, center=True, first=True)
    for row in page.rows:
        for cell, col, value, w in zip(table.add_row().cells, page.columns, row.cells, widths, strict=False):
            cell.width = w
            _para(cell, shown(value, col.places), bold=row.bold, center=not col.text, first=True)


def to_docx(pages: list) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    for n, page in enumerate(pages):
        usable = _section(doc, n, page)
        _blocks(doc, styled(page.agency, "agency"), styled(NATION, "nation") if page.nation else [], usable)
        for text in page.title:
            _para(doc, text, bold=True, center=True, size=12)
        for text in page.subtitle:
            _para(doc, text, italic=True, center=True)
        _table(doc, page, usable)
        for text in page.notes:
            _para(doc, text, italic=True)
        if page.signature:
            _para(doc, "")
            _blocks(doc, [], styled(page.signature, "signature"), usable)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
