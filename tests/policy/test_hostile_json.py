"""JSON the pull-request commands read (the forge's event payload, the close job's pull request
files, a check result) may be nested too deeply or shaped otherwise: each is refused with a
Vietnamese sentence naming the file, never the "internal error" of the last line of defence."""

from __future__ import annotations

import json

from cchc.cli import main as cli

DEEP = "[" * 200_000 + "]" * 200_000  # Python's JSON decoder gives up (RecursionError) long before


def _refused(capsys, argv: list[str], words: str) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and "lỗi nội bộ" not in err, err


def test_a_deeply_nested_event_payload(tmp_path, capsys):
    (tmp_path / "event.json").write_text(DEEP, encoding="utf-8")
    _refused(capsys, ["check-pr", "--repo", str(tmp_path), "--event", str(tmp_path / "event.json")], "không phải JSON")


def test_an_event_payload_of_another_shape(tmp_path, capsys):
    for payload, words in [
        ({"pull_request": "không phải đối tượng"}, "thiếu base.sha/head.sha"),
        ({"pull_request": {"base": [1], "head": {"sha": 7}}}, "thiếu base.sha/head.sha"),
        ({"merge_group": ["x"]}, "thiếu base_sha/head_sha"),
    ]:
        (tmp_path / "event.json").write_text(json.dumps(payload), encoding="utf-8")
        _refused(capsys, ["check-pr", "--repo", str(tmp_path), "--event", str(tmp_path / "event.json")], words)


def test_deeply_nested_pull_request_files(forge, tmp_path, capsys):
    for pulls, timeline in [(DEEP, ""), ('{"number": 2}\n', DEEP), ('"không phải đối tượng"\n', "")]:
        (tmp_path / "pulls.json").write_text(pulls, encoding="utf-8")
        (tmp_path / "2").mkdir(exist_ok=True)
        (tmp_path / "2" / "timeline.json").write_text(timeline, encoding="utf-8")
        argv = [
            "close-entry",
            "--repo",
            str(forge.work),
            "--pulls",
            str(tmp_path / "pulls.json"),
            "--forge-data",
            str(tmp_path),
            "--now",
            "2026-01-11T01:00:00Z",
        ]
        _refused(capsys, argv, "dữ liệu yêu cầu gộp không đọc được")


def test_a_deeply_nested_check_result(tmp_path, capsys):
    (tmp_path / "r.json").write_text(DEEP, encoding="utf-8")
    _refused(capsys, ["comment", str(tmp_path / "r.json")], "không đúng định dạng")
