"""The rule data the browser needs, as JSON (admin/cchc-editor.json).

The file format (assets/format.js) needs each unit's criteria in the framework's order
and which of them take figures; the preview (assets/preview.js) recomputes the running
total with the same rule data cchc.rules uses. Numbers travel as decimal strings so
that nothing is rounded on the way.
"""

from __future__ import annotations

from decimal import Decimal

from ..model.numbers import fmt
from ..model.registry import index_names
from ..rules import KINDS
from . import fields


def _plain(value):
    """Rule params → JSON: Decimals as exact strings."""
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _leaf(node) -> dict:
    kind = KINDS[node.rule.kind]
    return {
        "code": node.code,
        "key": fields.key("c", node.code),
        "title": node.title,
        "max": fmt(node.max),
        "kind": node.rule.kind,
        "input": bool(fields.score_inputs(node)),
        "figures": kind.uses_figures,
        "choice": bool(kind.options(node)) and not kind.uses_figures,
        "adjustment": node.is_adjustment,
        "na_allowed": node.na_allowed,
        "evidence_required": node.evidence_required,
        "evidence": list(node.evidence),
        "params": _plain({k: v for k, v in node.rule.params.items() if k not in ("kind", "text")}),
    }


def framework(fw) -> dict:
    return {
        "title": fw.title,
        "precision": fw.precision,
        "max": fmt(fw.max),
        "areas": [
            {
                "code": a.code,
                "key": fields.key("a", a.code),
                "title": a.title,
                "max": fmt(a.max),
                "leaves": [_leaf(n) for n in a.walk() if n.is_leaf],
            }
            for a in fw.areas
        ],
    }


def build(repo, year: int, units: list) -> dict:
    """``units``: the active units of ``year`` that have a framework, in form order."""
    plan = repo.plans[year]
    refs = {plan.frameworks[u.level] for u in units}
    return {
        "year": year,
        "province": repo.province.name if repo.province else "",
        "index": index_names(repo.province).short,  # "Chỉ số CCHC", or the province's own index
        "levels": dict(repo.province.levels) if repo.province else {},
        "max_file_bytes": int(plan.max_file_mb * 1024 * 1024),  # the browser refuses larger uploads
        "units": {
            u.id: {
                "name": u.name,
                "level": u.level,
                "framework": plan.frameworks[u.level],
                "deadline": plan.deadline("self_assessment_closes", u.id).isoformat(),
            }
            for u in units
        },
        "frameworks": {ref: framework(repo.frameworks[ref]) for ref in sorted(refs)},
    }
