"""Criteria-tree building blocks: leaves, groups, areas, rule builders, rendering.

A framework is built from ``Area`` objects holding criteria; a criterion is
either a ``Group`` (tiêu chí with tiêu chí thành phần) or a ``Leaf`` scored
directly. Codes are assigned by position. Points are ``Decimal``; the rule
texts are written the way an annex states them ("Ban hành đúng thời hạn:
1 điểm; ban hành chậm: 0,5 điểm; không ban hành: 0 điểm").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..model.framework import ADJUSTMENT_KINDS
from ..yamlwrite import number


def D(value: object) -> Decimal:
    """Exact decimal from an int or a string such as "0.5"."""
    return Decimal(str(value))


def vn(value: Decimal) -> str:
    """A number written the Vietnamese way (0,5)."""
    return number(value).replace(".", ",")


@dataclass
class Leaf:
    """A scored node: a tiêu chí thành phần, or a tiêu chí without components."""

    title: str
    max: Decimal
    rule: dict
    method: str = "self"
    na_allowed: bool = False
    evidence_required: bool = False
    doc: str | None = None  # evidence document kind (see documents.py)
    na_reason: str | None = None  # template with {year}, used by submissions
    code: str = ""

    @property
    def kind(self) -> str:
        return self.rule["kind"]

    @property
    def counts(self) -> bool:
        return self.kind not in ADJUSTMENT_KINDS  # bonus and penalty do not count in their parent's max


@dataclass
class Group:
    """A tiêu chí made of components."""

    title: str
    components: list[Leaf]
    code: str = ""

    @property
    def max(self) -> Decimal:
        return sum((c.max for c in self.components if c.counts), Decimal(0))


@dataclass
class Area:
    """A lĩnh vực."""

    title: str
    criteria: list = field(default_factory=list)
    code: str = ""

    @property
    def max(self) -> Decimal:
        return sum((c.max for c in self.criteria if not isinstance(c, Leaf) or c.counts), Decimal(0))


# ---------------------------------------------------------------- rule builders


def _ev(kw: dict) -> dict:
    kw.setdefault("evidence_required", True)
    return kw


def _join(parts: list[tuple[str, Decimal]]) -> str:
    texts = []
    for i, (label, points) in enumerate(parts):
        shown = label if i == 0 else label[0].lower() + label[1:]
        texts.append(f"{shown}: {vn(points)} điểm")
    return "; ".join(texts)


def levels(title: str, steps: list[tuple[str, object]], **kw) -> Leaf:
    pairs = [(label, D(p)) for label, p in steps]
    rule = {"kind": "levels", "text": _join(pairs), "levels": [{"label": label, "points": p} for label, p in pairs]}
    return Leaf(title, pairs[0][1], rule, **_ev(kw))


def pass_fail(title: str, max_: object, condition: str, **kw) -> Leaf:
    m = D(max_)
    rule = {"kind": "pass_fail", "text": _join([(condition, m), ("Không đạt", D(0))])}
    return Leaf(title, m, rule, **_ev(kw))


def _band_texts(bands: list[tuple[str | None, object, object]]) -> str:
    texts: list[str] = []
    prev: tuple[str | None, object] | None = None
    for op, limit, points in bands:
        p = vn(D(points))
        if op is None:
            assert prev is not None, "the open band ('dưới …') comes after the others"
            what = f"từ {prev[1]}% trở xuống" if prev and prev[0] == "gt" else f"dưới {prev[1]}%"
        elif op == "gt":
            what = f"trên {limit}%"
        else:
            upper = "" if prev is None else (f" đến {prev[1]}%" if prev[0] == "gt" else f" đến dưới {prev[1]}%")
            what = f"từ {limit}%{upper}" if prev else f"từ {limit}% trở lên"
        texts.append(f"{what}: {p} điểm")
        prev = (op, limit)
    text = "; ".join(texts)
    return "Tỷ lệ " + text


def percent_bands(title: str, achieved: str, total: str, bands: list[tuple], **kw) -> Leaf:
    """bands: (op, limit, points) with op "gt", "gte" or None for the catch-all."""
    out = []
    for op, limit, points in bands:
        band = {op: D(limit)} if op else {}
        band["points"] = D(points)
        out.append(band)
    rule = {
        "kind": "percent_bands",
        "text": _band_texts(bands),
        "figures": {"achieved": achieved, "total": total},
        "bands": out,
    }
    return Leaf(title, max(b["points"] for b in out), rule, **_ev(kw))


def proportional(title: str, max_: object, achieved: str, total: str, if_no_cases: str = "full", **kw) -> Leaf:
    m = D(max_)
    text = (
        f"Điểm = ({achieved.lower()} / {total.lower()}) × {vn(m)}, làm tròn 2 chữ số thập phân; "
        "không phát sinh trường hợp nào: đạt điểm tối đa"
    )
    rule = {
        "kind": "proportional",
        "text": text,
        "figures": {"achieved": achieved, "total": total},
        "decimals": 2,
        "if_no_cases": if_no_cases,
    }
    return Leaf(title, m, rule, **_ev(kw))


def free(title: str, max_: object, step: object, **kw) -> Leaf:
    m, s = D(max_), D(step)
    text = f"Căn cứ kết quả thực hiện, chấm từ 0 đến {vn(m)} điểm, mỗi bậc {vn(s)} điểm"
    return Leaf(title, m, {"kind": "free", "text": text, "step": s}, **_ev(kw))


def bonus(title: str, cap: object, step: object, what: str, **kw) -> Leaf:
    c, s = D(cap), D(step)
    text = f"{what}: cộng {vn(s)} điểm; tối đa cộng {vn(c)} điểm"
    return Leaf(title, c, {"kind": "bonus", "text": text, "step": s}, **_ev(kw))


def penalty(title: str, cap: object, step: object, what: str, **kw) -> Leaf:
    c, s = D(cap), D(step)
    text = f"{what}: trừ {vn(s)} điểm; tối đa trừ {vn(c)} điểm"
    return Leaf(title, c, {"kind": "penalty", "text": text, "step": s}, **kw)


def survey(title: str, max_: object) -> Leaf:
    text = "Điểm do điều tra xã hội học xác định, không tự chấm"
    return Leaf(title, D(max_), {"kind": "survey", "text": text}, method="survey")


# ---------------------------------------------------------------- assembly


def number_codes(areas: list[Area]) -> None:
    """Assign codes "1", "1.1", "1.1.1" by position."""
    for i, area in enumerate(areas, 1):
        area.code = str(i)
        for j, crit in enumerate(area.criteria, 1):
            crit.code = f"{i}.{j}"
            for k, comp in enumerate(getattr(crit, "components", []), 1):
                comp.code = f"{i}.{j}.{k}"


def leaves(areas: list[Area]) -> list[Leaf]:
    """All scored nodes in framework order."""
    out: list[Leaf] = []
    for area in areas:
        for crit in area.criteria:
            out.extend(crit.components if isinstance(crit, Group) else [crit])
    return out


def _leaf_dict(leaf: Leaf, hints: dict[str, str]) -> dict:
    d = {"code": leaf.code, "title": leaf.title, "max": leaf.max, "method": leaf.method}
    if leaf.na_allowed:
        d["na_allowed"] = True
    if leaf.method == "self":
        d["evidence_required"] = leaf.evidence_required
        if leaf.doc:
            d["evidence"] = [hints[leaf.doc]]
    d["rule"] = leaf.rule
    return d


def render(areas: list[Area], head: dict, hints: dict[str, str]) -> dict:
    """The framework document (schemas/framework.schema.json)."""
    doc = dict(head)
    doc["max"] = sum((a.max for a in areas), Decimal(0))
    doc["precision"] = 2
    doc["bands"] = [
        {"label": label, "min": D(m)}
        for label, m in (("Xuất sắc", 90), ("Tốt", 80), ("Khá", 70), ("Trung bình", 50), ("Yếu", 0))
    ]
    doc["areas"] = []
    for area in areas:
        crits = []
        for crit in area.criteria:
            if isinstance(crit, Group):
                crits.append(
                    {
                        "code": crit.code,
                        "title": crit.title,
                        "max": crit.max,
                        "components": [_leaf_dict(c, hints) for c in crit.components],
                    }
                )
            else:
                crits.append(_leaf_dict(crit, hints))
        doc["areas"].append({"code": area.code, "title": area.title, "max": area.max, "criteria": crits})
    return doc
