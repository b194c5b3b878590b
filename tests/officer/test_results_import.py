"""A past year's published results (the annex of its publication decision) brought in as
history/<year>.yaml: the site's own annex round-trips into the same ranking and the same
change against last year; a table that is not consistent in itself is refused, every
problem located by sheet, row and column; columns named the way the index names them are
mapped by an option or by the file's "Mã cột" sheet (for survey import too)."""

from __future__ import annotations

import shutil
from decimal import Decimal

from cchc import validation
from cchc.load import repository
from cchc.score import results as results_mod

from .conftest import files_of, json_report, write_xlsx

DECISION = "631/QĐ-UBND ngày 09/5/2025"


def _rows(results, year: int) -> dict:
    """unit -> (group, place, total, max, index, class) of a results year."""
    return {
        r.unit.id: (g.id, r.place, r.score.total, r.score.max, r.score.index, r.score.classification)
        for g in results.year(year).groups
        for r in g.rows
    }


def _changes(results, year: int) -> dict:
    return {
        r.unit.id: (r.change.index, r.change.place, r.change.predecessors) if r.change else None
        for g in results.year(year).groups
        for r in g.rows
    }


def test_the_sites_annex_comes_back_as_the_same_published_year(province, tmp_path, cchc):
    """Export the 2024 annex, forget that the system ran 2024, import the annex: the ranking,
    the site's rows and the change of 2025 against 2024 are what they were."""
    before = results_mod.compute(validation.validate(province).repo)
    annex = tmp_path / "phu-luc-2024.xlsx"
    assert cchc("export", "annex", "--year", 2024, "--decision", DECISION, "--out", annex, "--root", province)[0] == 0
    (province / "plans" / "2024.yaml").unlink()
    (province / "surveys" / "2024.yaml").unlink()
    shutil.rmtree(province / "submissions" / "2024")
    code, out, err = cchc("results", "import", annex, "--year", 2024, "--root", province)
    assert code == 0, out + err
    assert "Đã ghi history/2024.yaml" in out
    assert f"quyết định {DECISION} của Chủ tịch UBND tỉnh Mẫu (dữ liệu mẫu)." in out  # read from the annex
    result = validation.validate(province)
    assert result.errors == [], [f.message for f in result.errors]
    after = results_mod.compute(result.repo)
    assert _rows(after, 2024) == _rows(before, 2024)
    assert _changes(after, 2025) == _changes(before, 2025)
    assert {r.score.status for g in after.year(2024).groups for r in g.rows} == {"da-cong-bo"}
    area = next(r for g in after.year(2024).groups for r in g.rows).score.areas[0]
    old = next(r for g in before.year(2024).groups for r in g.rows).score.areas[0]
    assert (area.code, area.title, area.max) == (old.code, old.title, old.max)
    # The same table again writes the very same file; a different one needs --force.
    text = (province / "history" / "2024.yaml").read_bytes()
    assert cchc("results", "import", annex, "--year", 2024, "--root", province)[0] == 0
    assert (province / "history" / "2024.yaml").read_bytes() == text
    # A year the system runs takes no published table.
    code, _, err = cchc("results", "import", annex, "--year", 2025, "--root", province)
    assert code == 2 and "đã có kế hoạch" in err


def _so(repo) -> list:
    return sorted((u for u in repo.units_in(2023) if u.level == "so"), key=lambda u: u.id)


HEADER = [
    "STT",
    "Cơ quan, đơn vị",
    "1. Công tác chỉ đạo, điều hành (40 điểm)",
    "2. Thủ tục hành chính (60 điểm)",
    "Tổng điểm",
    "Điểm tối đa áp dụng",
    "Chỉ số (%)",
    "Thứ hạng",
    "Xếp loại",
]


def test_inconsistent_tables_are_refused_with_sheet_row_and_column(province, tmp_path, cchc):
    a, b, c = _so(repository.load(province, wanted=lambda f: False))
    sheet = write_xlsx(
        tmp_path / "ket-qua-2023.xlsx",
        {
            "Sở": [
                ["PHỤ LỤC"],  # row 1
                [f"(Kèm theo Quyết định số {DECISION})"],  # row 2
                HEADER,  # row 3
                ["I", "KHỐI SỞ, BAN, NGÀNH"],  # row 4: a heading
                [1, a.name, 38, 52.5, 91.5, 100, 91.5, 1, "Xuất sắc"],  # row 5: 38 + 52.5 ≠ 91.5
                [2, b.name, 35, 50, 85, 100, 86, 3, "Tốt"],  # row 6: index ≠ 85 ÷ 100
                [3, c.name, 30, 55, 85, 95, 89.47, 3, "Tốt"],  # row 7: 89.47 > 86: 2nd
            ]
        },
    )
    before = files_of(province)
    code, out, _ = cchc("results", "import", sheet, "--year", 2023, "--root", province, "--format", "json")
    assert code == 1
    found = {(f["code"], f["line"], f["column"]) for f in json_report(out)["findings"]}
    assert found == {("officer-results-total", 5, 5), ("officer-results-index", 6, 7), ("officer-results-place", 7, 8)}
    messages = {f["code"]: f["message"] for f in json_report(out)["findings"]}
    assert messages["officer-results-total"] == (
        f"Trang 'Sở', dòng 5, cột E (Tổng điểm): tổng điểm của '{a.id}' ghi 91,5, khác tổng điểm các lĩnh vực (90,5)."
    )
    assert messages["officer-results-index"].startswith("Trang 'Sở', dòng 6, cột G (Chỉ số (%)): chỉ số của")
    assert "phải là 2" in messages["officer-results-place"]
    assert files_of(province) == before and not (province / "history").exists()


def test_components_named_like_the_index_are_mapped(province, tmp_path, cchc):
    """'CS1', 'CS2' are the index's own names for its components: --map or a 'Mã cột' sheet."""
    a, b, _ = _so(repository.load(province, wanted=lambda f: False))
    rows = [
        ["Tên đơn vị", "CS1", "CS2", "Tổng điểm", "Điểm tối đa", "Chỉ số", "Xếp hạng"],
        [a.name, 30.25, 55, 85.25, 100, 85.25, 1],
        [b.name, 28, 50.5, 78.5, 100, 78.5, 2],
    ]
    sheet = write_xlsx(tmp_path / "cs.xlsx", {"Sở": rows})
    code, out, _ = cchc(
        "results", "import", sheet, "--year", 2023, "--decision", DECISION, "--check", "--root", province
    )
    assert code == 0 and "không rõ cột 'CS1'" in out  # ignored, with the way to map it
    code, out, _ = cchc(
        "results", "import", sheet, "--year", 2023, "--decision", DECISION, "--map", "CS1=1,CS2=2", "--root", province
    )
    assert code == 0, out
    history = repository.load(province).histories[2023]
    assert [r.areas for r in history.rows] == [
        {"1": Decimal("30.25"), "2": Decimal("55")},
        {"1": Decimal("28"), "2": Decimal("50.5")},
    ]
    assert [(x.code, x.title) for x in history.areas["so"]] == [("1", "CS1"), ("2", "CS2")]
    # The same names in the file itself, on a "Mã cột" sheet.
    (province / "history" / "2023.yaml").unlink()
    sheet = write_xlsx(tmp_path / "cs2.xlsx", {"Sở": rows, "Mã cột": [["Cột", "Mã"], ["CS1", "1"], ["CS2", "2"]]})
    code, out, _ = cchc("results", "import", sheet, "--year", 2023, "--decision", DECISION, "--root", province)
    assert code == 0 and "không rõ cột" not in out
    assert repository.load(province).histories[2023].rows == history.rows


def test_survey_columns_mapped_too(province, tmp_path, cchc):
    repo = repository.load(province, wanted=lambda f: False)
    fw = repo.framework_for(2025, "so")
    survey = [n for n in fw.leaves() if n.is_survey][:2]
    sheet = write_xlsx(tmp_path / "dt.xlsx", {"Sở": [["Mã đơn vị", "CS1", "CS2"], ["so-noi-vu", 0.5, 0.25]]})
    code, out, _ = cchc(
        "survey",
        "import",
        sheet,
        "--year",
        2025,
        "--map",
        f"CS1={survey[0].code}",
        "--map",
        f"CS2={survey[1].code}",
        "--root",
        province,
    )
    assert code == 0, out
    points = repository.load(province).surveys[2025].points()
    assert (points[("so-noi-vu", survey[0].code)], points[("so-noi-vu", survey[1].code)]) == (
        Decimal("0.5"),
        Decimal("0.25"),
    )
    code, _, err = cchc("survey", "import", sheet, "--year", 2025, "--map", "CS1", "--root", province)
    assert code == 2 and "CS1=1.1" in err


def test_past_results_are_shared_data_for_the_administrators():
    """A pull request that changes history/ validates everything and needs an administrator."""
    from cchc.policy import paths
    from cchc.validation import scope

    assert scope(["history/2024.yaml"]) is None
    changed = paths.classify("history/2024.yaml")
    assert changed.kind == paths.SHARED and changed.area == "kết quả đã công bố các năm trước"


def test_survey_not_applicable_is_recorded_not_zero(province, tmp_path, cchc):
    repo = repository.load(province, wanted=lambda f: False)
    fw = repo.framework_for(2025, "so")
    first, second, third = [n.code for n in fw.leaves() if n.is_survey][:3]
    before = next(
        r.score.max
        for g in results_mod.compute(repository.load(province)).year(2025).groups
        for r in g.rows
        if r.unit.id == "so-noi-vu"
    )
    sheet = write_xlsx(
        tmp_path / "kad.xlsx",
        {"Sở": [["Mã đơn vị", first, second, third], ["so-noi-vu", "Không áp dụng", "K/AD", 0.5]]},
    )
    code, out, _ = cchc("survey", "import", sheet, "--year", 2025, "--root", province)
    assert code == 0, out
    assert "na: true" in (province / "surveys/2025.yaml").read_text(encoding="utf-8")
    loaded = repository.load(province)
    points = loaded.surveys[2025].points()
    assert points[("so-noi-vu", first)] is None and points[("so-noi-vu", second)] is None
    assert points[("so-noi-vu", third)] == Decimal("0.5")
    score = results_mod.compute(loaded)
    row = next(r for g in score.year(2025).groups for r in g.rows if r.unit.id == "so-noi-vu")
    node = row.score.by_code[first]
    assert node.na and node.max == 0  # the criterion leaves the unit's applicable maximum
    assert row.score.max == before - fw.node(first).max - fw.node(second).max
