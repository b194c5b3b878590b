"""The result of ``check_pr`` as a JSON document, which ``cchc comment`` renders (in the check
job of validate.yml, whose token is read-only). Numbers travel as exact text; ``load`` checks the
shape and size of a document and treats it as untrusted input (its texts come from the pull
request): every field has a tight pattern, so that a code, a path or a number cannot carry
markup, and unknown fields are refused.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import jsonschema

from ..report.patterns import CRITERION, NUMBER, SHA, SLUG  # shared with the comment's hidden state

if TYPE_CHECKING:
    from ..findings import Finding
    from .check import PrResult

MAX_DOC = 4 * 1024 * 1024

# Text a person reads: any printable characters (the comment escapes them), no control characters.
_TEXT = "^[^\\x00-\\x08\\x0b-\\x1f\\x7f]*$"
_TIME = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})?$"
# A repository path: printable, and never the end of an HTML comment.
_PATH = "^(?!.*-->)[^\\x00-\\x1f\\x7f]*$"


class BadDocument(Exception):
    pass


def _text(limit: int = 5000) -> dict[str, Any]:
    return {"type": ["string", "null"], "maxLength": limit, "pattern": _TEXT}


def _object(properties: dict[str, Any], required: tuple[str, ...] = (), nullable: bool = False) -> dict[str, Any]:
    return {
        "type": ["object", "null"] if nullable else "object",
        "required": list(required),
        "additionalProperties": False,
        "properties": properties,
    }


_N = {"type": ["string", "null"], "maxLength": 40, "pattern": NUMBER}
_COUNT = {"type": "integer", "minimum": 0, "maximum": 10_000_000}
_FINDING = _object(
    {
        "file": {"type": "string", "maxLength": 1000, "pattern": _PATH},
        "line": _COUNT,
        "column": _COUNT,
        "severity": {"enum": ["error", "warning"]},
        "code": {"type": "string", "pattern": "^[a-z][a-z0-9-]{0,63}$"},
        "criterion": {"type": ["string", "null"], "pattern": CRITERION},
        "message": _text(),
        "hint": _text(),
    },
    required=("file", "severity", "code", "message"),
)
_ROW = _object(
    {
        "code": {"type": "string", "pattern": CRITERION},
        "title": _text(2000),
        "depth": {"type": "integer", "minimum": 1, "maximum": 3},
        "leaf": {"type": "boolean"},
        "max": _N,
        "self": _N,
        "appraised": _N,
        "survey": _N,
        "evidence": _COUNT,
        "na": {"type": "boolean"},
        "method": {"enum": ["self", "survey", None]},
        "kind": {
            "enum": ["levels", "pass_fail", "percent_bands", "proportional", "free", "bonus", "penalty", "survey", None]
        },
        "reason": _text(),
        "round": {"type": ["integer", "null"], "minimum": 1, "maximum": 9},
        "before": _N,
        "request": _text(),
        "answered": {"type": "boolean"},
    },
    required=("code", "title", "depth"),
)
_DOSSIER = _object(
    {
        "unit": {"type": "string", "pattern": SLUG},
        "name": _text(300),
        "year": {"type": "integer", "minimum": 1990, "maximum": 2200},
        "framework": {"type": ["string", "null"], "pattern": "^[a-z0-9][a-z0-9-]{0,63}/[a-z0-9][a-z0-9-]{0,63}$"},
        "status": {"enum": ["chua-nop", "da-nop", "dang-tham-dinh", "da-tham-dinh", None]},
        "status_name": _text(200),
        "classification": _text(200),
        "self_total": _N,
        "appraised_total": _N,
        "survey_total": _N,
        "total": _N,
        "max": _N,
        "index": _N,
        "appraised": {"type": "boolean"},
        "report": _object({"number": _text(200), "date": _text(40), "approved_by": _text(300)}, nullable=True),
        "rows": {"type": "array", "maxItems": 5000, "items": _ROW},
        "before": _object(
            {"round": {"type": "integer", "minimum": 0, "maximum": 9}, "total": _N, "index": _N}, nullable=True
        ),
    },
    nullable=True,
)
SCHEMA = _object(
    {
        "version": {"const": 1},
        "head": {"type": "string", "pattern": SHA},
        "base": {"type": ["string", "null"], "pattern": SHA},
        "pull_request": {"type": ["integer", "null"], "minimum": 1},
        "event": {"enum": ["pull_request", "merge_group", "local", None]},
        "action": {"type": ["string", "null"], "pattern": "^[a-z_]{1,40}$"},
        "author": {"type": ["string", "null"], "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}(\\[bot\\])?$"},
        "draft": {"type": ["boolean", "null"]},
        "roles": {"type": "array", "maxItems": 5, "items": {"enum": ["unit", "admin", "council"]}},
        "time": {"type": ["string", "null"], "maxLength": 40, "pattern": _TIME},
        "time_source": {"enum": ["payload", "option", "clock", None]},
        "timezone": {"type": ["string", "null"], "pattern": "^[+-][0-9]{2}:[0-9]{2}$"},
        "phase": _text(1000),
        "errors": _COUNT,
        "warnings": _COUNT,
        "findings": {"type": "array", "maxItems": 20000, "items": _FINDING},
        "dossier": _DOSSIER,
    },
    required=("version", "head", "findings"),
)

_CRITERION = re.compile(CRITERION)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _shown_path(path: str) -> str:
    """A path as the comment may show it: a pull request can name a file anything, and the
    comment must still be posted (control characters and '-->' made visible, not acted on)."""
    return _CONTROL.sub("\ufffd", path).replace("-->", "--\u203a")


def _finding(f: Finding) -> dict[str, Any]:
    out = f.as_dict()
    out["file"] = _shown_path(f.file)
    if f.criterion is not None and not _CRITERION.fullmatch(f.criterion):
        out["criterion"] = None  # an unknown code the unit wrote: the message already quotes it
    return out


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
        "findings": [_finding(f) for f in res.findings],
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
