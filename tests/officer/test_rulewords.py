"""Scoring rules in an annex's words → rule data, and what is left unread."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cchc.load import repository
from cchc.officer.rulewords import describe, recognise

D = Decimal

CASES = [
    (
        "Đúng thời hạn: 1 điểm; chậm: 0,5 điểm; không ban hành: 0",
        1,
        {
            "kind": "levels",
            "levels": [
                {"label": "Đúng thời hạn", "points": D(1)},
                {"label": "Chậm", "points": D("0.5")},
                {"label": "Không ban hành", "points": D(0)},
            ],
        },
    ),
    ("Có kế hoạch\nvà thực hiện đầy đủ: 1 điểm\nKhông đạt: 0 điểm", 1, None),  # a broken line is not a level
    ("Công khai đầy đủ, đúng quy định: 2 điểm; không đạt: 0 điểm", 2, {"kind": "pass_fail"}),
    (
        "Tỷ lệ trên 90%: 2 điểm; từ 70% đến 90%: 1 điểm; dưới 70%: 0 điểm",
        2,
        {
            "kind": "percent_bands",
            "bands": [{"gt": D(90), "points": D(2)}, {"gte": D(70), "points": D(1)}, {"points": D(0)}],
        },
    ),
    (
        "Dưới 50%: 0 điểm; từ 50% đến dưới 80%: 1 điểm; từ 80% trở lên: 2 điểm",
        2,  # lowest band first
        {
            "kind": "percent_bands",
            "bands": [{"gte": D(80), "points": D(2)}, {"gte": D(50), "points": D(1)}, {"points": D(0)}],
        },
    ),
    (
        "Đạt 100%: 1,5 điểm; từ 80% đến dưới 100%: 1 điểm; các trường hợp còn lại: 0",
        D("1.5"),
        {
            "kind": "percent_bands",
            "bands": [{"gte": D(100), "points": D("1.5")}, {"gte": D(80), "points": D(1)}, {"points": D(0)}],
        },
    ),
    (
        "Điểm = (số hồ sơ đúng hạn / tổng số hồ sơ) × 3, làm tròn 2 chữ số thập phân; không phát sinh: 0 điểm",
        3,
        {"kind": "proportional", "decimals": 2, "if_no_cases": "zero"},
    ),
    (
        "Số văn bản ký số ÷ tổng số văn bản đi × điểm tối đa; không phát sinh trường hợp nào: không áp dụng",
        2,
        {"kind": "proportional", "if_no_cases": "na"},
    ),
    ("Chấm từ 0 đến 3 điểm, mỗi bậc 0,25 điểm", 3, {"kind": "free", "step": D("0.25")}),
    ("Hội đồng chấm từ 0 đến 2 điểm", 2, {"kind": "free", "step": D("0.25")}),
    ("Mỗi sáng kiến được công nhận: cộng 0,5 điểm; tối đa cộng 1 điểm", 1, {"kind": "bonus", "step": D("0.5")}),
    ("Mỗi trường hợp bị phê bình: trừ 0,25 điểm; tối đa trừ 2 điểm", 2, {"kind": "penalty", "step": D("0.25")}),
    ("Điểm do ĐTXHH xác định", 4, {"kind": "survey"}),
    ("Hội đồng thẩm định xem xét, quyết định", 2, None),
    ("", 1, None),
]


@pytest.mark.parametrize("text,maximum,expected", CASES)
def test_annex_words(text, maximum, expected):
    found = recognise(text, D(maximum))
    assert (found.rule if found else None) == expected


def test_figure_names_and_stated_maximum_are_read():
    found = recognise("Điểm = (số hồ sơ trễ hạn có văn bản xin lỗi / tổng số hồ sơ trễ hạn) × 1,5", D(2))
    assert found.figures == {"achieved": "Số hồ sơ trễ hạn có văn bản xin lỗi", "total": "Tổng số hồ sơ trễ hạn"}
    assert found.cap == D("1.5")  # the importer reports it: 1,5 is not the maximum 2
    assert recognise("Chấm từ 0 đến 2 điểm", D(2)).notes  # no step written: the default is a note


def test_every_rule_of_the_sample_and_its_own_wording_is_read(small_province):
    """Each rule of every sample framework, from its text and from cchc's own description."""
    repo = repository.load(small_province, wanted=lambda f: False)
    checked = 0
    for fw in repo.frameworks.values():
        for leaf in fw.leaves():
            params = {k: v for k, v in leaf.rule.params.items() if k not in ("text", "figures")}
            for text in (leaf.rule.text, describe(leaf.rule.params, leaf.max, leaf.method)):
                found = recognise(text, leaf.max)
                got = dict(found.rule)
                if got["kind"] == "proportional":  # cchc's own wording does not repeat the defaults
                    got = {"decimals": 2, "if_no_cases": "full", **got}
                assert got == params, (fw.ref, leaf.code, text)
                checked += 1
    assert checked > 400
