"""The index's name comes from province.yaml: a province running another index of the same
shape gets its own words on the site, in the downloads and in the official tables, with no
change to the code."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from cchc import validation
from cchc.publish import data
from cchc.publish.site.pages import Site
from cchc.score import results as results_mod

NAME, SHORT = "Chỉ số chất lượng giải quyết thủ tục hành chính", "Chỉ số TTHC"


def test_names_from_province_yaml(province, tmp_path, cchc):
    path = province / "province.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("admins:", f'index: {{name: "{NAME}", short: "{SHORT}"}}\nadmins:'),
        encoding="utf-8",
    )
    result = validation.validate(province)
    assert result.errors == []
    results = results_mod.compute(result.repo)
    pages = Site(results, result.repo).pages()
    assert pages["index.md"].title.startswith(f"{NAME} — Tỉnh Mẫu")
    assert pages["nam/2025/index.md"].title == f"{SHORT} năm 2025"
    assert pages["nam/2025/so.md"].title.startswith(f"Xếp hạng {SHORT} năm 2025")
    # The pages' own words (plan and framework titles are the province's data, quoted as written).
    chrome = "".join(pages[p].title + pages[p].body for p in ("index.md", "nam/2025/index.md", "nam/2025/so.md"))
    assert f"Kết quả xác định {NAME} ({SHORT}) năm 2025" in chrome and "Chỉ số CCHC" not in chrome
    assert json.loads(data.to_json(results))["title"] == f"Kết quả {NAME}"
    annex = tmp_path / "phu-luc.xlsx"
    assert cchc("export", "annex", "--year", 2025, "--out", annex, "--root", province)[0] == 0
    cells = [c for row in load_workbook(annex).worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert f"KẾT QUẢ XÁC ĐỊNH {NAME.upper()} NĂM 2025" in cells and f"{SHORT} (%)" in cells
    unit = next(u for u in result.repo.units_in(2025) if (2025, u.id) in result.repo.dossiers)
    assert (
        cchc(
            "export", "unit", "--year", 2025, "--unit", unit.id, "--as", ".xlsx", "--out", tmp_path, "--root", province
        )[0]
        == 0
    )
    sheet = load_workbook(tmp_path / f"bang-tong-hop-2025-{unit.id}.xlsx").worksheets[0]
    texts = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert f"CHẤM ĐIỂM {NAME.upper()} NĂM 2025" in texts and "CẢI CÁCH HÀNH CHÍNH" not in texts
