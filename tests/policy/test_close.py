"""Closing entry: the scheduled job records receipts as tags, from the forge's own records of
pull requests (ready or draft, check runs), and check-pr then holds every dossier to them."""

from __future__ import annotations

import json

from cchc.cli import main as cli

from .conftest import check, codes
from .forge import git

SA = "submissions/2025/so-a/self-assessment.yaml"
SB = "submissions/2025/so-b/self-assessment.yaml"


def _forge_data(tmp_path, pulls: list[dict], timelines: dict, runs: dict):
    folder = tmp_path / "forge-data"
    folder.mkdir(exist_ok=True)
    (folder / "pulls.json").write_text(json.dumps(pulls), encoding="utf-8")
    for number in {p["number"] for p in pulls}:
        (folder / str(number)).mkdir(exist_ok=True)
        # one JSON object per line, as `gh api --paginate --jq '.[]'` writes them
        (folder / str(number) / "timeline.json").write_text(
            "".join(json.dumps(e) + "\n" for e in timelines.get(number, [])), encoding="utf-8"
        )
        (folder / str(number) / "runs.json").write_text(
            "".join(json.dumps(r) + "\n" for r in runs.get(number, [])), encoding="utf-8"
        )
    return folder


def _pull(number, login, head, draft=False):
    return {
        "number": number,
        "draft": draft,
        "title": "Hồ sơ",
        "user": {"login": login},
        "created_at": "2025-12-01T01:00:00Z",
        "head": {"sha": head, "ref": f"pr-{number}"},
    }


def close_args(forge, data, now) -> list[str]:
    """`cchc close-entry --apply --push origin` on a fresh clone of main (no key given)."""
    closer = forge.checkout("main", name="closer")
    git(closer, "checkout", "-q", "-B", "main", "origin/main")
    inputs = ["--pulls", str(data / "pulls.json"), "--forge-data", str(data), "--now", now]
    return ["close-entry", "--repo", str(closer), *inputs, "--apply", "--push", "origin"]


def _close(forge, data, now, capsys, key) -> dict:
    out = data / "khoa.json"
    extra = ["--out", str(out), "--summary", str(data / "bb.md"), "--key", str(key)]
    code = cli.main([*close_args(forge, data, now), *extra])
    assert code == 0, capsys.readouterr()
    capsys.readouterr()
    return json.loads(out.read_text(encoding="utf-8"))


def _so_b_draft(forge):
    forge.branch("so-b", "main")
    forge.write(SB, (forge.work / SA).read_text(encoding="utf-8").replace("unit: so-a", "unit: so-b"))
    for name in ("ke-hoach.pdf", "bao-cao.pdf"):
        forge.write(
            f"submissions/2025/so-b/evidence/{name}",
            (forge.work / f"submissions/2025/so-a/evidence/{name}").read_bytes(),
        )
    head = forge.commit("Hồ sơ so-b", author="so-b-vanthu", date="2026-01-05T09:00:00+07:00")
    forge.push("so-b")
    return head


def _so_a_sent(forge) -> str:
    """so-a sends its dossier on 20/12, before its deadline (31/12/2025 23:59:59 +07:00)."""
    forge.branch("so-a")
    forge.edit(SA, "score: 0.75\n", "score: 1\n")
    head = forge.commit("Gửi đi", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00")
    forge.push("so-a")
    return head


def _on_time_then_late(forge) -> tuple[str, str]:
    """so-a sends h1 before its deadline, then pushes h2 after it (h2's commit claims 30/12)."""
    h1 = _so_a_sent(forge)
    forge.edit(SA, "score: 0.5\n", "score: 1\n")
    h2 = forge.commit("Sửa muộn", author="so-a-vanthu", date="2025-12-30T09:00:00+07:00")
    forge.push("so-a")
    return h1, h2


def _so_a_runs(h1: str, h2: str | None = None) -> dict:
    """The check runs of so-a's pull request #1: on h1 when sent (20/12), on h2 when pushed late (02/01)."""
    runs = [{"head_sha": h1, "created_at": "2025-12-20T02:01:00Z"}]
    if h2 is not None:
        runs.append({"head_sha": h2, "created_at": "2026-01-02T02:01:00Z"})
    return {1: runs}


def _so_b_runs(hb: str) -> dict:
    """The check run of so-b's pull request #2, on its draft (05/01)."""
    return {2: [{"head_sha": hb, "created_at": "2026-01-05T02:01:00Z"}]}


def _so_b_not_submitted(forge, tmp_path, capsys, key) -> tuple[str, dict]:
    """so-b is still a draft when its deadline (10/01) closes: (its head, the close job's record)."""
    hb = _so_b_draft(forge)
    data = _forge_data(tmp_path, [_pull(2, "so-b-vanthu", hb, draft=True)], {}, _so_b_runs(hb))
    return hb, _close(forge, data, "2026-01-11T00:00:00Z", capsys, key)


def _extend_so_b(forge) -> None:
    """The Department extends so-b's deadline again, to 20/01, on the main branch (12/01)."""
    forge.branch("gia-han", "main")
    forge.edit(
        "plans/2025.yaml",
        'self_assessment_closes: "2026-01-10T23:59:59+07:00"',
        'self_assessment_closes: "2026-01-20T23:59:59+07:00"',
    )
    forge.commit("Gia hạn lần 2 cho so-b", author="snv-admin", date="2026-01-12T09:00:00+07:00")
    forge.push("gia-han")
    forge.merge("gia-han", by="snv-admin")


def test_close_entry_records_receipts_and_holds_pull_requests_to_them(forge, capsys, tmp_path, receipt_key):
    # so-a: ready since 20/12 with h1; after the deadline it pushes h2, whose commit claims 30/12
    h1, h2 = _on_time_then_late(forge)
    hb = _so_b_draft(forge)  # so-b: still a draft; its extension runs to 10/01/2026
    pulls = [_pull(1, "so-a-vanthu", h2), _pull(2, "so-b-vanthu", hb, draft=True)]
    data = _forge_data(tmp_path, pulls, {}, {**_so_a_runs(h1, h2), **_so_b_runs(hb)})

    doc = _close(forge, data, "2026-01-03T00:00:00Z", capsys, receipt_key)
    assert [(d["unit"], d["received"], d["commit"], d["pull"]) for d in doc["decisions"]] == [("so-a", True, h1, 1)]
    assert git(forge.origin, "rev-parse", "nop/2025/so-a^{commit}") == h1  # the commit it had at the deadline
    assert "tiếp nhận" in doc["comments"][0]["body"] and doc["comments"][0]["pull"] == 1
    assert "Hạn tự đánh giá: 2025-12-31T23:59:59+07:00" in git(forge.origin, "tag", "-l", "-n9", "nop/2025/so-a")
    assert _close(forge, data, "2026-01-04T00:00:00Z", capsys, receipt_key)["decisions"] == []  # done once

    # the late push is refused against the receipt; so is hiding it behind an empty commit
    ci = forge.checkout(h2)
    code, res = check(capsys, ci, forge.pull_request(h2, "so-a-vanthu", "2026-01-02T02:00:00Z", before=h1))
    assert code == 1 and codes(res) == {"phase-locked"} and "đã tiếp nhận" in res["findings"][0]["message"]
    git(forge.work, "checkout", "-q", "so-a")
    h3 = forge.commit("Trống", author="so-a-vanthu", date="2025-12-29T09:00:00+07:00", allow_empty=True)
    forge.push("so-a")
    code, res = check(
        capsys, forge.checkout(h3), forge.pull_request(h3, "so-a-vanthu", "2026-01-06T02:00:00Z", before=h2)
    )
    assert code == 1 and codes(res) == {"phase-locked"}

    # the version received stays mergeable after the deadline (the council updates the branch)
    git(forge.work, "checkout", "-q", "-B", "so-a", h1)
    git(
        forge.work,
        "merge",
        "-q",
        "--no-edit",
        "origin/main",
        env={
            "GIT_AUTHOR_NAME": "hdtd-1",
            "GIT_AUTHOR_EMAIL": "h@x.vn",
            "GIT_COMMITTER_NAME": "hdtd-1",
            "GIT_COMMITTER_EMAIL": "h@x.vn",
        },
    )
    h4 = forge.push("so-a")
    code, res = check(
        capsys,
        forge.checkout(h4),
        forge.pull_request(h4, "so-a-vanthu", "2026-01-20T02:00:00Z", sender="hdtd-1", before=h1),
    )
    assert code == 0, res

    # so-b: at its own deadline it is still a draft → not submitted, and told so
    doc = _close(forge, data, "2026-01-11T00:00:00Z", capsys, receipt_key)
    assert [(d["unit"], d["received"]) for d in doc["decisions"]] == [("so-b", False)]
    assert git(forge.origin, "tag", "-l", "chua-nop/*") == "chua-nop/2025/so-b"
    told = {c["pull"]: c["body"] for c in doc["comments"]}
    assert "đã khoá nhập liệu" in told[2] and "chưa nộp" in told[2]
    assert "Chưa nộp" in (data / "bb.md").read_text(encoding="utf-8")


def test_a_later_extension_replaces_the_not_submitted_record(forge, capsys, tmp_path, receipt_key):
    hb, doc = _so_b_not_submitted(forge, tmp_path, capsys, receipt_key)
    # so-a's dossier was merged into main before the deadline: received as it stands there
    assert [(d["unit"], d["received"]) for d in doc["decisions"]] == [("so-a", True), ("so-b", False)]
    assert git(forge.origin, "tag", "-l", "*so-b") == "chua-nop/2025/so-b"
    # the Department grants a new extension; so-b sends its dossier (ready for review on 15/01)
    _extend_so_b(forge)
    timeline = {2: [{"event": "ready_for_review", "created_at": "2026-01-15T02:00:00Z"}]}
    data = _forge_data(tmp_path, [_pull(2, "so-b-vanthu", hb)], timeline, _so_b_runs(hb))
    doc = _close(forge, data, "2026-01-21T00:00:00Z", capsys, receipt_key)
    assert [(d["unit"], d["received"], d["commit"]) for d in doc["decisions"]] == [("so-b", True, hb)]
    assert git(forge.origin, "tag", "-l", "*so-b") == "nop/2025/so-b"


def test_a_pull_request_withdrawn_after_the_deadline_still_counts(forge, capsys, tmp_path, receipt_key):
    h1 = _so_a_sent(forge)
    timeline = {1: [{"event": "convert_to_draft", "created_at": "2026-01-01T05:00:00Z"}]}
    data = _forge_data(tmp_path, [_pull(1, "so-a-vanthu", h1, draft=True)], timeline, _so_a_runs(h1))
    doc = _close(forge, data, "2026-01-02T00:00:00Z", capsys, receipt_key)
    assert [(d["unit"], d["received"], d["commit"]) for d in doc["decisions"]] == [("so-a", True, h1)]


def test_without_run_history_the_current_head_is_taken_only_when_asked(forge, capsys, tmp_path):
    h1 = _so_a_sent(forge)
    data = _forge_data(tmp_path, [_pull(1, "so-a-vanthu", h1)], {}, {})
    closer = forge.checkout("main", name="closer")
    git(closer, "checkout", "-q", "-B", "main", "origin/main")
    for flag, commit in (([], "main"), (["--current-heads"], h1)):
        out = tmp_path / "d.json"
        assert (
            cli.main(
                [
                    "close-entry",
                    "--repo",
                    str(closer),
                    "--pulls",
                    str(data / "pulls.json"),
                    "--forge-data",
                    str(data),
                    "--now",
                    "2026-01-01T00:00:00+07:00",
                    "--year",
                    "2025",
                    "--out",
                    str(out),
                    *flag,
                ]
            )
            == 0
        )
        (decision,) = [d for d in json.loads(out.read_text(encoding="utf-8"))["decisions"] if d["unit"] == "so-a"]
        assert decision["commit"] == (git(closer, "rev-parse", "HEAD") if commit == "main" else h1)
    capsys.readouterr()


def test_the_web_editors_labels_are_the_submission_state(forge, capsys, tmp_path, receipt_key):
    hb = _so_b_draft(forge)  # so-b's deadline (extension): 10/01/2026 23:59
    pull = {**_pull(2, "so-b-vanthu", hb), "labels": [{"name": "decap-cms/pending_review"}]}
    runs = _so_b_runs(hb)
    for sent, received in (("2026-01-10T03:00:00Z", True), ("2026-01-10T17:30:00Z", False)):
        # the editor's "Trạng thái → Gửi đi" puts the label; 17:30 UTC is 00:30 on 11/01 in Vietnam: too late
        timeline = {2: [{"event": "labeled", "label": "decap-cms/pending_review", "created_at": sent}]}
        git(forge.origin, "tag", "-d", "chua-nop/2025/so-b", check=False)
        git(forge.origin, "tag", "-d", "nop/2025/so-b", check=False)
        doc = _close(forge, _forge_data(tmp_path, [pull], timeline, runs), "2026-01-11T01:00:00Z", capsys, receipt_key)
        decision = next(d for d in doc["decisions"] if d["unit"] == "so-b")
        assert (decision["received"], decision["pull"]) == (received, 2 if received else None)


def test_a_reviewer_moving_the_card_after_the_deadline_does_not_unsend(forge, capsys, tmp_path, receipt_key):
    hb = _so_b_draft(forge)  # so-b's deadline (extension): 10/01/2026 23:59
    pull = {**_pull(2, "so-b-vanthu", hb), "labels": [{"name": "decap-cms/pending_publish"}]}
    timeline = {
        2: [
            {"event": "labeled", "label": "decap-cms/draft", "created_at": "2026-01-05T02:00:00Z"},
            {"event": "labeled", "label": "decap-cms/pending_review", "created_at": "2026-01-09T02:00:00Z"},
            # after the deadline a reviewer moves the card on to "ready": a move between ready states
            {"event": "labeled", "label": "decap-cms/pending_publish", "created_at": "2026-01-11T00:10:00Z"},
        ]
    }
    runs = _so_b_runs(hb)
    doc = _close(forge, _forge_data(tmp_path, [pull], timeline, runs), "2026-01-11T01:00:00Z", capsys, receipt_key)
    decision = next(d for d in doc["decisions"] if d["unit"] == "so-b")
    assert (decision["received"], decision["pull"], decision["commit"]) == (True, 2, hb)
