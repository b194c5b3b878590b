"""The council's and the unit's files as the editor reads and writes them (its browser
modules under Node): a recorded round is written back unchanged in meaning (check-pr refuses
any change to it), the open round becomes exactly what the schema describes, a file that
already holds a later round is never saved over, and the council's input refuses what
`cchc check-pr` refuses."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from minirepo import MINI, build_mini

from cchc.checks import appraisal as appraisal_checks
from cchc.editor import data, site
from cchc.editor.settings import Settings
from cchc.load import repository
from cchc.load.schema import validate as schema_validate
from cchc.load.yamlfile import parse

from .node import run_harness

pytestmark = pytest.mark.node

LOCAL = Settings(local_backend="http://127.0.0.1:9/api/v1")


@pytest.fixture(scope="module")
def admin(tmp_path_factory, sample_dir) -> tuple[Path, dict]:
    """The editor's scripts and the sample's appraisal data, every 2025 unit in round 2."""
    from datetime import datetime, timedelta, timezone

    repo = repository.load(sample_dir)
    out = tmp_path_factory.mktemp("admin")
    now = datetime(2026, 3, 5, 9, tzinfo=timezone(timedelta(hours=7)))
    site.write(out, repo, LOCAL, with_assets=True, now=now)
    index = json.loads((out / "cchc-editor.json").read_text(encoding="utf-8"))["appraisal"]
    for unit in index["units"].values():
        unit["round"] = 2
    return out, index


run = run_harness


def _rounds(text: str, schema: bool = True) -> list[tuple]:
    """The rounds as check-pr compares them (cchc.policy.phases._key)."""
    parsed = parse(text.encode("utf-8"))
    assert not schema or schema_validate(parsed, "appraisal", "appraisal.yaml") == []
    return [
        (
            r["round"],
            r["council"],
            r.get("date"),
            r.get("note"),
            [(str(it["code"]), it.get("score"), it.get("reason"), it.get("request")) for it in r["items"]],
        )
        for r in parsed.data["rounds"]
    ]


def test_every_sample_appraisal_is_written_back_unchanged_in_meaning(admin, sample_dir):
    folder, index = admin
    files = sorted((sample_dir / "submissions" / "2025").glob("*/appraisal.yaml"))
    assert len(files) > 20
    items = [{"op": "appraisal", "appraisal": index, "text": f.read_text(encoding="utf-8")} for f in files]
    for path, got in zip(files, run(folder, items), strict=True):
        assert got["error"] is None, (path, got["error"])
        before, after = _rounds(path.read_text(encoding="utf-8")), _rounds(got["file"], schema=False)
        assert after[: len(before)] == before, path
        # the open round 2 joins an empty form when the file has only round 1 (its date is then required)
        assert after[len(before) :] in ([], [(2, "hd-tinh", None, None, [])]), path


ODD = """# viết tay
unit: so-a
year: 2025
rounds:
  - round: 1
    council: hd-tinh
    date: '2026-01-20'
    note: |
      Nhận xét nhiều dòng,
      giữ nguyên dòng cuối.
    items:
      - code: 1.2
        request:  Đề nghị bổ sung.
        reason: ~
      - {code: "1.1.1", score: 0.50, reason: ""}
      - code: '2.1'
        score: 1
        reason: >
          Gấp
          dòng.
"""


def test_a_hand_written_round_survives_a_save_of_the_next(admin):
    folder, index = admin
    index = copy.deepcopy(index)
    index["units"]["so-a"] = {**index["units"]["so-tu-phap"], "round": 2, "council": "hd-tinh", "framework": "f"}
    index["frameworks"]["f"] = data.framework(repository.load(MINI, wanted=lambda f: False).frameworks["mini/so"])
    [got] = run(folder, [{"op": "appraisal", "appraisal": index, "text": ODD}])
    assert got["error"] is None, got["error"]
    assert _rounds(got["file"], schema=False)[:1] == _rounds(ODD)
    # the form then adds round 2; round 1 still reads the same
    got["data"]["date"] = "2026-03-05"
    got["data"]["a_1"] = {"c_1_1_1": {"score": "1", "reason": "  Đơn vị đã giải trình. "}}
    got["data"]["a_4"] = {"c_4_1": {"score": "", "reason": "", "request": ""}}
    [again] = run(folder, [{"op": "appraisal", "appraisal": index, "form": got["data"], "text": ODD}])
    assert again["error"] is None, again["error"]
    first, second = _rounds(again["file"])
    assert [first] == _rounds(ODD)
    assert second == (2, "hd-tinh", "2026-03-05", None, [("1.1.1", 1, "Đơn vị đã giải trình.", None)])


def test_the_open_round_is_written_as_the_schema_says(admin, tmp_path):
    folder, index = admin
    [empty] = run(folder, [{"op": "appraisal", "appraisal": index, "text": "", "unit": "so-tu-phap"}])
    assert empty["data"] == {"_kept": []} and "round: 2" in empty["file"]


def test_a_file_with_a_later_round_is_never_saved_over(admin, sample_dir):
    folder, index = admin
    index = copy.deepcopy(index)
    text = (sample_dir / "submissions/2025/so-cong-thuong/appraisal.yaml").read_text(encoding="utf-8")
    index["units"]["so-cong-thuong"]["round"] = 1  # a page generated before round 2 was recorded
    [got] = run(folder, [{"op": "appraisal", "appraisal": index, "text": text}])
    assert got["file"] is None and "vòng sau" in got["error"]


def test_every_sample_explanation_reads_and_saves_the_same(admin, sample_dir):
    folder, index = admin
    files = sorted((sample_dir / "submissions").glob("*/*/explanation.yaml"))
    assert files
    items = [
        {
            "op": "explanation",
            "appraisal": {**index, "year": int(f.parts[-3])},
            "unit": f.parts[-2],
            "text": f.read_text(),
        }
        for f in files
    ]
    for path, got in zip(files, run(folder, items), strict=True):
        assert got["error"] is None, got["error"]
        before, after = parse(path.read_bytes()).data, parse(got["file"].encode("utf-8"))
        assert schema_validate(after, "explanation", "explanation.yaml") == []
        assert after.data == before, path


# (criterion, appraisal item): what the council's input shows must be what check-pr reports.
ITEMS = [
    {"code": "1.1.1", "score": "0.5"},
    {"code": "1.1.1", "score": "0.5", "reason": "Ban hành chậm."},
    {"code": "1.1.1", "score": "0.75", "reason": "Giữa hai mức."},
    {"code": "1.1.2", "score": "1", "reason": "Hoàn thành một nửa."},
    {"code": "1.2", "score": "0.3", "reason": "Lẻ."},
    {"code": "1.2", "score": "0.75"},
    {"code": "2.1", "score": "1.5", "reason": "Hội đồng xác định lại."},
    {"code": "2.2.1", "score": "5", "reason": "Ghi nhầm."},
    {"code": "2.2.1", "score": "3.88"},
    {"code": "4.1", "reason": "Chỉ có lý do."},
    {"code": "4.2", "request": "Đề nghị giải trình."},
]


def _check_pr_refuses(tmp_path: Path, item: dict) -> bool:
    root = build_mini(tmp_path)
    lines = [f'      - code: "{item["code"]}"']
    lines += [
        f"        {k}: {v}" if k == "score" else f"        {k}: {json.dumps(v)}" for k, v in item.items() if k != "code"
    ]
    text = "unit: so-a\nyear: 2025\nrounds:\n  - round: 1\n    council: hd-tinh\n    date: '2026-01-20'\n    items:\n"
    (root / "submissions/2025/so-a/appraisal.yaml").write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    repo = repository.load(root)
    return bool(appraisal_checks.check(repo, repo.dossiers[(2025, "so-a")]))


def test_the_councils_input_refuses_what_check_pr_refuses(tmp_path):
    repo = repository.load(MINI, wanted=lambda f: False)
    out = tmp_path / "admin"
    site.write(out, repo, LOCAL, with_assets=True)
    self_text = (MINI / "submissions/2025/so-a/self-assessment.yaml").read_text(encoding="utf-8")
    framework = data.framework(repo.frameworks["mini/so"])
    [problems] = run(out, [{"op": "problems", "framework": framework, "self": self_text, "items": ITEMS}])
    refused = [_check_pr_refuses(tmp_path / str(i), item) for i, item in enumerate(ITEMS)]
    assert [bool(p) for p in problems] == refused == [
        True, False, True, True, True, False, False, True, False, True, False,
    ]  # fmt: skip
