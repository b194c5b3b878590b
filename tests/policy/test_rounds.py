"""Appraisal through review: the council's round 1, the unit's explanation round, round 2
(final), each in its own pull request, judged by who sent it and when the forge received it."""

from __future__ import annotations

from pdfs import scan_pdf

from .conftest import AP, ROUND1_SCORED, check, codes

EX = "submissions/2025/so-a/explanation.yaml"
SA = "submissions/2025/so-a/self-assessment.yaml"

# round 1 also asks for more evidence on 1.2, which the unit's explanation answers
ROUND1 = ROUND1_SCORED + '      - code: "1.2"\n        request: Đề nghị bổ sung tài liệu về hội nghị tuyên truyền.\n'
ROUND2 = """  - round: 2
    council: hd-tinh
    date: "2026-03-05"
    items:
      - code: "1.2"
        score: 1
        reason: Đơn vị đã bổ sung biên bản hội nghị.
"""
EXPLANATION = """unit: so-a
year: 2025
answers:
  - code: "1.2"
    text: Bổ sung biên bản 3 hội nghị tuyên truyền.
    evidence:
      - {file: evidence/bien-ban-hoi-nghi.pdf}
"""


def _pr(forge, branch, files, author, date, removals=()):
    forge.branch(branch)
    for rel, text in files.items():
        forge.write(rel, text)
    for rel in removals:
        forge.remove(rel)
    head = forge.commit(branch, author=author, date=date)
    forge.push(branch)
    return head


def _round1(forge):
    head = _pr(forge, "vong-1", {AP: ROUND1}, "hdtd-1", "2026-01-20T09:00:00+07:00")
    forge.merge("vong-1")
    return head


def test_round_one_by_the_routed_council_within_its_window(forge, capsys):
    head = _pr(forge, "vong-1", {AP: ROUND1}, "hdtd-1", "2026-01-20T09:00:00+07:00")
    ci = forge.checkout(head)
    code, doc = check(capsys, ci, forge.pull_request(head, "hdtd-1", "2026-01-20T02:00:00Z", action="opened"))
    assert code == 0, doc
    code, doc = check(capsys, ci, forge.pull_request(head, "so-b-vanthu", "2026-01-20T02:00:00Z"))
    assert code == 1 and codes(doc) == {"policy-appraisal-council-only"}
    code, doc = check(capsys, ci, forge.pull_request(head, "hdtd-1", "2026-02-16T02:00:00Z"))
    assert code == 1 and codes(doc) == {"appraisal-round-closed"}


def test_round_two_needs_round_one_recorded_and_the_explanation_round_over(forge, capsys):
    both = _pr(forge, "hai-vong", {AP: ROUND1 + ROUND2}, "hdtd-1", "2026-01-20T09:00:00+07:00")
    code, doc = check(capsys, forge.checkout(both), forge.pull_request(both, "hdtd-1", "2026-01-20T02:00:00Z"))
    assert code == 1 and codes(doc) == {"appraisal-round2-early"}
    _round1(forge)
    head = _pr(forge, "vong-2", {AP: ROUND1 + ROUND2}, "hdtd-1", "2026-03-05T09:00:00+07:00")
    ci = forge.checkout(head)
    code, doc = check(capsys, ci, forge.pull_request(head, "hdtd-1", "2026-02-25T02:00:00Z"))
    assert code == 1 and codes(doc) == {"appraisal-round2-early"}  # the unit may still answer until 01/03
    code, doc = check(capsys, ci, forge.pull_request(head, "hdtd-1", "2026-03-05T02:00:00Z"))
    assert code == 0, doc
    code, doc = check(capsys, ci, forge.pull_request(head, "hdtd-1", "2026-03-21T02:00:00Z"))
    assert code == 1 and codes(doc) == {"appraisal-round-closed"}


def test_a_closed_round_is_never_rewritten_nor_removed(forge, capsys):
    _round1(forge)
    edited = ROUND1.replace("score: 0.5", "score: 0") + ROUND2
    head = _pr(forge, "sua-vong-1", {AP: edited}, "hdtd-1", "2026-03-05T09:00:00+07:00")
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "hdtd-1", "2026-03-05T02:00:00Z"))
    assert code == 1 and codes(doc) == {"appraisal-round-closed"}
    head = _pr(forge, "xoa", {}, "hdtd-1", "2026-03-05T09:00:00+07:00", removals=[AP])
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "hdtd-1", "2026-03-05T02:00:00Z"))
    assert code == 1 and "appraisal-round-removed" in codes(doc)


def test_the_explanation_round(forge, capsys):
    files = {EX: EXPLANATION, "submissions/2025/so-a/evidence/bien-ban-hoi-nghi.pdf": scan_pdf(2, "BIEN BAN")}
    early = _pr(forge, "giai-trinh-som", files, "so-a-vanthu", "2026-01-10T09:00:00+07:00")
    code, doc = check(capsys, forge.checkout(early), forge.pull_request(early, "so-a-vanthu", "2026-01-10T02:00:00Z"))
    assert code == 1 and codes(doc) == {"phase-explanation-not-open", "phase-locked"}  # its new evidence too
    _round1(forge)
    head = _pr(forge, "giai-trinh", files, "so-a-vanthu", "2026-02-20T09:00:00+07:00")
    ci = forge.checkout(head)
    code, doc = check(
        capsys, ci, forge.pull_request(head, "so-a-vanthu", "2026-02-20T02:00:00Z", action="ready_for_review")
    )
    assert code == 0, doc  # the answer and its new evidence file, after the self-assessment lock
    code, doc = check(capsys, ci, forge.pull_request(head, "so-a-vanthu", "2026-03-02T02:00:00Z"))
    assert code == 1 and codes(doc) == {"phase-explanation-closed", "phase-locked"}
    code, doc = check(capsys, ci, forge.pull_request(head, "hdtd-1", "2026-02-20T02:00:00Z"))
    assert code == 1 and codes(doc) == {"policy-not-unit-account"}  # the council does not answer for the unit


def test_the_explanation_round_does_not_reopen_scores_or_evidence(forge, capsys):
    _round1(forge)
    forge.branch("giai-trinh-sua-diem")
    forge.write(EX, EXPLANATION.replace("bien-ban-hoi-nghi.pdf", "ke-hoach.pdf"))
    forge.edit(SA, "score: 0.75\n", "score: 1\n")
    forge.write("submissions/2025/so-a/evidence/ke-hoach.pdf", scan_pdf(3, "KE HOACH MOI"))
    head = forge.commit("Giải trình và sửa điểm", author="so-a-vanthu", date="2026-02-20T09:00:00+07:00")
    forge.push("giai-trinh-sua-diem")
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "so-a-vanthu", "2026-02-20T02:00:00Z"))
    assert code == 1 and codes(doc) == {"phase-locked"}
    locked = doc["findings"][0]
    assert locked["file"].endswith("ke-hoach.pdf") or locked["file"] == SA
    assert "và 1 tệp khác" in locked["message"]


def test_after_round_two_the_dossier_is_final(forge, capsys):
    _round1(forge)
    _pr(forge, "vong-2", {AP: ROUND1 + ROUND2}, "hdtd-1", "2026-03-05T09:00:00+07:00")
    forge.merge("vong-2")
    files = {EX: EXPLANATION, "submissions/2025/so-a/evidence/bien-ban-hoi-nghi.pdf": scan_pdf(1, "BIEN BAN")}
    head = _pr(forge, "giai-trinh-muon", files, "so-a-vanthu", "2026-02-27T09:00:00+07:00")
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "so-a-vanthu", "2026-02-27T02:00:00Z"))
    assert code == 1 and codes(doc) == {"phase-explanation-closed", "phase-locked"}
