"""The validation job as a library call: load → checks → a result object."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import checks
from .findings import Finding
from .load import repository


@dataclass
class Result:
    findings: list[Finding]
    checked: int  # dossiers checked
    repo: repository.Repository

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def _under(path: str, prefixes: list[str]) -> bool:
    return any(p in ("", ".") or path == p or path.startswith(p.rstrip("/") + "/") for p in prefixes)


def validate(root: Path | str, paths: list[str] | None = None) -> Result:
    """Validate the repository at ``root``; ``paths`` (repo-relative) limit what is reported.

    The framework, plans, registry and surveys are always loaded (the dossiers need
    them); only dossiers under ``paths`` are checked, and only their findings are
    reported, plus blocking errors in the shared files, which affect every dossier.
    """
    wanted = None
    if paths:
        wanted = lambda folder: _under(folder, paths) or any(_under(p, [folder]) for p in paths)  # noqa: E731
    repo = repository.load(root, wanted)
    found = checks.run(repo)
    if paths:
        found = [f for f in found if _under(f.file, paths) or (f.is_error and not f.file.startswith("submissions/"))]
    return Result(sorted(set(found)), len(repo.dossiers), repo)
