"""The results workbook made from plain contents (cchc.publish.workbook), read back by openpyxl."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from openpyxl import load_workbook

from cchc import celltext
from cchc.publish import workbook


def _content(*names: str, rows: list[list[Any]] | None = None) -> dict[str, Any]:
    header = ["Hạng", "Mã đơn vị", "Tên đơn vị", "Chỉ số (%)"]
    sheet_rows = rows if rows is not None else [[1, "so-a", "Sở A", "85.10"]]
    return {
        "sheets": [
            {"title": n, "heading": f"KẾT QUẢ — {n}", "standing": "Tỉnh Mẫu.", "header": header, "rows": sheet_rows}
            for n in names
        ],
        "info": [("Kết quả", "Chỉ số CCHC năm 2025"), ("Tình trạng", "Tạm tính")],
    }


def test_sheet_names_stay_distinct_when_groups_share_them() -> None:
    """Excel refuses two sheets of one name (without case): a group whose name is another's,
    or the info sheet's, or whose first 31 characters are another's, gets a numbered name."""
    long = "Khối xã, phường, thị trấn vùng cao"[:31]
    data = workbook.render(_content("Khối sở", "khối sở", "Thông tin", long, long))
    names = load_workbook(io.BytesIO(data), read_only=True).sheetnames
    assert names[:2] == ["Khối sở", "khối sở (2)"]
    assert names[2] == "Thông tin" and names[-1] == "Thông tin (2)"
    assert names[3] == long and names[4].endswith(" (2)") and len(names[4]) <= 31
    assert len({n.casefold() for n in names}) == len(names)


def test_group_names_that_would_end_in_an_apostrophe_still_make_a_workbook() -> None:
    """Excel (and XlsxWriter) refuse a sheet name that starts or ends with an apostrophe: the
    sheet title drops apostrophes and spaces at both ends, however they alternate."""
    names = ["'  'Khối sở", " ' Khối huyện ' ", "Khối xã, phường, thị trấn vùng' cao", "' '"]
    titles = [celltext.sheet_title(n) for n in names]
    assert titles == ["Khối sở", "Khối huyện", "Khối xã, phường, thị trấn vùng", "Trang"]
    sheets = load_workbook(io.BytesIO(workbook.render(_content(*titles))), read_only=True).sheetnames
    assert sheets == [*titles, "Thông tin"]


def test_values_keep_their_kind_and_text_stays_text() -> None:
    """Numbers (and numbers written as text) are numbers; other text is text, with Excel's quote
    prefix where it would read as a formula; None leaves the cell empty; control characters an
    XML file cannot hold are dropped."""
    rows = [[1, '=HYPERLINK("x")', "Sở\x07 A", "85.10"], [None, "#N/A", "-3.5", "@SUM(A1)"]]
    ws = load_workbook(io.BytesIO(workbook.render(_content("Khối sở", rows=rows)))).worksheets[0]
    first, second = ws[5], ws[6]
    assert first[0].value == 1 and first[3].value == 85.1
    assert first[1].value == '=HYPERLINK("x")' and first[1].data_type == "s" and first[1].quotePrefix
    assert first[2].value == "Sở A" and not first[2].quotePrefix
    assert second[0].value is None
    assert second[1].value == "#N/A" and second[1].data_type == "s"
    assert second[2].value == -3.5
    assert second[3].value == "@SUM(A1)" and second[3].quotePrefix


def test_same_contents_give_the_same_bytes_with_fixed_dates() -> None:
    content = _content("Khối sở", "Khối huyện")
    data = workbook.render(content)
    assert workbook.render(content) == data
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode("utf-8")
    assert "2000-01-01T00:00:00Z" in core


def test_a_number_too_long_for_a_float_stays_text() -> None:
    """A name of 400 digits would be an infinite float, which no cell holds: it is written as
    text, and the workbook is made."""
    digits = "9" * 400
    ws = load_workbook(io.BytesIO(workbook.render(_content("Khối sở", rows=[[1, digits, "-0.5", "12"]])))).active
    assert ws is not None
    row = ws[5]
    assert row[1].value == digits and row[1].data_type == "s"
    assert row[2].value == -0.5 and row[3].value == 12
