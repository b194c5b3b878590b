"""Checks: small functions that take the loaded model and return findings.

Each module checks one kind of thing; ``run`` gathers them in a fixed order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..findings import Finding
from ..model.repository import Repository
from . import appraisal, context, dossier, entries, evidence, framework, history, survey

if TYPE_CHECKING:
    from ..evidence.pdf import PdfReport

# Inspects one evidence PDF: (repo-relative path, size limit in bytes, trusted root certificates) → report.
EvidenceChecker = Callable[[str, int, tuple[bytes, ...]], "PdfReport"]


def run(repo: Repository, *, evidence_checker: EvidenceChecker | None = None) -> list[Finding]:
    found: list[Finding] = list(repo.findings)
    for fw in repo.frameworks.values():
        found.extend(framework.check(fw))
    found.extend(context.check(repo))
    found.extend(evidence.check_tree(repo))
    for s in repo.surveys.values():
        found.extend(survey.check(repo, s))
    for h in repo.histories.values():
        found.extend(history.check(repo, h))
    for d in repo.dossiers.values():
        found.extend(entries.check(repo, d))
        found.extend(dossier.check(repo, d, evidence_checker))
        found.extend(appraisal.check(repo, d))
    return found
