"""Schema findings: Vietnamese sentences naming the field by its title, located on the line."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from minirepo import MINI, looks_vietnamese

from cchc.load import schema
from cchc.load.yamlfile import parse

FILES = {
    "province": "province.yaml",
    "units": "units/so.yaml",
    "framework": "criteria/mini/so.yaml",
    "plan": "plans/2025.yaml",
    "survey": "surveys/2025.yaml",
    "self-assessment": "submissions/2025/so-a/self-assessment.yaml",
    "appraisal": "submissions/2025/so-a/appraisal.yaml",
}
SA = FILES["self-assessment"]


def text_of(name: str) -> str:
    return (MINI / FILES[name]).read_text(encoding="utf-8")


def findings(name: str, text: str):
    found = schema.validate(parse(text.encode("utf-8")), name, "f.yaml")
    for f in found:
        assert f.file == "f.yaml" and f.is_error
        assert looks_vietnamese(f.message) and looks_vietnamese(f.hint), f
    return found


def one(name: str, old: str, new: str):
    text = text_of(name)
    assert text.count(old) == 1, old
    found = findings(name, text.replace(old, new))
    assert len(found) == 1, [f.message for f in found]
    return found[0]


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_mini_files_are_valid(name):
    assert findings(name, text_of(name)) == []


@pytest.mark.parametrize("path", sorted(schema.SCHEMA_DIR.glob("*.schema.json")), ids=lambda p: p.name)
def test_every_schema_is_valid_2020_12_and_titled_in_vietnamese(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["$schema"].endswith("/2020-12/schema")
    schema.validator(path.name.removesuffix(".schema.json"))  # check_schema raises if invalid
    assert looks_vietnamese(doc["title"])


def test_type_names_the_field_by_its_title_and_the_type_in_vietnamese():
    f = one("self-assessment", "year: 2025\n", 'year: "2025"\n')
    assert (f.code, f.line, f.column) == ("schema-type", 2, 7)
    assert "'year' (Năm đánh giá)" in f.message and "số nguyên" in f.message and "'2025'" in f.message


def test_a_list_expected():
    f = one(
        "self-assessment",
        "    evidence:\n      - {file: evidence/ke-hoach.pdf, page: 1}\n",
        "    evidence: evidence/ke-hoach.pdf\n",
    )
    assert (f.code, f.line) == ("schema-type", 16)
    assert "danh sách" in f.message


def test_a_value_of_the_wrong_type_gets_one_message_not_one_per_keyword():
    f = one("self-assessment", "year: 2025\n", "year: 20.25\n")  # not an integer, and below 1990
    assert f.code == "schema-type"


def test_unknown_field_is_located_on_its_key_with_a_suggestion():
    f = one("self-assessment", "    score: 0.75\n", "    scrore: 0.75\n")
    assert (f.code, f.line, f.column) == ("schema-unknown-field", 19, 5)
    assert "'scrore'" in f.message
    assert "'score'" in f.hint and "na_reason" in f.hint


def test_unknown_field_at_the_top():
    f = one("self-assessment", "difficulties:", "kho_khan:")
    assert (f.code, f.line, f.column) == ("schema-unknown-field", 8, 1)


def test_required_at_the_top_and_nested():
    top = one("self-assessment", "unit: so-a\n", "")
    assert (top.code, top.line) == ("schema-required", 1)
    assert "'unit' (Mã đơn vị)" in top.message
    nested = one("self-assessment", "  approved_by: Nguyễn Văn A, Giám đốc\n", "")
    assert (nested.code, nested.line) == ("schema-required", 4)
    assert "'approved_by' (Người phê duyệt)" in nested.message
    assert "Báo cáo tự đánh giá" in nested.hint


def test_two_missing_fields_are_two_findings():
    text = text_of("self-assessment").replace('  number: "10/BC-SA"\n', "").replace('  date: "2025-12-20"\n', "")
    found = findings("self-assessment", text)
    assert sorted(f.message for f in found) == [
        "Thiếu trường bắt buộc 'date' (Ngày báo cáo).",
        "Thiếu trường bắt buộc 'number' (Số báo cáo).",
    ]
    assert {f.line for f in found} == {4}


@pytest.mark.parametrize("written", ["2025-02-30", "2025-13-01", "20/12/2025", "2025-1-5"])
def test_bad_dates_give_one_finding(written):
    f = one("self-assessment", '  date: "2025-12-20"\n', f'  date: "{written}"\n')
    assert (f.code, f.line, f.column) == ("schema-format", 6, 9)
    assert "'date' (Ngày báo cáo)" in f.message and "2025-01-15" in f.hint


def test_bad_date_inside_an_optional_field():
    f = one("self-assessment", 'date: "2025-01-10"', 'date: "10/01/2025"')
    assert (f.code, f.line) == ("schema-format", 13)
    assert "'date' (Ngày văn bản)" in f.message


def test_bad_date_time_in_a_plan():
    f = one("plan", '"2025-12-31T23:59:59+07:00"', '"2025-12-32T23:59:59+07:00"')
    assert (f.code, f.line) == ("schema-format", 7)
    assert "'self_assessment_closes' (Hạn tự đánh giá)" in f.message
    assert "+07:00" in f.hint


def test_a_field_named_title_does_not_become_the_title_of_others():
    f = one("plan", "  max_file_mb: 5\n", "  max_file_mb: năm\n")
    assert "(Dung lượng tối đa mỗi tệp (MB))" in f.message and "Tên kế hoạch" not in f.message


def test_bad_unit_id_explains_the_pattern():
    f = one("self-assessment", "unit: so-a\n", "unit: Sở A\n")
    assert (f.code, f.line, f.column) == ("schema-format", 1, 7)
    assert "chữ thường không dấu" in f.hint


def test_bad_score_text_explains_the_number_format():
    f = one("self-assessment", "    score: 0.75\n", "    score: 0.75 điểm\n")
    assert (f.code, f.line) == ("schema-format", 19)
    assert "0.5" in f.hint


def test_range():
    f = one("self-assessment", "page: 2}", "page: 0}")
    assert (f.code, f.line) == ("schema-range", 13)
    assert "không nhỏ hơn 1" in f.message


def test_enum_lists_the_choices():
    f = one("appraisal", "  - round: 1\n", "  - round: 3\n")
    assert (f.code, f.line) == ("schema-enum", 4)
    assert "1, 2" in f.hint


def test_enum_for_a_rule_kind():
    f = one("framework", "rule: {kind: pass_fail}", "rule: {kind: dat_khong_dat}")
    assert f.code == "schema-enum" and f.line == 40
    assert "'pass_fail'" in f.hint


def test_empty_text():
    f = one("self-assessment", 'number: "10/BC-SA"', 'number: ""')
    assert (f.code, f.line) == ("schema-empty", 5)


def test_too_long_text():
    f = one("self-assessment", 'number: "10/BC-SA"', f'number: "{"x" * 2001}"')
    assert (f.code, f.line) == ("schema-too-long", 5)
    assert "2000" in f.message


def test_duplicate_items():
    f = one("province", "admins: [snv-admin]", "admins: [snv-admin, snv-admin]")
    assert (f.code, f.line) == ("schema-duplicate", 9)


def test_conflicting_fields():
    f = one("framework", "- {gte: 70, points: 1}", "- {gt: 70, gte: 70, points: 1}")
    assert (f.code, f.line) == ("schema-conflict", 60)
    assert "'gt'" in f.hint


def test_criterion_with_both_components_and_a_rule():
    text = text_of("framework").replace(
        "        title: Kế hoạch CCHC năm\n        max: 3\n",
        "        title: Kế hoạch CCHC năm\n        max: 3\n        method: self\n",
    )
    found = findings("framework", text)
    assert [(f.code, f.line) for f in found] == [("schema-type", 19)]
    assert "components" in found[0].hint and "'rule'" in found[0].hint


def test_rule_parameters_belong_to_their_kind():
    f = one("framework", "rule: {kind: free, step: 0.25}", "rule: {kind: free, step: 0.25, levels: []}")
    assert (f.code, f.line) == ("schema-unknown-field", 46)
    assert "'levels'" in f.message


def test_a_rule_without_its_own_wording_is_still_located_and_vietnamese():
    """A keyword the schemas may use one day, with no wording of its own yet (here multipleOf),
    still gives a located, Vietnamese finding naming the field: code 'schema'."""
    doc = {
        "title": "Hồ sơ thử",
        "type": "object",
        "properties": {"score": {"title": "Điểm tự chấm", "multipleOf": 0.25}},
    }
    parsed = parse(b"unit: so-a\nscore: 0.3\n")
    (err,) = Draft202012Validator(doc).iter_errors({"score": 0.3})
    f = schema._finding(err, doc, parsed, "f.yaml")
    assert (f.code, f.file, f.line, f.column, f.is_error) == ("schema", "f.yaml", 2, 8, True)
    assert f.message == "Giá trị 'score' (Điểm tự chấm) không hợp lệ."
    assert looks_vietnamese(f.hint)
