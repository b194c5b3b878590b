"""Cell values as the officer types them: numbers with a decimal comma, codes, yes/no
marks, header names with or without diacritics; and finding the header row of a table."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..findings import Finding
from ..model.numbers import fmt
from .sheets import Grid, problem

_CODE = re.compile(r"[A-Z]?[0-9]+(\.[0-9]+){0,2}")
_ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
    "XIII": 13,
    "XIV": 14,
    "XV": 15,
}
_YES = {"x", "co", "yes", "true", "1", "v", "✓", "✔", "dung", "bat buoc", "duoc"}
_NO = {"khong", "no", "false", "0", "-"}


def fold(text) -> str:
    """Lower case without diacritics and with single spaces: 'Điểm  tối đa' → 'diem toi da'."""
    text = str(text or "").replace("đ", "d").replace("Đ", "D")
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(bare.lower().split())


def text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return fmt(Decimal(value))
    return str(value).strip() or None


def vn(value) -> str:
    """A number as Vietnamese write it: 2,5."""
    return fmt(Decimal(value)).replace(".", ",")


def number(value) -> Decimal | None:
    """An exact number, None for an empty cell; ValueError for anything else.

    '0,5' and '0.5' are both one half; a cell with both separators ('1.234,5') is refused
    rather than guessed: points never need a thousands separator.
    """
    if value is None or (isinstance(value, str) and value.strip() in ("", "-", "—", "–")):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value
    raw = str(value).strip().replace(" ", "").replace("\u202f", "")
    if "," in raw and "." in raw:
        raise ValueError(value)
    try:
        result = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise ValueError(value) from None
    if not result.is_finite():
        raise ValueError(value)
    return result


def code(value) -> str | None:
    """A criterion code: '1', '1.2', '1.2.3' (trailing dot and spaces dropped; Roman I–XV for
    areas read as 1–15). None for an empty cell; ValueError when it is not a code."""
    if value is None:
        return None
    raw = (text(value) or "").replace(" ", "").rstrip(".")
    if raw.upper() in _ROMAN:
        return str(_ROMAN[raw.upper()])
    if not _CODE.fullmatch(raw):
        raise ValueError(value)
    return raw


def flag(value) -> bool | None:
    """An 'x' / 'có' mark → True, empty or 'không' → False; ValueError otherwise."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    folded = fold(text(value))
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise ValueError(value)


def lines(value) -> list[str]:
    """A cell holding a list, one item per line ('- ' or '• ' bullets dropped)."""
    out = []
    for line in (text(value) or "").splitlines():
        item = line.strip().lstrip("-•+*–").strip()
        if item:
            out.append(item)
    return out


@dataclass(frozen=True)
class Header:
    row: int  # row number of the header
    position: int  # index of the header row in grid.rows
    columns: dict  # key -> column number (1-based)
    names: dict  # column number -> header text as written

    def name(self, key: str) -> str | None:
        col = self.columns.get(key)
        return self.names.get(col) if col else None

    def problem(
        self, code: str, grid: Grid, row: int, key: str, message: str, hint: str = "", **options: Any
    ) -> Finding:
        """A finding at ``row`` of the column ``key``, named as this header writes it."""
        return problem(code, grid, row, self.columns.get(key), message, hint, header=self.name(key), **options)


def find_header(grid, classify, required: set, scan: int = 30) -> Header | None:
    """The first row (among the first ``scan``) whose cells ``classify`` into every required key.

    ``classify(folded header text) -> key or None``; the first column of each key wins.
    """
    for position, (row, cells) in enumerate(grid.rows[:scan]):
        columns, names = {}, {}
        for col, value in enumerate(cells, 1):
            if not isinstance(value, str):
                continue
            key = classify(fold(value))
            if key and key not in columns:
                columns[key] = col
                names[col] = " ".join(value.split())
        if required <= set(columns):
            return Header(row, position, columns, names)
    return None


def value_at(cells: tuple, col: int | None):
    return cells[col - 1] if col and col <= len(cells) else None
