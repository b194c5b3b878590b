"""Survey points from Excel and CSV: the template round trip, each mistake refused with its
row and column, nothing partially written, and the scores that follow."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from openpyxl import load_workbook

from cchc import validation
from cchc.load import repository
from cchc.score.unit import score_unit

from .conftest import files_of, json_report, write_xlsx

YEAR = 2025


def _fill(path, values: dict) -> None:
    """Type points into the template: values {(unit id, code): points}."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        header = next(r for r in ws.iter_rows() if r[0].value == "STT")
        codes = {c.column: str(c.value).split(". ", 1)[0] for c in header[3:]}  # "8.1. Tác động …"
        for row in ws.iter_rows(min_row=header[0].row + 1):
            for cell in row[3:]:
                if (row[1].value, codes[cell.column]) in values:
                    cell.value = values[(row[1].value, codes[cell.column])]
    wb.save(path)


def _cp1258(text: str) -> bytes:
    """Text as Windows code page 1258 stores it: base letters, tone marks as combining marks."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            for mark in marks:  # ô, ơ, ư, â, ă, ê exist precomposed; the tone stays a combining mark
                joined = unicodedata.normalize("NFC", base + mark)
                if len(joined) == 1 and joined.encode("cp1258", errors="ignore"):
                    base, marks = joined, [m for m in marks if m != mark]
                    break
            out += (base + "".join(marks)).encode("cp1258")
    return out


def _survey_leaves(root, unit: str) -> list:
    """(code, max) of the survey criteria the unit answers in YEAR, from the generated framework."""
    repo = repository.load(root, wanted=lambda f: False)
    fw = repo.framework_for(YEAR, repo.units[unit].level)
    return [(n.code, n.max) for n in fw.leaves() if n.is_survey]


def test_template_round_trip_and_scores_follow(province, tmp_path, cchc):
    sheet = tmp_path / "dieu-tra.xlsx"
    code, out, _ = cchc("survey", "template", "--year", YEAR, "--out", sheet, "--root", province)
    assert code == 0 and "2 trang" in out
    before = repository.load(province)
    (a, a_max), (b, _) = _survey_leaves(province, "so-noi-vu")[:2]
    _fill(sheet, {("so-noi-vu", a): int(a_max), ("so-noi-vu", b): "0,5"})
    code, out, _ = cchc("survey", "import", sheet, "--year", YEAR, "--root", province)
    assert code == 0, out
    assert "cập nhật 2" in out
    after = repository.load(province)
    assert after.surveys[YEAR].points()[("so-noi-vu", a)] == int(a_max)
    unit = after.units["so-noi-vu"]
    old, new = score_unit(before, unit, YEAR), score_unit(after, unit, YEAR)
    was = before.surveys[YEAR].points()
    changed = (int(a_max) - was[("so-noi-vu", a)]) + (Decimal("0.5") - was[("so-noi-vu", b)])
    assert new.survey_total == old.survey_total + changed
    assert new.total == min(new.appraised_total + new.survey_total, new.max)
    assert validation.validate(province).errors == []
    # The same sheet again changes nothing.
    text = (province / f"surveys/{YEAR}.yaml").read_bytes()
    code, out, _ = cchc("survey", "import", sheet, "--year", YEAR, "--root", province)
    assert code == 0 and "thêm 0, cập nhật 0" in out
    assert (province / f"surveys/{YEAR}.yaml").read_bytes() == text


def test_each_mistake_is_refused_with_its_row_and_column(province, tmp_path, cchc):
    (a, a_max), (b, _) = _survey_leaves(province, "so-noi-vu")[:2]
    header = ["STT", "Mã đơn vị", "Tên đơn vị", a, f"Tiêu chí {b}", "9.9", "Tổng"]
    over = a_max + Decimal("0.2")
    sheet = write_xlsx(
        tmp_path / "sai.xlsx",
        {
            "Sở": [
                ["KẾT QUẢ ĐIỀU TRA XÃ HỘI HỌC"],  # row 1
                header,  # row 2: 9.9 is no survey criterion
                [1, "so-noi-vu", "Sở Nội vụ", 0.8, 0.5, None, 1.3],  # row 3: good
                [2, "so-tu-phap", "Sở Tư pháp", float(over), 0, None, None],  # row 4: above the maximum
                [3, "so-tai-chinh", "Sở Tài chính", 0.5, 0.25, None, 0.8],  # row 5: 0.5 + 0.25 ≠ 0.8
                [4, "so-khong-co", "Sở Không Có", 0.5, 0.5, None, None],  # row 6: unknown unit
                [5, "so-noi-vu", "Sở Nội vụ", 0.8, 0.5, None, None],  # row 7: duplicate
                [6, "so-tu-phap", "Sở Tư pháp", "tám", 0.5, None, None],  # row 8: duplicate, not a number
            ]
        },
    )
    before = files_of(province)
    code, out, _ = cchc("survey", "import", sheet, "--year", YEAR, "--root", province, "--format", "json")
    assert code == 1
    found = {(f["code"], f["line"], f["column"]) for f in json_report(out)["findings"]}
    assert found == {
        ("officer-survey-criterion", 2, 6),
        ("officer-survey-above-max", 4, 4),
        ("officer-survey-total", 5, 7),
        ("officer-survey-unit", 6, 2),
        ("officer-survey-duplicate", 7, 2),
        ("officer-survey-duplicate", 8, 2),
    }
    messages = {f["code"]: f["message"] for f in json_report(out)["findings"]}
    assert messages["officer-survey-total"] == (
        "Trang 'Sở', dòng 5, cột G (Tổng): tổng điểm của 'so-tai-chinh' ghi 0,8, khác tổng các tiêu chí (0,75)."
    )
    assert "Không có tệp nào bị thay đổi" in out
    assert files_of(province) == before


def test_csv_long_layout_with_names_and_totals(province, tmp_path, cchc):
    """One row per unit and criterion, units by name, decimal commas, a 'Tổng' row per unit,
    saved by Excel on a Vietnamese Windows (code page 1258, semicolons)."""
    (a, _), (b, _) = _survey_leaves(province, "so-noi-vu")[:2]
    text = (
        "Tên đơn vị;Mã tiêu chí;Điểm\n"
        f"Sở Nội vụ;{a};0,9\n"
        f"Sở Nội vụ;{b};0,75\n"
        "Sở Nội vụ;Tổng;1,65\n"
        f"UBND xã Không Tồn Tại;{a};0,5\n"
        f"Sở Tư pháp;{a};0,7\n"
        "Sở Tư pháp;Tổng;0,8\n"
    )
    sheet = tmp_path / "dieu-tra.csv"
    sheet.write_bytes(_cp1258(text))
    code, out, _ = cchc("survey", "import", sheet, "--year", YEAR, "--root", province, "--format", "json")
    assert code == 1
    found = {(f["code"], f["line"], f["column"]) for f in json_report(out)["findings"]}
    assert found == {("officer-survey-unit", 5, 1), ("officer-survey-total", 7, 3)}
    fixed = text.replace(f"UBND xã Không Tồn Tại;{a};0,5\n", "").replace("Tổng;0,8", "Tổng;0,7")
    sheet.write_bytes(_cp1258(fixed))
    code, out, _ = cchc("survey", "import", sheet, "--year", YEAR, "--root", province)
    assert code == 0, out
    points = repository.load(province).surveys[YEAR].points()
    assert (points[("so-noi-vu", b)], points[("so-tu-phap", a)]) == (Decimal("0.75"), Decimal("0.7"))


def test_merged_unit_points_to_its_successor(province, tmp_path, cchc):
    repo = repository.load(province, wanted=lambda f: False)
    old = next(u for u in repo.units.values() if u.successors)
    code = _survey_leaves(province, "so-noi-vu")[0][0]
    sheet = write_xlsx(tmp_path / "cu.xlsx", {"Xã": [["Mã đơn vị", code], [old.id, 0.5]]})
    code, out, _ = cchc("survey", "import", sheet, "--year", YEAR, "--root", province)
    assert code == 1
    assert f"đơn vị '{old.id}' không hoạt động năm {YEAR}" in out and old.successors[0] in out
