"""The council's appraisal rounds and the unit's explanation (giải trình).

An appraisal item carries the appraised ``score`` (absolute, obeying the
leaf's rule), a ``reason`` and/or a ``request``. A leaf's appraised score is
the score of the latest round that lists it with a score, else the self score.
Round 1 adjusts a few scores and requests explanations (missing evidence gets
a provisional 0); the unit may answer in explanation.yaml with extra files;
round 2 (final) restores or confirms those and may change other scores.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from . import rules
from .submissions import Answer, Folder

ZERO = Decimal(0)
PROVISIONAL = "Chưa có tài liệu kiểm chứng; tạm thời chưa công nhận điểm tự chấm."
ASK_EVIDENCE = "Đề nghị đơn vị bổ sung tài liệu kiểm chứng (bản scan văn bản đã ký, đóng dấu)."
ASK_FIGURES = "Đề nghị đơn vị làm rõ nguồn số liệu và gửi bảng tổng hợp có xác nhận của lãnh đạo đơn vị."


Items = dict[str, dict[str, Any]]  # code -> appraisal item


def _round1(answers: list[Answer], q: float, srng: random.Random) -> Items:
    """Round 1: a few lowered scores, provisional zeros for missing evidence, requests for explanation.
    The steps draw from ``srng`` in a fixed order (the sample province depends on it)."""
    items: Items = {}
    scored = [a for a in answers if not a.na and a.leaf.kind != "penalty"]
    _lower_some(scored, q, srng, items)
    for a in answers:
        if a.missing:
            items[a.leaf.code] = {"code": a.leaf.code, "score": ZERO, "reason": PROVISIONAL, "request": ASK_EVIDENCE}
    _ask_figures(answers, srng, items)
    _penalise(answers, srng, items)
    _raise_one(scored, srng, items)
    return items


def _score(a: Answer) -> Decimal:
    """The self-score of an answer the council may change: only "không áp dụng" has none."""
    assert a.score is not None, f"{a.leaf.code}: no self-score to appraise"
    return a.score


def _lower_some(scored: list[Answer], q: float, srng: random.Random, items: Items) -> None:
    wanted = srng.randint(1, 3) + (1 if q < 0.7 else 0)
    for a in srng.sample(scored, len(scored)):
        if len(items) >= wanted:
            break
        if a.missing:
            continue
        change = rules.lower(a.leaf, _score(a), a.figures, srng)
        if change:
            items[a.leaf.code] = {"code": a.leaf.code, "score": change[0], "reason": change[1]}


def _ask_figures(answers: list[Answer], srng: random.Random, items: Items) -> None:
    with_figures = [a for a in answers if a.figures and a.figures[1] and a.score and a.leaf.code not in items]
    if with_figures and srng.random() < 0.5:
        a = srng.choice(with_figures)
        items[a.leaf.code] = {"code": a.leaf.code, "request": ASK_FIGURES}


def _penalise(answers: list[Answer], srng: random.Random, items: Items) -> None:
    penalties = [a for a in answers if a.leaf.kind == "penalty" and not a.na]
    if penalties and srng.random() < 0.15:
        change = rules.lower(penalties[0].leaf, _score(penalties[0]), None, srng)
        if change:
            items[penalties[0].leaf.code] = {"code": penalties[0].leaf.code, "score": change[0], "reason": change[1]}


def _raise_one(scored: list[Answer], srng: random.Random, items: Items) -> None:
    raisable = [
        a
        for a in scored
        if a.leaf.kind == "levels" and a.leaf.code not in items and rules.raise_level(a.leaf, _score(a))
    ]
    if raisable and srng.random() < 0.1:
        a = srng.choice(raisable)
        raised = rules.raise_level(a.leaf, _score(a))
        if raised:
            items[a.leaf.code] = {"code": a.leaf.code, "score": raised[0], "reason": raised[1]}


def _explanation(folder: Folder, requested: list[Answer]) -> dict:
    answers = []
    for a in requested:
        code = a.leaf.code
        name = f"giai-trinh-{code.replace('.', '-')}"
        if a.missing:
            text = (
                f"Đơn vị xin bổ sung tài liệu kiểm chứng cho tiêu chí {code} "
                f"(bản scan văn bản đã ký, đóng dấu) kèm theo."
            )
            title = f"Tài liệu kiểm chứng bổ sung - tiêu chí {code}"
        else:
            text = (
                f"Số liệu được tổng hợp từ sổ theo dõi và các báo cáo định kỳ của đơn vị tại thời điểm "
                f"15/12/{folder.year}; đơn vị gửi kèm bảng tổng hợp có xác nhận của lãnh đạo."
            )
            title = f"Bảng tổng hợp số liệu - tiêu chí {code}"
        rel = folder.add_pdf(name, f"GT-{code}", title)
        answers.append({"code": code, "text": text, "evidence": [{"file": rel, "title": title, "page": 1}]})
    return {"unit": folder.unit.id, "year": folder.year, "answers": answers}


def _round2(answers: list[Answer], first: dict[str, dict], answered: set[str], srng: random.Random) -> dict[str, dict]:
    by_code = {a.leaf.code: a for a in answers}
    items: dict[str, dict] = {}
    for code, item in first.items():
        if "request" not in item:
            continue
        a = by_code[code]
        if code in answered:
            reason = (
                "Đơn vị đã giải trình, bổ sung tài liệu kiểm chứng; Hội đồng công nhận điểm tự chấm."
                if "score" in item
                else "Giải trình của đơn vị là hợp lý; giữ nguyên điểm tự chấm."
            )
            items[code] = {"code": code, "score": a.score, "reason": reason}
        elif "score" in item:
            items[code] = {
                "code": code,
                "score": item["score"],
                "reason": "Đơn vị không bổ sung tài liệu kiểm chứng; không công nhận điểm tự chấm.",
            }
        else:
            change = rules.lower(a.leaf, _score(a), a.figures, srng)
            if change:
                items[code] = {
                    "code": code,
                    "score": change[0],
                    "reason": "Đơn vị không giải trình theo yêu cầu. " + change[1],
                }
    untouched = [a for a in answers if not a.na and a.leaf.kind != "penalty" and a.leaf.code not in first]
    if untouched and srng.random() < 0.3:
        a = srng.choice(untouched)
        change = rules.lower(a.leaf, _score(a), a.figures, srng)
        if change:
            items[a.leaf.code] = {"code": a.leaf.code, "score": change[0], "reason": change[1]}
    return items


def appraise(
    folder: Folder, answers: list[Answer], q: float, srng: random.Random, crng: random.Random, council: str, rounds: int
) -> None:
    """Add appraisal.yaml (1 or 2 rounds) and, for some units, explanation.yaml."""
    order = {a.leaf.code: i for i, a in enumerate(answers)}
    nxt = folder.year + 1
    first = _round1(answers, q, srng)
    requested = [a for a in answers if "request" in first.get(a.leaf.code, {})]
    answered: set[str] = set()
    if requested and srng.random() < 0.7:
        folder.add_yaml("explanation.yaml", _explanation(folder, requested))
        answered = {a.leaf.code for a in requested}
    note1 = "Hội đồng đã thẩm định hồ sơ tự đánh giá và tài liệu kiểm chứng của đơn vị."
    if requested:
        note1 += " Đề nghị đơn vị giải trình, bổ sung các nội dung có yêu cầu."
    doc_rounds = [
        {
            "round": 1,
            "council": council,
            "date": f"{nxt}-01-{crng.randint(15, 31):02d}",
            "note": note1,
            "items": sorted(first.values(), key=lambda i: order[i["code"]]),
        }
    ]
    if rounds == 2:
        second = _round2(answers, first, answered, srng)
        doc_rounds.append(
            {
                "round": 2,
                "council": council,
                "date": f"{nxt}-03-{crng.randint(5, 19):02d}",
                "note": "Kết quả thẩm định cuối cùng sau khi xem xét giải trình của đơn vị.",
                "items": sorted(second.values(), key=lambda i: order[i["code"]]),
            }
        )
    folder.add_yaml("appraisal.yaml", {"unit": folder.unit.id, "year": folder.year, "rounds": doc_rounds})
