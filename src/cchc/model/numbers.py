"""Exact numbers: every score is a Decimal, parsed from what the user wrote."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def to_decimal(value: object) -> Decimal | None:
    """int, Decimal or a text like "0,5" (Vietnamese decimal comma) → Decimal; None stays None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):  # never produced by our loader; kept exact via repr
        return Decimal(repr(value))
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None


def exact(value: object) -> Decimal:
    """to_decimal for a value the schema guarantees is a number (a maximum, a threshold)."""
    number = to_decimal(value)
    if number is None:
        raise ValueError(f"not a number: {value!r}")
    return number


# fmt's texts: a national site prints millions of numbers, a few thousand values over and over.
# Keyed on the sign too: -0 equals 0 (and hashes alike) but prints "-0.00" with places.
_FORMATTED: dict[tuple[Decimal, int | None, bool], str] = {}
_FORMATTED_MAX = 1 << 16


def fmt(value: Decimal | None, places: int | None = None) -> str:
    """Vietnamese-neutral plain rendering: no exponent, trailing zeros trimmed unless places given."""
    if value is None:
        return "—"
    key = (value, places, value.is_signed())
    text = _FORMATTED.get(key)
    if text is None:
        text = _format(value, places)
        if len(_FORMATTED) < _FORMATTED_MAX:
            _FORMATTED[key] = text
    return text


def _format(value: Decimal, places: int | None) -> str:
    if places is not None:
        return f"{value:.{places}f}"
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


def code_text(value: object) -> str:
    """Criterion codes may arrive unquoted (1.1 parsed as Decimal('1.1')); str() keeps '1.10'."""
    return str(value)


def count(n: int) -> str:
    """A count as Vietnamese write it, thousands grouped by dots: 16.384."""
    return f"{n:,}".replace(",", ".")
