"""The editor's browser modules run under Node on real data: the file format reads what
clerks, `cchc new` and other tools write and saves exactly what `cchc validate` accepts,
and the preview's running total equals cchc's own computation."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from cchc.editor import site
from cchc.editor.config import choose_year
from cchc.editor.settings import Settings
from cchc.load import repository
from cchc.load.schema import validate as schema_validate
from cchc.load.yamlfile import parse
from cchc.rules import self_points
from cchc.score.unit import index_of, score_unit

from .conftest import node_json

HARNESS = Path(__file__).with_name("harness.mjs")
LOCAL = Settings(local_backend="http://127.0.0.1:9/api/v1")


@pytest.fixture(scope="module")
def editor(sample_dir, tmp_path_factory):
    """(repository, year, rule data, folder with the editor's scripts)."""
    repo = repository.load(sample_dir)
    admin = tmp_path_factory.mktemp("admin")
    site.write(admin, repo, LOCAL, with_assets=True)
    rules = json.loads((admin / "cchc-editor.json").read_text(encoding="utf-8"))
    return repo, choose_year(repo, LOCAL), rules, admin


def run_js(editor, items: list[dict]) -> list[dict]:
    _, _, rules, admin = editor
    return node_json(HARNESS, admin, {"rules": rules, "items": items})


def _schema_ok(text: str) -> dict:
    parsed = parse(text.encode("utf-8"))
    assert schema_validate(parsed, "self-assessment", "x.yaml") == []
    return parsed.data


def _copy(repo_root: Path, target: Path) -> Path:
    shutil.copytree(repo_root, target)
    return target


def _dossiers(repo, year):
    return [(u, d) for (y, u), d in sorted(repo.dossiers.items()) if y == year and d.self_assessment]


def test_every_sample_dossier_survives_a_save_unchanged_in_meaning(editor, sample_dir, tmp_path):
    repo, year, _, _ = editor
    dossiers = _dossiers(repo, year)
    assert dossiers
    results = run_js(
        editor,
        [{"unit": u, "text": (sample_dir / d.self_assessment.file).read_text(encoding="utf-8")} for u, d in dossiers],
    )
    saved = _copy(sample_dir, tmp_path / "saved")
    for (_unit, d), r in zip(dossiers, results, strict=True):
        assert r["error"] is None
        _schema_ok(r["file"])
        (saved / d.self_assessment.file).write_text(r["file"], encoding="utf-8")
    after = repository.load(saved)
    for unit, d in dossiers:
        fw = repo.framework_for(year, repo.units[unit].level)
        before_sa, after_sa = d.self_assessment, after.dossiers[(year, unit)].self_assessment
        assert after_sa is not None, unit
        assert _same_report(before_sa, after_sa), unit
        old = {e.code: e for e in before_sa.entries}
        new = {e.code: e for e in after_sa.entries}
        assert list(new) == [n.code for n in fw.self_leaves()]
        for node in fw.self_leaves():
            a, b = old.get(node.code), new[node.code]
            assert self_points(node, a) == self_points(node, b), (unit, node.code)
            if a is not None:
                assert (a.na and node.na_allowed, a.na_reason, a.explanation) == (b.na, b.na_reason, b.explanation)
                assert [(r.file, r.title, r.number, r.date, r.section, r.page) for r in a.evidence] == [
                    (r.file, r.title, r.number, r.date, r.section, r.page) for r in b.evidence
                ]


def _same_report(a, b) -> bool:
    fields = ("file", "number", "date", "approved_by")
    return [getattr(a.report, f, None) for f in fields] == [getattr(b.report, f, None) for f in fields] and (
        a.difficulties or ""
    ).strip() == (b.difficulties or "").strip()


def _python_totals(repo, unit, year):
    us = score_unit(repo, repo.units[unit], year)
    leaves = [ns for ns in us.nodes() if not ns.children and ns.method != "survey"]
    self_max = sum((ns.max for ns in leaves), Decimal(0))
    total = min(max(us.self_total, Decimal(0)), self_max)
    return total, self_max, index_of(total, self_max, us.framework.precision)


def test_preview_total_equals_cchc_for_every_sample_dossier(editor, sample_dir):
    repo, year, _, _ = editor
    dossiers = _dossiers(repo, year)
    results = run_js(
        editor,
        [{"unit": u, "text": (sample_dir / d.self_assessment.file).read_text(encoding="utf-8")} for u, d in dossiers],
    )
    for (unit, _), r in zip(dossiers, results, strict=False):
        got = (Decimal(r["total"]), Decimal(r["max"]), Decimal(r["index"]) if r["index"] else None)
        assert got == _python_totals(repo, unit, year), unit


def _unit_and_leaves(editor):
    repo, year, rules, _ = editor
    unit = next(iter(rules["units"]))
    fw = rules["frameworks"][rules["units"][unit]["framework"]]
    leaves = [(a, leaf) for a in fw["areas"] for leaf in a["leaves"] if leaf["input"]]
    return repo, year, unit, leaves


def test_odd_but_valid_files_are_read_and_saved_canonically(editor):
    _repo, year, unit, leaves = _unit_and_leaves(editor)
    choice = next(leaf for _, leaf in leaves if leaf["choice"] and leaf["kind"] == "levels")
    figures = next(leaf for _, leaf in leaves if leaf["figures"])
    free = next(leaf for _, leaf in leaves if not leaf["choice"] and not leaf["figures"])
    points = choice["params"]["levels"][1]["points"]
    text = (
        f"# viết tay, có chú thích\nunit: {unit}\nyear: {year}\n"
        "report: {file: evidence/bc.pdf, number: '5/BC', date: '2025-12-01', approved_by: Lê Văn B}\n"
        "difficulties: ~\nscores:\n"
        f"  - code: '{choice['code']}'\n    score: \"{points.replace('.', ',')}\"\n"
        "    evidence:\n      - file: evidence/a.pdf\n        date: ''\n        page:\n        title: null\n"
        f"  - code: \"{figures['code']}\"\n    score: 1\n    figures: {{achieved: '3', total: 4}}\n"
        f"  - code: \"{free['code']}\"\n    score: '0.50'\n    explanation: ''\n"
        "  - code: '99.99'\n    score: 1\n"
        f"  - code: '{choice['code']}'\n    score: 0\n"
    )
    [r] = run_js(editor, [{"unit": unit, "text": text}])
    assert r["data"]["_dropped"] == ["99.99", choice["code"]]
    data = _schema_ok(r["file"])
    entries = {str(e["code"]): e for e in data["scores"]}
    assert list(entries) == [leaf["code"] for _, leaf in leaves]
    assert entries[choice["code"]] == {
        "code": choice["code"],
        "score": Decimal(points) if "." in points else int(points),
        "evidence": [{"file": "evidence/a.pdf"}],
    }
    assert entries[figures["code"]] == {"code": figures["code"], "figures": {"achieved": 3, "total": 4}}
    assert entries[free["code"]] == {"code": free["code"], "score": Decimal("0.5")}
    assert "difficulties" not in data and data["report"]["date"] == "2025-12-01"
    assert f'code: "{choice["code"]}"' in r["file"] and 'date: "2025-12-01"' in r["file"]


def test_what_the_widgets_hold_when_left_empty_is_left_out(editor):
    _repo, year, unit, leaves = _unit_and_leaves(editor)
    data = {
        "unit": unit,
        "year": year,
        "report": {"file": "", "number": "", "date": "", "approved_by": ""},
        "difficulties": "",
    }
    for area, leaf in leaves:
        data.setdefault(area["key"], {})[leaf["key"]] = {
            "score": "",
            "achieved": "",
            "total": None,
            "na": False,
            "na_reason": "",
            "explanation": "  ",
            "evidence": [{"file": "", "title": "", "number": "", "date": "", "section": "", "page": ""}],
        }
    first_area, first = leaves[0]
    data[first_area["key"]][first["key"]]["evidence"].append(
        {"file": "evidence/x.pdf", "title": "Kế hoạch", "date": "2025-02-03", "page": "3", "section": ""}
    )
    [r] = run_js(editor, [{"unit": unit, "data": data}])
    parsed = _schema_ok(r["file"])
    assert set(parsed) == {"unit", "year", "scores"}
    assert parsed["scores"][0] == {
        "code": first["code"],
        "evidence": [{"file": "evidence/x.pdf", "title": "Kế hoạch", "date": "2025-02-03", "page": 3}],
    }
    assert all(set(e) == {"code"} for e in parsed["scores"][1:])
    blocking = {p["code"] for p in r["problems"] if p["blocking"]}
    assert blocking == {leaf["code"] for _, leaf in leaves}  # each still unanswered, each said so


def test_a_file_that_cannot_be_read_is_never_overwritten(editor):
    _, year, unit, _ = _unit_and_leaves(editor)
    [r] = run_js(editor, [{"unit": unit, "text": f"unit: {unit}\nyear: {year}\nscores: [\n  - code: '1'\n"}])
    assert r["file"] is None and "lỗi cú pháp" in r["error"]


def test_preview_follows_the_rules_on_invented_answers(editor, sample_dir, tmp_path):
    """Answers a clerk could type, right and wrong: the preview's total is cchc's."""
    _repo, year, unit, leaves = _unit_and_leaves(editor)
    data = {"unit": unit, "year": year}
    for i, (area, leaf) in enumerate(leaves):
        value: dict = {}
        if leaf["figures"]:
            value = [
                {"achieved": 7, "total": 8},
                {"achieved": 9, "total": 8},
                {"achieved": 0, "total": 0},
                {"achieved": 2, "total": 3},
            ][i % 4]
        elif leaf["choice"]:
            value = {"score": leaf["max"] if i % 3 else "0"}
        else:
            value = {"score": [leaf["max"], "0.25", "0.3", str(Decimal(leaf["max"]) + 1)][i % 4]}
        if leaf["na_allowed"] and i % 2:
            value = {"na": True, "na_reason": "Không phát sinh"}
        data.setdefault(area["key"], {})[leaf["key"]] = value
    [r] = run_js(editor, [{"unit": unit, "data": data}])
    saved = _copy(sample_dir, tmp_path / "saved")
    target = saved / "submissions" / str(year) / unit / "self-assessment.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(r["file"], encoding="utf-8")
    got = (Decimal(r["total"]), Decimal(r["max"]), Decimal(r["index"]) if r["index"] else None)
    assert got == _python_totals(repository.load(saved), unit, year)
