"""A unit's dossier for one year: self-assessment, the council's appraisal, explanations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .document import Document, JsonPath, Where
from .numbers import code_text, exact, to_decimal


@dataclass(frozen=True)
class EvidenceRef:
    file: str  # as written, relative to the unit's folder
    title: str | None
    number: str | None
    date: str | None
    section: str | None
    page: int | None
    line: int
    column: int


@dataclass(frozen=True)
class Figures:
    achieved: Decimal
    total: Decimal


@dataclass(frozen=True)
class Entry:
    code: str
    score: Decimal | None
    figures: Figures | None
    na: bool
    na_reason: str | None
    explanation: str | None
    evidence: tuple[EvidenceRef, ...]
    line: int
    score_line: int


@dataclass(frozen=True)
class Report:
    file: str
    number: str
    date: str
    approved_by: str
    line: int
    file_column: int


@dataclass(frozen=True)
class SelfAssessment:
    unit: str
    year: int
    file: str  # repo-relative path of self-assessment.yaml
    folder: str  # repo-relative folder of the dossier
    report: Report | None
    difficulties: str | None
    entries: tuple[Entry, ...]
    unit_line: int
    year_line: int


@dataclass(frozen=True)
class AppraisalItem:
    code: str
    score: Decimal | None
    reason: str | None
    request: str | None
    line: int


@dataclass(frozen=True)
class Round:
    number: int
    council: str
    date: str
    note: str | None
    items: tuple[AppraisalItem, ...]
    line: int


@dataclass(frozen=True)
class Appraisal:
    unit: str
    year: int
    file: str
    rounds: tuple[Round, ...]
    unit_line: int
    year_line: int

    def final(self) -> bool:
        return any(r.number == 2 for r in self.rounds)

    def latest_round(self) -> int:
        return max((r.number for r in self.rounds), default=0)

    def latest_scores(self, before: int | None = None) -> dict[str, tuple[Decimal, str | None, int]]:
        """code → (score, reason, round) from the latest round that mentions the code; with
        ``before``, only the rounds numbered below it (what the council had decided until then)."""
        out: dict[str, tuple[Decimal, str | None, int]] = {}
        for rnd in sorted(self.rounds, key=lambda r: r.number):
            if before is not None and rnd.number >= before:
                continue
            for item in rnd.items:
                if item.score is not None:
                    out[item.code] = (item.score, item.reason, rnd.number)
        return out


@dataclass(frozen=True)
class Answer:
    code: str
    text: str
    evidence: tuple[EvidenceRef, ...]
    line: int


@dataclass(frozen=True)
class Explanation:
    unit: str
    year: int
    file: str
    answers: tuple[Answer, ...]
    unit_line: int
    year_line: int


def _evidence(items: Iterable[Document] | None, base: JsonPath, where: Where) -> tuple[EvidenceRef, ...]:
    out = []
    for i, ev in enumerate(items or ()):
        line, column = where((*base, i, "file"))
        out.append(
            EvidenceRef(
                ev["file"],
                ev.get("title"),
                ev.get("number"),
                ev.get("date"),
                ev.get("section"),
                ev.get("page"),
                line,
                column,
            )
        )
    return tuple(out)


def _text(value: Any) -> str | None:
    """A free text, blank → None."""
    return (value or "").strip() or None


def _entry(e: Document, i: int, where: Where) -> Entry:
    fig = e.get("figures")
    return Entry(
        code=code_text(e["code"]),
        score=to_decimal(e.get("score")),
        figures=Figures(exact(fig["achieved"]), exact(fig["total"])) if fig else None,
        na=bool(e.get("na", False)),
        na_reason=_text(e.get("na_reason")),
        explanation=_text(e.get("explanation")),
        evidence=_evidence(e.get("evidence"), ("scores", i, "evidence"), where),
        line=where(("scores", i))[0],
        score_line=where(("scores", i, "score") if "score" in e else ("scores", i))[0],
    )


def build_self_assessment(data: Document, file: str, folder: str, where: Where) -> SelfAssessment:
    entries = [_entry(e, i, where) for i, e in enumerate(data["scores"])]
    rep = data.get("report")
    report = None
    if rep:
        line, column = where(("report", "file"))
        report = Report(rep["file"], rep["number"], rep["date"], rep["approved_by"], line, column)
    return SelfAssessment(
        unit=data["unit"],
        year=data["year"],
        file=file,
        folder=folder,
        report=report,
        difficulties=data.get("difficulties"),
        entries=tuple(entries),
        unit_line=where(("unit",))[0],
        year_line=where(("year",))[0],
    )


def build_appraisal(data: Document, file: str, where: Where) -> Appraisal:
    rounds = []
    for r, rnd in enumerate(data["rounds"]):
        items = tuple(
            AppraisalItem(
                code_text(it["code"]),
                to_decimal(it.get("score")),
                it.get("reason"),
                it.get("request"),
                where(("rounds", r, "items", i))[0],
            )
            for i, it in enumerate(rnd["items"])
        )
        rounds.append(Round(rnd["round"], rnd["council"], rnd["date"], rnd.get("note"), items, where(("rounds", r))[0]))
    return Appraisal(data["unit"], data["year"], file, tuple(rounds), where(("unit",))[0], where(("year",))[0])


def build_explanation(data: Document, file: str, where: Where) -> Explanation:
    answers = tuple(
        Answer(
            code_text(a["code"]),
            a["text"],
            _evidence(a.get("evidence"), ("answers", i, "evidence"), where),
            where(("answers", i))[0],
        )
        for i, a in enumerate(data["answers"])
    )
    return Explanation(data["unit"], data["year"], file, answers, where(("unit",))[0], where(("year",))[0])
