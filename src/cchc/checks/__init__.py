"""Checks: small functions that take the loaded model and return findings.

Each module checks one kind of thing; ``run`` gathers them in a fixed order.
"""

from __future__ import annotations

from ..findings import Finding
from . import appraisal, context, dossier, evidence, framework, history, survey


def run(repo, *, evidence_checker=None) -> list[Finding]:
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
        found.extend(dossier.check(repo, d, evidence_checker))
        found.extend(appraisal.check(repo, d))
    return found
