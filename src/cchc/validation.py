"""The validation job as a library call: load → checks → a result object."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import checks, vcs
from .findings import Finding
from .load import repository
from .model.repository import Listing
from .vcs import GitError

__all__ = ["SHARED", "GitError", "Result", "changed_since", "scope", "validate"]  # GitError: what changed_since raises

# Paths whose change can alter any dossier's verdict: a change there means a full run.
SHARED = ("province.yaml", "units/", "criteria/", "plans/", "history/", "schemas/", "src/", "pyproject.toml")


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


def validate(root: Path | str, paths: list[str] | None = None, listing: Listing | None = None) -> Result:
    """Validate the repository at ``root``; ``paths`` (repo-relative) limit what is reported;
    ``listing`` says what the dossier folders hold when the disk cannot (a Git tree's links
    and gitlinks, which an export turns into something else).

    The framework, plans and registry are always loaded (the dossiers need them); only
    dossiers under ``paths`` are checked, and only their findings are reported, plus
    blocking errors in the shared files, which affect every dossier. Survey points are
    loaded only when a survey file is among ``paths`` (or for a full run).
    """
    wanted = None
    if paths is not None:
        wanted = lambda folder: _under(folder, paths) or any(_under(p, [folder]) for p in paths)
    surveys = paths is None or any(_under(p, ["surveys"]) or _under("surveys", [p]) for p in paths)
    repo = repository.load(root, wanted, surveys=surveys, scope=paths, listing=listing)
    found = checks.run(repo)
    if paths is not None:
        found = [f for f in found if _under(f.file, paths) or (f.is_error and not f.file.startswith("submissions/"))]
    return Result(sorted(set(found)), len(repo.dossiers), repo)


def changed_since(root: Path | str, base: str) -> list[str]:
    """Repo-relative paths that differ between ``base`` and the working tree (commits on top
    of it, uncommitted edits and new untracked files). Judged by content, not by dates.
    Raises GitError."""
    with vcs.Git(root) as git:
        return git.worktree_changes(base)


def scope(changed: list[str]) -> list[str] | None:
    """What to validate for a set of changed paths: None = everything; else dossier folders
    and survey files (an empty list: nothing that is validated changed)."""
    out: set[str] = set()
    for path in changed:
        if any(path == s or path.startswith(s) for s in SHARED):
            return None
        parts = path.split("/")
        if parts[0] == "submissions" and len(parts) >= 3:
            out.add("/".join(parts[:3]))
        elif parts[0] == "surveys":
            out.add(path)
    return sorted(out)
