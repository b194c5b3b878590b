"""Hand-checked scoring: N/A shrinks the maximum, ties share a place, merged units are
compared with their predecessors, rounding is half-up on exact decimals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from cchc import validation
from cchc.score import results as results_mod
from cchc.score.rank import places

FRAMEWORK = {
    "id": "t",
    "level": "xa",
    "title": "Bộ tiêu chí kiểm thử",
    "max": 100,
    "precision": 2,
    "legal_basis": {"number": "9/QĐ-UBND", "date": "2024-01-02", "issuer": "UBND tỉnh"},
    "bands": [{"label": "Tốt", "min": 80}, {"label": "Khá", "min": 70}, {"label": "Yếu", "min": 0}],
    "areas": [
        {
            "code": "1",
            "title": "Lĩnh vực một",
            "max": 80,
            "criteria": [
                {
                    "code": "1.1",
                    "title": "Tiêu chí một",
                    "max": 80,
                    "method": "self",
                    "rule": {"kind": "free", "step": 0.01},
                }
            ],
        },
        {
            "code": "2",
            "title": "Lĩnh vực hai",
            "max": 20,
            "criteria": [
                {
                    "code": "2.1",
                    "title": "Tiêu chí hai",
                    "max": 20,
                    "method": "self",
                    "na_allowed": True,
                    "rule": {"kind": "free", "step": 0.01},
                }
            ],
        },
    ],
}


def _plan(year: int) -> dict:
    return {
        "year": year,
        "title": f"Kế hoạch {year}",
        "frameworks": {"xa": "t/xa"},
        "deadlines": {
            "entry_opens": f"{year}-11-10T00:00:00+07:00",
            "self_assessment_closes": f"{year}-12-31T23:59:59+07:00",
            "appraisal_round1_closes": f"{year + 1}-02-15T23:59:59+07:00",
            "explanation_closes": f"{year + 1}-03-01T23:59:59+07:00",
            "appraisal_round2_closes": f"{year + 1}-03-20T23:59:59+07:00",
            "publication": f"{year + 1}-04-30T00:00:00+07:00",
        },
        "councils": [{"id": "hd", "name": "Hội đồng", "accounts": ["hd1"]}],
        "routing": [{"council": "hd", "levels": ["xa"]}],
    }


def _write(root: Path, rel: str, data) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _repo(root: Path, units: list[dict], scores: dict) -> Path:
    """scores: (year, unit) -> {code: points or 'na'}"""
    _write(
        root,
        "province.yaml",
        {
            "name": "Tỉnh",
            "authority": "Sở Nội vụ",
            "levels": [{"id": "xa", "name": "Xã"}],
            "groups": [{"id": "xa", "name": "Xã"}],
            "admins": ["admin"],
        },
    )
    _write(root, "criteria/t/xa.yaml", FRAMEWORK)
    _write(root, "units/xa.yaml", {"units": units})
    for year in sorted({y for y, _ in scores}):
        _write(root, f"plans/{year}.yaml", _plan(year))
    for (year, unit), by_code in scores.items():
        entries = [
            {"code": c, "na": True, "na_reason": "Không phát sinh"}
            if v == "na"
            else {"code": c, "score": v, "explanation": "Giải trình"}
            for c, v in by_code.items()
        ]
        _write(root, f"submissions/{year}/{unit}/self-assessment.yaml", {"unit": unit, "year": year, "scores": entries})
    return root


def _unit(uid, first=2020, until=None, successors=()):
    u = {"id": uid, "name": f"UBND xã {uid.upper()}", "level": "xa", "group": "xa", "from": first}
    if until:
        u["until"] = until
    if successors:
        u["successors"] = list(successors)
    return u


def _rows(root: Path, year: int):
    res = results_mod.compute(validation.validate(root).repo)
    return {r.unit.id: r for g in res.year(year).groups for r in g.rows}


def test_na_compares_by_percentage(tmp_path):
    root = _repo(tmp_path, [_unit("a")], {(2025, "a"): {"1.1": 60, "2.1": "na"}})
    row = _rows(root, 2025)["a"]
    assert row.score.max == Decimal(80)
    assert row.score.total == Decimal(60)
    assert row.score.index == Decimal("75.00")
    assert row.score.classification == "Khá"


def test_equal_indices_share_a_place(tmp_path):
    units = [_unit(u) for u in "abcd"]
    scores = {
        (2025, "a"): {"1.1": 60, "2.1": "na"},  # 75.00 %
        (2025, "b"): {"1.1": 75, "2.1": 0},  # 75.00 % of 100
        (2025, "c"): {"1.1": 80, "2.1": 10},  # 90.00 %
        (2025, "d"): {"1.1": 10, "2.1": 5},
    }  # 15.00 %
    rows = _rows(_repo(tmp_path, units, scores), 2025)
    assert {u: r.place for u, r in rows.items()} == {"c": 1, "a": 2, "b": 2, "d": 4}


def test_rounding_is_half_up_on_exact_decimals(tmp_path):
    # 2/3 of the maximum: 66.666… % → 66.67; 0.125 % steps show no float drift.
    root = _repo(
        tmp_path,
        [_unit("a"), _unit("b")],
        {(2025, "a"): {"1.1": 66.67, "2.1": 0}, (2025, "b"): {"1.1": 0.13, "2.1": "na"}},
    )
    rows = _rows(root, 2025)
    assert rows["a"].score.index == Decimal("66.67")
    assert rows["b"].score.index == Decimal("0.16")  # 0.13 / 80 × 100 = 0.1625 → 0.16


def test_merged_commune_change_against_predecessors(tmp_path):
    units = [
        _unit("x1", until=2024, successors=["x3"]),
        _unit("x2", until=2024, successors=["x3"]),
        _unit("y", first=2020),
        _unit("x3", first=2025),
    ]
    scores = {
        (2024, "x1"): {"1.1": 80, "2.1": 0},  # 80.00
        (2024, "x2"): {"1.1": 50, "2.1": 10},  # 60.00
        (2024, "y"): {"1.1": 70, "2.1": 20},  # 90.00
        (2025, "x3"): {"1.1": 60, "2.1": 15},  # 75.00
        (2025, "y"): {"1.1": 50, "2.1": 20},
    }  # 70.00
    root = _repo(tmp_path, units, scores)
    assert not [f for f in validation.validate(root).errors if f.code != "report-missing"]
    rows = _rows(root, 2025)
    ch = rows["x3"].change
    assert ch.predecessors == ("x1", "x2")
    assert ch.previous_index == Decimal("70.00")
    assert ch.index == Decimal("5.00")
    assert ch.place is None  # places of two merged units are not comparable
    y = rows["y"].change
    assert (y.index, y.previous_place, y.place) == (Decimal("-20.00"), 1, -1)


def test_unit_without_submission_is_listed_as_not_submitted(tmp_path):
    root = _repo(tmp_path, [_unit("a"), _unit("b")], {(2025, "a"): {"1.1": 60, "2.1": 10}})
    rows = _rows(root, 2025)
    assert rows["b"].score.status == "chua-nop"
    assert rows["b"].score.index == Decimal("0.00")
    assert rows["b"].place == 2


def test_places_helper():
    assert places([Decimal(5), None, Decimal(7), Decimal(5)]) == [2, None, 1, 2]


def test_results_are_read_only_once_computed(tmp_path):
    root = _repo(
        tmp_path, [_unit("a"), _unit("b")], {(2024, "a"): {"1.1": 60, "2.1": 10}, (2025, "a"): {"1.1": 70, "2.1": 10}}
    )
    res = results_mod.compute(validation.validate(root).repo)
    row = res.rows_of("a")[2025]
    assert row.change is not None and row.change.points == Decimal(10)
    assert isinstance(res.years, tuple) and isinstance(res.year(2025).groups[0].rows, tuple)
    for target, name in (
        (res, "commit"),
        (row, "place"),
        (row, "change"),
        (row.score, "total"),
        (row.score.areas[0], "appraised"),
    ):
        with pytest.raises(AttributeError):  # dataclasses.FrozenInstanceError is an AttributeError
            setattr(target, name, None)
