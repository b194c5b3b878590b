"""The council's and the explanation round's forms, generated from the plan at a given time:
which round is open for which unit, which council sees which units, what a closed round
offers (nothing), and that no dossier content goes into the public files under /admin/."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cchc.cli.main import main
from cchc.editor import appraisal, fields, rounds
from cchc.editor import config as editor_config
from cchc.editor.settings import Settings
from cchc.load import repository

VN = timezone(timedelta(hours=7))
LOCAL = Settings(local_backend="http://127.0.0.1:8081/api/v1")
AP = "submissions/2025/so-a/appraisal.yaml"
LOWERED = '{code: "1.1.1", score: 0.5, reason: Kế hoạch ban hành chậm.}'
ASKED = '{code: "1.2", request: Đề nghị bổ sung tài liệu về hội nghị tuyên truyền.}'
ROUND2 = '{round: 2, council: hd-tinh, date: "2026-03-05", items: []}'


def _appraisal(*items: str, final: bool = False) -> str:
    """appraisal.yaml of so-a: round 1 with ``items``, and round 2 when ``final``."""
    first = '{round: 1, council: hd-tinh, date: "2026-02-01", items: [' + ", ".join(items) + "]}"
    return "unit: so-a\nyear: 2025\nrounds:\n" + "".join(f"  - {r}\n" for r in [first, *([ROUND2] if final else [])])


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=VN)


def _stage(root: Path, when: str, unit: str = "so-a") -> rounds.Stage:
    repo = repository.load(root)
    return rounds.stage(repo.plans[2025], unit, repo.dossiers.get((2025, unit)), at(when), "+07:00")


def _write(root: Path, text: str | None) -> None:
    path = root / AP
    if text is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(text, encoding="utf-8")


def test_round_one_opens_after_the_units_deadline_until_its_own(mini_repo):
    _write(mini_repo, None)
    assert _stage(mini_repo, "2025-12-20T10:00").round is None  # the unit may still change its dossier
    first = _stage(mini_repo, "2026-01-05T10:00")
    assert (first.round, first.explanation) == (1, False)
    assert first.deadline == at("2026-02-15T23:59:59")
    assert "15/02/2026" in first.status
    late = _stage(mini_repo, "2026-02-16T08:00")
    assert late.round is None and "hết hạn thẩm định vòng 1" in late.status


def test_a_units_extension_moves_its_round_one(mini_repo):
    # so-b's self-assessment deadline is extended to 10/01/2026: nothing to appraise before then
    so_b = mini_repo / "submissions/2025/so-b"
    so_b.mkdir(parents=True)
    text = (mini_repo / "submissions/2025/so-a/self-assessment.yaml").read_text(encoding="utf-8")
    (so_b / "self-assessment.yaml").write_text(text.replace("unit: so-a", "unit: so-b"), encoding="utf-8")
    assert _stage(mini_repo, "2026-01-05T10:00", "so-b").round is None
    assert _stage(mini_repo, "2026-01-11T10:00", "so-b").round == 1


def test_requests_open_the_explanation_round_then_round_two(mini_repo):
    _write(mini_repo, _appraisal(LOWERED, ASKED))
    during = _stage(mini_repo, "2026-02-20T10:00")
    assert (during.round, during.explanation, during.deadline) == (None, True, at("2026-03-01T23:59:59"))
    after = _stage(mini_repo, "2026-03-02T10:00")
    assert (after.round, after.explanation) == (2, False)
    assert _stage(mini_repo, "2026-03-21T10:00").round is None


def test_without_requests_round_two_opens_at_once_and_a_recorded_round_two_closes_the_dossier(mini_repo):
    _write(mini_repo, _appraisal(LOWERED))
    assert _stage(mini_repo, "2026-02-05T10:00").round == 2
    _write(mini_repo, _appraisal(LOWERED, final=True))
    final = _stage(mini_repo, "2026-03-06T10:00")
    assert (final.round, final.explanation) == (None, False) and "vòng 2" in final.status


def test_a_unit_without_a_dossier_has_nothing_to_appraise(mini_repo):
    assert _stage(mini_repo, "2026-01-05T10:00", "so-b").round is None


def test_the_appraisal_year_is_the_plan_whose_appraisal_period_holds_the_time(mini_repo):
    repo = repository.load(mini_repo, wanted=lambda folder: False)
    assert rounds.appraisal_year(repo, at("2025-12-20T10:00")) is None
    assert rounds.appraisal_year(repo, at("2026-01-05T10:00")) == 2025
    assert rounds.appraisal_year(repo, at("2026-03-20T23:00")) == 2025
    assert rounds.appraisal_year(repo, at("2026-03-21T10:00")) is None
    assert rounds.appraisal_year(repo, at("2026-01-05T10:00"), 2024) is None


def _build(root: Path, when: str) -> tuple[dict, dict]:
    repo = repository.load(root)
    return editor_config.build(repo, LOCAL, at(when))


def _by_name(cfg: dict) -> dict[str, dict]:
    return {c["name"]: c for c in cfg["collections"]}


def test_the_council_gets_one_form_per_routed_unit_in_an_open_round(mini_repo):
    _write(mini_repo, None)
    cfg, rules = _build(mini_repo, "2026-01-20T10:00")
    collections = _by_name(cfg)
    council = collections["tham-dinh-2025-hd-tinh"]
    assert [f["name"] for f in council["files"]] == ["so-a"]  # so-b has no dossier
    [form] = council["files"]
    assert form["file"] == AP and form["media_folder"] == "evidence"
    assert council["format"] == "cchc-tham-dinh" and council["publish"] is False
    assert council["label_singular"] == "kết quả thẩm định"  # the commit message and pull request title
    names = [f["name"] for f in form["fields"]]
    assert names[:3] == ["unit", "date", "note"]
    fw = repository.load(mini_repo).framework_for(2025, "so")
    inputs = [c for f in form["fields"] if f["widget"] == "object" for c in f["fields"]]
    assert [c["name"] for c in inputs] == [fields.key("c", n.code) for n in fw.self_leaves()]
    assert {c["widget"] for c in inputs} == {"cchc-tham-dinh"}
    docs = collections["doc-2025-hd-tinh"]
    assert docs["hide"] is True and docs["format"] == "cchc-doc"
    assert [f["file"] for f in docs["files"]] == [
        "submissions/2025/so-a/self-assessment.yaml",
        "submissions/2025/so-a/explanation.yaml",
    ]
    index = rules["appraisal"]
    assert index["year"] == 2025 and index["councils"]["hd-tinh"]["units"] == ["so-a", "so-b"]
    assert index["units"]["so-a"]["round"] == 1 and index["units"]["so-b"]["round"] is None
    assert index["frameworks"]["mini/so"]["areas"][0]["leaves"][0]["code"] == "1.1.1"
    assert cfg["backend"]["commit_messages"]["create"] == "Tạo {{collection}} {{path}}"


def test_the_explanation_round_gives_the_unit_its_form_and_the_council_nothing(mini_repo):
    _write(mini_repo, _appraisal(LOWERED, ASKED))
    cfg, rules = _build(mini_repo, "2026-02-20T10:00")
    collections = _by_name(cfg)
    assert "tham-dinh-2025-hd-tinh" not in collections  # round 2 waits for the explanation deadline
    form = collections["giai-trinh-2025-so-a"]
    [file] = form["files"]
    assert file["file"] == "submissions/2025/so-a/explanation.yaml" and file["name"] == appraisal.EXPLANATION_FILE
    answers = next(f for f in file["fields"] if f["name"] == "answers")
    assert [f["name"] for f in answers["fields"]] == ["code", "text", "evidence"]
    assert collections["doc-2025-so-a"]["files"][0]["file"] == AP
    unit = rules["appraisal"]["units"]["so-a"]
    assert (unit["explanation"], unit["collection"], unit["deadline"]) == (
        True,
        "giai-trinh-2025-so-a",
        "2026-03-01T23:59:59+07:00",
    )
    cfg, rules = _build(mini_repo, "2026-03-02T10:00")
    assert "giai-trinh-2025-so-a" not in _by_name(cfg)
    assert rules["appraisal"]["units"]["so-a"]["round"] == 2


def test_outside_the_appraisal_period_nothing_is_added(mini_repo):
    cfg, rules = _build(mini_repo, "2025-12-20T10:00")
    assert [c["name"] for c in cfg["collections"]] == ["2025-so-a", "2025-so-b"]
    assert "appraisal" not in rules


def test_no_dossier_content_reaches_the_public_files(mini_repo, tmp_path):
    """The council reads the unit's dossier through the forge with its own access; /admin/ is public."""
    _write(mini_repo, _appraisal(LOWERED, ASKED))
    repo = repository.load(mini_repo)
    out = tmp_path / "admin"
    from cchc.editor import site

    site.write(out, repo, LOCAL, with_assets=False, now=at("2026-02-20T10:00"))
    text = "".join(p.read_text(encoding="utf-8") for p in out.iterdir())
    assert "Đề nghị bổ sung tài liệu" not in text and "Kế hoạch ban hành chậm" not in text
    assert "Đã tổ chức 3 hội nghị tuyên truyền" not in text  # the unit's own explanation


def test_the_command_takes_the_generation_time(mini_repo, tmp_path, capsys):
    _write(mini_repo, None)
    out = tmp_path / "admin"
    args = ["editor-config", "--root", str(mini_repo), "--local-backend", "http://127.0.0.1:9/api/v1"]
    assert main([*args, "--at", "2026-01-20T10:00:00+07:00", "--out", str(out)]) == 0
    rules = json.loads((out / "cchc-editor.json").read_text(encoding="utf-8"))
    assert rules["appraisal"]["units"]["so-a"]["round"] == 1
    assert main([*args, "--at", "20/01/2026"]) == 2
    assert "ISO 8601" in capsys.readouterr().err


@pytest.mark.parametrize("when", ["2026-01-20T10:00", "2026-02-20T10:00", "2026-03-05T10:00"])
def test_the_sample_province_gives_a_valid_configuration_all_through_the_appraisal(sample_dir, when):
    cfg, rules = editor_config.build(repository.load(sample_dir), LOCAL, at(when))
    names = [c["name"] for c in cfg["collections"]]
    assert len(names) == len(set(names))
    index = rules["appraisal"]
    for council in index["councils"].values():
        assert all(index["units"][u]["council"] for u in council["units"])
        if council["collection"]:
            shown = next(c for c in cfg["collections"] if c["name"] == council["collection"])
            assert {f["name"] for f in shown["files"]} == {u for u in council["units"] if index["units"][u]["round"]}
