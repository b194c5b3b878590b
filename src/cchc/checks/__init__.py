"""Checks: small functions that take the loaded model and return findings.

Each module checks one kind of thing; ``run`` gathers them in a fixed order. What one run
works out once and reuses (resolved evidence paths, the PDF inspector, listings) lives in
the run's ``memo.Run``.
"""

from __future__ import annotations

from ..findings import Finding
from ..model.repository import Dossier, Repository
from . import appraisal, context, dossier, entries, evidence, framework, history, survey
from .memo import EvidenceChecker, Run

__all__ = ["EvidenceChecker", "Run", "of_dossier", "registry_wide", "run", "shared"]


def registry_wide(repo: Repository) -> list[Finding]:
    """The findings of the checks that read the whole registry (units, and the plans against them)."""
    return context.check(repo)


def run(
    repo: Repository,
    *,
    evidence_checker: EvidenceChecker | None = None,
    memo: Run | None = None,
    known: list[Finding] | None = None,
) -> list[Finding]:
    """Every finding for ``repo``; ``memo`` (made here if not given) keeps the run's memos, e.g. for a
    caller that wants to look at the PDF inspector's reports afterwards; ``known``: what
    ``registry_wide`` finds for this repository, when the caller has it already."""
    this = memo if memo is not None else Run(repo, evidence_checker)
    if this.repo is not repo:
        raise ValueError("a run's memo belongs to the repository it was made for")
    found = shared(this, known)
    for d in repo.dossiers.values():
        found.extend(of_dossier(this, d))
    return found


def shared(this: Run, known: list[Finding] | None = None) -> list[Finding]:
    """The findings that belong to no one dossier: loading, frameworks, registry and plans, the
    data folders, surveys and past results (``known``: what ``registry_wide`` finds, if known)."""
    repo = this.repo
    found: list[Finding] = list(repo.findings)
    for fw in repo.frameworks.values():
        found.extend(framework.check(fw))
    found.extend(registry_wide(repo) if known is None else known)
    found.extend(evidence.check_tree(this))
    for s in repo.surveys.values():
        found.extend(survey.check(repo, s))
    for h in repo.histories.values():
        found.extend(history.check(repo, h))
    return found


def of_dossier(this: Run, d: Dossier) -> list[Finding]:
    """The findings of one dossier: its folder's entries, its self-assessment, its appraisal."""
    return [*entries.check(this, d), *dossier.check(this, d), *appraisal.check(this.repo, d)]
