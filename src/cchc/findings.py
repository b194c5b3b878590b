"""Findings: what the checks return, as values. Rendering lives in cchc.report.

Every finding's code is declared once in ``cchc.codes`` (severity, meaning, wording); a
finding with a code nobody declared, or with a severity its code does not have, is refused
when it is made (``codes.UnknownCode``), so a new code cannot slip out undocumented.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class Severity(enum.Enum):
    ERROR = "error"  # blocking: the dossier cannot be accepted as is
    WARNING = "warning"  # advisory: worth a look, does not block

    @property
    def label(self) -> str:
        return "Lỗi" if self is Severity.ERROR else "Cảnh báo"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in one file.

    ``code`` is a stable identifier (tests and tools match on it); ``message`` and
    ``hint`` are Vietnamese sentences for people: what is wrong, and how to fix it.
    """

    file: str
    line: int
    column: int
    code: str
    message: str  # compared too: two different problems on one line (e.g. line 1) must both be kept
    severity: Severity = field(default=Severity.ERROR, compare=False)
    hint: str = field(default="", compare=False)
    criterion: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        from . import codes  # the catalogue builds on this module: looked up once it is loaded

        codes.check(self.code, self.severity)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "criterion": self.criterion,
            "message": self.message,
            "hint": self.hint,
        }


def error(
    code: str, file: str, message: str, hint: str = "", *, line: int = 0, column: int = 0, criterion: str | None = None
) -> Finding:
    """A blocking finding worded at the call site (``cchc.codes`` words most findings itself)."""
    return Finding(file, line, column, code, message, Severity.ERROR, hint, criterion)


def warning(
    code: str, file: str, message: str, hint: str = "", *, line: int = 0, column: int = 0, criterion: str | None = None
) -> Finding:
    """An advisory finding worded at the call site."""
    return Finding(file, line, column, code, message, Severity.WARNING, hint, criterion)


@dataclass
class Findings:
    """An ordered collection of findings with the counts the reporters need."""

    items: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding | None) -> None:
        if finding is not None:
            self.items.append(finding)

    def extend(self, findings: Iterable[Finding | None]) -> None:
        self.items.extend(f for f in findings if f is not None)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.items if not f.is_error]

    def sorted(self) -> list[Finding]:
        # Deterministic order: by file, then line, column, code.
        return sorted(set(self.items))

    def by_file(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for f in self.sorted():
            out.setdefault(f.file, []).append(f)
        return out
