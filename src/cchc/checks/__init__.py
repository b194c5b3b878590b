"""Checks: small functions that take the loaded model and return findings.

Each module checks one kind of thing; ``run`` gathers them in a fixed order. What one run
works out once and reuses (resolved evidence paths, the PDF inspector, listings) lives in
the run's ``memo.Run``.
"""

from __future__ import annotations

from ..findings import Finding
from ..model.repository import Repository
from . import appraisal, context, dossier, entries, evidence, framework, history, survey
from .memo import EvidenceChecker, Run

__all__ = ["EvidenceChecker", "Run", "run"]


def run(repo: Repository, *, evidence_checker: EvidenceChecker | None = None, memo: Run | None = None) -> list[Finding]:
    """Every finding for ``repo``; ``memo`` (made here if not given) keeps the run's memos, e.g. for a
    caller that wants to look at the PDF inspector's reports afterwards."""
    this = memo if memo is not None else Run(repo, evidence_checker)
    if this.repo is not repo:
        raise ValueError("a run's memo belongs to the repository it was made for")
    found: list[Finding] = list(repo.findings)
    for fw in repo.frameworks.values():
        found.extend(framework.check(fw))
    found.extend(context.check(repo))
    found.extend(evidence.check_tree(this))
    for s in repo.surveys.values():
        found.extend(survey.check(repo, s))
    for h in repo.histories.values():
        found.extend(history.check(repo, h))
    for d in repo.dossiers.values():
        found.extend(entries.check(this, d))
        found.extend(dossier.check(this, d))
        found.extend(appraisal.check(repo, d))
    return found
