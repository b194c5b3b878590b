"""The comment the council reviews: self vs appraised (or the previous round), the change in
total and index, and the requests for explanation still open, with findings first."""

from __future__ import annotations

from pdfs import scan_pdf

from cchc.policy import result
from cchc.report import pr_comment

from .conftest import check
from .test_rounds import AP, EX, EXPLANATION, ROUND1, ROUND2, _pr


def _comment(capsys, forge, head, author, when, tmp_path):
    out = tmp_path / f"{head[:7]}.json"
    code, doc = check(capsys, forge.checkout(head), forge.pull_request(head, author, when), "--output", str(out))
    assert code == 0, doc
    return pr_comment.render(result.load(out.read_bytes()))


def test_round_one_compares_with_the_self_assessment_and_lists_the_open_request(forge, capsys, tmp_path):
    head = _pr(forge, "vong-1", {AP: ROUND1}, "hdtd-1", "2026-01-20T09:00:00+07:00")
    body = _comment(capsys, forge, head, "hdtd-1", "2026-01-20T02:00:00Z", tmp_path)
    # 1.1.1 self-scored 1, appraised 0.5: the total and the index fall by the difference
    assert "So với kết quả tự chấm: tổng điểm 18,13 → 17,63 (▼ −0,5) · chỉ số 90,65% → 88,15% (▼ −2,5)." in body
    assert "Yêu cầu giải trình: 1, trong đó **1 còn mở**" in body
    assert "«Đề nghị bổ sung tài liệu về hội nghị tuyên truyền.» — **còn mở**" in body
    assert "| 1.1.1 | Ban hành kế hoạch CCHC năm | 1 | 1 | 0,5 (vòng 1: Kế hoạch ban hành sau thời hạn" in body
    assert "Vòng 1 |" not in body  # no earlier round to compare with
    # findings come first; the tables are folded below them
    assert body.index("Không có lỗi") < body.index("<details><summary>Yêu cầu giải trình")
    assert body.index("<details><summary>Yêu cầu giải trình") < body.index("<details><summary>Bảng so sánh")


def test_round_two_compares_with_round_one_and_the_answered_request_is_closed(forge, capsys, tmp_path):
    _pr(forge, "vong-1", {AP: ROUND1}, "hdtd-1", "2026-01-20T09:00:00+07:00")
    forge.merge("vong-1")
    files = {EX: EXPLANATION, "submissions/2025/so-a/evidence/bien-ban-hoi-nghi.pdf": scan_pdf(1, "BIEN BAN")}
    _pr(forge, "giai-trinh", files, "so-a-vanthu", "2026-02-20T09:00:00+07:00")
    forge.merge("giai-trinh")
    head = _pr(forge, "vong-2", {AP: ROUND1 + ROUND2}, "hdtd-1", "2026-03-05T09:00:00+07:00")
    body = _comment(capsys, forge, head, "hdtd-1", "2026-03-05T02:00:00Z", tmp_path)
    # 1.2, self-scored 0.75 and left open in round 1, gets 1 in round 2
    assert "So với kết quả vòng 1: tổng điểm 17,63 → 17,88 (▲ +0,25) · chỉ số 88,15% → 89,40% (▲ +1,25)." in body
    assert "| Mã | Tiêu chí | Tối đa | Tự chấm | Vòng 1 | Sau thẩm định |" in body
    assert "| 1.1.1 | Ban hành kế hoạch CCHC năm | 1 | 1 | 0,5 | 0,5 (vòng 1:" in body
    assert "| 1.2 | Tuyên truyền CCHC | 1 | 0,75 | 0,75 | 1 (vòng 2: Đơn vị đã bổ sung biên bản hội nghị.)" in body
    assert "Yêu cầu giải trình" not in body  # round 2 asks nothing; round 1's request was answered


def test_an_answered_request_shows_as_answered(forge, capsys, tmp_path):
    _pr(forge, "vong-1", {AP: ROUND1}, "hdtd-1", "2026-01-20T09:00:00+07:00")
    forge.merge("vong-1")
    files = {EX: EXPLANATION, "submissions/2025/so-a/evidence/bien-ban-hoi-nghi.pdf": scan_pdf(1, "BIEN BAN")}
    head = _pr(forge, "giai-trinh", files, "so-a-vanthu", "2026-02-20T09:00:00+07:00")
    body = _comment(capsys, forge, head, "so-a-vanthu", "2026-02-20T02:00:00Z", tmp_path)
    assert "Yêu cầu giải trình: 1, trong đó **0 còn mở**" in body
    assert "— đã giải trình" in body
