"""Reading JSON the forge wrote (an event payload, the close job's pull request files): any part
may be missing or of another shape, so every read says what it expects and gets None otherwise."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..clock import parse_time

Payload = dict[str, Any]  # a JSON object from the forge: untrusted, any shape


def obj(value: object) -> Payload:
    """``value`` if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def dig(data: object, *keys: str) -> object:
    """``data[k1][k2]…``, or None where a level is missing or not an object."""
    for key in keys:
        data = obj(data).get(key)
    return data


def text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def time(value: object) -> datetime | None:
    """An ISO 8601 time with an offset, or None."""
    try:
        return parse_time(value) if isinstance(value, str) else None
    except ValueError:
        return None
