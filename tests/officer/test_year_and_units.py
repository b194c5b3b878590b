"""Opening a year and recording merges and splits: the new plan and registry validate, and
every past year keeps its own units, framework and numbers."""

from __future__ import annotations

import json
import shutil

import pytest

from cchc import validation
from cchc.load import repository
from cchc.load.yamlfile import parse
from cchc.officer.plan_roll import shift
from cchc.publish import data
from cchc.score import results as results_mod

from .conftest import files_of


def _plan(root, year) -> dict:
    return parse((root / "plans" / f"{year}.yaml").read_bytes()).data


def _past(root, years) -> list:
    """The published results (the site's data file) of the given years."""
    doc = json.loads(data.to_json(results_mod.compute(validation.validate(root).repo)))
    return [y for y in doc["years"] if y["year"] in years]


def test_shift_keeps_the_time_and_moves_29_february():
    assert shift("2025-12-31T23:59:59+07:00", 2) == "2027-12-31T23:59:59+07:00"
    assert shift("2028-02-29T23:59:59+07:00", 1) == "2029-02-28T23:59:59+07:00"


def test_open_next_year_from_the_latest_plan(province, cchc):
    code, out, _ = cchc("year", "open", "2026", "--root", province)
    assert code == 0, out
    old, new = _plan(province, 2025), _plan(province, 2026)
    assert new["year"] == 2026 and "năm 2026" in new["title"] and "decision" not in new
    assert new["frameworks"] == old["frameworks"]
    assert new["deadlines"] == {k: shift(v, 1) for k, v in old["deadlines"].items()}
    assert new["deadlines"]["publication"] == "2027-04-30T00:00:00+07:00"
    assert (new["councils"], new["routing"]) == (old["councils"], old["routing"])
    assert "extensions" not in new
    assert "Cần bổ sung" in out and "Hạn tự đánh giá 31/12/2026" in out
    assert validation.validate(province).errors == []
    # Never overwrites a year already opened.
    before = files_of(province)
    code, _, err = cchc("year", "open", "2026", "--root", province)
    assert code == 2 and "không ghi đè" in err
    assert files_of(province) == before


def test_rollover_across_the_2025_restructuring(province, cchc):
    """Rolling 2024 into 2025 by itself gives the plan the province actually adopted: the
    district level and councils go, communes go to the provincial council, new frameworks."""
    real = _plan(province, 2025)
    (province / "plans" / "2025.yaml").unlink()
    shutil.rmtree(province / "submissions" / "2025")
    (province / "surveys" / "2025.yaml").unlink()
    choose = [arg for level, ref in real["frameworks"].items() for arg in ("--framework", f"{level}={ref}")]
    code, out, _ = cchc("year", "open", "2025", *choose, "--root", province)
    assert code == 0, out
    rolled = _plan(province, 2025)
    assert rolled["frameworks"] == real["frameworks"]
    assert rolled["deadlines"] == real["deadlines"]
    assert rolled["routing"] == real["routing"]
    assert [c["id"] for c in rolled["councils"]] == [c["id"] for c in real["councils"]]
    assert "Bỏ hội đồng 'hd-huyen" in out and "Cấp 'huyen' không còn đơn vị" in out
    assert validation.validate(province).errors == []


def test_year_open_without_a_framework_for_a_level_is_refused(province, cchc):
    (province / "plans" / "2025.yaml").unlink()
    shutil.rmtree(province / "submissions" / "2025")
    (province / "surveys" / "2025.yaml").unlink()
    code, _, err = cchc("year", "open", "2025", "--framework", "so=sample-2025/xa", "--root", province)
    assert code == 2 and "dành cho cấp 'xa'" in err
    assert not (province / "plans" / "2025.yaml").exists()


@pytest.mark.slow
def test_merge_and_split_keep_past_years(province, cchc):
    before = _past(province, {2024, 2025})
    repo = repository.load(province, wanted=lambda f: False)
    communes = [u.id for u in repo.units_in(2025) if u.level == "xa"]
    assert cchc("year", "open", "2026", "--root", province)[0] == 0
    code, out, _ = cchc(
        "units",
        "merge",
        *communes,
        "--into",
        "xa-hop-nhat=UBND xã Hợp Nhất",
        "--year",
        "2026",
        "--account",
        "xa-hop-nhat-vanthu",
        "--root",
        province,
    )
    assert code == 0, out
    code, out, _ = cchc(
        "units",
        "split",
        "so-noi-vu",
        "--into",
        "so-noi-vu-a=Sở Nội vụ A",
        "--into",
        "so-noi-vu-b=Sở Nội vụ B",
        "--year",
        "2026",
        "--root",
        province,
    )
    assert code == 0, out
    result = validation.validate(province)
    assert result.errors == []
    units = result.repo.units
    assert [units[c].last_year for c in communes] == [2025] * len(communes)
    assert all(units[c].successors == ("xa-hop-nhat",) for c in communes)
    assert (units["xa-hop-nhat"].first_year, units["xa-hop-nhat"].accounts) == (2026, ("xa-hop-nhat-vanthu",))
    assert units["so-noi-vu"].successors == ("so-noi-vu-a", "so-noi-vu-b")
    # Past years render exactly as before, with their own units; 2026 has the new ones.
    assert _past(province, {2024, 2025}) == before
    active = {u.id for u in result.repo.units_in(2026)}
    assert {"xa-hop-nhat", "so-noi-vu-a", "so-noi-vu-b"} <= active and not active & set([*communes, "so-noi-vu"])
    # The built site shows each year with its own units.
    site = province.parent / "site"
    code, out, _ = cchc("build", "--root", province, "--out", site)
    assert code == 0, out
    names = {c: units[c].name for c in communes}
    page_2025 = (site / "nam" / "2025" / "xa.html").read_text(encoding="utf-8")
    page_2026 = (site / "nam" / "2026" / "xa.html").read_text(encoding="utf-8")
    assert all(name in page_2025 and name not in page_2026 for name in names.values())
    assert "UBND xã Hợp Nhất" in page_2026 and "UBND xã Hợp Nhất" not in page_2025
    assert "Hình thành từ" in (site / "don-vi" / "xa-hop-nhat.html").read_text(encoding="utf-8")
    # The registry file stays plain, deterministic YAML: new units right after their predecessors.
    text = (province / "units" / "xa.yaml").read_text(encoding="utf-8")
    assert "#" not in text and text.index("id: xa-hop-nhat") > text.index(f"id: {communes[-1]}")


def test_merge_refusals_write_nothing(province, cchc):
    before = files_of(province)
    repo = repository.load(province, wanted=lambda f: False)
    xa = [u.id for u in repo.units_in(2025) if u.level == "xa"]
    cases = [
        (["units", "merge", "so-noi-vu", "so-khong-co", "--into", "so-moi=Sở Mới", "--year", "2026"], "so-khong-co"),
        (["units", "merge", xa[0], xa[1], "--into", "so-noi-vu=Trùng", "--year", "2026"], "đã có"),
        (["units", "merge", "so-noi-vu", xa[0], "--into", "x=Khác cấp", "--year", "2026"], "cấp khác nhau"),
        (
            ["units", "merge", "so-noi-vu", "so-tai-chinh", "--into", "so-moi=Sở Mới", "--year", "2025"],
            "đã có hồ sơ năm 2025",
        ),
        (["units", "merge", xa[0], xa[1], "--into", "xa-moi=UBND xã Mới", "--year", "2025"], "bắt đầu năm 2025"),
        (["units", "merge", xa[0], "--into", "Sai Mã=UBND xã", "--year", "2026"], "không hợp lệ"),
        (["units", "split", "so-noi-vu", "--into", "so-a=Sở A", "--year", "2026"], "ít nhất hai"),
    ]
    for args, said in cases:
        code, _, err = cchc(*args, "--root", province)
        assert code == 2 and said in err, (args, err)
    assert files_of(province) == before


def test_add_and_end_units(province, cchc):
    code, out, _ = cchc(
        "units", "add", "--into", "so-van-hoa=Sở Văn hóa", "--level", "so", "--year", "2026", "--root", province
    )
    assert code == 0, out
    assert "Cần xử lý tiếp" not in out  # no plan for 2026 yet: nothing to route
    code, out, _ = cchc("units", "end", "so-tu-phap", "--year", "2026", "--root", province)
    assert code == 0, out
    units = validation.validate(province).repo.units
    assert (units["so-van-hoa"].first_year, units["so-van-hoa"].group) == (2026, "so")
    assert units["so-tu-phap"].last_year == 2025 and not units["so-tu-phap"].successors


def test_extension_for_one_unit(province, cchc):
    args = ["year", "extend", "2025", "--unit", "so-tu-phap", "--decision", "30/SNV-CCHC ngày 05/01/2026"]
    code, out, _ = cchc(*args, "--until", "15/01/2026 17:00", "--root", province)
    assert code == 0, out
    code, out, _ = cchc(*args, "--until", "20/01/2026", "--root", province)  # a second decision replaces it
    assert code == 0, out
    plan = validation.validate(province).repo.plans[2025]
    assert plan.deadline("self_assessment_closes", "so-tu-phap").isoformat() == "2026-01-20T23:59:59+07:00"
    assert plan.deadline("self_assessment_closes", "so-noi-vu") == plan.deadlines["self_assessment_closes"]
    assert len(plan.extensions) == 1
    before = files_of(province)
    code, _, err = cchc(*args, "--until", "20/12/2025", "--root", province)
    assert code == 2 and "không muộn hơn thời hạn chung (23:59 ngày 31/12/2025)" in err
    assert files_of(province) == before


def test_codeowners_follow_the_registry_and_the_plan(province, cchc):
    """The forge's review rules are generated from units/ and plans/: the officer's commands
    regenerate .github/CODEOWNERS with the change, so the pull request passes its checks."""
    from cchc.policy import codeowners

    assert cchc("codeowners", "--root", province)[0] == 0
    assert cchc("year", "open", "2026", "--root", province)[0] == 0
    code, out, _ = cchc(
        "units",
        "add",
        "--into",
        "so-van-hoa=Sở Văn hóa",
        "--level",
        "so",
        "--year",
        "2026",
        "--account",
        "so-van-hoa-vanthu",
        "--root",
        province,
    )
    assert code == 0 and ".github/CODEOWNERS" in out
    assert codeowners.check(repository.load(province, wanted=lambda f: False), province) == []
    assert "/submissions/2026/so-van-hoa/" in (province / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
