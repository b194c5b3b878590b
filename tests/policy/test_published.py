"""A published year is frozen: once the base branch's plan records the publication decision, a
pull request that changes that year's dossiers or survey points is refused, unless a correction
decision (đính chính) is recorded on the base branch first."""

from __future__ import annotations

from pathlib import Path

from .conftest import AP, ROUND1_SCORED, check, codes
from .forge import Forge

PLAN = "plans/2025.yaml"
PUBLICATION = 'publication:\n  - {number: 123/QĐ-UBND, date: "2026-01-15", signer: Chủ tịch UBND tỉnh}\n'
CORRECTION = (
    'corrections:\n  - {number: 130/QĐ-UBND, date: "2026-01-25", what: Sửa điểm tiêu chí 1.1.1, units: [so-a]}\n'
)
WHEN = "2026-01-26T02:00:00Z"  # during the first appraisal round


def _plan_pr(forge: Forge, branch: str, text: str, author: str = "snv-admin") -> Path:
    """An administrator's pull request adding ``text`` to the year's plan; the event file."""
    forge.branch(branch)
    forge.write(PLAN, (forge.work / PLAN).read_text(encoding="utf-8") + text)
    head = forge.commit(branch, author=author, date="2026-01-15T09:00:00+07:00")
    forge.push(branch)
    return forge.pull_request(head, author, WHEN), head


def _publish(forge: Forge, capsys) -> None:
    event, head = _plan_pr(forge, "cong-bo", PUBLICATION)
    code, doc = check(capsys, forge.checkout(head), event)
    assert code == 0, doc  # an administrator records the decision itself: accepted
    forge.merge("cong-bo", by="snv-admin")


def _appraisal_pr(forge: Forge) -> str:
    forge.branch("vong-1", "main")
    forge.write(AP, ROUND1_SCORED)
    head = forge.commit("vong-1", author="hdtd-1", date="2026-01-26T09:00:00+07:00")
    forge.push("vong-1")
    return head


def test_a_published_years_appraisal_is_frozen(forge, capsys):
    head = _appraisal_pr(forge)
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "hdtd-1", WHEN))
    assert code == 0, doc  # before the decision: the council's round 1 is accepted
    _publish(forge, capsys)
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "hdtd-1", WHEN))
    assert code == 1 and codes(doc) == {"phase-published"}
    refused = next(f for f in doc["findings"] if f["code"] == "phase-published")
    assert refused["file"] == AP and "123/QĐ-UBND ngày 15/01/2026" in refused["message"]


def test_a_correction_on_the_base_branch_opens_the_unit(forge, capsys):
    _publish(forge, capsys)
    head = _appraisal_pr(forge)
    # the correction in the pull request itself does not count: the base's plan decides
    forge.write(PLAN, (forge.work / PLAN).read_text(encoding="utf-8") + CORRECTION)
    own = forge.commit("tự ghi đính chính", author="hdtd-1", date="2026-01-26T09:00:00+07:00")
    forge.push("vong-1")
    code, doc = check(capsys, forge.checkout(own), forge.pull_request(own, "hdtd-1", WHEN))
    assert code == 1 and "phase-published" in codes(doc)
    event, plan_head = _plan_pr(forge, "dinh-chinh", CORRECTION)
    code, doc = check(capsys, forge.checkout(plan_head), event)
    assert code == 0, doc
    forge.merge("dinh-chinh", by="snv-admin")
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "hdtd-1", WHEN))
    assert code == 0, doc


def test_survey_points_of_a_published_year_are_frozen(forge, capsys):
    _publish(forge, capsys)
    forge.branch("dieu-tra", "main")
    forge.edit("surveys/2025.yaml", "points: 8}", "points: 9}")
    head = forge.commit("dieu-tra", author="snv-admin", date="2026-01-26T09:00:00+07:00")
    forge.push("dieu-tra")
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, "snv-admin", WHEN))
    assert code == 1 and codes(doc) == {"phase-published"}
    assert "điểm điều tra xã hội học" in doc["findings"][0]["message"]
