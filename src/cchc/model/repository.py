"""The loaded repository: the aggregate every check and the scoring read.

cchc.load.repository builds it from the files; nothing changes it afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from ..findings import Finding
from .framework import Framework
from .history import History
from .plan import Plan
from .registry import Province, Unit
from .submission import Appraisal, Explanation, SelfAssessment
from .survey import Survey


class Source(Protocol):
    """Where the repository's files are read from (cchc.load.source.FileSource): repo-relative
    POSIX paths, never anything outside the repository."""

    @property
    def root(self) -> Path: ...

    def exists(self, rel: str) -> bool: ...

    def is_file(self, rel: str) -> bool: ...

    def is_dir(self, rel: str) -> bool: ...

    def is_symlink(self, rel: str) -> bool: ...

    def size(self, rel: str) -> int: ...

    def read(self, rel: str, limit: int | None = None) -> bytes: ...

    def open(self, rel: str) -> BinaryIO: ...

    def listdir(self, rel: str) -> list[str]: ...

    def walk_files(self, rel: str) -> list[str]: ...

    def _path(self, rel: str) -> str: ...  # the file's path on disk, once checked to be inside the root


def dossier_folder(year: int, unit: str) -> str:
    """The repo-relative folder of ``unit``'s dossier for ``year`` (the year in four digits, as named)."""
    return f"submissions/{year:04d}/{unit}"


@dataclass(frozen=True)
class Dossier:
    """One unit's folder for one year: what loaded, and which dossier files exist."""

    year: int
    unit: str
    self_assessment: SelfAssessment | None = None
    appraisal: Appraisal | None = None
    explanation: Explanation | None = None
    present: frozenset[str] = frozenset()  # dossier file names that exist (even if invalid)

    @property
    def folder(self) -> str:
        return dossier_folder(self.year, self.unit)


FILE, FOLDER, LINK, GITLINK, SPECIAL = "file", "folder", "link", "gitlink", "special"


@dataclass(frozen=True, order=True)
class Entry:
    """One entry below a dossier folder, wherever it was listed (disk or Git tree)."""

    path: str  # repo-relative
    kind: str  # FILE, FOLDER, LINK, GITLINK or SPECIAL


class Listing(Protocol):
    def entries(self, folder: str) -> list[Entry]:
        """``folder`` itself and everything below it (not below a link or a gitlink), sorted;
        empty if ``folder`` does not exist."""


@dataclass(frozen=True, eq=False)  # eq=False: two loads are two repositories (identity, hashable)
class Repository:
    source: Source
    province: Province | None = None
    units: Mapping[str, Unit] = field(default_factory=dict)  # id -> Unit, in file order
    frameworks: Mapping[str, Framework] = field(default_factory=dict)  # ref -> Framework
    plans: Mapping[int, Plan] = field(default_factory=dict)  # year -> Plan
    surveys: Mapping[int, Survey] = field(default_factory=dict)  # year -> Survey
    histories: Mapping[int, History] = field(default_factory=dict)  # year -> published results brought in
    dossiers: Mapping[tuple[int, str], Dossier] = field(default_factory=dict)  # (year, unit) -> Dossier
    findings: tuple[Finding, ...] = ()  # what loading found (unreadable files, schema errors)
    duplicate_units: tuple[tuple[Unit, Unit], ...] = ()  # (Unit, the first Unit with its id)
    broken: frozenset[str] = frozenset()  # files that failed to load
    scope: tuple[str, ...] | None = None  # repo-relative paths a limited run checks (None: everything)
    listing: Listing | None = None  # what the dossier folders hold: the disk or a Git tree (load sets it)

    @property
    def root(self) -> Path:
        return self.source.root

    def framework_for(self, year: int, level: str) -> Framework | None:
        plan = self.plans.get(year)
        ref = plan.frameworks.get(level) if plan else None
        return self.frameworks.get(ref) if ref else None

    def units_in(self, year: int) -> list[Unit]:
        return [u for u in self.units.values() if u.active(year)]

    def broken_in(self, folder: str) -> bool:
        """True if a file under ``folder`` failed to load. Its own findings say why; checks
        that depend on it stay silent rather than repeat the problem elsewhere."""
        return any(f.startswith(folder.rstrip("/") + "/") for f in self.broken)
