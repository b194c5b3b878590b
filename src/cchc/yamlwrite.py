"""A tiny deterministic YAML emitter: the files the officer's tools and the sample generator write.

Dicts keep their insertion order (the caller chooses a human order), strings
are written as UTF-8, and a string is left unquoted only when every YAML 1.1
and 1.2 reader would read it back as the same string: criterion codes ("1.1.1"),
dates ("2025-01-15") and anything starting with a digit are always quoted.
Numbers must be ``int`` or ``decimal.Decimal`` (never ``float``) and are written
in plain positional notation without trailing zeros (0.5, 1, 2.25).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import yaml

_resolve: Callable[[type, str, tuple[bool, bool]], str] = yaml.resolver.Resolver().resolve
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_FLOW_UNSAFE = re.compile(r"[,\[\]{}:#]")


def number(value: Decimal | int) -> str:
    """Text of a number without exponent or trailing zeros."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise TypeError(f"not an exact number: {value!r}")
    if isinstance(value, int):
        return str(value)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@functools.lru_cache(maxsize=65536)
def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or not text[0].isalpha():
        return False
    if text.lower() in _RESERVED or not text.isprintable():
        return False
    if ": " in text or " #" in text or text.endswith(":") or '"' in text:
        return False
    if flow and _FLOW_UNSAFE.search(text):
        return False
    return _resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


_CONTAINERS = (dict, list, tuple)
_CACHE: tuple[dict[object, str], dict[object, str]] = (
    {},
    {},
)  # text of str/Decimal scalars: block context, flow context


def _render(value: object, flow: bool) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, Decimal)):
        return number(value)
    if isinstance(value, str):
        return value if _plain_ok(value, flow) else json.dumps(value, ensure_ascii=False)
    raise TypeError(f"cannot emit {type(value).__name__}: {value!r}")


def scalar(value: object, flow: bool = False) -> str:
    """One scalar as YAML text."""
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is str or kind is Decimal:
        cache = _CACHE[flow]
        text = cache.get(value)
        if text is None:
            text = _render(value, flow)
            if len(cache) < 200000:
                cache[value] = text
        return text
    return _render(value, flow)


def _flow(value: Any) -> str | None:
    """Flow text for short lists/dicts of scalars, else None."""
    if type(value) is dict:
        if any(type(v) in _CONTAINERS for v in value.values()):
            return None
        text = "{" + ", ".join(f"{scalar(k, True)}: {scalar(v, True)}" for k, v in value.items()) + "}"
    else:
        if any(type(v) in _CONTAINERS for v in value):
            return None
        text = "[" + ", ".join(scalar(v, True) for v in value) + "]"
    return text if len(text) <= 72 else None


def _block(value: Any, pad: str, out: list[str], lead: str | None = None) -> None:
    """Block style; `lead` replaces `pad` on the first line (a list item's "- ")."""
    if type(value) is dict:
        for raw_key, item in value.items():
            key = scalar(raw_key)  # a key like "1" (a criterion code) stays a string
            prefix = pad if lead is None else lead
            lead = None
            if type(item) not in _CONTAINERS:
                out.append(f"{prefix}{key}: {scalar(item)}")
                continue
            flow = _flow(item)
            if flow is not None:
                out.append(f"{prefix}{key}: {flow}")
            else:
                out.append(f"{prefix}{key}:")
                _block(item, pad + "  ", out)
        return
    for item in value:
        first = (pad if lead is None else lead) + "- "
        lead = None
        if type(item) not in _CONTAINERS:
            out.append(first + scalar(item))
        elif not item or (type(item) is dict and len(item) <= 3 and _flow(item) is not None):
            out.append(first + (_flow(item) or ""))
        else:
            _block(item, pad + "  ", out, first)


def dump(document: dict[str, Any], header: str | None = None) -> str:
    """The whole document as YAML text ending with a newline."""
    out: list[str] = []
    if header:
        out.extend(f"# {line}" if line else "#" for line in header.splitlines())
    _block(document, "", out)
    return "\n".join(out) + "\n"
