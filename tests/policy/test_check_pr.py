"""End to end: real Git repositories (a bare remote, branches, commits by several authors with
forged dates), real event payload files, through `cchc check-pr` as the CI job runs it."""

from __future__ import annotations

import json
import os

from pdfs import scan_pdf

from cchc import validation

from .conftest import check, codes
from .forge import git

SA = "submissions/2025/so-a/self-assessment.yaml"
SB = "submissions/2025/so-b/self-assessment.yaml"
BEFORE = "2025-12-20T03:00:00Z"  # 10:00 on 20/12/2025 in Vietnam: entry open
AFTER = "2026-01-02T02:00:00Z"  # after the general deadline (31/12/2025 23:59), before so-b's extension
LATE_FOR_B = "2026-01-11T02:00:00Z"


def _unit_push(forge, branch="so-a", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00"):
    forge.branch(branch)
    forge.edit(SA, "score: 0.75\n", "score: 1\n")
    forge.write("submissions/2025/so-a/evidence/hoi-nghi.pdf", scan_pdf(1, "HOI NGHI"))
    forge.edit(
        SA,
        "    explanation: Đã tổ chức 3 hội nghị tuyên truyền.\n",
        "    explanation: Đã tổ chức 3 hội nghị tuyên truyền.\n    evidence:\n      - {file: evidence/hoi-nghi.pdf}\n",
    )
    head = forge.commit("Cập nhật tiêu chí 1.2", author=author, date=date)
    forge.push(branch)
    return head


def test_valid_submission_before_the_deadline(forge, capsys):
    head = _unit_push(forge)
    ci = forge.checkout(head)
    for action, draft in (("opened", True), ("ready_for_review", False)):
        code, doc = check(capsys, ci, forge.pull_request(head, "so-a-vanthu", BEFORE, action=action, draft=draft))
        assert code == 0, doc
        assert doc["errors"] == 0 and doc["checked"] == 1


def test_late_push_with_back_dated_commits_is_refused(forge, capsys):
    before = _unit_push(forge)
    forge.edit(
        SA,
        "score: 2\n    evidence:\n      - {file: evidence/ke-hoach.pdf, page: 1}",
        "score: 0\n    evidence:\n      - {file: evidence/ke-hoach.pdf, page: 1}",
    )
    # the commit claims 30/12/2025, before the deadline; the forge received it on 02/01/2026
    late = forge.commit("Sửa điểm 1.1.2", author="so-a-vanthu", date="2025-12-30T09:00:00+07:00")
    forge.push("so-a")
    ci = forge.checkout(late)
    code, doc = check(capsys, ci, forge.pull_request(late, "so-a-vanthu", AFTER, before=before))
    assert code == 1 and codes(doc) == {"phase-locked"}
    assert "02/01/2026" in doc["findings"][0]["message"]
    # the very same commits, received before the deadline, were accepted: the event time decides
    code, doc = check(capsys, ci, forge.pull_request(late, "so-a-vanthu", BEFORE, before=before))
    assert code == 0, doc


def test_editing_another_units_folder_is_refused(forge, capsys):
    forge.branch("so-a-sua-so-b")
    forge.write(SB, "unit: so-b\nyear: 2025\nscores: []\n")
    head = forge.commit("Nộp thay so-b", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00")
    forge.push("so-a-sua-so-b")
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "so-a-vanthu", BEFORE, action="opened"))
    assert code == 1 and "policy-not-unit-account" in codes(doc)
    refused = next(f for f in doc["findings"] if f["code"] == "policy-not-unit-account")
    assert refused["file"] == SB and "so-a-vanthu" in refused["message"]


def test_a_unit_editing_its_own_appraisal_is_refused(forge, capsys):
    forge.branch("tu-tham-dinh")
    forge.write(
        "submissions/2025/so-a/appraisal.yaml",
        'unit: so-a\nyear: 2025\nrounds:\n  - round: 1\n    council: hd-tinh\n    date: "2026-01-05"\n'
        '    items:\n      - {code: "1.1.1", score: 1}\n',
    )
    head = forge.commit("Tự ghi điểm thẩm định", author="so-a-vanthu", date="2026-01-05T09:00:00+07:00")
    forge.push("tu-tham-dinh")
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "so-a-vanthu", "2026-01-05T02:00:00Z"))
    assert code == 1 and "policy-appraisal-council-only" in codes(doc)
    assert "không được tự ghi kết quả thẩm định" in next(
        f["message"] for f in doc["findings"] if f["code"] == "policy-appraisal-council-only"
    )


def test_shared_files_need_an_administrator(forge, capsys):
    forge.branch("sua-ke-hoach")
    forge.edit(
        "plans/2025.yaml",
        'self_assessment_closes: "2025-12-31T23:59:59+07:00"',
        'self_assessment_closes: "2026-01-20T23:59:59+07:00"',
    )
    head = forge.commit("Tự gia hạn", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00")
    forge.push("sua-ke-hoach")
    ci = forge.checkout(head)
    code, doc = check(capsys, ci, forge.pull_request(head, "so-a-vanthu", BEFORE))
    assert code == 1 and codes(doc) == {"policy-admin-only"}
    assert "kế hoạch năm" in doc["findings"][0]["message"]
    code, doc = check(capsys, ci, forge.pull_request(head, "snv-admin", BEFORE))
    assert code == 0, doc


def test_an_extension_granted_to_one_unit(forge, capsys):
    # so-b has an extension to 10/01/2026 in the base branch's plan; so-a has none
    forge.branch("so-b")
    forge.write(SB, (forge.work / SA).read_text(encoding="utf-8").replace("unit: so-a", "unit: so-b"))
    for name in ("ke-hoach.pdf", "bao-cao.pdf"):
        forge.write(
            f"submissions/2025/so-b/evidence/{name}",
            (forge.work / f"submissions/2025/so-a/evidence/{name}").read_bytes(),
        )
    head_b = forge.commit("Hồ sơ so-b", author="so-b-vanthu", date="2026-01-05T09:00:00+07:00")
    forge.push("so-b")
    ci = forge.checkout(head_b)
    code, doc = check(capsys, ci, forge.pull_request(head_b, "so-b-vanthu", AFTER, action="ready_for_review"))
    assert code == 0, doc
    code, doc = check(capsys, ci, forge.pull_request(head_b, "so-b-vanthu", LATE_FOR_B, action="ready_for_review"))
    assert code == 1 and codes(doc) == {"phase-locked"}
    assert "Gửi đi sau thời hạn" in doc["findings"][0]["message"]
    head_a = _unit_push(forge, branch="so-a")
    code, doc = check(capsys, forge.checkout(head_a), forge.pull_request(head_a, "so-a-vanthu", AFTER))
    assert code == 1 and codes(doc) == {"phase-locked"}


def test_an_extension_must_come_from_the_base_branch(forge, capsys):
    forge.branch("so-a-tu-gia-han")
    forge.edit(
        "plans/2025.yaml",
        "extensions:\n",
        'extensions:\n  - {unit: so-a, decision: "tự ghi", self_assessment_closes: "2026-01-31T23:59:59+07:00"}\n',
    )
    forge.edit(SA, "score: 0.75\n", "score: 1\n")
    head = forge.commit("Gia hạn và sửa điểm", author="so-a-vanthu", date="2025-12-30T09:00:00+07:00")
    forge.push("so-a-tu-gia-han")
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "so-a-vanthu", AFTER))
    assert code == 1 and codes(doc) == {"policy-admin-only", "phase-locked"}


def test_the_pusher_must_be_allowed_too(forge, capsys):
    first = _unit_push(forge)
    forge.edit(SA, "score: 0.5\n", "score: 0\n")  # 4.1 bonus
    pushed = forge.commit("Sửa hộ", author="so-a-vanthu", date="2025-12-21T09:00:00+07:00")  # the name is forged
    forge.push("so-a")
    ci = forge.checkout(pushed)
    code, doc = check(capsys, ci, forge.pull_request(pushed, "so-a-vanthu", BEFORE, sender="so-b-vanthu", before=first))
    assert code == 1 and codes(doc) == {"policy-not-unit-account"}
    assert "Người đẩy commit 'so-b-vanthu'" in doc["findings"][0]["message"]
    code, doc = check(capsys, ci, forge.pull_request(pushed, "so-a-vanthu", BEFORE, sender="snv-admin", before=first))
    assert code == 0, doc


def test_one_dossier_per_pull_request(forge, capsys):
    forge.branch("hai-don-vi")
    forge.edit(SA, "score: 0.75\n", "score: 1\n")
    forge.write(SB, "unit: so-b\nyear: 2025\nscores: []\n")
    head = forge.commit("Hai hồ sơ", author="snv-admin", date="2025-12-20T09:00:00+07:00")
    forge.push("hai-don-vi")
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "snv-admin", BEFORE))
    assert code == 1 and "pr-many-dossiers" in codes(doc)


def test_validation_findings_are_reported_with_their_lines(forge, capsys):
    forge.branch("so-a")
    forge.edit(SA, "score: 0.75\n", "score: 1.5\n")
    head = forge.commit("Điểm vượt tối đa", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00")
    forge.push("so-a")
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "so-a-vanthu", BEFORE))
    assert code == 1
    assert {(f["code"], f["file"], f["line"]) for f in doc["findings"]} == {("score-above-max", SA, 19)}


def test_withdrawing_after_the_deadline_is_not_a_withdrawal(forge, capsys):
    head = _unit_push(forge)
    ci = forge.checkout(head)
    code, doc = check(
        capsys, ci, forge.pull_request(head, "so-a-vanthu", BEFORE, action="converted_to_draft", draft=True)
    )
    assert code == 0 and not doc["findings"]
    code, doc = check(
        capsys, ci, forge.pull_request(head, "so-a-vanthu", AFTER, action="converted_to_draft", draft=True)
    )
    assert "withdraw-too-late" in codes(doc, errors_only=False)


def test_the_merge_queue_revalidates_without_judging_people(forge, capsys):
    head = _unit_push(forge)
    base = forge.main()
    forge.merge("so-a")
    code, doc = check(capsys, forge.checkout(forge.main()), forge.merge_group(base, forge.main(), AFTER))
    assert code == 0, doc
    assert doc["checked"] == 1 and head


def test_text_report_and_job_summary(forge, capsys, tmp_path):
    from cchc.cli import main as cli

    head = _unit_push(forge)
    summary = tmp_path / "summary.md"
    code = cli.main(
        [
            "check-pr",
            "--repo",
            str(forge.checkout(head)),
            "--event",
            str(forge.pull_request(head, "so-a-vanthu", BEFORE, number=7)),
            "--format",
            "github",
            "--summary",
            str(summary),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and out == ""  # no annotation when all is well
    text = summary.read_text(encoding="utf-8")
    assert "Yêu cầu gộp #7" in text and "hồ sơ so-a năm 2025" in text and "10:00 ngày 20/12/2025" in text
    assert "Đang mở nhập liệu" in text


def test_cannot_run_without_the_commits(forge, capsys, tmp_path):
    from cchc.cli import main as cli

    event = forge.pull_request("1" * 40, "so-a-vanthu", BEFORE)
    assert cli.main(["check-pr", "--repo", str(forge.work), "--event", str(event)]) == 2
    assert "fetch-depth: 0" in capsys.readouterr().err
    (tmp_path / "rac.json").write_text("{không phải json", encoding="utf-8")
    assert cli.main(["check-pr", "--repo", str(forge.work), "--event", str(tmp_path / "rac.json")]) == 2
    assert "không phải JSON" in capsys.readouterr().err


def test_a_link_out_of_the_repository_is_reported_not_followed(forge, capsys):
    forge.branch("so-a")
    os.symlink("/etc/passwd", forge.work / "submissions/2025/so-a/evidence/mat-khau.pdf")
    forge.edit(
        SA,
        "    explanation: Đã tổ chức 3 hội nghị tuyên truyền.\n",
        "    explanation: Đã tổ chức 3 hội nghị tuyên truyền.\n    evidence:\n      - {file: evidence/mat-khau.pdf}\n",
    )
    head = forge.commit("Liên kết", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00")
    forge.push("so-a")
    event = forge.pull_request(head, "so-a-vanthu", BEFORE)
    git(forge.work, "checkout", "-q", "main")
    for repo in (forge.checkout(head), forge.work):  # the checkout at head, and an export of the head commit
        code, doc = check(capsys, repo, event)
        assert code == 1 and "evidence-symlink" in codes(doc), doc


def test_a_gitea_payload(forge, capsys):
    head = _unit_push(forge)
    payload = json.loads(forge.pull_request(head, "So-A-Vanthu", BEFORE).read_text(encoding="utf-8"))
    payload["action"] = "synchronized"  # Gitea's spelling
    payload["pull_request"]["title"] = "WIP: Hồ sơ tự đánh giá"  # Gitea's draft marker
    payload["pull_request"]["updated_at"] = "2025-12-20T10:00:00+07:00"
    del payload["pull_request"]["draft"], payload["before"]
    event = forge.events / "gitea.json"
    event.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    out = forge.root / "ket-qua.json"
    code, doc = check(capsys, forge.checkout(head), event, "--output", str(out))
    assert code == 0, doc
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["draft"] is True and result["author"] == "so-a-vanthu" and result["action"] == "synchronize"


def test_the_web_editor_sends_by_label(forge, capsys):
    head = _unit_push(forge)
    payload = json.loads(forge.pull_request(head, "so-a-vanthu", AFTER, action="labeled").read_text(encoding="utf-8"))
    payload["label"] = {"name": "decap-cms/pending_review"}  # the editor's "Trạng thái → Gửi đi"
    payload["pull_request"]["labels"] = [{"name": "decap-cms/pending_review"}]
    event = forge.events / "editor.json"
    event.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    out = forge.root / "ket-qua.json"
    code, doc = check(capsys, forge.checkout(head), event, "--output", str(out))
    assert code == 1 and codes(doc) == {"phase-locked"} and "Gửi đi sau thời hạn" in doc["findings"][0]["message"]
    assert json.loads(out.read_text(encoding="utf-8"))["draft"] is False


def test_a_pull_request_target_payload_is_judged_like_a_pull_request(forge, capsys, monkeypatch):
    # validate.yml runs on pull_request_target (the base branch's workflow): the forge sends the same
    # payload under another event name, in $GITHUB_EVENT_NAME
    monkeypatch.setenv("GITHUB_EVENT_NAME", "pull_request_target")
    before = _unit_push(forge)
    ci = forge.checkout(before)
    out = forge.root / "ket-qua.json"
    code, doc = check(
        capsys,
        ci,
        forge.pull_request(before, "so-a-vanthu", BEFORE, action="ready_for_review", number=7),
        "--output",
        str(out),
    )
    assert code == 0 and doc["errors"] == 0 and doc["checked"] == 1, doc
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["pull_request"] == 7 and result["event"] == "pull_request" and result["head"] == before
    assert result["time_source"] == "payload"
    # deadlines and people are judged exactly as for pull_request
    forge.edit(SA, "score: 1\n", "score: 0\n")
    late = forge.commit("Sửa sau hạn", author="so-a-vanthu", date="2025-12-30T09:00:00+07:00")
    forge.push("so-a")
    code, doc = check(capsys, forge.checkout(late), forge.pull_request(late, "so-a-vanthu", AFTER, before=before))
    assert code == 1 and codes(doc) == {"phase-locked"}
    # another unit's account, with the event name given as an option
    code, doc = check(
        capsys,
        forge.checkout(late),
        forge.pull_request(late, "so-b-vanthu", BEFORE, before=before),
        "--event-name",
        "pull_request_target",
    )
    assert code == 1 and codes(doc) == {"policy-not-unit-account"}, doc


def test_the_checkout_is_judged_as_the_head_commit(forge, capsys):
    """What the checkout holds besides the head commit counts for nothing: another unit's file
    that is new or edited on disk is no part of the head (the content it holds is not "shared"),
    and an edit where the check reads the disk makes it read the commit instead."""
    forge.write("submissions/2024/so-b/evidence/cu.pdf", scan_pdf(1, "CU"))
    forge.commit("Hồ sơ cũ của so-b", author="snv-admin", date=BEFORE)
    forge.push("main")
    head = _unit_push(forge)
    ci = forge.checkout(head)
    event = forge.pull_request(head, "so-a-vanthu", BEFORE)
    clean = check(capsys, ci, event)
    assert clean[0] == 0 and "evidence-shared-with-other-unit" not in codes(clean[1])
    cited = (ci / "submissions/2025/so-a/evidence/hoi-nghi.pdf").read_bytes()
    (ci / "submissions/2025/so-c/evidence").mkdir(parents=True)
    (ci / "submissions/2025/so-c/evidence/ban-sao.pdf").write_bytes(cited)  # untracked
    (ci / "submissions/2024/so-b/evidence/cu.pdf").write_bytes(cited)  # tracked, edited on disk
    on_disk = validation.validate(ci, ["submissions/2025/so-a"]).findings  # what the disk holds
    assert sum(f.code == "evidence-shared-with-other-unit" for f in on_disk) == 1
    assert check(capsys, ci, event) == clean
    (ci / SA).write_text((ci / SA).read_text(encoding="utf-8") + "sai: [\n", encoding="utf-8")  # read from the disk
    assert check(capsys, ci, event) == clean


def test_a_cache_the_pull_request_commits_is_never_read(forge, capsys, monkeypatch):
    """The checks' caches (PDF facts, the record of the shared files) live in the checkout's
    .cache/ when no CCHC_CACHE_DIR is set. A pull request that commits a folder there gets no
    say: the run keeps its caches elsewhere and leaves the committed files as they are."""
    monkeypatch.delenv("CCHC_CACHE_DIR", raising=False)
    head = _unit_push(forge)
    clean_ci = forge.checkout(head, name="clean")
    clean = check(capsys, clean_ci, forge.pull_request(head, "so-a-vanthu", BEFORE))
    assert clean[0] == 0
    assert (clean_ci / ".cache" / "cchc").is_dir()  # an honest checkout keeps its caches there

    forge.write(".cache/cchc/evidence.sqlite", b"not a database the check should open")
    forge.write(".cache/cchc/ghi-chu.txt", "bộ nhớ đệm do yêu cầu gộp gửi kèm\n")
    git(forge.work, "add", "-f", ".cache")  # ignored (.gitignore), so added by force
    poisoned = forge.commit("Kèm bộ nhớ đệm", author="so-a-vanthu", date="2025-12-20T09:30:00+07:00")
    forge.push("so-a")
    ci = forge.checkout(poisoned)
    committed = {p.relative_to(ci).as_posix(): p.read_bytes() for p in (ci / ".cache").rglob("*") if p.is_file()}
    code, doc = check(capsys, ci, forge.pull_request(poisoned, "so-a-vanthu", BEFORE))
    after = {p.relative_to(ci).as_posix(): p.read_bytes() for p in (ci / ".cache").rglob("*") if p.is_file()}
    assert after == committed  # nothing read back into it, nothing written
    assert code == 1 and codes(doc) - codes(clean[1])  # and a unit may not commit there anyway
