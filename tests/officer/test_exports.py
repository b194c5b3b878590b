"""Official exports: a unit's summary table and the results annex hold the numbers the
results site publishes, and open in LibreOffice (converted headless to PDF)."""

from __future__ import annotations

import json
import os
import subprocess
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from cchc import validation
from cchc.model.numbers import fmt
from cchc.publish import data
from cchc.score import results as results_mod
from cchc.score.unit import APPRAISED, NOT_SUBMITTED

from .conftest import export_annex

YEAR = 2025


@pytest.fixture(scope="module")
def published(small_province):
    """The site's own data file (ket-qua.json) for the generated province."""
    results = results_mod.compute(validation.validate(small_province).repo)
    return results, json.loads(data.to_json(results))


def _site_row(site: dict, uid: str) -> dict:
    year = next(y for y in site["years"] if y["year"] == YEAR)
    return next(u for g in year["groups"] for u in g["units"] if u["unit"] == uid)


def _sheet_rows(path: Path) -> list:
    return [list(r) for r in load_workbook(path).worksheets[0].iter_rows(values_only=True)]


def _d(value) -> Decimal | None:
    return None if value is None else Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _unit(results, status) -> str:
    return next(r.unit.id for g in results.year(YEAR).groups for r in g.rows if r.score.status == status)


def test_unit_table_totals_are_the_sites(small_province, published, tmp_path, cchc):
    results, site = published
    uid = _unit(results, APPRAISED)
    code, out, _ = cchc("export", "unit", "--year", YEAR, "--unit", uid, "--out", tmp_path, "--root", small_province)
    assert code == 0, out
    rows = _sheet_rows(tmp_path / f"bang-tong-hop-{YEAR}-{uid}.xlsx")
    header = next(r for r in rows if r[0] == "STT")
    col = {name: i for i, name in enumerate(header)}
    total = next(r for r in rows if r[1] == "TỔNG ĐIỂM")
    want = _site_row(site, uid)
    got = {
        key: _d(total[col[name]])
        for key, name in (
            ("max", "Điểm tối đa"),
            ("self", "Điểm tự đánh giá"),
            ("appraised", "Điểm thẩm định"),
            ("survey", "Điểm điều tra XHH"),
            ("total", "Điểm đạt"),
        )
    }
    assert got == {key: Decimal(want[key]) for key in got}
    by_code = {r[0]: r for r in rows if r[0] and r[0] != "STT"}
    for area in want["areas"]:
        assert _d(by_code[area["code"]][col["Điểm đạt"]]) == Decimal(area["achieved"])
    assert any(f"Chỉ số CCHC: {want['index'].replace('.', ',')}%" in (r[0] or "") for r in rows)
    # The Word file holds the same totals, written the Vietnamese way.
    table = Document(str(tmp_path / f"bang-tong-hop-{YEAR}-{uid}.docx")).tables[1]
    word_total = next(r for r in table.rows if r.cells[1].text == "TỔNG ĐIỂM")
    assert word_total.cells[col["Điểm đạt"]].text == want["total"].replace(".", ",")


def test_annex_is_the_sites_ranking(small_province, published, tmp_path, cchc):
    results, _ = published
    out_x, out_w = tmp_path / "phu-luc.xlsx", tmp_path / "phu-luc.docx"
    code, out, _ = cchc(
        "export",
        "annex",
        "--year",
        YEAR,
        "--decision",
        "631/QĐ-UBND ngày 09/5/2026",
        "--out",
        out_x,
        "--out",
        out_w,
        "--root",
        small_province,
    )
    assert code == 0, out
    workbook = load_workbook(out_x)
    for group, ws in zip(results.year(YEAR).groups, workbook.worksheets, strict=False):
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        start = next(i for i, r in enumerate(rows) if r[0] == "Thứ hạng") + 1
        header, site_rows = data.table(group)  # the table the site's CSV download holds
        got = [(r[0], r[1], _d(r[-4]), _d(r[-3]), r[-2]) for r in rows[start : start + len(site_rows)]]
        want = [
            (
                r[header.index("Hạng")],
                r[header.index("Tên đơn vị")],
                Decimal(r[header.index("Tổng điểm")]),
                Decimal(r[header.index("Chỉ số (%)")]),
                r[header.index("Xếp loại")],
            )
            for r in site_rows
        ]
        assert got == want
        areas = [c for c in header if c.startswith("Lĩnh vực ") and not c.endswith("(tối đa áp dụng)")]
        for sheet_row, site_row in zip(rows[start:], site_rows, strict=False):
            assert [_d(v) for v in sheet_row[2 : 2 + len(areas)]] == [Decimal(site_row[header.index(a)]) for a in areas]
    assert "631/QĐ-UBND ngày 09/5/2026" in "\n".join(p.text for p in Document(str(out_w)).paragraphs)


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


def skeleton(text: str) -> str:
    """The ASCII letters and digits of a text, in order. LibreOffice draws some Vietnamese
    letters from a fallback font, and text extraction moves those to the end of the line;
    what is left in place is the rest of the text, in order."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if c.isascii() and c.isalnum())


@pytest.mark.office
def test_exports_open_in_libreoffice(small_province, published, tmp_path, cchc):
    results, site = published
    uid, missing = _unit(results, APPRAISED), _unit(results, NOT_SUBMITTED)
    for who in (uid, missing):
        kinds = [] if who == uid else ["--as", ".docx"]  # one format is enough for the unit not submitted
        code, _, _ = cchc(
            "export", "unit", "--year", YEAR, "--unit", who, *kinds, "--out", tmp_path, "--root", small_province
        )
        assert code == 0
    assert export_annex(cchc, small_province, YEAR, tmp_path / "phu-luc-x.xlsx", tmp_path / "phu-luc-w.docx") == 0
    files = sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".docx"))
    # Same base name in two formats would give one PDF: convert the Word files under other names.
    for name in files:
        if name.endswith(".docx"):
            (tmp_path / name).rename(tmp_path / name.replace(".docx", "-word.docx"))
    inputs = sorted(str(p) for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".docx"))
    env = dict(os.environ, HOME=str(tmp_path))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *inputs,
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )
    pdfs = {p.stem: skeleton(_pdf_text(p)) for p in (tmp_path / "pdf").glob("*.pdf")}
    assert len(pdfs) == len(inputs) == 5
    want = _site_row(site, uid)
    name = results.units[uid].name
    for stem in (f"bang-tong-hop-{YEAR}-{uid}", f"bang-tong-hop-{YEAR}-{uid}-word"):
        text = pdfs[stem]
        assert (
            skeleton(f"BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ VÀ THẨM ĐỊNH, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {YEAR}")
            in text
        )
        assert skeleton(name.upper()) in text and skeleton("THỦ TRƯỞNG ĐƠN VỊ") in text
        assert (
            skeleton(f"TỔNG ĐIỂM {want['max']} {want['self']} {want['appraised']} {want['survey']} {want['total']}")
            in text
        )  # the totals row, in the site's numbers
        assert skeleton(f"Chỉ số CCHC: {want['index']}%; xếp loại: {want['class']}") in text
    assert skeleton("Tình trạng hồ sơ: Chưa nộp") in pdfs[f"bang-tong-hop-{YEAR}-{missing}-word"]
    for stem in ("phu-luc-x", "phu-luc-w-word"):
        text = pdfs[stem]
        assert skeleton(f"KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {YEAR}") in text
        for group in results.year(YEAR).groups:
            for row in group.rows:  # place, unit, …, total, index, class: one line of the annex
                assert skeleton(f"{row.place} {row.unit.name}") in text
                assert skeleton(f"{fmt(row.score.total)} {row.score.index:.2f} {row.score.classification}") in text


def test_no_export_from_invalid_data(province, tmp_path, cchc):
    results = results_mod.compute(validation.validate(province).repo)
    uid = _unit(results, APPRAISED)
    sa = province / "submissions" / str(YEAR) / uid / "self-assessment.yaml"
    sa.write_text(sa.read_text(encoding="utf-8").replace("scores:", "scores: [\n", 1), encoding="utf-8")
    code, out, _ = cchc("export", "unit", "--year", YEAR, "--unit", uid, "--out", tmp_path / "ra", "--root", province)
    assert code == 1 and "Không xuất bảng" in out
    assert not (tmp_path / "ra").exists()
    code, out, _ = cchc("export", "annex", "--year", YEAR, "--out", tmp_path / "ra" / "pl.xlsx", "--root", province)
    assert code == 1 and not (tmp_path / "ra").exists()
