"""The pull-request comment: rendered from the check's JSON only, Vietnamese, safe to post."""

from __future__ import annotations

import json

import pytest

from cchc.cli import main as cli
from cchc.policy import result
from cchc.report import pr_comment

from .conftest import check_result

SA = "submissions/2025/so-a/self-assessment.yaml"


def test_comment_shows_the_summary_table_and_the_change_since_the_previous_push(forge, tmp_path, capsys):
    forge.branch("so-a")
    forge.edit(SA, "score: 0.75\n", "score: 1\n")
    first = forge.commit("Lần 1", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00")
    forge.push("so-a")
    r1 = check_result(forge, first, tmp_path / "r1.json")
    assert cli.main(["comment", str(r1), "--out", str(tmp_path / "c1.md")]) == 0
    c1 = (tmp_path / "c1.md").read_text(encoding="utf-8")
    assert c1.startswith(pr_comment.MARKER)
    assert "## ✔ Hợp lệ — kết quả kiểm tra hồ sơ Sở Thử nghiệm A, năm 2025" in c1
    assert "| 1.2 | Tuyên truyền CCHC | 1 | 1 |" in c1  # code, title, maximum, self score
    assert "| 1.1.1 | Ban hành kế hoạch CCHC năm | 1 | 1 |  | 1 |" in c1  # … and its one evidence reference
    assert "| 3.1 | Mức độ hài lòng của người dân | 10 | ĐTXHH: 8 |" in c1  # survey points, not self-scored
    assert "| 2.2.1 | Tỷ lệ hồ sơ giải quyết đúng hạn | 4 | 3,88 |" in c1  # computed from 97 of 100 cases
    assert "Tổng điểm tự chấm: 10,38" in c1 and "tổng: **18,38 / 20**" in c1 and "Chỉ số: **91,90%** (Xuất sắc)" in c1
    assert "Báo cáo tự đánh giá số 10/BC-SA ngày 20/12/2025" in c1 and "Trạng thái: bản nháp, chưa Gửi đi." in c1
    assert "Ready for review" in c1 and "Gửi đi" in c1  # a draft: what to do next

    forge.edit(SA, "score: 1\n", "score: 0.5\n")  # 1.1.1 now 0.5
    second = forge.commit("Lần 2", author="so-a-vanthu", date="2025-12-21T09:00:00+07:00")
    forge.push("so-a")
    r2 = check_result(forge, second, tmp_path / "r2.json")
    assert cli.main(["comment", str(r2), "--previous", str(tmp_path / "c1.md"), "--out", str(tmp_path / "c2.md")]) == 0
    c2 = (tmp_path / "c2.md").read_text(encoding="utf-8")
    assert "| 1.1.1 | Ban hành kế hoạch CCHC năm | 1 | 0,5 | ▼ −0,5 | 1 |" in c2
    assert "so với lần đẩy trước: ▼ −0,5" in c2
    # the same push checked again keeps its comparison with the push before it
    again = pr_comment.render(result.load(r2.read_bytes()), c2)
    assert "▼ −0,5" in again


def test_comment_lists_findings_with_their_fix(forge, tmp_path):
    forge.branch("so-a")
    forge.edit(SA, "score: 0.75\n", "score: 1.5\n")
    head = forge.commit("Sai", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00")
    forge.push("so-a")
    body = pr_comment.render(result.load(check_result(forge, head, tmp_path / "r.json", draft=False).read_bytes()))
    assert "## ✖ Còn 1 lỗi" in body and "### Lỗi cần sửa (1)" in body
    assert f"<code>{SA}</code> dòng 19 — tiêu chí 1.2" in body
    assert "**Cách sửa:**" in body and "(score-above-max)" in body
    assert "Sửa các lỗi ở trên" in body


def test_untrusted_text_cannot_mention_link_or_inject():
    evil = "@snv-admin <img src=x onerror=alert(1)> [bấm vào đây](http://lua-dao.example) | cột ![x](http://x/y.png)"
    doc = {
        "version": 1,
        "head": "a" * 40,
        "pull_request": 3,
        "errors": 1,
        "warnings": 0,
        "roles": ["unit"],
        "findings": [{"file": "x`y", "line": 1, "severity": "error", "code": "c", "message": evil, "hint": evil}],
        "dossier": {
            "name": evil,
            "year": 2025,
            "self_total": "1",
            "total": "1",
            "max": "2",
            "index": "50.00",
            "rows": [{"code": "1", "title": evil, "depth": 1, "leaf": True, "max": "2", "self": "1", "evidence": 0}],
        },
    }
    body = pr_comment.render(result.load(json.dumps(doc)))
    assert "<img" not in body and "](http" not in body and "http://" not in body and "@snv-admin" not in body
    table_row = next(line for line in body.splitlines() if line.startswith("| **1** |"))
    assert table_row.count(" | ") == 5  # the title's '|' did not add a column


@pytest.mark.parametrize(
    "bad",
    [
        {"version": 2, "head": "a" * 40, "findings": []},
        {"version": 1, "head": "not-a-commit", "findings": []},
        {"version": 1, "head": "a" * 40, "findings": [{"file": "x"}]},
        {"version": 1, "head": "a" * 40, "findings": [], "dossier": {"total": "1e999999"}},
    ],
)
def test_malformed_results_are_refused(bad, tmp_path, capsys):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert cli.main(["comment", str(path)]) == 2
    assert "không đúng định dạng" in capsys.readouterr().err


# -- hostile documents: the hidden state and every field (issue 11, point 7)
EVIL_CODE = "1 --> <img src=x onerror=alert(1)> @snv-admin"


def _doc(**dossier_changes) -> dict:
    dossier = {
        "unit": "so-a",
        "name": "Sở Thử nghiệm A",
        "year": 2025,
        "self_total": "1",
        "total": "1",
        "max": "2",
        "index": "50.00",
        "rows": [
            {"code": "1.1", "title": "Tiêu chí", "depth": 1, "leaf": True, "max": "2", "self": "1", "evidence": 0}
        ],
    }
    dossier.update(dossier_changes)
    return {
        "version": 1,
        "head": "a" * 40,
        "pull_request": 3,
        "errors": 0,
        "warnings": 0,
        "roles": ["unit"],
        "findings": [],
        "dossier": dossier,
    }


def _own_comment_ends(body: str) -> int:
    return body.count(pr_comment.MARKER) + body.count("<!-- cchc:state:b64 ")


def test_the_hidden_state_cannot_end_its_comment():
    rows = [{"code": EVIL_CODE, "title": "x", "depth": 1, "leaf": True, "max": "2", "self": "1", "evidence": 0}]
    body = pr_comment.render(_doc(rows=rows))  # rendered without load(), as if the schema had let it through
    assert body.count("-->") == _own_comment_ends(body) == 2
    assert "<img" not in body and "@snv-admin" not in body
    state = pr_comment.previous_state(body)
    assert state is None  # a state with a code that is not a criterion code is not read back either


def test_the_hidden_state_round_trips_and_a_tampered_one_is_ignored():
    first = pr_comment.render(_doc())
    assert pr_comment.previous_state(first)["values"]["rows"] == {"1.1": "1"}
    second = _doc(
        rows=[{"code": "1.1", "title": "Tiêu chí", "depth": 1, "leaf": True, "max": "2", "self": "2", "evidence": 0}],
        self_total="2",
    )
    second["head"] = "b" * 40
    assert "▲ +1" in pr_comment.render(second, first)
    # a state in the old, unencoded form whose values carry markup: ignored, never echoed
    old = (
        '<!-- cchc:state {"baseline": null, "head": "' + "c" * 40 + '", "values": {"index": "1", "rows": '
        '{"1.1": "1 <img src=x onerror=alert(1)>"}, "total": "1"}} -->'
    )
    body = pr_comment.render(second, old)
    assert "<img" not in body and body.count("-->") == _own_comment_ends(body)
    assert pr_comment.previous_state(old) is None


_HOSTILE = [
    ("row code", lambda d: d["dossier"]["rows"][0].update(code=EVIL_CODE)),
    (
        "finding criterion",
        lambda d: d["findings"].append(
            {"file": "a.yaml", "severity": "error", "code": "c", "message": "m", "criterion": "1 -->"}
        ),
    ),
    (
        "finding code",
        lambda d: d["findings"].append({"file": "a.yaml", "severity": "error", "code": "<b>x</b>", "message": "m"}),
    ),
    (
        "finding path ending the comment",
        lambda d: d["findings"].append({"file": "a-->b.pdf", "severity": "error", "code": "c", "message": "m"}),
    ),
    (
        "finding path with a control character",
        lambda d: d["findings"].append({"file": "a\x1b[31mb.pdf", "severity": "error", "code": "c", "message": "m"}),
    ),
    (
        "message with a control character",
        lambda d: d["findings"].append({"file": "a.yaml", "severity": "error", "code": "c", "message": "m\x00"}),
    ),
    ("number with an exponent", lambda d: d["dossier"].update(total="1e5")),
    ("unit id", lambda d: d["dossier"].update(unit="so-a --> @x")),
    ("author", lambda d: d.update(author="@snv-admin <img>")),
    ("time", lambda d: d.update(time="<script>")),
    ("timezone", lambda d: d.update(timezone="+07:00 -->")),
    ("unknown field", lambda d: d.update(comment="<!-- -->")),
    ("unknown row field", lambda d: d["dossier"]["rows"][0].update(html="<b>")),
    ("round", lambda d: d["dossier"]["rows"][0].update(round="2 -->")),
]


@pytest.mark.parametrize("change", [c for _, c in _HOSTILE], ids=[n for n, _ in _HOSTILE])
def test_every_field_of_a_result_is_checked(change, tmp_path, capsys):
    doc = _doc()
    assert result.load(json.dumps(doc)) == doc  # the untouched document is valid
    change(doc)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert cli.main(["comment", str(path)]) == 2
    assert "không đúng định dạng" in capsys.readouterr().err


def test_a_pull_request_naming_files_anything_still_gets_its_comment(forge, tmp_path):
    """The check writes only what the comment job accepts: a path that would end an HTML comment is
    shown with a look-alike, and an unknown criterion code the unit wrote is not a criterion field."""
    forge.branch("so-a")
    forge.write("x-->y.pdf", b"%PDF-1.4 not really")  # outside the unit's folder: a finding names it
    forge.edit(SA, '- code: "1.2"\n', '- code: "1.2 --> @snv-admin"\n')
    head = forge.commit("Lạ", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00")
    forge.push("so-a")
    out = check_result(forge, head, tmp_path / "r.json", draft=False)
    assert cli.main(["comment", str(out), "--out", str(tmp_path / "c.md")]) == 0
    body = (tmp_path / "c.md").read_text(encoding="utf-8")
    assert "x--›y.pdf" in body
    assert body.count("-->") == _own_comment_ends(body) and "@snv-admin" not in body


def test_job_summary_quotes_findings_as_inert_text():
    from cchc.findings import error
    from cchc.report import github

    evil = "@snv-admin <img src=x onerror=alert(1)> [bấm](http://lua-dao.example) #12 <!-- x -->"
    md = github.markdown([error("schema", "a`b <img src=x onerror=alert(1)>.pdf", evil, evil, line=1, criterion=evil)])
    assert "<img" not in md and "](http" not in md and "@snv-admin" not in md and "<!--" not in md
    assert "#12" not in md  # no issue reference
    row = next(line for line in md.splitlines() if line.startswith("| <code>"))
    assert row.count(" | ") == 5


def test_every_text_field_of_the_comment_is_inert():
    evil = "@snv-admin <img src=x onerror=alert(1)> [x](http://lua-dao.example) --> #7 | ![i](http://x/y.png)"
    doc = _doc(
        name=evil,
        status_name=evil,
        classification=evil,
        appraised=True,
        report={"number": evil, "date": evil[:40], "approved_by": evil},
        rows=[
            {
                "code": "1.1",
                "title": evil,
                "depth": 1,
                "leaf": True,
                "max": "2",
                "self": "1",
                "appraised": "0.5",
                "evidence": 1,
                "reason": evil,
                "round": 1,
            }
        ],
    )
    doc.update(
        phase=evil,
        errors=1,
        roles=["council"],
        findings=[
            {
                "file": "a`b <img src=x>.pdf",
                "line": 1,
                "severity": "error",
                "code": "c",
                "message": evil,
                "hint": evil,
                "criterion": "1.1",
            }
        ],
    )
    body = pr_comment.render(result.load(json.dumps(doc)))
    assert body.count(evil.split(maxsplit=1)[0]) == 0  # no mention
    for live in ("<img", "](http", "http://", "-->\n|", "#7", "![", "@snv-admin"):
        assert live not in body, live
    assert body.count("-->") == _own_comment_ends(body)
    row = next(line for line in body.splitlines() if line.startswith("| **1.1** |"))
    assert row.count(" | ") == 6  # code, title, max, self, appraised, change, evidence: no column added
