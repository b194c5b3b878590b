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
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import jsonschema
import jsonschema_rs
from jsonschema import Draft202012Validator

from ..findings import Finding, error
from .yamlfile import Parsed

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

_TYPES_VI = {"string": "chuỗi ký tự", "number": "số", "integer": "số nguyên", "boolean": "true hoặc false",
             "object": "bảng 'tên trường: giá trị'", "array": "danh sách (các dòng bắt đầu bằng '- ')",
             "null": "để trống"}

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
def _is_date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


_FORMATS = jsonschema.FormatChecker(Draft202012Validator.FORMAT_CHECKER.checkers)
_FORMATS.checks("date-time")(_is_date_time)


@functools.cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=_FORMATS)


@functools.cache
def fast_validator(name: str):
    """jsonschema-rs (Rust) for the yes/no answer: ~150x faster than walking the schema in
    Python. Only an invalid document goes through jsonschema for the located, Vietnamese
    findings, so messages are the same either way."""
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, validate_formats=True, formats={"date-time": _is_date_time})


def validate(parsed: Parsed, schema_name: str, file: str) -> list[Finding]:
    """All schema findings for one parsed document, one per distinct problem."""
    if fast_validator(schema_name).is_valid(parsed.data):
        return []
    v = validator(schema_name)
    errors = list(v.iter_errors(parsed.data))
    # One value, one message: a value of the wrong type is not also out of range, and a date
    # like 15/01/2025 fails both 'format' and 'pattern'.
    bad_type = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    bad_format = {tuple(e.absolute_path) for e in errors if e.validator == "format"}
    return [_finding(err, v.schema, parsed, file) for err in errors
            if not (err.validator != "type" and tuple(err.absolute_path) in bad_type)
            and not (err.validator == "pattern" and tuple(err.absolute_path) in bad_format)]


def _title_along(schema: dict, schema_path) -> str | None:
    """The last Vietnamese ``title`` met walking ``schema_path`` from the root."""
    node, title = schema, schema.get("title")
    for part in schema_path:
        node = _deref(schema, node)
        if isinstance(node, dict) and part not in node and isinstance(node.get("$ref"), str):
            node = _pointer(schema, node["$ref"])  # the path goes through a reference unnamed
        if part == "$ref" and isinstance(node, dict) and isinstance(node.get("$ref"), str):
            node = _pointer(schema, node["$ref"])  # a step through a reference
        elif isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            break
        node = _deref(schema, node)
        # A 'properties' map may hold a field named "title": only a string is a title.
        if isinstance(node, dict) and isinstance(node.get("title"), str) and part not in ("items",):
            title = node["title"]
    return title


def _deref(root: dict, node):
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 10 and len(node) == 1:
        node = _pointer(root, node["$ref"])
        seen += 1
    if isinstance(node, dict) and "$ref" in node and "title" in node:
        merged = dict(_pointer(root, node["$ref"]))
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        return merged
    return node


def _pointer(root: dict, ref: str):
    node = root
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def _field_name(path) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "(toàn bộ tệp)"


def _show(value) -> str:
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


def _specific(err: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For anyOf/oneOf, the branch error that says most (not a mere type mismatch)."""
    while err.validator in ("anyOf", "oneOf") and err.context:
        telling = [e for e in err.context if e.validator != "type"]
        if len({e.relative_schema_path[0] for e in telling}) != 1:
            break
        err = telling[0]  # every telling error comes from one branch: the first says what it wants
    return err


def _finding(err: jsonschema.ValidationError, schema: dict, parsed: Parsed, file: str) -> Finding:
    err = _specific(err)
    path = tuple(err.absolute_path)
    title = _title_along(schema, list(err.absolute_schema_path)[:-1]) or ""
    name = _field_name(path)
    label = f"'{name}' ({title})" if title and name != "(toàn bộ tệp)" else f"'{name}'"
    line, column = parsed.where(path)
    kw = err.validator
    code, message, hint = "schema", f"Giá trị {label} không hợp lệ.", "Sửa theo mẫu của hồ sơ (xem 'cchc new')."
    if kw == "required":
        missing = err.message.split("'")[1] if "'" in err.message else "?"
        sub = _title_along(schema, list(err.absolute_schema_path)[:-1] + ["properties", missing])
        code = "schema-required"
        message = f"Thiếu trường bắt buộc '{missing}'" + (f" ({sub})." if sub and sub != title else ".")
        hint = f"Thêm dòng '{missing}: …' vào {('mục ' + label) if path else 'tệp'}."
    elif kw in ("additionalProperties", "unevaluatedProperties"):
        allowed = sorted((err.schema.get("properties") or {}).keys())
        extras = [k for k in (err.instance or {}) if k not in allowed]
        extra = extras[0] if extras else "?"
        line, column = parsed.key_where(path + (extra,))
        close = difflib.get_close_matches(extra, allowed, n=1)
        code = "schema-unknown-field"
        message = f"Trường '{extra}' không có trong mẫu hồ sơ."
        hint = (f"Có phải ý bạn là '{close[0]}'? " if close else "") + \
            ("Các trường hợp lệ: " + ", ".join(allowed) + "." if allowed else "Xoá trường này.")
    elif kw == "type":
        expected = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        code = "schema-type"
        message = f"{label} phải là {' hoặc '.join(_TYPES_VI.get(t, t) for t in expected)}; hiện là {_show(err.instance)}."
        hint = "Sửa giá trị cho đúng kiểu." + (" Văn bản có dấu ':' hoặc '#' cần đặt trong dấu nháy kép." if "string" in expected else "")
    elif kw in ("enum", "const"):
        options = err.validator_value if kw == "enum" else [err.validator_value]
        code = "schema-enum"
        message = f"{label} là {_show(err.instance)}, không thuộc các giá trị cho phép."
        hint = "Chọn một trong: " + ", ".join(_show(o) for o in options) + "."
    elif kw == "pattern":
        code = "schema-format"
        message = f"{label} là {_show(err.instance)}, sai định dạng."
        hint = "Cần " + _PATTERNS_VI.get(err.validator_value, f"theo mẫu {err.validator_value}") + "."
    elif kw == "format":
        code = "schema-format"
        kind = {"date": "một ngày có thật dạng NNNN-TT-NN", "date-time": "thời điểm dạng NNNN-TT-NNTgg:pp:ss+07:00"}
        message = f"{label} là {_show(err.instance)}, không phải {kind.get(err.validator_value, err.validator_value)}."
        hint = ("Sửa lại thời điểm (ví dụ: 2025-12-31T23:59:59+07:00)." if err.validator_value == "date-time"
                else "Sửa lại ngày (ví dụ: 2025-01-15).")
    elif kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        code = "schema-range"
        op = {"minimum": "không nhỏ hơn", "maximum": "không lớn hơn", "exclusiveMinimum": "lớn hơn",
              "exclusiveMaximum": "nhỏ hơn"}[kw]
        message = f"{label} là {_show(err.instance)}, phải {op} {err.validator_value}."
        hint = "Nhập lại giá trị trong khoảng cho phép."
    elif kw in ("minLength",):
        code = "schema-empty"
        message = f"{label} không được để trống."
        hint = "Điền nội dung cho trường này."
    elif kw in ("maxLength", "maxItems", "maxProperties"):
        code = "schema-too-long"
        message = f"{label} quá dài (tối đa {err.validator_value})."
        hint = "Rút gọn nội dung; văn bản dài nên để trong tài liệu kiểm chứng."
    elif kw in ("minItems", "minProperties"):
        code = "schema-empty"
        message = f"{label} cần ít nhất {err.validator_value} mục."
        hint = "Bổ sung các mục còn thiếu."
    elif kw == "uniqueItems":
        code = "schema-duplicate"
        message = f"{label} có mục trùng nhau."
        hint = "Xoá mục lặp lại."
    elif kw in ("anyOf", "oneOf"):
        code = "schema-type"
        message = f"{label} là {_show(err.instance)}, không đúng dạng cho phép."
        hint = _any_of_hint(err)
    elif kw == "not" and isinstance(err.validator_value, dict) and "pattern" in err.validator_value:
        code, message, hint = _markup(label, err.instance, err.validator_value["pattern"])
    elif kw == "not":
        code = "schema-conflict"
        message = f"{label} có các trường không được dùng cùng nhau."
        hint = "Chỉ giữ một trong các trường (ví dụ 'gt' hoặc 'gte')."
    return error(code, file, message, hint, line=line, column=column)


def _markup(label: str, value: object, pattern: str) -> tuple[str, str, str]:
    """A name or title that looks like HTML or Markdown (the schemas forbid it with
    ``not: {pattern: …}``): it is shown verbatim on the site, the editor and the exports, and
    must never be able to become a tag, a link or an attribute there."""
    found = re.search(pattern, str(value))
    piece = found.group(0) if found else str(value)
    return ("text-markup",
            f"{label} chứa '{piece}', giống mã HTML hoặc Markdown; tên và tiêu đề không được chứa ký hiệu này.",
            "Viết lại bằng chữ thường: bỏ dấu '<' đứng liền trước chữ cái, '/' hoặc '!' (viết 'nhỏ hơn' hoặc thêm "
            "dấu cách), bỏ các cụm '](' , '{:' , '{… = …}' , '-->' và 'javascript:'.")


def _any_of_hint(err: jsonschema.ValidationError) -> str:
    patterns = [s.get("pattern") for s in err.validator_value if isinstance(s, dict) and s.get("pattern")]
    for p in patterns:
        if p in _PATTERNS_VI:
            return "Cần " + _PATTERNS_VI[p] + "."
    if err.validator == "oneOf" and isinstance(err.instance, dict):
        return ("Một tiêu chí hoặc có danh sách 'components' (tiêu chí thành phần), hoặc tự có 'method' và "
                "'rule' — không được thiếu cả hai hay có cả hai.")
    return "Sửa giá trị theo mẫu của hồ sơ."
