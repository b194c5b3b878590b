"""Events that push nothing do not change the verdict: labels, a reviewer moving the web
editor's card, reopening, Gửi đi clicked by someone else, a withdrawal, a re-run. Authorship
is judged by who pushed the commits; between the deadline and the close job, an on-time
submission stays accepted; a re-run of an old run cannot make a late Gửi đi accepted."""

from __future__ import annotations

import pytest

from .conftest import check, codes
from .test_close import _close, _forge_data, _on_time_then_late, _pull, _so_a_runs, _so_a_sent

SA = "submissions/2025/so-a/self-assessment.yaml"
BEFORE = "2025-12-20T03:00:00Z"  # entry open
AFTER = "2026-01-01T00:30:00Z"  # 07:30 on 01/01/2026: after so-a's deadline, before the hourly close job
LATER = "2026-01-03T00:00:00Z"  # after the close job


NOTHING_PUSHED = [  # (action, sender, label, labels after the event)
    ("labeled", "hdtd-1", "dang-tham-dinh", ("dang-tham-dinh",)),  # a council member's own label
    ("unlabeled", "hdtd-1", "can-bo-sung", ()),
    ("labeled", "hdtd-1", "decap-cms/pending_publish", ("decap-cms/pending_publish",)),  # a reviewer moves the card
    ("reopened", "snv-admin", None, ()),
    ("ready_for_review", "hdtd-1", None, ()),  # Gửi đi clicked by someone else
]


@pytest.mark.parametrize(
    ("action", "sender", "label", "labels"),
    NOTHING_PUSHED,
    ids=[f"{action}-{label or sender}" for action, sender, label, _ in NOTHING_PUSHED],
)
def test_the_sender_of_an_event_that_pushed_nothing_is_not_its_author(forge, capsys, action, sender, label, labels):
    head = _so_a_sent(forge)
    event = forge.pull_request(head, "so-a-vanthu", BEFORE, action=action, sender=sender, label=label, labels=labels)
    code, doc = check(capsys, forge.checkout(head), event)
    assert code == 0, doc


def test_a_push_by_someone_else_is_still_judged(forge, capsys):
    first = _so_a_sent(forge)
    forge.edit(SA, "score: 0.5\n", "score: 0\n")
    pushed = forge.commit("Sửa hộ", author="so-a-vanthu", date="2025-12-21T09:00:00+07:00")  # the name is forged
    forge.push("so-a")
    event = forge.pull_request(pushed, "so-a-vanthu", BEFORE, sender="hdtd-1", before=first)
    code, doc = check(capsys, forge.checkout(pushed), event)
    assert code == 1 and codes(doc) == {"policy-not-unit-account"}


def test_a_received_dossier_labelled_by_the_council_stays_accepted(forge, capsys, tmp_path, receipt_key):
    head = _so_a_sent(forge)
    data = _forge_data(tmp_path, [_pull(1, "so-a-vanthu", head)], {}, _so_a_runs(head))
    _close(forge, data, LATER, capsys, receipt_key)
    ci = forge.checkout(head)
    for action, sender, label, labels in NOTHING_PUSHED:
        event = forge.pull_request(head, "so-a-vanthu", LATER, action=action, sender=sender, label=label, labels=labels)
        code, doc = check(capsys, ci, event)
        assert code == 0 and not codes(doc, errors_only=False) & {"receipt-pending"}, (action, doc)


def test_between_the_deadline_and_the_close_job_an_on_time_submission_stays_accepted(forge, capsys, monkeypatch):
    head = _so_a_sent(forge)
    ci = forge.checkout(head)
    labelled = [  # by a council member: the council's own label, the web editor's card moved on
        forge.pull_request(head, "so-a-vanthu", AFTER, action="labeled", sender="hdtd-1", label=label, labels=(label,))
        for label in ("dang-tham-dinh", "decap-cms/pending_publish")
    ]
    waiting = [*labelled, forge.pull_request(head, "so-a-vanthu", AFTER, action="converted_to_draft", draft=True)]
    for event in waiting:
        code, doc = check(capsys, ci, event)
        assert code == 0, doc
        assert "receipt-pending" in codes(doc, errors_only=False)
    # the run of the on-time push, re-run now: the forge replays its payload
    pushed = forge.pull_request(head, "so-a-vanthu", BEFORE)
    monkeypatch.setenv("GITHUB_RUN_ATTEMPT", "2")
    code, doc = check(capsys, ci, pushed, "--now", AFTER)
    assert code == 0 and "receipt-pending" in codes(doc, errors_only=False), doc


def test_between_the_deadline_and_the_close_job_late_acts_are_still_refused(forge, capsys, monkeypatch):
    h1, h2 = _on_time_then_late(forge)
    late = forge.pull_request(h2, "so-a-vanthu", AFTER, before=h1)
    code, doc = check(capsys, forge.checkout(h2), late)
    assert code == 1 and codes(doc) == {"phase-locked"}
    monkeypatch.setenv("GITHUB_RUN_ATTEMPT", "3")  # re-running the late push's run changes nothing
    code, doc = check(capsys, forge.checkout(h2), late, "--now", AFTER)
    assert code == 1 and codes(doc) == {"phase-locked"}
    monkeypatch.delenv("GITHUB_RUN_ATTEMPT")
    ci = forge.checkout(h1)
    sends = [
        forge.pull_request(h1, "so-a-vanthu", AFTER, action="ready_for_review"),
        forge.pull_request(h1, "so-a-vanthu", AFTER, action="reopened"),
        forge.pull_request(
            h1,
            "so-a-vanthu",
            AFTER,
            action="labeled",
            label="decap-cms/pending_review",
            labels=("decap-cms/pending_review",),
        ),
        forge.pull_request(
            h1,
            "so-a-vanthu",
            AFTER,
            action="edited",
            title="Hồ sơ tự đánh giá",
            changes={"title": {"from": "WIP: Hồ sơ tự đánh giá"}},
        ),  # Gitea's Gửi đi
        forge.pull_request(
            h1,
            "so-a-vanthu",
            AFTER,
            action="labeled",
            label="dang-tham-dinh",
            labels=("decap-cms/draft", "dang-tham-dinh"),
        ),
    ]  # still a draft: not submitted
    for event in sends:
        code, doc = check(capsys, ci, event)
        assert code == 1 and codes(doc) == {"phase-locked"}, doc
        assert ("Gửi đi sau thời hạn" in doc["findings"][0]["message"]) == (event != sends[-1])


def test_a_rerun_of_a_draft_stage_run_cannot_accept_a_late_send(forge, capsys, tmp_path, receipt_key, monkeypatch):
    head = _so_a_sent(forge)
    ci = forge.checkout(head)
    opened = forge.pull_request(head, "so-a-vanthu", BEFORE, action="opened", draft=True)
    code, doc = check(capsys, ci, opened)
    assert code == 0, doc  # a draft, before the deadline
    code, doc = check(capsys, ci, forge.pull_request(head, "so-a-vanthu", AFTER, action="ready_for_review"))
    assert code == 1 and codes(doc) == {"phase-locked"}  # Gửi đi after the deadline
    monkeypatch.setenv("GITHUB_RUN_ATTEMPT", "2")  # the draft-stage run, re-run now (the runner's clock)
    code, doc = check(capsys, ci, opened)
    assert code == 1 and codes(doc) == {"phase-locked"}, doc  # the late Gửi đi stays refused
    assert "chạy lại" in doc["findings"][0]["message"]
    code, doc = check(capsys, ci, opened, "--now", AFTER)
    assert code == 1 and codes(doc) == {"phase-locked"}, doc
    code, doc = check(capsys, ci, opened, "--now", "2025-12-25T03:00:00Z")
    assert code == 0, doc  # a re-run before the deadline: still fine
    # once the close job has recorded what so-a had sent in time (here: its dossier on the main
    # branch), the same re-run is refused by that record
    monkeypatch.delenv("GITHUB_RUN_ATTEMPT")
    data = _forge_data(
        tmp_path,
        [_pull(1, "so-a-vanthu", head)],
        {1: [{"event": "ready_for_review", "created_at": "2026-01-01T00:30:00Z"}]},
        _so_a_runs(head),
    )
    doc = _close(forge, data, LATER, capsys, receipt_key)
    assert [(d["unit"], d["received"], d["pull"]) for d in doc["decisions"]] == [("so-a", True, None)]
    code, doc = check(capsys, forge.checkout(head), opened)  # a forge that does not say it is a re-run
    assert code == 1 and codes(doc) == {"phase-locked"}  # the signed receipt proves the deadline has passed
    monkeypatch.setenv("GITHUB_RUN_ATTEMPT", "2")
    code, doc = check(capsys, forge.checkout(head), opened, "--now", LATER)
    assert code == 1 and codes(doc) == {"phase-locked"}
    assert "đã tiếp nhận" in doc["findings"][0]["message"]
