"""Unit ids made from Vietnamese names: 'UBND xã Hòa Bình' → 'xa-hoa-binh', 'Sở Tư pháp' →
'so-tu-phap' (diacritics removed, đ → d). The same name always gives the same id; when two
units would share one, the later is told apart by its parent, then by its first year, then
by a number — and the officer is told which id each got."""

from __future__ import annotations

import re

from .cells import fold

MAX_LENGTH = 64  # units.schema.json
_PREFIXES = ("uy ban nhan dan ", "ubnd ")


def slug(name: str) -> str:
    """'UBND thị trấn Đông Hưng' → 'thi-tran-dong-hung'; '' when nothing is left."""
    text = fold(name)
    for prefix in _PREFIXES:
        text = text.removeprefix(prefix)
    out = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(out) > MAX_LENGTH:
        out = out[:MAX_LENGTH].rsplit("-", 1)[0]
    return out


def _fit(base: str, suffix: str) -> str:
    room = MAX_LENGTH - len(suffix) - 1
    return f"{base[:room].rstrip('-')}-{suffix}"


def choose(name: str, taken: set, parent: str | None = None, first_year: int | None = None) -> str:
    """A free id for ``name``: its slug, else told apart by parent, year, then a number."""
    base = slug(name) or "don-vi"
    candidates = [base]
    if parent:
        candidates.append(_fit(base, parent))
    if first_year:
        candidates.append(_fit(base, str(first_year)))
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    n = 2
    while _fit(base, str(n)) in taken:
        n += 1
    return _fit(base, str(n))
