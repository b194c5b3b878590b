"""The yearly plan: which framework per level, deadlines, extensions, councils, routing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .document import Document, JsonPath, Where
from .registry import Unit, normalise_account

PHASES = (
    "entry_opens",
    "self_assessment_closes",
    "appraisal_round1_closes",
    "explanation_closes",
    "appraisal_round2_closes",
    "publication",
)

PHASE_NAMES = {
    "entry_opens": "Mở nhập liệu",
    "self_assessment_closes": "Hạn tự đánh giá",
    "appraisal_round1_closes": "Hạn thẩm định vòng 1",
    "explanation_closes": "Hạn giải trình",
    "appraisal_round2_closes": "Hạn thẩm định vòng 2",
    "publication": "Công bố kết quả",
}


@dataclass(frozen=True)
class Extension:
    unit: str
    decision: str
    deadlines: Mapping[str, datetime]  # phase -> datetime
    line: int = 0


@dataclass(frozen=True)
class Council:
    id: str
    name: str
    accounts: tuple[str, ...]


@dataclass(frozen=True)
class Route:
    council: str
    levels: tuple[str, ...]
    parents: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Decision:
    """A decision of the province (quyết định): its number and date, as written, and what it applies
    to (``scope``; empty: everything)."""

    number: str
    date: str  # ISO date, as written
    scope: tuple[str, ...] = field(default=(), kw_only=True)

    def covers(self, item: str | None) -> bool:
        return not self.scope or item in self.scope


@dataclass(frozen=True)
class Publication(Decision):
    """The decision that published the year's results; its scope: the levels published."""

    signer: str


@dataclass(frozen=True)
class Correction(Decision):
    """A correction decision (đính chính): opens a published year's records; its scope: the units."""

    what: str


@dataclass(frozen=True)
class Plan:
    year: int
    title: str
    file: str
    frameworks: Mapping[str, str]  # level -> framework ref
    deadlines: Mapping[str, datetime]  # phase -> datetime (aware)
    extensions: tuple[Extension, ...]
    councils: Mapping[str, Council]  # id -> Council
    routing: tuple[Route, ...]
    max_file_mb: float
    trust_roots: tuple[str, ...] = ()  # repo-relative certificate files trusted for digital signatures
    publications: tuple[Publication, ...] = ()
    corrections: tuple[Correction, ...] = ()
    survey_not_held: frozenset[str] = frozenset()  # levels without a survey this year
    # Where things stand in the file, for findings: year, each level's framework, each deadline, routing.
    year_line: int = 0
    lines: Mapping[JsonPath, int] = field(default_factory=dict, compare=False, repr=False)

    def line(self, *path: str | int) -> int:
        """Line of ``path`` (e.g. ("frameworks", "so")) in the plan file; 1 if unknown."""
        return self.lines.get(path, 1)

    def deadline(self, phase: str, unit: str | None = None) -> datetime:
        """The deadline of ``phase`` for ``unit``, its extension included."""
        for ext in self.extensions:
            if ext.unit == unit and phase in ext.deadlines:
                return ext.deadlines[phase]
        return self.deadlines[phase]

    def publication(self, level: str) -> Publication | None:
        """The decision that published ``level``'s results; None while they are provisional."""
        return next((p for p in self.publications if p.covers(level)), None)

    @property
    def published(self) -> bool:
        """Some level's results are published: the year is frozen for it."""
        return bool(self.publications)

    def survey_held(self, level: str) -> bool:
        return level not in self.survey_not_held

    def council_for(self, unit: Unit) -> Council | None:
        for route in self.routing:
            if unit.level in route.levels and (not route.parents or unit.parent in route.parents):
                return self.councils.get(route.council)
        return None


def _dt(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


_Line = Callable[..., int]


def _lines(data: Document, line: _Line, trust_roots: tuple[str, ...]) -> dict[JsonPath, int]:
    lines: dict[JsonPath, int] = {("frameworks", level): line("frameworks", level) for level in data["frameworks"]}
    lines.update({("deadlines", phase): line("deadlines", phase) for phase in data["deadlines"]})
    lines.update({(key,): line(key) for key in ("frameworks", "deadlines", "routing")})
    lines.update(
        {("evidence", "trust_roots", i): line("evidence", "trust_roots", i) for i, _ in enumerate(trust_roots)}
    )
    return lines


def _extension(data: Document, line: int) -> Extension:
    return Extension(data["unit"], data["decision"], {k: _dt(v) for k, v in data.items() if k in PHASES}, line)


def _route(data: Document, line: int) -> Route:
    return Route(data["council"], tuple(data["levels"]), tuple(data.get("parents") or ()), line)


def _publication(data: Document) -> Publication:
    return Publication(data["number"], data["date"], data["signer"], scope=tuple(data.get("levels") or ()))


def _correction(data: Document) -> Correction:
    return Correction(data["number"], data["date"], data["what"], scope=tuple(data.get("units") or ()))


def _publishing(data: Document) -> dict[str, Any]:
    """The publication decisions, the corrections and the levels without a survey."""
    return {
        "publications": tuple(_publication(p) for p in data.get("publication") or ()),
        "corrections": tuple(_correction(c) for c in data.get("corrections") or ()),
        "survey_not_held": frozenset(lv for lv, s in (data.get("survey") or {}).items() if not s["held"]),
    }


def _councils(data: Document) -> dict[str, Council]:
    return {
        c["id"]: Council(c["id"], c["name"], tuple(normalise_account(a) for a in c["accounts"]))
        for c in data["councils"]
    }


def build(data: Document, file: str, where: Where | None = None) -> Plan:
    def line(*path: str | int) -> int:
        return where(path)[0] if where else 1

    evidence: Mapping[str, Any] = data.get("evidence") or {}
    trust_roots = tuple(evidence.get("trust_roots") or ())
    return Plan(
        year=data["year"],
        title=data["title"],
        file=file,
        frameworks=dict(data["frameworks"]),
        deadlines={k: _dt(v) for k, v in data["deadlines"].items()},
        extensions=tuple(_extension(e, line("extensions", i)) for i, e in enumerate(data.get("extensions") or ())),
        councils=_councils(data),
        routing=tuple(_route(r, line("routing", i)) for i, r in enumerate(data["routing"])),
        max_file_mb=float(evidence.get("max_file_mb", 20)),
        trust_roots=trust_roots,
        **_publishing(data),
        year_line=line("year"),
        lines=_lines(data, line, trust_roots),
    )
