"""The criteria framework: areas → criteria → component criteria, each with a maximum."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .document import Document, JsonPath, Where
from .numbers import exact

DEPTH_NAMES = {1: "lĩnh vực", 2: "tiêu chí", 3: "tiêu chí thành phần"}
# Rule kinds whose points are added or subtracted after the sum: their maximum is a cap,
# not part of their parent's maximum.
ADJUSTMENT_KINDS = frozenset({"bonus", "penalty"})


@dataclass(frozen=True)
class Rule:
    """A scoring rule: ``kind`` selects the behaviour in cchc.rules; ``params`` is its data."""

    kind: str
    params: Mapping[str, Any] = field(hash=False, compare=False)
    text: str | None = None


@dataclass(frozen=True)
class Node:
    code: str
    title: str
    max: Decimal
    depth: int
    line: int
    children: tuple[Node, ...] = ()
    method: str | None = None
    rule: Rule | None = None
    na_allowed: bool = False
    evidence_required: bool = False
    evidence: tuple[str, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def is_survey(self) -> bool:
        return self.method == "survey"

    @property
    def is_adjustment(self) -> bool:
        """Bonus and penalty points sit outside the maximum (their max is a cap)."""
        return self.rule is not None and self.rule.kind in ADJUSTMENT_KINDS

    @property
    def kind_name(self) -> str:
        return DEPTH_NAMES.get(self.depth, "tiêu chí")

    @property
    def leaf_rule(self) -> Rule:
        """The rule of a leaf (the schema requires one on every leaf)."""
        if self.rule is None:
            raise ValueError(f"criterion {self.code} has no rule")
        return self.rule

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Band:
    label: str
    min: Decimal


@dataclass(frozen=True)
class Framework:
    ref: str  # "<folder>/<level>", how plans name it
    id: str
    level: str
    title: str
    file: str
    legal_number: str
    legal_date: str
    legal_issuer: str
    max: Decimal
    precision: int
    bands: tuple[Band, ...]
    areas: tuple[Node, ...]
    sample: bool = False
    _index: dict[str, Node] = field(default_factory=dict, hash=False, compare=False, repr=False)
    max_line: int = 1  # where 'max' and 'bands' stand in the file, for findings
    bands_line: int = 1

    def nodes(self) -> Iterator[Node]:
        for area in self.areas:
            yield from area.walk()

    def leaves(self) -> list[Node]:
        return [n for n in self.nodes() if n.is_leaf]

    def self_leaves(self) -> list[Node]:
        return [n for n in self.leaves() if not n.is_survey]

    def node(self, code: str) -> Node | None:
        if not self._index:
            self._index.update({n.code: n for n in self.nodes()})
        return self._index.get(code)

    def classify(self, index: Decimal) -> str:
        for band in sorted(self.bands, key=lambda b: b.min, reverse=True):
            if index >= band.min:
                return band.label
        return self.bands[-1].label if self.bands else ""


def _node(data: Document, depth: int, path: JsonPath, where: Where) -> Node:
    child_key = {1: "criteria", 2: "components"}.get(depth)
    children = (
        tuple(_node(c, depth + 1, (*path, child_key, i), where) for i, c in enumerate(data.get(child_key) or []))
        if child_key
        else ()
    )
    rule = data.get("rule")
    return Node(
        code=str(data["code"]),
        title=data["title"],
        max=exact(data["max"]),
        depth=depth,
        line=where(path)[0],
        children=children,
        method=data.get("method"),
        rule=Rule(rule["kind"], dict(rule), rule.get("text")) if rule else None,
        na_allowed=bool(data.get("na_allowed", False)),
        evidence_required=bool(data.get("evidence_required", False)),
        evidence=tuple(data.get("evidence") or ()),
    )


def build(data: Document, ref: str, file: str, where: Where) -> Framework:
    legal = data["legal_basis"]
    return Framework(
        ref=ref,
        id=data["id"],
        level=data["level"],
        title=data["title"],
        file=file,
        legal_number=legal["number"],
        legal_date=legal["date"],
        legal_issuer=legal["issuer"],
        max=exact(data["max"]),
        precision=int(data.get("precision", 2)),
        bands=tuple(Band(b["label"], exact(b["min"])) for b in data["bands"]),
        areas=tuple(_node(a, 1, ("areas", i), where) for i, a in enumerate(data["areas"])),
        sample=bool(data.get("sample", False)),
        max_line=where(("max",))[0],
        bands_line=where(("bands",))[0],
    )
