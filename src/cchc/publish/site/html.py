"""Tiny HTML helpers: escaping, relative links, tables. Tables are raw HTML so that
Python-Markdown does not parse them (the slowest part of a naive build), which also
means links in them must already be final URLs (see ``link``).

Everything here is ``markupsafe.Markup``: a value that is not Markup is text and is
escaped wherever it is put (a cell, a link, a heading), so a name from the data can never
become a tag, an attribute or a link. Markup made of pieces is built with
``Markup("…{}…").format(…)``, which escapes each piece that is not Markup itself.
"""

from __future__ import annotations

import functools
import html
import re
from decimal import ROUND_HALF_UP, Decimal

from markupsafe import Markup, escape

from ...model.numbers import fmt

__all__ = [
    "Markup",
    "block",
    "cell",
    "chart",
    "esc",
    "fold",
    "heading",
    "href",
    "link",
    "num",
    "num_cell",
    "points",
    "row",
    "signed",
    "table",
    "url",
]


def esc(text: object) -> Markup:
    """Text as HTML (Markup passes through unchanged)."""
    return escape("" if text is None else text)


def _h(value: object) -> str:
    """HTML for a value in the hot paths: Markup as it is, anything else escaped (the standard
    library's escape on a plain str: several times cheaper than building Markup objects)."""
    if isinstance(value, Markup):
        return str(value)
    return html.escape("" if value is None else str(value), quote=True)


def _markup(finished: str) -> Markup:
    """Markup from HTML this module has just built with every value escaped. Markup() itself
    runs Python code per object; str.__new__ makes the same object at the cost of a str, which
    matters for the hundreds of thousands of cells and links of a province's pages."""
    return str.__new__(Markup, finished)


def url(page: str) -> str:
    """Source path of a generated page → its URL path (use_directory_urls is off)."""
    return page[:-3] + ".html" if page.endswith(".md") else page


def link(from_page: str, to_page: str, text: object) -> Markup:
    return _markup(f'<a href="{_h(href(from_page, to_page))}">{_h(text)}</a>')


def href(from_page: str, to_page: str) -> str:
    # Up to the site root, then down: as valid as the shortest relative path, and much
    # cheaper than posixpath.relpath over tens of thousands of links.
    return "../" * from_page.count("/") + url(to_page)


TITLE_ID = "noi-dung"  # the <h1>'s anchor: the theme's "skip to content" link points at it


def heading(text: object) -> Markup:
    """A page's title as its <h1>: the title never passes through Markdown."""
    return _markup(f'<h1 id="{TITLE_ID}">{_h(text)}</h1>')


def num(value: Decimal | None, places: int | None = None) -> str:
    """Vietnamese number style: decimal comma (85,15)."""
    return fmt(value, places).replace(".", ",") if value is not None else "—"


def points(value: Decimal | None) -> str:
    """Points as published tables print them: always two decimals, rounded half up (68,30)."""
    return num(None if value is None else value.quantize(_CENT, ROUND_HALF_UP), 2)


_CENT = Decimal("0.01")


def signed(value: Decimal | int | None, places: int | None = None) -> Markup:
    if value is None:
        return Markup("—")
    text = num(Decimal(value), places) if not isinstance(value, int) else str(value)
    if value > 0:
        return Markup('<span class="cchc-up">▲ {}</span>').format(text.lstrip("+"))
    if value < 0:
        return Markup('<span class="cchc-down">▼ {}</span>').format(text.lstrip("-"))
    # words a screen reader can say, in every font (the full-width equals sign had no glyph on phones)
    return Markup('<span class="cchc-same">không đổi</span>')


_NUMERIC = re.compile(r"[-+]?[0-9][0-9.,]*|—|K/AD")


def cell(value: object, sort: object = None, cls: str = "") -> Markup:
    """One <td>: ``value`` is text unless it is Markup; ``sort``: the key a sortable table sorts
    it by (written only where it differs from the text: the sorter reads the text otherwise).
    (f-strings rather than Markup.format: the pages hold hundreds of thousands of cells, and
    Markup.format is ten times slower.)"""
    if isinstance(value, Markup):
        return _cell(str(value), None, None if sort is None else str(sort), cls)
    text = "" if value is None else str(value)
    if sort is None:  # most cells: the same few thousand texts (titles, numbers) again and again
        return _text_cell(text, cls)
    return _sorted_cell(text, str(sort), cls)  # places, points, indices: a few thousand too


@functools.lru_cache(maxsize=1 << 16)
def _sorted_cell(text: str, key: str, cls: str) -> Markup:
    inner, cls = _text(text, cls)
    return _cell(inner, text, key, cls)


def _cell(inner: str, text: str | None, key: str | None, cls: str) -> Markup:
    """A <td> holding ``inner`` (HTML), with its sort key unless it is ``text`` (the cell's
    plain text, None for HTML) and its class."""
    attrs = ""
    if key is not None and key != text:  # the sort key, unless the text itself is it
        attrs = f' data-sort="{key if _NUMERIC.fullmatch(key) else _h(key)}"'
    if cls:  # a class name this package chose, never data
        attrs += f' class="{cls}"'
    return _markup(f"<td{attrs}>{inner}</td>")


def _text(value: object, cls: str) -> tuple[str, str]:
    """A text cell's HTML and its class: a number needs no escaping and is right-aligned."""
    inner = "" if value is None else str(value)
    if _NUMERIC.fullmatch(inner):  # a number: nothing to escape
        return inner, cls or "cchc-n"  # numbers: right-aligned, never wrapped
    return html.escape(inner, quote=True), cls


@functools.lru_cache(maxsize=1 << 16, typed=True)
def num_cell(value: Decimal) -> Markup:
    """``cell(num(value))``: the same few thousand points fill most of a province's cells (equal
    Decimals such as 1.0 and 1.00 share an entry, which is right: ``num`` normalises them)."""
    return cell(num(value))


@functools.lru_cache(maxsize=1 << 16)
def _text_cell(text: str, cls: str) -> Markup:
    inner, cls = _text(text, cls)
    return _markup(f'<td class="{cls}">{inner}</td>' if cls else f"<td>{inner}</td>")


def row(*cells: Markup) -> Markup:
    """A table row's cells (made by ``cell``) as one Markup."""
    return _markup("".join([c if isinstance(c, Markup) else _h(c) for c in cells]))


def table(
    headers: list[str] | list[Markup],
    rows: list[Markup],
    *,
    sortable: bool = True,
    cls: str = "",
    pin: int = 1,
    ids: list[str] | None = None,
) -> Markup:
    """``rows`` are already-rendered <td>… Markup. Wrapped for horizontal scrolling; the first
    ``pin`` columns (the name, or a code or rank and the name) stay in view while the rest
    scrolls (cchc.css), so that on a phone a row's numbers are always read beside its name.
    ``ids``: each row's id (a link's #fragment lands on it)."""
    classes = "cchc-table" + (" cchc-sortable" if sortable else "") + (f" cchc-pin{pin}" if pin else "")
    classes += f" {cls}" if cls else ""
    head = "".join(f"<th>{_h(h)}</th>" for h in headers)
    if ids is None:
        body = "\n".join(f"<tr>{_h(r)}</tr>" for r in rows)
    else:
        body = "\n".join(f'<tr id="{_h(i)}">{_h(r)}</tr>' for i, r in zip(ids, rows, strict=True))
    # Tables stay out of the search index: it finds pages by their titles and summaries,
    # and the criteria titles repeated in every unit's tables would multiply its size.
    return _markup(
        f'<div class="cchc-scroll" data-pagefind-ignore><table class="{_h(classes)}">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table></div>"
    )


def fold(summary: object, body: Markup, *, anchor: str = "") -> Markup:
    """A section a reader opens when they want it (<details>): earlier years, evidence lists."""
    attrs = f' id="{_h(anchor)}"' if anchor else ""
    return _markup(f'<details class="cchc-fold"{attrs}><summary>{_h(summary)}</summary>\n\n{_h(body)}\n\n</details>')


def chart(drawing: Markup, label: str) -> Markup:
    """A chart drawn when the site is built (charts.py): one image to a screen reader, named by
    ``label``; its figures are in the tables beside it. Out of the search index."""
    return Markup('<figure class="cchc-chart" role="img" aria-label="{}" data-pagefind-ignore>{}</figure>').format(
        label, drawing
    )


def block(*parts: object) -> Markup:
    """Join raw-HTML blocks with blank lines so Markdown passes them through untouched."""
    return Markup("\n\n").join(esc(p) for p in parts if p) + Markup("\n")
