"""Provisional or published, N/A never 0, downloads that open right (issue 13).

The mini province is built twice in a Git repository: as it is (no publication decision:
provisional), and with the decision and a correction recorded in its plan. so-a has its
appraisal round 1 only; so-b's survey criterion 3.1 is recorded "Không áp dụng".
"""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from browsers import serve_folder
from docx import Document
from minirepo import build_mini
from openpyxl import load_workbook

from cchc import gitinfo
from cchc.cli import main as cli
from cchc.cli.build import build_site
from cchc.load import repository
from cchc.publish import data
from cchc.publish.site.build import CODE_ROOT
from cchc.score import results as results_mod
from cchc.score.unit import quantize, score_unit

PUBLICATION = (
    'publication:\n  - {number: 123/QĐ-UBND, date: "2026-04-28", signer: Chủ tịch UBND tỉnh Mẫu}\n'
    'corrections:\n  - {number: 130/QĐ-UBND, date: "2026-05-10", what: Sửa điểm tiêu chí 1.1.1, '
    "units: [so-a]}\n"
)


def _repo(target: Path, published: bool) -> Path:
    root = build_mini(target)
    survey = root / "surveys/2025.yaml"
    survey.write_text(
        survey.read_text(encoding="utf-8").replace(
            '{unit: so-b, code: "3.1", points: 7.5}', '{unit: so-b, code: "3.1", na: true}'
        ),
        encoding="utf-8",
    )
    if published:
        plan = root / "plans/2025.yaml"
        plan.write_text(plan.read_text(encoding="utf-8") + PUBLICATION, encoding="utf-8")
    env = {
        "GIT_AUTHOR_NAME": "snv",
        "GIT_AUTHOR_EMAIL": "snv@example.vn",
        "GIT_COMMITTER_NAME": "snv",
        "GIT_COMMITTER_EMAIL": "snv@example.vn",
        "GIT_AUTHOR_DATE": "2026-05-11T09:00:00+07:00",
        "GIT_COMMITTER_DATE": "2026-05-11T09:00:00+07:00",
        "HOME": str(target),
        "PATH": "/usr/bin:/bin",
    }
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Dữ liệu"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return root


def _site(base: Path, published: bool) -> tuple[Path, Any]:
    root = _repo(base / "repo", published)
    repo = repository.load(root)
    results = results_mod.compute(repo, gitinfo.commit(root), gitinfo.commit_date(root))
    out = base / "site"
    assert build_site(root, CODE_ROOT / "mkdocs.yml", out, repo, results) == 0
    return out, results


@pytest.fixture(scope="module")
def provisional(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    return _site(tmp_path_factory.mktemp("tam-thoi"), False)


@pytest.fixture(scope="module")
def final(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    return _site(tmp_path_factory.mktemp("cong-bo"), True)


@pytest.fixture(scope="module")
def served_provisional(provisional: tuple[Path, Any]) -> Iterator[str]:
    with serve_folder(provisional[0]) as url:
        yield url


@pytest.fixture(scope="module")
def served_final(final: tuple[Path, Any]) -> Iterator[str]:
    with serve_folder(final[0]) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


PAGES = ("index.html", "nam/2025/index.html", "nam/2025/so.html", "don-vi/so-a.html", "nam/2025/so/1.html")


def test_without_a_decision_every_page_says_provisional(served_provisional: str, provisional: tuple, page: Any) -> None:
    short = provisional[1].commit[:7]
    for path in PAGES:
        page.goto(f"{served_provisional}/{path}")
        banner = page.locator(".cchc-provisional").first
        assert "Kết quả tạm thời" in banner.inner_text(), path
        assert f"phiên bản dữ liệu {short}, ngày 11/05/2026" in banner.inner_text(), path
        assert page.locator(".cchc-final").count() == 0
    page.goto(f"{served_provisional}/nam/2025/so.html")
    # so-a has its first round only, so-b nothing: neither is final, both are marked
    assert page.locator("table.cchc-ranking .cchc-not-appraised").count() == 2
    assert "chưa thẩm định" in page.locator("table.cchc-ranking tbody tr").first.inner_text()


def test_with_a_decision_pages_stand_on_it(served_final: str, page: Any) -> None:
    for path in PAGES:
        page.goto(f"{served_final}/{path}")
        assert page.locator(".cchc-provisional").count() == 0, path
        final = page.locator(".cchc-final").first.inner_text()
        assert "Công bố theo Quyết định số 123/QĐ-UBND ngày 28/04/2026" in final, path
        assert (
            "Quyết định số 130/QĐ-UBND ngày 10/05/2026: Sửa điểm tiêu chí 1.1.1"
            in page.locator(".cchc-corrections").first.inner_text()
        )


def test_downloads_say_each_years_standing(served_provisional: str, served_final: str, page: Any) -> None:
    page.goto(f"{served_provisional}/tai-ve.html")
    listed = page.locator(".cchc-standings").inner_text()
    assert "Năm 2025: Kết quả tạm thời" in listed and "số liệu có thể còn thay đổi" in listed
    page.goto(f"{served_final}/tai-ve.html")
    listed = page.locator(".cchc-standings").inner_text()
    assert "Năm 2025: Công bố theo Quyết định số 123/QĐ-UBND ngày 28/04/2026" in listed
    assert "tạm thời" not in listed


def test_not_applicable_is_never_zero_on_the_site(served_provisional: str, page: Any) -> None:
    page.goto(f"{served_provisional}/don-vi/so-b.html")
    row = page.locator("table.cchc-detail tr", has=page.locator("td", has_text="3.1")).first
    assert row.locator("td").nth(2).inner_text() == "Không áp dụng"  # the applicable maximum
    assert row.locator("td").nth(6).inner_text() == "Không áp dụng"  # the points
    page.goto(f"{served_provisional}/nam/2025/so/3.html")
    cells = (
        page.locator("table tbody tr", has=page.locator("a", has_text="Sở Thử nghiệm B"))
        .locator("td")
        .all_inner_texts()
    )
    assert cells[2:4] == ["K/AD", "K/AD"]


def _csv(site: Path) -> bytes:
    return (site / "du-lieu/ket-qua-2025-so.csv").read_bytes()


def test_csv_opens_right_and_its_provenance_is_beside_it(provisional: tuple, final: tuple) -> None:
    for site, _ in (provisional, final):
        raw = _csv(site)
        assert raw.startswith(b"\xef\xbb\xbf" + '"Hạng","Mã đơn vị"'.encode())  # BOM, then the header
        lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        header = lines[0]
        so_b = next(line for line in lines if line[1] == "so-b")
        assert so_b[header.index("Tiêu chí 3.1")] == "Không áp dụng"
        assert so_b[header.index("Tiêu chí 3.1 (tối đa áp dụng)")] == "Không áp dụng"
        assert so_b[header.index("Thẩm định")] == "Chưa thẩm định"
        assert so_b[header.index("Điểm tối đa áp dụng")] == "10"
    text = (provisional[0] / "du-lieu/ket-qua-2025-so.thong-tin.txt").read_text(encoding="utf-8")
    assert "Tình trạng: Kết quả tạm thời" in text and "Phiên bản dữ liệu: phiên bản dữ liệu" in text
    assert "commit" not in text
    text = (final[0] / "du-lieu/ket-qua-2025-so.thong-tin.txt").read_text(encoding="utf-8")
    assert "Công bố theo Quyết định số 123/QĐ-UBND ngày 28/04/2026" in text
    assert "Đính chính: Quyết định số 130/QĐ-UBND ngày 10/05/2026" in text


def test_xlsx_has_its_information_sheet_and_no_zero_for_na(provisional: tuple, final: tuple) -> None:
    for (site, _), word in ((provisional, "Kết quả tạm thời"), (final, "Công bố theo Quyết định số 123/QĐ-UBND")):
        wb = load_workbook(site / "du-lieu/ket-qua-2025.xlsx")
        info = {r[0]: r[1] for r in wb["Thông tin"].iter_rows(values_only=True)}
        assert info["Tình trạng"].startswith(word)
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        assert word in rows[1][0] and "commit" not in rows[1][0]
        header = rows[3]
        so_b = next(r for r in rows[4:] if r[1] == "so-b")
        assert so_b[header.index("Tiêu chí 3.1")] == "Không áp dụng"


def test_xlsx_sheets_keep_their_layout_types_and_styles(provisional: tuple) -> None:
    """The workbook is written row by row: each group's sheet still has its bold
    title, its bold wrapped header on row 4, its panes frozen at D5 (rank, code and name stay in
    view), a wide name column, numbers as numbers and text as text; readers that size a sheet by
    its <dimension> (read-only mode) see every row."""
    site, results = provisional
    path = site / "du-lieu/ket-qua-2025.xlsx"
    wb = load_workbook(path)
    year = results.year(2025)
    assert wb.sheetnames == [g.name for g in year.groups] + ["Thông tin"]
    for ws, group in zip(wb.worksheets, year.groups, strict=False):
        assert ws.freeze_panes == "D5"
        assert int(ws.column_dimensions["C"].width) == 34  # as Excel shows it (the file adds the cell's padding)
        assert ws["A1"].font.b and ws["A1"].font.sz == 13 and "KẾT QUẢ" in ws["A1"].value
        assert ws["A2"].data_type == "s" and not ws["A2"].font.b
        assert all(c.value is None for c in ws[3])
        header = ws[4]
        assert [c.value for c in header][:3] == ["Hạng", "Mã đơn vị", "Tên đơn vị"]
        assert all(c.font.b and c.alignment.wrap_text and c.alignment.vertical == "center" for c in header)
        assert ws.max_row == 4 + len(group.rows) and ws.max_column == len(header)
        names = [c.value for c in header]
        for r in ws.iter_rows(min_row=5):
            assert isinstance(r[0].value, int) or r[0].value is None  # the place
            assert r[1].data_type == "s" and not r[1].font.b  # the unit's id: text, plain
            index = r[names.index("Chỉ số (%)")].value
            assert isinstance(index, (int, float)) or index is None  # a whole number reads back as int
    info = wb["Thông tin"]
    assert int(info.column_dimensions["A"].width) == 22 and int(info.column_dimensions["B"].width) == 100
    assert all(row[0].font.b and not row[1].font.b for row in info.iter_rows())
    streamed = load_workbook(path, read_only=True)
    for ws, group in zip(streamed.worksheets, year.groups, strict=False):
        assert ws.max_row == 4 + len(group.rows)
    streamed.close()


def test_downloads_are_byte_identical_for_the_same_state(provisional: tuple, tmp_path: Path) -> None:
    site, results = provisional
    again = data.write_all(results, tmp_path)
    for path in again:
        assert path.read_bytes() == (site / "du-lieu" / path.name).read_bytes(), path.name


def test_annex_shows_kad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _repo(tmp_path / "repo", False)
    annex = tmp_path / "phu-luc.docx"
    assert cli.main(["export", "annex", "--year", "2025", "--out", str(annex), "--root", str(root)]) == 0, (
        capsys.readouterr()
    )
    rows = [[c.text for c in r.cells] for t in Document(str(annex)).tables for r in t.rows]
    header = next(r for r in rows if r[0] == "Thứ hạng")
    so_b = next(r for r in rows if "Sở Thử nghiệm B" in r)
    area3 = next(i for i, h in enumerate(header) if h.startswith("3."))
    assert so_b[area3] == "K/AD"  # area 3 is the survey criterion 3.1 alone: not applicable, not 0


def test_no_survey_held_scales_the_appraised_points(tmp_path: Path) -> None:
    root = build_mini(tmp_path / "repo")
    plan = root / "plans/2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "survey:\n  so: {held: false}\n", encoding="utf-8")
    repo = repository.load(root)
    unit = repo.units["so-a"]
    held = score_unit(repository.load(build_mini(tmp_path / "held")), unit, 2025)
    s = score_unit(repo, unit, 2025)
    assert held is not None and s is not None
    raw, out_of = s.unscaled
    assert out_of == held.max - Decimal(10)  # criterion 3.1 (10 points) leaves the maximum
    assert raw == held.appraised_total
    assert s.max == held.max  # scaled back to the framework's total
    assert s.total == quantize(raw * held.max / out_of, 2)
    assert s.survey_total == 0 and s.by_code["3.1"].na
    assert s.index == quantize(s.total / s.max * 100, 2)
