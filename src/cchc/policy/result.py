"""The result of ``check_pr`` as a JSON document, which ``cchc comment`` renders (in the check
job of validate.yml, whose token is read-only). Numbers travel as exact text; ``load`` checks the
shape and size of a document and treats it as untrusted input: its texts come from the pull request.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import jsonschema

if TYPE_CHECKING:
    from .check import PrResult

MAX_DOC = 4 * 1024 * 1024


class BadDocument(Exception):
    pass


_S = {"type": ["string", "null"], "maxLength": 5000}
_N = {"type": ["string", "null"], "maxLength": 40, "pattern": "^-?[0-9]+(\\.[0-9]+)?$"}
SCHEMA = {
    "type": "object",
    "required": ["version", "head", "findings"],
    "properties": {
        "version": {"const": 1},
        "head": {"type": "string", "pattern": "^[0-9a-f]{40,64}$"},
        "pull_request": {"type": ["integer", "null"]},
        "time": _S,
        "phase": _S,
        "author": _S,
        "draft": {"type": "boolean"},
        "action": _S,
        "roles": {"type": "array", "maxItems": 5, "items": {"enum": ["unit", "admin", "council"]}},
        "errors": {"type": "integer"},
        "warnings": {"type": "integer"},
        "timezone": _S,
        "findings": {
            "type": "array",
            "maxItems": 20000,
            "items": {
                "type": "object",
                "required": ["file", "severity", "code", "message"],
                "properties": {
                    "file": _S,
                    "line": {"type": "integer"},
                    "severity": {"enum": ["error", "warning"]},
                    "code": _S,
                    "criterion": _S,
                    "message": _S,
                    "hint": _S,
                },
            },
        },
        "dossier": {
            "type": ["object", "null"],
            "properties": {
                "unit": _S,
                "name": _S,
                "year": {"type": "integer"},
                "status_name": _S,
                "classification": _S,
                "self_total": _N,
                "appraised_total": _N,
                "survey_total": _N,
                "total": _N,
                "max": _N,
                "index": _N,
                "appraised": {"type": "boolean"},
                "report": {"type": ["object", "null"], "properties": {"number": _S, "date": _S, "approved_by": _S}},
                "rows": {
                    "type": "array",
                    "maxItems": 5000,
                    "items": {
                        "type": "object",
                        "required": ["code", "title", "depth"],
                        "properties": {
                            "code": _S,
                            "title": _S,
                            "depth": {"type": "integer", "minimum": 1, "maximum": 3},
                            "leaf": {"type": "boolean"},
                            "max": _N,
                            "self": _N,
                            "appraised": _N,
                            "survey": _N,
                            "evidence": {"type": "integer"},
                            "na": {"type": "boolean"},
                            "method": _S,
                            "reason": _S,
                            "round": {"type": ["integer", "null"]},
                        },
                    },
                },
            },
        },
    },
}


def document(res: PrResult) -> dict[str, Any]:
    """The JSON document of a check_pr result (numbers as exact text)."""
    ev = res.event
    return {
        "version": 1,
        "head": res.head,
        "base": res.base,
        "pull_request": ev.number,
        "event": ev.name,
        "action": ev.action,
        "author": ev.author,
        "draft": ev.draft,
        "roles": res.roles,
        "time": ev.time.isoformat() if ev.time else None,
        "time_source": ev.time_source,
        "timezone": res.tz,
        "phase": res.phase,
        "errors": len(res.errors),
        "warnings": len(res.findings) - len(res.errors),
        "findings": [f.as_dict() for f in res.findings],
        "dossier": res.summary,
    }


def load(text: str | bytes) -> dict[str, Any]:
    if len(text) > MAX_DOC:
        raise BadDocument("tệp kết quả quá lớn")
    try:
        doc = json.loads(text)
        jsonschema.validate(doc, SCHEMA)
    except (ValueError, RecursionError, jsonschema.ValidationError) as exc:
        raise BadDocument("tệp kết quả không đúng định dạng") from exc
    return dict(doc)
