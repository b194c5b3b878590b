"""Officer imports refuse names and titles that look like HTML or Markdown, located where the
officer typed them, and write nothing (the same schema check as `cchc validate`)."""

from __future__ import annotations

import pytest

from .conftest import files_of, json_report
from .test_framework_errors import GOOD, META, _annex


@pytest.mark.parametrize(
    "title",
    [
        "Ban hành [kế hoạch](javascript:alert(1))",
        "Kế hoạch <img src=x onerror=alert(1)>",
        "Kế hoạch {: onfocus=alert(1) autofocus }",
        "Kế hoạch --> <!--",
    ],
)
def test_annex_title_with_markup_is_refused_at_its_cell(province, tmp_path, cchc, title):
    body = [list(row) for row in GOOD]
    body[2][1] = title  # row 8 of the sheet: criterion 1.1.1
    sheet = _annex(tmp_path / "phu-luc.xlsx", body)
    before = files_of(province)
    code, out, _ = cchc("criteria", "import", sheet, *META, "--root", province, "--format", "json")
    assert code == 1
    found = [f for f in json_report(out)["findings"] if f["code"] == "text-markup"]
    assert [(f["line"], f["column"]) for f in found] == [(8, 2)]
    assert found[0]["message"].startswith("Trang 'Phụ lục', dòng 8, cột B")
    assert files_of(province) == before


def test_legitimate_annex_titles_are_imported(province, tmp_path, cchc):
    body = [list(row) for row in GOOD]
    body[2][1] = 'Ban hành kế hoạch "CCHC" (năm) & báo cáo < 5 ngày theo Quyết định số 12/QĐ-UBND'
    sheet = _annex(tmp_path / "phu-luc.xlsx", body)
    code, out, _ = cchc("criteria", "import", sheet, *META, "--root", province)
    assert code == 0, out


def _add_department(cchc, root, name: str) -> tuple:
    """`cchc units add`: a department 'so-moi' named ``name``, from 2026."""
    return cchc("units", "add", "--into", f"so-moi={name}", "--level", "so", "--year", "2026", "--root", root)


def test_unit_name_with_markup_is_refused(province, cchc):
    before = files_of(province)
    code, out, _ = _add_department(cchc, province, "Sở mới <img src=x onerror=alert(1)>")
    assert code == 1
    assert "text-markup" in out and "Tên đơn vị" in out
    assert files_of(province) == before
    code, out, _ = _add_department(cchc, province, "Sở Tư pháp & Văn hóa (mới)")
    assert code == 0, out
