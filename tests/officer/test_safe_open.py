"""Officer imports are bounded and faithful: hostile workbooks and documents are refused
before a library parses them (each run in a child process with a memory cap and a generous
time-out, to show it neither hangs nor exhausts memory), and only what the officer sees and
typed is imported: formula cells, hidden sheets, rows, columns and Word text are refused
where they are."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import load_workbook

from cchc.load import repository
from cchc.officer import excel, framework_in, framework_out, safe_open, word

from .conftest import write_docx, write_xlsx
from .test_framework_errors import GOOD, HEADER, OPTIONS, _annex
from .test_framework_roundtrip import _original

MEMORY_CAP = 768 * 1024 * 1024  # the child's address space: today's readers needed 0.4 to 1.4 GB here
_CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
from pathlib import Path
from cchc.officer import safe_open
path = Path(sys.argv[1])
grids, found = safe_open.read(path, path.name)
print(json.dumps({{"grids": [g.name for g in grids],
                  "findings": [[f.code, f.line, f.column, f.message, f.hint] for f in found]}}, ensure_ascii=False))
"""


def _read_confined(path: Path) -> list:
    """safe_open.read in a child process under MEMORY_CAP: (code, line, column, message, hint) of each finding."""
    run = subprocess.run(
        [sys.executable, "-c", _CHILD.format(cap=MEMORY_CAP), str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(run.stdout)["findings"]


def _rezip(src: Path, dst: Path, parts: dict[str, Callable[[bytes], bytes]]) -> Path:
    """A copy of an Office file with some parts rewritten (or added), deflated as Office does."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        names = zin.namelist()
        for name in names + [n for n in parts if n not in names]:
            body = zin.read(name) if name in names else b""
            zout.writestr(name, parts[name](body) if name in parts else body)
    return dst


def _codes(found: list) -> list:
    return [(f[0], f[1], f[2]) if isinstance(f, list) else (f.code, f.line, f.column) for f in found]


# ── bounded ─────────────────────────────────────────────────────────────────
def test_a_sheet_declaring_16384_columns_and_a_millionth_row(tmp_path):
    def stretch(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)
        return xml.replace(
            b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
        )

    wide = _rezip(_annex(tmp_path / "a.xlsx", GOOD), tmp_path / "rong.xlsx", {"xl/worksheets/sheet1.xml": stretch})
    assert wide.stat().st_size < 11 * 1024
    found = _read_confined(wide)
    assert _codes(found) == [("officer-sheet-too-large", 0, 0)]
    assert found[0][3] == "Trang 'Phụ lục': trang có 16.384 cột, vượt giới hạn 200 cột."
    assert "chép riêng bảng cần nhập sang một tệp mới" in found[0][4]

    # Without the declaration, the far row is met while streaming, and located.
    def undeclared(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"/>', b"", stretch(xml))

    far = _rezip(_annex(tmp_path / "b.xlsx", GOOD), tmp_path / "xa.xlsx", {"xl/worksheets/sheet1.xml": undeclared})
    found = _read_confined(far)
    assert _codes(found) == [("officer-sheet-too-large", 1048576, 0)]
    assert found[0][3] == "Trang 'Phụ lục', dòng 1048576: trang có 1.048.576 dòng, vượt giới hạn 20.000 dòng."


def _with_shared_strings(body: bytes) -> dict:
    kind = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    return {
        "[Content_Types].xml": lambda xml: xml.replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + kind + b'"/></Types>'
        ),
        "xl/sharedStrings.xml": lambda _: (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + body + b"</sst>"
        ),
    }


def test_a_shared_strings_bomb(tmp_path):
    bomb = _rezip(
        _annex(tmp_path / "a.xlsx", GOOD),
        tmp_path / "bom.xlsx",
        _with_shared_strings(b"<si><t>ab</t></si>" * 3_000_000),
    )
    assert bomb.stat().st_size < 650 * 1024
    found = _read_confined(bomb)
    assert _codes(found) == [("officer-file-too-large", 0, 0)]
    assert found[0][3] == "Phần 'xl/sharedStrings.xml' trong tệp giải nén ra 51 MB, vượt giới hạn 8 MB."
    # Under the size limit, an implausible compression ratio is refused too.
    dense = _rezip(
        _annex(tmp_path / "b.xlsx", GOOD), tmp_path / "nen.xlsx", _with_shared_strings(b"<si><t>ab</t></si>" * 200_000)
    )
    found = safe_open.read(dense, "nen.xlsx")[1]
    assert _codes(found) == [("officer-file-too-large", 0, 0)]
    assert found[0].message.startswith("Phần 'xl/sharedStrings.xml' nén bất thường: ")


def _annex_docx(path: Path) -> Path:
    return write_docx(path, [HEADER] + [[str(v) if v is not None else None for v in row] for row in GOOD])


def _paragraphs(body: bytes) -> Callable[[bytes], bytes]:
    return lambda xml: xml.replace(b"<w:sectPr", body + b"<w:sectPr", 1)


def test_a_document_of_empty_paragraphs(tmp_path):
    bomb = _rezip(
        _annex_docx(tmp_path / "a.docx"),
        tmp_path / "bom.docx",
        {"word/document.xml": _paragraphs(b"<w:p/>" * 16_000_000)},
    )
    assert bomb.stat().st_size < 200 * 1024
    found = _read_confined(bomb)
    assert _codes(found) == [("officer-file-too-large", 0, 0)]
    assert found[0][3] == "Phần 'word/document.xml' trong tệp giải nén ra 92 MB, vượt giới hạn 8 MB."
    # Paragraphs that do not compress, under the size limit, are counted before python-docx reads them.
    rnd = random.Random(8)
    many = b"".join(b'<w:p w:rsidR="%08X"/>' % rnd.getrandbits(32) for _ in range(150_000))
    long = _rezip(_annex_docx(tmp_path / "b.docx"), tmp_path / "dai.docx", {"word/document.xml": _paragraphs(many)})
    found = safe_open.read(long, "dai.docx")[1]
    assert [(f.code, f.message) for f in found] == [
        ("officer-file-too-large", "Tệp có hơn 100.000 đoạn văn, vượt giới hạn 100.000 đoạn văn.")
    ]


def test_parts_a_library_would_build_at_once_are_bounded(tmp_path):
    """One cell of 60,000 rich-text runs, one shared string of 20,000, 120,000 merged ranges:
    each under the size and ratio limits, each refused before openpyxl builds its objects."""
    runs = b'<row r="20"><c r="B20" t="inlineStr"><is>' + b"<r><t>a</t></r>" * 60_000 + b"</is></c></row>"
    cell = _rezip(
        _annex(tmp_path / "a.xlsx", GOOD),
        tmp_path / "o.xlsx",
        {"xl/worksheets/sheet1.xml": lambda xml: xml.replace(b"</sheetData>", runs + b"</sheetData>")},
    )
    found = safe_open.read(cell, "o.xlsx")[1]
    assert [(f.code, f.message) for f in found] == [
        (
            "officer-sheet-too-large",
            "Trang 'Phụ lục', dòng 20: trang có hơn 50.000 phần định dạng, vượt giới hạn 50.000 phần định dạng.",
        )
    ]
    string = _rezip(
        _annex(tmp_path / "b.xlsx", GOOD),
        tmp_path / "s.xlsx",
        _with_shared_strings(b"<si>" + b"<r><t>a</t></r>" * 20_000 + b"</si>"),
    )
    assert _codes(safe_open.read(string, "s.xlsx")[1]) == [("officer-file-too-large", 0, 0)]
    merged = b"<mergeCells>" + b"".join(b'<mergeCell ref="A%d:B%d"/>' % (i, i) for i in range(1, 120_001))
    merges = _rezip(
        _annex(tmp_path / "c.xlsx", GOOD),
        tmp_path / "m.xlsx",
        {
            "xl/worksheets/sheet1.xml": lambda xml: xml.replace(
                b"</sheetData>", b"</sheetData>" + merged + b"</mergeCells>"
            )
        },
    )
    found = safe_open.read(merges, "m.xlsx")[1]
    assert _codes(found) == [("officer-sheet-too-large", 0, 0)]
    assert found[0].message == (
        "Trang 'Phụ lục': trang có hơn 100.000 phần định dạng, vượt giới hạn 100.000 phần định dạng."
    )


def test_a_zip_of_many_parts(tmp_path):
    many = _rezip(
        _annex(tmp_path / "a.xlsx", GOOD),
        tmp_path / "nhieu.xlsx",
        {f"xl/media/anh{i}.png": (lambda _: b"") for i in range(2_000)},
    )
    found = safe_open.read(many, "nhieu.xlsx")[1]
    assert [(f.code, f.message) for f in found] == [
        ("officer-file-too-large", "Tệp nén chứa quá nhiều phần (giới hạn 1.000 phần).")
    ]


def test_csv_beyond_the_limits_is_refused_not_cut(tmp_path):
    wide = tmp_path / "rong.csv"
    wide.write_text("Mã đơn vị,Điểm\n" + "so-a" + ",1" + "," * 199 + "lạc\n", encoding="utf-8")
    found = safe_open.read(wide, "rong.csv")[1]
    assert [(f.code, f.line, f.column) for f in found] == [("officer-sheet-too-large", 2, 201)]
    assert found[0].message == "Dòng 2, cột GS: tệp có 201 cột, vượt giới hạn 200 cột."
    long = tmp_path / "dai.csv"
    long.write_text("Mã đơn vị,Điểm\n" + "so-a,1\n" * 20_000, encoding="utf-8")
    assert _codes(safe_open.read(long, "dai.csv")[1]) == [("officer-sheet-too-large", 20_001, 0)]
    commas = tmp_path / "phay.csv"
    commas.write_text("Mã đơn vị,Điểm\n" + "," * 1_000_000 + "\n", encoding="utf-8")
    assert _codes(safe_open.read(commas, "phay.csv")[1]) == [("officer-sheet-too-large", 2, 0)]


# ── faithful ────────────────────────────────────────────────────────────────
ANNEX = [HEADER, *GOOD]  # header on row 1: criteria 1.1.1 on row 4, 1.1.2 on row 5


def test_hidden_sheets_holding_data_are_refused(tmp_path):
    old = [HEADER, *([*row[:2], row[2] * 10, *row[3:]] for row in GOOD)]  # another framework, hidden before
    for state, said in (
        ("hidden", "trang này đang bị ẩn nhưng có dữ liệu"),
        ("veryHidden", "trang này đang ẩn kiểu Very Hidden"),
    ):
        book = write_xlsx(tmp_path / f"{state}.xlsx", {"Phụ lục cũ": old, "Phụ lục": ANNEX}, {"Phụ lục cũ": state})
        found = framework_in.import_framework(book, book.name, OPTIONS).findings
        assert _codes(found) == [("officer-hidden", 1, 0)]
        assert found[0].message.startswith(f"Trang 'Phụ lục cũ', dòng 1: {said}")
    # A hidden sheet with nothing in it hides nothing: the visible annex is imported.
    book = write_xlsx(tmp_path / "rong.xlsx", {"Danh mục": [], "Phụ lục": ANNEX}, {"Danh mục": "hidden"})
    result = framework_in.import_framework(book, book.name, OPTIONS)
    assert result.errors == [] and result.doc["max"] == 5


def test_hidden_rows_and_columns_holding_data_are_refused(tmp_path):
    book = write_xlsx(tmp_path / "an.xlsx", {"Phụ lục": ANNEX})
    wb = load_workbook(book)
    wb["Phụ lục"].row_dimensions[5].hidden = True
    wb["Phụ lục"].column_dimensions["E"].hidden = True
    wb.save(book)
    found = safe_open.read(book, book.name)[1]
    assert _codes(found) == [("officer-hidden", 5, 1), ("officer-hidden", 1, 5)]
    assert found[0].message == "Trang 'Phụ lục', dòng 5, cột A: dòng 5 đang bị ẩn nhưng có dữ liệu."
    assert found[1].message == (
        "Trang 'Phụ lục', dòng 1, cột E: cột E đang bị ẩn nhưng có dữ liệu (cùng 1 ô khác trong cột ẩn)."
    )
    assert "Unhide" in found[0].hint


def test_formula_cells_are_refused_where_they_are(tmp_path):
    rows = [list(r) for r in ANNEX]
    rows[2][2] = "=C4+C5"  # 1.1: the sum of its criteria, written by openpyxl with no stored value
    book = write_xlsx(tmp_path / "cong-thuc.xlsx", {"Phụ lục": rows})
    found = framework_in.import_framework(book, book.name, OPTIONS).findings
    assert _codes(found) == [("officer-formula", 3, 3)]
    assert found[0].message.startswith("Trang 'Phụ lục', dòng 3, cột C: ô là công thức =C4+C5, không phải số liệu")
    assert "Paste Special → Values" in found[0].hint
    # A stored value that no longer matches the formula (2 + 1 ≠ 7) is not read as the value.
    stale = _rezip(
        book,
        tmp_path / "cu.xlsx",
        {
            "xl/worksheets/sheet1.xml": lambda xml: re.sub(
                rb"<c r=\"C3\"([^>]*)><f>C4\+C5</f><v>[^<]*</v></c>", rb'<c r="C3"\1><f>C4+C5</f><v>7</v></c>', xml
            )
        },
    )
    assert b"<v>7</v>" in zipfile.ZipFile(stale).read("xl/worksheets/sheet1.xml")
    found = safe_open.read(stale, stale.name)[1]
    assert _codes(found) == [("officer-formula", 3, 3)]


def test_word_fields_and_hidden_text_are_refused(tmp_path):
    path = _annex_docx(tmp_path / "a.docx")
    doc = Document(str(path))
    cell = doc.tables[0].rows[2].cells[2]  # 1.1's maximum, row 3, column 3
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "=SUM(BELOW)")
    cell.paragraphs[0]._p.append(field)
    doc.save(str(path))
    found = safe_open.read(path, path.name)[1]
    assert _codes(found) == [("officer-formula", 3, 3)]
    assert found[0].message.startswith("Bảng 1, dòng 3, cột 3: ô có trường tính toán (field)")
    doc = Document(str(_annex_docx(tmp_path / "b.docx")))
    doc.tables[0].rows[4].cells[3].paragraphs[0].add_run(" hoặc 3 điểm").font.hidden = True
    doc.save(str(tmp_path / "b.docx"))
    found = safe_open.read(tmp_path / "b.docx", "b.docx")[1]
    assert _codes(found) == [("officer-hidden", 5, 4)]


def test_ordinary_files_still_import(tmp_path):
    """A workbook with formats, widths, a frozen header and an empty hidden sheet; a Word
    annex; a CSV: each read whole."""
    book = write_xlsx(tmp_path / "a.xlsx", {"Phụ lục": ANNEX, "Ghi chú": []}, {"Ghi chú": "hidden"})
    grids, found = safe_open.read(book, "a.xlsx")
    assert found == [] and [(g.name, len(g.rows)) for g in grids] == [("Phụ lục", len(ANNEX))]
    grids, found = safe_open.read(_annex_docx(tmp_path / "a.docx"), "a.docx")
    assert found == [] and len(grids[0].rows) == len(ANNEX)
    sheet = write_xlsx(tmp_path / "b.xlsx", {"S": [["Mã đơn vị", "8.1"]] + [[f"u{i}", 1] for i in range(3300)]})
    assert len(safe_open.read(sheet, "b.xlsx")[0][0].rows) == 3301


def test_annexes_saved_again_by_libreoffice_round_trip(small_province, tmp_path):
    """Another program's way of writing XLSX and DOCX (LibreOffice's, headless) passes every
    check: the annex it saved imports as the very framework exported."""
    ref = "sample-2025/so"
    fw = repository.load(small_province, wanted=lambda f: False).frameworks[ref]
    for kind, write in (("xlsx", excel.to_xlsx), ("docx", word.to_docx)):
        (tmp_path / f"pl.{kind}").write_bytes(write(framework_out.pages(fw)))
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                "--headless",
                "--convert-to",
                kind,
                "--outdir",
                str(tmp_path / "lo"),
                str(tmp_path / f"pl.{kind}"),
            ],
            check=True,
            capture_output=True,
            timeout=180,
            env={**os.environ, "HOME": str(tmp_path)},
        )
    for kind in ("xlsx", "docx"):
        saved = tmp_path / "lo" / f"pl.{kind}"
        assert saved.read_bytes() != (tmp_path / f"pl.{kind}").read_bytes()
        result = framework_in.import_framework(saved, saved.name, {})
        assert result.findings == [], kind
        assert result.doc == _original(small_province, ref), kind
