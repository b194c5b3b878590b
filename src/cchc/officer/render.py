"""Which writer makes which file: the suffix decides. The writers load openpyxl and
python-docx only when a file is written, so other commands start without them."""

from __future__ import annotations


def _xlsx(pages: list) -> bytes:
    from .excel import to_xlsx

    return to_xlsx(pages)


def _docx(pages: list) -> bytes:
    from .word import to_docx

    return to_docx(pages)


WRITERS = {".xlsx": _xlsx, ".docx": _docx}
