"""JSON Schema validation with findings located by line and column, in Vietnamese.

The schemas in ``schemas/`` are the single source of what is valid. jsonschema's
English messages never reach a user: each error is rendered from its keyword, the
field's Vietnamese ``title`` (looked up along the schema path) and the value.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import jsonschema_rs

from .. import codes
from ..findings import Finding
from ..model.document import JsonPath
from .yamlfile import Parsed

if TYPE_CHECKING:  # jsonschema (50 ms to import) words the findings of an invalid file only
    import jsonschema
    from jsonschema import Draft202012Validator, ValidationError

# A JSON Schema document as json.loads returns it; its nodes are objects, lists and scalars.
Schema: TypeAlias = dict[str, Any]
SchemaPath: TypeAlias = Sequence[str | int]  # keywords and indexes from the schema's root

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

_TYPES_VI = {
    "string": "chuỗi ký tự",
    "number": "số",
    "integer": "số nguyên",
    "boolean": "true hoặc false",
    "object": "bảng 'tên trường: giá trị'",
    "array": "danh sách (các dòng bắt đầu bằng '- ')",
    "null": "để trống",
}

# Human descriptions of the patterns used in the schemas.
_PATTERNS_VI = {
    "^[a-z0-9][a-z0-9-]*$": "chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ: so-tu-phap)",
    "^[A-Z]?[0-9]+(\\.[0-9]+){0,2}$": "mã tiêu chí dạng 1, 1.2 hoặc 1.2.3",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "ngày dạng NNNN-TT-NN (ví dụ: 2025-01-15)",
    "^[0-9]{1,4}([.,][0-9]{1,4})?$": "số điểm (ví dụ: 1 hoặc 0.5)",
    "^[0-9]{1,10}([.,][0-9]{1,4})?$": "số không âm (ví dụ: 45)",
}


# A "date-time" is what the plan model can read (datetime.fromisoformat), for both
# validators: jsonschema checks the format only with an optional package installed, and
# jsonschema-rs follows RFC 3339, which allows a leap second (23:59:60) Python refuses.
# A deadline like 2025-13-45T00:00:00+07:00 must never get past the schema.
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _schema(name: str) -> Schema:
    schema: Schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return schema


@functools.cache
def validator(name: str) -> Draft202012Validator:
    import jsonschema

    schema = _schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=_formats())


@functools.cache
def _formats() -> jsonschema.FormatChecker:
    import jsonschema

    checker = jsonschema.FormatChecker(jsonschema.Draft202012Validator.FORMAT_CHECKER.checkers)
    checker.checks("date-time")(_is_date_time)
    return checker


@functools.cache
def fast_validator(name: str) -> jsonschema_rs.Validator:
    """jsonschema-rs (Rust) for the yes/no answer: ~150x faster than walking the schema in
    Python. Only an invalid document goes through jsonschema for the located, Vietnamese
    findings, so messages are the same either way."""
    return jsonschema_rs.validator_for(_schema(name), validate_formats=True, formats={"date-time": _is_date_time})


def validate(parsed: Parsed, schema_name: str, file: str) -> list[Finding]:
    """All schema findings for one parsed document, one per distinct problem."""
    if fast_validator(schema_name).is_valid(parsed.data):
        return []
    v = validator(schema_name)
    errors: list[ValidationError] = list(v.iter_errors(parsed.data))
    # One value, one message: a value of the wrong type is not also out of range, and a date
    # like 15/01/2025 fails both 'format' and 'pattern'.
    bad_type = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    bad_format = {tuple(e.absolute_path) for e in errors if e.validator == "format"}
    schema = v.schema
    assert isinstance(schema, dict)  # the schema files are JSON objects (check_schema passed)
    return [
        _finding(err, schema, parsed, file)
        for err in errors
        if not (err.validator != "type" and tuple(err.absolute_path) in bad_type)
        and not (err.validator == "pattern" and tuple(err.absolute_path) in bad_format)
    ]


_STOP = object()  # where a schema path leaves the schema


def _title_along(schema: Schema, schema_path: SchemaPath) -> str | None:
    """The last Vietnamese ``title`` met walking ``schema_path`` from the root."""
    node: object = schema
    title = schema.get("title")
    for part in schema_path:
        node = _step(schema, node, part)
        if node is _STOP:
            break
        node = _deref(schema, node)
        # A 'properties' map may hold a field named "title": only a string is a title.
        if isinstance(node, dict) and isinstance(node.get("title"), str) and part != "items":
            title = node["title"]
    return title if isinstance(title, str) else None


def _step(schema: Schema, node: object, part: str | int) -> object:
    """The schema node ``part`` leads to from ``node`` (``_STOP`` if it leads nowhere)."""
    node = _deref(schema, node)
    if isinstance(node, dict) and part not in node and isinstance(node.get("$ref"), str):
        node = _pointer(schema, node["$ref"])  # the path goes through a reference unnamed
    if part == "$ref" and isinstance(node, dict) and isinstance(node.get("$ref"), str):
        return _pointer(schema, node["$ref"])  # a step through a reference
    if isinstance(node, dict) and isinstance(part, str) and part in node:
        return node[part]
    if isinstance(node, list) and isinstance(part, int) and part < len(node):
        return node[part]
    return _STOP


def _deref(root: Schema, node: object) -> object:
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 10 and len(node) == 1:
        node = _pointer(root, node["$ref"])
        seen += 1
    if isinstance(node, dict) and "$ref" in node and "title" in node:
        merged = dict(_pointer(root, node["$ref"]))
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        return merged
    return node


def _pointer(root: Schema, ref: str) -> Any:  # any node of the schema
    node: Any = root
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def _field_name(path: JsonPath) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "(toàn bộ tệp)"


def _show(value: object) -> str:
    if isinstance(value, (dict, list)):
        return "một bảng" if isinstance(value, dict) else "một danh sách"
    if value is None:
        return "trống"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _specific(err: ValidationError) -> ValidationError:
    """For anyOf/oneOf, the branch error that says most (not a mere type mismatch)."""
    while err.validator in ("anyOf", "oneOf") and err.context:
        telling = [e for e in err.context if e.validator != "type"]
        if len({e.relative_schema_path[0] for e in telling}) != 1:
            break
        err = telling[0]  # every telling error comes from one branch: the first says what it wants
    return err


# What each keyword's error says: its code (or variant) and the template's fields. Every
# template also gets {label}, the field's name and title, and {value}, the value as shown.
Fields: TypeAlias = dict[str, object]
Wording: TypeAlias = tuple[codes.Code, Fields]


class _Error:
    """One jsonschema error with what its wording needs: the field's path, title and label."""

    def __init__(self, err: ValidationError, schema: Schema) -> None:
        self.err, self.schema = err, schema
        self.path: JsonPath = tuple(err.absolute_path)
        self.title = _title_along(schema, list(err.absolute_schema_path)[:-1]) or ""
        name = _field_name(self.path)
        self.label = f"'{name}' ({self.title})" if self.title and name != "(toàn bộ tệp)" else f"'{name}'"
        self.value: Any = err.validator_value


def _required(e: _Error) -> Wording:
    missing = e.err.message.split("'")[1] if "'" in e.err.message else "?"
    sub = _title_along(e.schema, [*list(e.err.absolute_schema_path)[:-1], "properties", missing])
    return codes.SCHEMA_REQUIRED, {
        "field": missing,
        "about": f" ({sub})" if sub and sub != e.title else "",
        "where": ("mục " + e.label) if e.path else "tệp",
    }


def _unknown_field(e: _Error) -> tuple[Wording, str]:
    """The wording, and the unknown field (the finding stands on its key)."""
    properties = e.err.schema.get("properties") if isinstance(e.err.schema, dict) else None
    allowed = sorted((properties or {}).keys())
    extras = [k for k in (e.err.instance if isinstance(e.err.instance, dict) else {}) if k not in allowed]
    extra = extras[0] if extras else "?"
    close = difflib.get_close_matches(extra, allowed, n=1)
    fields: Fields = {
        "field": extra,
        "did_you_mean": f"Có phải ý bạn là '{close[0]}'? " if close else "",
        "allowed": ", ".join(allowed),
    }
    return (codes.SCHEMA_UNKNOWN_FIELD if allowed else codes.SCHEMA_NO_FIELD_ALLOWED, fields), extra


def _type(e: _Error) -> Wording:
    expected: list[str] = e.value if isinstance(e.value, list) else [e.value]
    code = codes.SCHEMA_TYPE_TEXT if "string" in expected else codes.SCHEMA_TYPE
    return code, {"expected": " hoặc ".join(_TYPES_VI.get(t, t) for t in expected)}


def _enum(e: _Error) -> Wording:
    options = e.value if e.err.validator == "enum" else [e.value]
    return codes.SCHEMA_ENUM, {"options": ", ".join(_show(o) for o in options)}


def _pattern(e: _Error) -> Wording:
    return codes.SCHEMA_FORMAT, {"pattern": _PATTERNS_VI.get(e.value, f"theo mẫu {e.value}")}


def _format(e: _Error) -> Wording:
    if e.value == "date-time":
        return codes.SCHEMA_NOT_A_MOMENT, {}
    return codes.SCHEMA_NOT_A_DATE, {"kind": "một ngày có thật dạng NNNN-TT-NN" if e.value == "date" else e.value}


_BOUNDS = {
    "minimum": "không nhỏ hơn",
    "maximum": "không lớn hơn",
    "exclusiveMinimum": "lớn hơn",
    "exclusiveMaximum": "nhỏ hơn",
}


def _range(e: _Error) -> Wording:
    return codes.SCHEMA_RANGE, {"bound": _BOUNDS[str(e.err.validator)], "limit": e.value}


def _any_of(e: _Error) -> Wording:
    patterns = [s.get("pattern") for s in e.value if isinstance(s, dict) and s.get("pattern")]
    for p in patterns:
        if p in _PATTERNS_VI:
            return codes.SCHEMA_SHAPE_PATTERN, {"pattern": _PATTERNS_VI[p]}
    if e.err.validator == "oneOf" and isinstance(e.err.instance, dict):
        return codes.SCHEMA_SHAPE_CRITERION, {}
    return codes.SCHEMA_SHAPE, {}


_WORDINGS: dict[str, Callable[[_Error], Wording]] = {
    "required": _required,
    "type": _type,
    "enum": _enum,
    "const": _enum,
    "pattern": _pattern,
    "format": _format,
    **dict.fromkeys(_BOUNDS, _range),
    "minLength": lambda e: (codes.SCHEMA_EMPTY, {}),
    "maxLength": lambda e: (codes.SCHEMA_TOO_LONG, {"most": e.value}),
    "maxItems": lambda e: (codes.SCHEMA_TOO_LONG, {"most": e.value}),
    "maxProperties": lambda e: (codes.SCHEMA_TOO_LONG, {"most": e.value}),
    "minItems": lambda e: (codes.SCHEMA_TOO_FEW, {"least": e.value}),
    "minProperties": lambda e: (codes.SCHEMA_TOO_FEW, {"least": e.value}),
    "uniqueItems": lambda e: (codes.SCHEMA_DUPLICATE, {}),
    "anyOf": _any_of,
    "oneOf": _any_of,
    "not": lambda e: _markup(e) if isinstance(e.value, dict) and "pattern" in e.value else (codes.SCHEMA_CONFLICT, {}),
}


def _markup(e: _Error) -> Wording:
    """A name or title that looks like HTML or Markdown (the schemas forbid it with
    ``not: {pattern: …}``): it is shown verbatim on the site, the editor and the exports, and
    must never be able to become a tag, a link or an attribute there."""
    found = re.search(str(e.value["pattern"]), str(e.err.instance))
    return codes.TEXT_MARKUP, {"piece": found.group(0) if found else str(e.err.instance)}


def _unworded(e: _Error) -> Wording:
    """A keyword without a wording of its own: still located, in Vietnamese."""
    return codes.SCHEMA, {}


def _finding(err: ValidationError, schema: Schema, parsed: Parsed, file: str) -> Finding:
    e = _Error(_specific(err), schema)
    line, column = parsed.where(e.path)
    keyword = str(e.err.validator)
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        (code, fields), extra = _unknown_field(e)
        line, column = parsed.key_where((*e.path, extra))
    else:
        code, fields = _WORDINGS.get(keyword, _unworded)(e)
    return code.made(file, {"label": e.label, "value": _show(e.err.instance), **fields}, line=line, column=column)
