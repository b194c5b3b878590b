"""`cchc year open` for a province's first year: no earlier plan to roll, so the frameworks come
from the repository (or --framework), the deadlines from --deadline or the usual calendar,
and one appraisal council covers every level; the plan validates and CODEOWNERS follows."""

from __future__ import annotations

import shutil
from pathlib import Path

from cchc import validation
from cchc.load.yamlfile import parse

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def _province(tmp_path) -> Path:
    root = tmp_path / "tinh"
    (root / "units").mkdir(parents=True)
    (root / "criteria" / "qd-2026").mkdir(parents=True)
    shutil.copy(MINI / "province.yaml", root / "province.yaml")
    shutil.copy(MINI / "units" / "so.yaml", root / "units" / "so.yaml")
    shutil.copy(MINI / "criteria" / "mini" / "so.yaml", root / "criteria" / "qd-2026" / "so.yaml")
    (root / ".github").mkdir()
    (root / ".github" / "CODEOWNERS").write_text("* @snv-admin\n", encoding="utf-8")
    return root


def test_the_first_year_opens_without_an_earlier_plan(tmp_path, cchc):
    root = _province(tmp_path)
    code, out, err = cchc(
        "year",
        "open",
        "2026",
        "--deadline",
        "tu-danh-gia=15/01/2027",
        "--deadline",
        "mo-nhap-lieu=01/12/2026",
        "--council-account",
        "hdtd-1",
        "--council-account",
        "hdtd-2",
        "--decision",
        "12/KH-UBND ngày 01/10/2026",
        "--root",
        root,
    )
    assert code == 0, out + err
    assert "Đã tạo plans/2026.yaml (năm đầu tiên): 2 đơn vị hoạt động (so: 2)" in out
    assert "Cấp 'so' dùng bộ tiêu chí qd-2026/so" in out and "Theo lịch thường lệ" in out
    plan = parse((root / "plans" / "2026.yaml").read_bytes()).data
    assert plan["frameworks"] == {"so": "qd-2026/so"} and plan["decision"] == "12/KH-UBND ngày 01/10/2026"
    assert plan["deadlines"] == {
        "entry_opens": "2026-12-01T00:00:00+07:00",
        "self_assessment_closes": "2027-01-15T23:59:59+07:00",
        "appraisal_round1_closes": "2027-02-15T23:59:59+07:00",
        "explanation_closes": "2027-03-01T23:59:59+07:00",
        "appraisal_round2_closes": "2027-03-20T23:59:59+07:00",
        "publication": "2027-04-30T00:00:00+07:00",
    }
    assert plan["councils"][0]["accounts"] == ["hdtd-1", "hdtd-2"]
    assert plan["routing"] == [{"council": "hd-tinh", "levels": ["so"]}]
    assert (root / "plans" / "2026.yaml").read_text(encoding="utf-8").startswith("# Kế hoạch năm 2026 (năm đầu tiên)")
    assert "/submissions/2026/so-a/ @hdtd-1 @hdtd-2" in (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert validation.validate(root).errors == []
    # The next year rolls from this one as usual.
    code, out, _ = cchc("year", "open", "2027", "--deadline", "cong-bo=15/05/2028", "--root", root)
    assert code == 0 and "từ kế hoạch năm 2026" in out
    rolled = parse((root / "plans" / "2027.yaml").read_bytes()).data
    assert rolled["deadlines"]["self_assessment_closes"] == "2028-01-15T23:59:59+07:00"
    assert rolled["deadlines"]["publication"] == "2028-05-15T00:00:00+07:00"


def test_which_framework_and_which_dates_when_unclear(tmp_path, cchc):
    root = _province(tmp_path)
    shutil.copytree(root / "criteria" / "qd-2026", root / "criteria" / "qd-2025")
    code, _, err = cchc("year", "open", "2026", "--root", root)
    assert code == 2 and "có 2 bộ tiêu chí (qd-2025/so, qd-2026/so)" in err and "--framework so=" in err
    code, _, err = cchc("year", "open", "2026", "--deadline", "han=31/12/2026", "--root", root)
    assert code == 2 and "tu-danh-gia=31/12/2026" in err
    code, _, err = cchc("year", "open", "2026", "--deadline", "tu-danh-gia=31/02/2026", "--root", root)
    assert code == 2 and "không phải một ngày giờ có thật" in err
    assert not (root / "plans").exists()
    code, out, _ = cchc("year", "open", "2026", "--framework", "so=qd-2025/so", "--root", root)
    assert code == 0 and "tạm ghi tài khoản quản trị" in out
    assert parse((root / "plans" / "2026.yaml").read_bytes()).data["frameworks"] == {"so": "qd-2025/so"}
    assert validation.validate(root).errors == []


def test_no_units_no_plan(tmp_path, cchc):
    root = _province(tmp_path)
    (root / "units" / "so.yaml").unlink()
    code, _, err = cchc("year", "open", "2026", "--root", root)
    assert code == 2 and "cchc units import" in err
