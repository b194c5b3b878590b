"""Reporters render findings; they decide nothing."""

from __future__ import annotations

import json

from cchc.findings import error, warning
from cchc.report import REPORTERS, github, json_report, text

SA = "submissions/2025/so-a/self-assessment.yaml"
PLAN = "plans/2025.yaml"

FINDINGS = [
    error(
        "score-above-max",
        SA,
        "Tiêu chí 1.2: điểm 1.5 vượt điểm tối đa 1.",
        "Chấm trong khoảng 0 – 1.",
        line=19,
        criterion="1.2",
    ),
    warning(
        "evidence-missing",
        SA,
        "Tiêu chí 1.1.2: không có tài liệu kiểm chứng.",
        "Đính kèm tài liệu.",
        line=14,
        criterion="1.1.2",
    ),
    error("plan-deadlines-order", PLAN, "Các mốc thời hạn không theo thứ tự.", "Sắp xếp lại.", line=9),
    error("yaml-syntax", SA, "Sai cú pháp YAML.", "Kiểm tra dòng này.", line=3, column=7),
    error("missing-province", "province.yaml", "Thiếu tệp province.yaml.", "Tạo tệp."),
]


# ---------------------------------------------------------------- text


def test_text_groups_per_file_and_sorts_by_line():
    out = text.render(FINDINGS, checked=2)
    blocks = out.split("\n\n")
    assert [b.splitlines()[0] for b in blocks[:-1]] == [PLAN, "province.yaml", SA]
    sa = blocks[2].splitlines()
    assert [line.split(":")[0].strip() for line in sa[1::2]] == ["dòng 3, cột 7", "dòng 14", "dòng 19"]
    assert sa[1] == "  dòng 3, cột 7: Lỗi: Sai cú pháp YAML. (yaml-syntax)"
    assert (
        sa[3]
        == "  dòng 14: Cảnh báo [tiêu chí 1.1.2]: Tiêu chí 1.1.2: không có tài liệu kiểm chứng. (evidence-missing)"
    )
    assert sa[4] == "    → Cách sửa: Đính kèm tài liệu."
    assert "  toàn tệp: Lỗi: Thiếu tệp province.yaml. (missing-province)" in out
    assert out.endswith("Tìm thấy 4 lỗi và 1 cảnh báo trong 2 hồ sơ.\n")


def test_text_without_findings():
    assert text.render([], checked=3) == "Không có lỗi trong 3 hồ sơ. Hồ sơ hợp lệ.\n"
    assert text.render([]) == "Không có lỗi. Hồ sơ hợp lệ.\n"


def test_text_shows_a_repeated_finding_once():
    assert text.render(FINDINGS[:1] * 3).count("vượt điểm tối đa") == 1


# ---------------------------------------------------------------- json


def test_json_structure():
    doc = json.loads(json_report.render(FINDINGS, checked=2))
    assert (doc["errors"], doc["warnings"], doc["checked"]) == (4, 1, 2)
    assert [(f["file"], f["line"]) for f in doc["findings"]] == [
        (PLAN, 9),
        ("province.yaml", 0),
        (SA, 3),
        (SA, 14),
        (SA, 19),
    ]
    assert doc["findings"][3] == {
        "file": SA,
        "line": 14,
        "column": 0,
        "severity": "warning",
        "code": "evidence-missing",
        "criterion": "1.1.2",
        "message": "Tiêu chí 1.1.2: không có tài liệu kiểm chứng.",
        "hint": "Đính kèm tài liệu.",
    }


def test_json_keeps_vietnamese_readable():
    assert "vượt điểm tối đa" in json_report.render(FINDINGS)


def test_json_without_findings():
    assert json.loads(json_report.render([], checked=0)) == {"errors": 0, "warnings": 0, "checked": 0, "findings": []}


# ---------------------------------------------------------------- github


def test_github_annotation_format():
    out = github.annotations(FINDINGS[:1])
    assert out == (
        "::error file=submissions/2025/so-a/self-assessment.yaml,line=19,title=Lỗi%3A tiêu chí 1.2::"
        "Tiêu chí 1.2: điểm 1.5 vượt điểm tối đa 1. Cách sửa: Chấm trong khoảng 0 – 1.\n"
    )


def test_github_annotation_kinds_columns_and_whole_file():
    out = github.annotations(FINDINGS).splitlines()
    assert (
        "::warning file=submissions/2025/so-a/self-assessment.yaml,line=14,title=Cảnh báo%3A tiêu chí 1.1.2::"
        in "\n".join(out)
    )
    assert any(
        line.startswith("::error file=submissions/2025/so-a/self-assessment.yaml,line=3,col=7,title=Lỗi::")
        for line in out
    )
    assert any(line.startswith("::error file=province.yaml,title=Lỗi::") for line in out)  # no line=0


def test_github_escapes_data_and_properties():
    f = error("file-unreadable", "units/a,b:c.yaml", "100% sai\r\ndòng hai", "sửa: a, b", line=2)
    out = github.annotations([f])
    assert out.startswith("::error file=units/a%2Cb%3Ac.yaml,line=2,title=Lỗi::")
    assert "100%25 sai%0D%0Adòng hai Cách sửa: sửa: a, b" in out
    assert out.count("\n") == 1  # one annotation, one line


def test_github_caps_annotations_at_ten_per_file_errors_first():
    many = (
        [warning("evidence-missing", SA, f"Cảnh báo {i}.", "Sửa.", line=i) for i in range(1, 6)]
        + [error("score-above-max", SA, f"Lỗi {i}.", "Sửa.", line=100 + i) for i in range(1, 10)]
        + [error("plan-deadlines-order", PLAN, "Lỗi kế hoạch.", "Sửa.", line=1)]
    )
    lines = github.annotations(many).splitlines()
    sa = [line for line in lines if "self-assessment" in line]
    assert len(sa) == 11
    assert all(line.startswith("::error ") for line in sa[:9])  # the 9 errors before any warning
    assert sa[9].startswith("::warning ") and "line=1," in sa[9]
    assert sa[10] == (
        "::notice file=submissions/2025/so-a/self-assessment.yaml::"
        "Còn 4 phát hiện khác, xem bảng tổng hợp của lần chạy."
    )
    assert next(line for line in lines if "plans/" in line).startswith("::error file=plans/2025.yaml,line=1,")


def test_github_markdown_summary_lists_everything():
    many = [error("score-above-max", SA, f"Lỗi {i} | có gạch", "Sửa.", line=i, criterion="1.2") for i in range(1, 13)]
    md = github.markdown(many, checked=1)
    assert md.startswith("## Kết quả kiểm tra hồ sơ Chỉ số CCHC\n\nTìm thấy 12 lỗi và 0 cảnh báo trong 1 hồ sơ.\n")
    rows = [line for line in md.splitlines() if line.startswith("| <code>")]
    assert len(rows) == 12  # the summary is not capped
    assert (
        rows[0]
        == "| <code>submissions/2025/so-a/self-assessment.yaml</code> | 1 | Lỗi | 1.2 | Lỗi 1 \\| có gạch | Sửa. |"
    )


def test_github_markdown_without_findings():
    assert github.markdown([], checked=4) == (
        "## Kết quả kiểm tra hồ sơ Chỉ số CCHC\n\nKhông có lỗi trong 4 hồ sơ. Hồ sơ hợp lệ.\n\n"
    )


def test_reporters_registry():
    assert set(REPORTERS) == {"text", "json", "github"}
    assert REPORTERS["github"](FINDINGS) == github.annotations(FINDINGS)
