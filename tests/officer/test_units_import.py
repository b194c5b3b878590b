"""The unit registry from a table: ids made from Vietnamese names (collisions told apart and
reported), parents and predecessors by name, the template round trip, CODEOWNERS following,
and each mistake refused with its sheet, row and column while nothing is written."""

from __future__ import annotations

from pathlib import Path

from cchc import validation
from cchc.load import repository
from cchc.officer.unit_ids import choose, slug

from .conftest import files_of, json_report, write_xlsx

PROVINCE = """name: Tỉnh Minh Sơn
authority: Sở Nội vụ tỉnh Minh Sơn
levels:
  - {id: so, name: "Sở, ban, ngành"}
  - {id: huyen, name: "UBND huyện, thị xã, thành phố"}
  - {id: xa, name: "UBND xã, phường, thị trấn"}
groups:
  - {id: so, name: "Sở, ban, ngành"}
  - {id: huyen, name: "UBND huyện, thị xã, thành phố"}
  - {id: xa, name: "UBND xã, phường, thị trấn"}
admins: [snv-admin]
"""
HEADER = [
    "STT",
    "Mã đơn vị",
    "Tên đơn vị",
    "Cấp",
    "Nhóm xếp hạng",
    "Đơn vị cấp trên",
    "Từ năm",
    "Đến năm",
    "Đơn vị tiền thân",
    "Tài khoản",
]


def _dong_hoa(predecessors: str) -> list:
    """Row 8 of the registry table: the commune merged in 2025 from the ``predecessors`` as written."""
    return [8, None, "UBND xã Đông Hòa", "xa", None, None, 2025, None, predecessors, "dong-hoa-vanthu, @Dong-Hoa-2"]


def _empty(tmp_path) -> Path:
    root = tmp_path / "tinh"
    root.mkdir()
    (root / "province.yaml").write_text(PROVINCE, encoding="utf-8")
    return root


def test_ids_from_vietnamese_names():
    assert slug("UBND xã Đông Hòa") == "xa-dong-hoa"
    assert slug("Ủy ban nhân dân thị trấn Đức Phổ") == "thi-tran-duc-pho"
    assert slug("Sở Văn hóa, Thể thao và Du lịch") == "so-van-hoa-the-thao-va-du-lich"
    assert slug("Sở Văn hoá - Thể thao và Du lịch") == "so-van-hoa-the-thao-va-du-lich"  # the other accent spelling
    taken = {"xa-tan-hoa"}
    assert choose("Xã Tân Hòa", taken, "huyen-vu-thu", 2020) == "xa-tan-hoa-huyen-vu-thu"
    assert choose("Xã Tân Hòa", taken | {"xa-tan-hoa-huyen-vu-thu"}, "huyen-vu-thu", 2025) == "xa-tan-hoa-2025"
    assert choose("Xã Tân Hòa", taken, None, None) == "xa-tan-hoa-2"
    assert len(choose("Sở " + "rất dài " * 20, set())) <= 64


def test_a_new_province_registry_from_one_table(tmp_path, cchc):
    root = _empty(tmp_path)
    sheet = write_xlsx(
        tmp_path / "don-vi.xlsx",
        {
            "Đơn vị": [
                ["DANH SÁCH ĐƠN VỊ"],
                HEADER,
                [1, None, "Sở Tư pháp", "so", None, None, 2020, None, None, "stp-vanthu"],
                [2, None, "Sở Văn hóa, Thể thao và Du lịch", "Sở, ban, ngành", "so", None, 2020, None, None, None],
                [3, None, "UBND huyện Vũ Thư", "huyen", None, None, 2020, 2024, None, None],
                [4, None, "UBND huyện Đông Hưng", "huyen", None, None, 2020, 2024, None, None],
                [5, None, "UBND xã Tân Hòa", "xa", None, "UBND huyện Vũ Thư", 2020, 2024, None, None],
                [6, None, "UBND xã Tân Hòa", "xa", None, "UBND huyện Đông Hưng", 2020, 2024, None, None],
                [7, None, "UBND xã Đông Các", "xa", None, "huyen-dong-hung", 2020, 2024, None, None],
                _dong_hoa("UBND xã Đông Các; Xã Tân Hòa (huyện Đông Hưng)"),
            ]
        },
    )
    # Two communes of one name: the later takes its district's name; both predecessors by name
    # would be ambiguous, so the table names the second one by the id it will get.
    sheet_fixed = write_xlsx(
        tmp_path / "don-vi-2.xlsx",
        {
            "Đơn vị": [
                HEADER,
                *[r for r in _rows(sheet)[2:-1]],
                _dong_hoa("UBND xã Đông Các; xa-tan-hoa-huyen-dong-hung"),
            ]
        },
    )
    code, out, _ = cchc("units", "import", sheet, "--root", root, "--format", "json")
    assert code == 1
    found = {(f["code"], f["line"], f["column"]) for f in json_report(out)["findings"] if f["severity"] == "error"}
    assert found == {("officer-units-predecessor", 10, 9)}  # "Xã Tân Hòa (huyện Đông Hưng)" is no name
    assert not (root / "units").exists()
    code, out, _ = cchc("units", "import", sheet_fixed, "--root", root)
    assert code == 0, out
    assert "mã 'xa-tan-hoa' tạo từ tên đã dùng" in out and "xa-tan-hoa-huyen-dong-hung" in out
    assert "thêm 8" in out
    repo = repository.load(root)
    assert sorted(repo.units) == [
        "huyen-dong-hung",
        "huyen-vu-thu",
        "so-tu-phap",
        "so-van-hoa-the-thao-va-du-lich",
        "xa-dong-cac",
        "xa-dong-hoa",
        "xa-tan-hoa",
        "xa-tan-hoa-huyen-dong-hung",
    ]
    units = repo.units
    assert (
        units["xa-tan-hoa"].parent == "huyen-vu-thu" and units["xa-tan-hoa-huyen-dong-hung"].parent == "huyen-dong-hung"
    )
    assert units["xa-dong-cac"].successors == ("xa-dong-hoa",)
    assert units["xa-tan-hoa-huyen-dong-hung"].successors == ("xa-dong-hoa",)
    assert units["xa-dong-hoa"].accounts == ("dong-hoa-vanthu", "dong-hoa-2")
    assert units["so-tu-phap"].group == "so" and units["xa-dong-hoa"].first_year == 2025
    assert validation.validate(root).errors == []
    # Importing the same table again changes nothing; so does the template of the registry.
    before = files_of(root)
    code, out, _ = cchc("units", "import", sheet_fixed, "--root", root)
    assert code == 0 and "thêm 0, cập nhật 0, không đổi 8" in out
    assert files_of(root) == before
    template = tmp_path / "mau.xlsx"
    assert cchc("units", "template", "--out", template, "--root", root)[0] == 0
    code, out, _ = cchc("units", "import", template, "--root", root)
    assert code == 0 and "không đổi 8" in out
    assert files_of(root) == before


def _rows(path: Path) -> list:
    from openpyxl import load_workbook

    return [list(r) for r in load_workbook(path).worksheets[0].iter_rows(values_only=True)]


def test_each_mistake_is_refused_with_its_row_and_column(tmp_path, cchc):
    root = _empty(tmp_path)
    sheet = write_xlsx(
        tmp_path / "sai.xlsx",
        {
            "Đơn vị": [
                HEADER,  # row 1
                [1, None, "Sở Tư pháp", "so", None, None, 2020],  # row 2
                [2, None, "Sở Tư Pháp", "so", None, None, 2021],  # row 3: same name
                [3, None, "Sở Y tế", "sở y tế", None, None, 2020],  # row 4: unknown level
                [4, None, "UBND xã Hòa Bình", "xa", None, "UBND huyện Không Có", 2020],  # row 5: unknown parent
                [5, None, "UBND xã An Lạc", "xa", None, None, "năm 2020"],  # row 6: not a year
            ]
        },
    )
    code, out, _ = cchc("units", "import", sheet, "--root", root, "--format", "json")
    assert code == 1
    found = {(f["code"], f["line"], f["column"]) for f in json_report(out)["findings"] if f["severity"] == "error"}
    assert found == {
        ("officer-units-duplicate", 3, 3),
        ("officer-units-level", 4, 4),
        ("officer-units-parent", 5, 6),
        ("officer-units-format", 6, 7),
    }
    messages = {f["code"]: f["message"] for f in json_report(out)["findings"]}
    assert messages["officer-units-level"].startswith("Trang 'Đơn vị', dòng 4, cột D (Cấp): cấp 'sở y tế' không có")
    assert "Trang 'Đơn vị', dòng 2" in messages["officer-units-duplicate"]
    assert "Không có tệp nào bị thay đổi" in out
    assert not (root / "units").exists()


def test_codeowners_follow_an_imported_unit(province, tmp_path, cchc):
    """In a province with plans, a new department gets its review route in CODEOWNERS."""
    codeowners = province / ".github" / "CODEOWNERS"
    codeowners.parent.mkdir()
    assert cchc("codeowners", "--root", province)[0] == 0
    sheet = write_xlsx(
        tmp_path / "moi.xlsx",
        {"Đơn vị": [["Tên đơn vị", "Cấp", "Từ năm", "Tài khoản"], ["Sở Ngoại vụ", "so", 2025, "sngv-vanthu"]]},
    )
    code, out, _ = cchc("units", "import", sheet, "--root", province)
    assert code == 0, out
    assert ".github/CODEOWNERS" in out and "/submissions/2025/so-ngoai-vu/" in codeowners.read_text(encoding="utf-8")
    assert validation.validate(province).errors == []


def test_the_template_of_a_restructured_registry_imports_back_unchanged(province, tmp_path, cchc):
    """Parents, last years and predecessors (merged communes) survive the round trip."""
    before = files_of(province)
    template = tmp_path / "mau.xlsx"
    assert cchc("units", "template", "--out", template, "--root", province)[0] == 0
    count = len(repository.load(province, wanted=lambda f: False).units)
    code, out, _ = cchc("units", "import", template, "--root", province)
    assert code == 0 and f"thêm 0, cập nhật 0, không đổi {count} đơn vị" in out
    assert files_of(province) == before
