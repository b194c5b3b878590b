"""A criteria annex with mistakes: each gets an error naming its sheet, row and column, and
nothing is written. Word tables with scoring levels on their own rows, and what is left
for the officer to complete."""

from __future__ import annotations

from pathlib import Path

from conftest import looks_vietnamese

from cchc.officer import framework_in

from .conftest import files_of, json_report, write_docx, write_xlsx

HEADER = ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Phương pháp chấm", "Tài liệu kiểm chứng"]
META = [
    "--ref",
    "qd-2027/so",
    "--title",
    "Bộ tiêu chí cấp sở",
    "--decision",
    "12/QĐ-UBND",
    "--date",
    "02/01/2027",
    "--issuer",
    "UBND tỉnh Mẫu",
]
OPTIONS = {
    "ref": "qd-2027/so",
    "title": "Bộ tiêu chí cấp sở",
    "number": "12/QĐ-UBND",
    "date": "2027-01-02",
    "issuer": "UBND tỉnh Mẫu",
    "bands": [("Tốt", 80), ("Khá", 50), ("Yếu", 0)],
}


def _annex(path: Path, body: list) -> Path:
    rows = [["UBND TỈNH MẪU"], [], ["PHỤ LỤC"], HEADER, ["(1)", "(2)", "(3)", "(4)", "(5)"], *body]
    return write_xlsx(path, {"Phụ lục": rows})


GOOD = [
    ["I", "Công tác chỉ đạo, điều hành", 3],
    ["1.1", "Kế hoạch CCHC năm", 3],
    ["1.1.1", "Ban hành kế hoạch", 1, "Đúng thời hạn: 1 điểm; chậm: 0,5 điểm; không ban hành: 0", "Kế hoạch CCHC"],
    ["1.1.2", "Thực hiện kế hoạch", 2, "Tỷ lệ trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm"],
    ["2", "Tác động của CCHC", 2],
    ["2.1", "Sự hài lòng của người dân", 2, "Điểm điều tra xã hội học"],
    [None, "Tổng điểm", 5],
]


def test_each_mistake_is_located(province, tmp_path, cchc):
    sheet = _annex(
        tmp_path / "sai.xlsx",
        [
            ["1", "Công tác chỉ đạo, điều hành", 4],  # row 6: 3 + 2 = 5 ≠ 4
            ["1.1", "Kế hoạch CCHC năm", 3, "Đạt: 3 điểm; không đạt: 0 điểm"],  # row 7
            ["1.2", "Tuyên truyền CCHC", 2, "Chấm từ 0 đến 2 điểm, mỗi bậc 0,5 điểm"],  # row 8
            ["1.2", "Tuyên truyền lần hai", 1, "Đạt: 1 điểm; không đạt: 0 điểm"],  # row 9: duplicated code
            ["1..3", "Mã gõ sai", 1, "Đạt: 1 điểm; không đạt: 0 điểm"],  # row 10: malformed code
            ["1.4", "Điểm tối đa không phải số", "hai", "Đạt: 2 điểm; không đạt: 0"],  # row 11
            ["3.1", "Tiêu chí mồ côi", 1, "Đạt: 1 điểm; không đạt: 0"],  # row 12: no area 3
            [None, None, 5],  # row 13: points, nothing else
        ],
    )
    before = files_of(province)
    code, out, _ = cchc("criteria", "import", sheet, *META, "--root", province, "--format", "json")
    assert code == 1
    report = json_report(out)["findings"]
    found = {(f["code"], f["line"], f["column"]): f["message"] for f in report}
    # every mistake at once, where it is, with what its message must say
    expected = {
        ("officer-bands-copied", 0, 0): "",  # a warning: the bands of the latest framework of the level
        ("officer-sum", 6, 3): "Trang 'Phụ lục', dòng 6, cột C (Điểm tối đa): điểm tối đa của lĩnh vực 1 là 4",
        ("officer-code-duplicate", 9, 1): "trùng với dòng 8",
        ("officer-code-format", 10, 1): "dòng 10",
        ("officer-max-format", 11, 3): "dòng 11, cột C",
        ("officer-parent-missing", 12, 1): "dòng 12",
        ("officer-row-malformed", 13, 1): "dòng 13",
    }
    assert set(found) == set(expected)
    assert all(words in found[place] for place, words in expected.items())
    assert found[("officer-sum", 6, 3)].startswith("Trang 'Phụ lục', dòng 6")
    assert "khác tổng" in found[("officer-sum", 6, 3)] and "1.1 = 3, 1.2 = 2" in found[("officer-sum", 6, 3)]
    assert all(f["file"] == str(sheet) and looks_vietnamese(f["message"] + f["hint"]) for f in report)
    assert "Không có tệp nào bị thay đổi" in out
    assert files_of(province) == before


def test_a_total_row_that_does_not_add_up(tmp_path):
    sheet = _annex(tmp_path / "tong.xlsx", [*GOOD[:-1], [None, "Tổng điểm", 6]])
    result = framework_in.import_framework(sheet, "tong.xlsx", OPTIONS)
    assert [(f.code, f.line, f.column) for f in result.errors] == [("officer-sum", 12, 3)]
    assert result.doc is None


def test_good_sheet_reads_rules_from_the_annex_words(tmp_path):
    result = framework_in.import_framework(_annex(tmp_path / "tot.xlsx", GOOD), "tot.xlsx", OPTIONS)
    assert result.errors == []
    area1, area2 = result.doc["areas"]
    assert (area1["code"], area2["code"]) == ("1", "2")  # Roman numerals read as area numbers
    plan, done = area1["criteria"][0]["components"]
    assert plan["rule"]["levels"] == [
        {"label": "Đúng thời hạn", "points": 1},
        {"label": "Chậm", "points": 0.5},
        {"label": "Không ban hành", "points": 0},
    ]
    assert plan["evidence"] == ["Kế hoạch CCHC"] and plan["evidence_required"] is True
    assert done["rule"]["bands"] == [{"gt": 90, "points": 2}, {"gte": 70, "points": 1}, {"points": 0}]
    assert area2["criteria"][0]["method"] == "survey"
    # The figure names are not in this annex: what is left is listed, located, as warnings.
    assert [(f.code, f.line, f.criterion) for f in result.findings] == [("officer-figures-left", 9, "1.1.2")]


def test_word_table_with_levels_on_their_own_rows(tmp_path):
    """Official Word annexes often list the scoring levels as rows under the criterion, and
    merge cells down; the method cell of 1.2 is merged over the next row."""
    rows = [
        HEADER,
        ["1", "Chỉ đạo, điều hành", "4", None, None],
        ["1.1", "Ban hành kế hoạch CCHC năm", "2", None, "Kế hoạch CCHC năm"],
        [None, "- Ban hành đúng thời hạn", "2", None, None],
        [None, "- Ban hành chậm", "1", None, None],
        [None, "- Không ban hành", "0", None, None],
        ["1.2", "Sáng kiến trong chỉ đạo", "1,5", "Hội đồng đánh giá theo mức độ hiệu quả", None],
        ["1.3", "Kiểm tra CCHC", "0,5", None, None],
        ["2", "Điểm thưởng", "0", None, None],
        ["2.1", "Sáng kiến được công nhận", "1", "Mỗi sáng kiến: cộng 0,5 điểm; tối đa cộng 1 điểm", None],
    ]
    table = write_docx(tmp_path / "phu-luc.docx", rows, merge_down=[(6, 3, 2)])
    result = framework_in.import_framework(table, "phu-luc.docx", OPTIONS)
    assert result.errors == []
    crit = result.doc["areas"][0]["criteria"]
    # The levels' own wording is what cchc would write for them, so no separate text is kept.
    assert crit[0]["rule"] == {
        "kind": "levels",
        "levels": [
            {"label": "Ban hành đúng thời hạn", "points": 2},
            {"label": "Ban hành chậm", "points": 1},
            {"label": "Không ban hành", "points": 0},
        ],
    }
    assert result.doc["areas"][1]["criteria"][0]["rule"]["kind"] == "bonus"
    left = [(f.code, f.line, f.column, f.criterion) for f in result.findings]
    assert left == [("officer-rule-left", 7, 4, "1.2"), ("officer-rule-left", 8, 4, "1.3")]
    assert result.findings[0].message.startswith("Bảng 1, dòng 7, cột 4 (Phương pháp chấm): chưa đọc được cách chấm")
    assert crit[1]["rule"] == {"kind": "free", "text": "Hội đồng đánh giá theo mức độ hiệu quả", "step": 0.25}
    assert crit[2]["rule"] == {"kind": "free", "step": 0.25}  # the merged cell is not read twice


def test_missing_decision_details_are_errors(tmp_path):
    result = framework_in.import_framework(_annex(tmp_path / "a.xlsx", GOOD), "a.xlsx", {"ref": "x/so"})
    assert sorted(f.code for f in result.errors) == ["officer-info-missing"] * 5
    assert any("--decision" in f.hint for f in result.errors)


def test_files_that_cannot_be_read(tmp_path):
    old = tmp_path / "phu-luc.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0 not really")
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    plain = write_xlsx(tmp_path / "khac.xlsx", {"Sheet": [["Họ tên", "Địa chỉ"], ["A", "B"]]})
    codes = [framework_in.import_framework(p, p.name, OPTIONS).findings[0].code for p in (old, broken, plain)]
    assert codes == ["officer-file-format", "officer-file-unreadable", "officer-header-missing"]
