"""Receipts cannot be forged: a tag named nop/<year>/<unit> counts only when it is signed by a
key the base branch's signers file lists, names itself, and records its commit and deadline.
Real repositories, real SSH keys (ssh-keygen), real `git tag -s` and `git verify-tag`."""

from __future__ import annotations

import os

import pytest

from cchc.cli import main as cli

from .conftest import check, codes
from .forge import git, make_key, signers_line
from .test_close import (
    _close,
    _extend_so_b,
    _forge_data,
    _on_time_then_late,
    _pull,
    _so_a_runs,
    _so_b_draft,
    _so_b_not_submitted,
    _so_b_runs,
    close_args,
)

SIGNERS = ".cchc/receipt-signers"
BEFORE = "2025-12-20T03:00:00Z"
AFTER = "2026-01-02T02:00:00Z"  # after so-a's deadline (31/12/2025 23:59:59 +07:00)
DEADLINE = "2025-12-31T23:59:59+07:00"


def _message(commit: str) -> str:
    """A message shaped exactly like the close job's."""
    return (
        f"Tiếp nhận hồ sơ tự đánh giá năm 2025 của Sở A (so-a): phiên bản {commit[:12]} của yêu cầu gộp #1 tại "
        f"thời điểm khoá nhập liệu.\nKhoá nhập liệu lúc 23:59 ngày 31/12/2025.\nHạn tự đánh giá: {DEADLINE}\n"
        f"Phiên bản: {commit}\n"
    )


@pytest.mark.parametrize("forgery", ["plain", "annotated", "own-key", "own-key-listed-by-the-pull-request"])
def test_a_tag_pushed_by_someone_is_not_a_receipt(forge, capsys, tmp_path, forgery):
    h1, h2 = _on_time_then_late(forge)
    own = make_key(tmp_path / "khoa-rieng")
    if forgery == "own-key-listed-by-the-pull-request":  # the pull request lists its own key too
        forge.write(SIGNERS, (forge.work / SIGNERS).read_text(encoding="utf-8") + signers_line(own, "ai-do"))
        h2 = forge.commit("Thêm khoá", author="so-a-vanthu", date="2025-12-30T09:00:00+07:00")
        forge.push("so-a")
    # whoever may push tags (or run a workflow with contents: write) marks the late head as received
    forge.push_tag(
        "nop/2025/so-a",
        h2,
        message=None if forgery == "plain" else _message(h2),
        key=own if forgery.startswith("own-key") else None,
    )
    code, doc = check(capsys, forge.checkout(h2), forge.pull_request(h2, "so-a-vanthu", AFTER, before=h1))
    assert code == 1
    admin_only = {"policy-admin-only"} if forgery.endswith("request") else set()
    assert codes(doc) == {"receipt-unverified", "phase-locked", *admin_only}
    refused = next(f for f in doc["findings"] if f["code"] == "receipt-unverified")
    assert "'nop/2025/so-a'" in refused["message"] and "Sở Nội vụ" in refused["hint"]
    locked = next(f for f in doc["findings"] if f["code"] == "phase-locked")
    assert "chưa có bản tiếp nhận" in locked["message"]  # judged as if there were no receipt


def test_a_signed_receipt_is_trusted_and_cannot_be_renamed(forge, capsys, tmp_path, receipt_key):
    h1, h2 = _on_time_then_late(forge)
    hb = _so_b_draft(forge)
    runs = {**_so_a_runs(h1, h2), **_so_b_runs(hb)}
    data = _forge_data(tmp_path, [_pull(1, "so-a-vanthu", h2), _pull(2, "so-b-vanthu", hb)], {}, runs)
    _close(forge, data, "2026-01-03T00:00:00Z", capsys, receipt_key)
    git(forge.origin, "-c", f"gpg.ssh.allowedSignersFile={forge.work / SIGNERS}", "verify-tag", "nop/2025/so-a")
    code, doc = check(
        capsys,
        forge.checkout(h1),
        forge.pull_request(h1, "so-a-vanthu", AFTER, sender="hdtd-1", action="labeled", label="dang-tham-dinh"),
    )
    assert code == 0, doc  # the received version, checked after the lock
    # the signed tag object of so-a, pushed under so-b's name, is not so-b's receipt
    git(forge.work, "fetch", "-q", "origin", "+refs/tags/*:refs/tags/*")
    obj = git(forge.work, "rev-parse", "refs/tags/nop/2025/so-a")
    git(forge.work, "push", "-q", "origin", f"{obj}:refs/tags/nop/2025/so-b")
    code, doc = check(capsys, forge.checkout(hb), forge.pull_request(hb, "so-b-vanthu", "2026-01-05T02:00:00Z"))
    assert code == 1 and codes(doc) == {"receipt-unverified"}
    assert "nop/2025/so-a" in doc["findings"][0]["message"]


def test_close_entry_signs_or_writes_nothing(forge, capsys, tmp_path, receipt_key, monkeypatch):
    h1, _ = _on_time_then_late(forge)
    data = _forge_data(tmp_path, [_pull(1, "so-a-vanthu", h1)], {}, _so_a_runs(h1))
    run = close_args(forge, data, "2026-01-03T00:00:00Z")
    monkeypatch.delenv("CCHC_RECEIPT_KEY", raising=False)
    assert cli.main(run) == 2
    assert "CCHC_RECEIPT_KEY" in capsys.readouterr().err
    stranger = make_key(tmp_path / "khoa-la")  # a real key, but not in the main branch's signers file
    assert cli.main([*run, "--key", str(stranger)]) == 2
    assert SIGNERS in capsys.readouterr().err
    os.chmod(receipt_key, 0o644)
    try:
        assert cli.main([*run, "--key", str(receipt_key)]) == 2
        assert "chmod 600" in capsys.readouterr().err
    finally:
        os.chmod(receipt_key, 0o600)
    assert git(forge.origin, "tag", "-l") == ""  # nothing was written to the server
    monkeypatch.setenv("CCHC_RECEIPT_KEY", str(receipt_key))  # how the workflow hands the key over
    assert cli.main(run) == 0
    capsys.readouterr()
    assert git(forge.origin, "rev-parse", "nop/2025/so-a^{commit}") == h1
    assert git(forge.origin, "cat-file", "-t", "nop/2025/so-a") == "tag"


def test_the_close_job_replaces_a_forged_receipt(forge, capsys, tmp_path, receipt_key):
    h1, h2 = _on_time_then_late(forge)
    # pushed before the close job runs, claiming the very deadline so that the job would skip the unit
    forge.push_tag("nop/2025/so-a", h2, message=_message(h2))
    data = _forge_data(tmp_path, [_pull(1, "so-a-vanthu", h2)], {}, _so_a_runs(h1, h2))
    doc = _close(forge, data, "2026-01-03T00:00:00Z", capsys, receipt_key)
    (decision,) = [d for d in doc["decisions"] if d["unit"] == "so-a"]
    assert (decision["commit"], decision["replaced"]) == (h1, ["nop/2025/so-a"])
    assert git(forge.origin, "rev-parse", "nop/2025/so-a^{commit}") == h1
    assert "nop/2025/so-a" in (data / "bb.md").read_text(encoding="utf-8")  # the record warns
    code, doc = check(capsys, forge.checkout(h2), forge.pull_request(h2, "so-a-vanthu", AFTER, before=h1))
    assert code == 1 and codes(doc) == {"phase-locked"} and "đã tiếp nhận" in doc["findings"][0]["message"]


def test_a_receipt_for_an_earlier_deadline_is_not_the_current_one(forge, capsys, tmp_path, receipt_key):
    hb, _ = _so_b_not_submitted(forge, tmp_path, capsys, receipt_key)  # so-b: not submitted by 10/01
    _extend_so_b(forge)
    # the signed record of 10/01 is genuine but no longer the deadline: so-b may send until 20/01
    event = forge.pull_request(hb, "so-b-vanthu", "2026-01-15T02:00:00Z", action="ready_for_review")
    code, doc = check(capsys, forge.checkout(hb), event)
    assert code == 0, doc
    assert not codes(doc, errors_only=False) & {"receipt-unverified", "receipt-pending"}
