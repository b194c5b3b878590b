"""Tiny HTML helpers: escaping, relative links, tables. Tables are raw HTML so that
Python-Markdown does not parse them (the slowest part of a naive build), which also
means links in them must already be final URLs (see ``link``)."""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal

from ...model.numbers import fmt


def esc(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def url(page: str) -> str:
    """Source path of a generated page → its URL path (use_directory_urls is off)."""
    return page[:-3] + ".html" if page.endswith(".md") else page


def link(from_page: str, to_page: str, text: str) -> str:
    return f'<a href="{esc(href(from_page, to_page))}">{esc(text)}</a>'


def href(from_page: str, to_page: str) -> str:
    # Up to the site root, then down: as valid as the shortest relative path, and much
    # cheaper than posixpath.relpath over tens of thousands of links.
    return "../" * from_page.count("/") + url(to_page)


def num(value: Decimal | None, places: int | None = None) -> str:
    """Vietnamese number style: decimal comma (85,15)."""
    return fmt(value, places).replace(".", ",") if value is not None else "—"


def signed(value: Decimal | int | None, places: int | None = None) -> str:
    if value is None:
        return "—"
    text = num(Decimal(value), places) if not isinstance(value, int) else str(value)
    if value > 0:
        return f'<span class="cchc-up">▲ {text.lstrip("+")}</span>'
    if value < 0:
        return f'<span class="cchc-down">▼ {text.lstrip("-")}</span>'
    return '<span class="cchc-same">＝</span>'


_NUMERIC = re.compile(r"[-+]?[0-9][0-9.,]*|—|K/AD")


def cell(value, sort=None, cls: str = "") -> str:
    if not cls and _NUMERIC.fullmatch(str(value)):
        cls = "cchc-n"  # numbers: right-aligned, never wrapped
    attrs = f' data-sort="{esc(sort)}"' if sort is not None else ""
    attrs += f' class="{cls}"' if cls else ""
    return f"<td{attrs}>{value}</td>"


def table(headers: list[str], rows: list[str], *, sortable: bool = True, cls: str = "") -> str:
    """``rows`` are already-rendered <td>… strings. Wrapped for horizontal scrolling."""
    attrs = ' class="cchc-table' + (" cchc-sortable" if sortable else "") + (f" {cls}" if cls else "") + '"'
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "\n".join(f"<tr>{r}</tr>" for r in rows)
    # Tables stay out of the search index: it finds pages by their titles and summaries,
    # and the criteria titles repeated in every unit's tables would multiply its size.
    return (f'<div class="cchc-scroll" data-pagefind-ignore><table{attrs}>\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody></table></div>")


def chart(spec: dict, label: str) -> str:
    """A Vega-Lite chart rendered in the browser by the vendored vega-embed (no CDN)."""
    data = esc(json.dumps(spec, ensure_ascii=False, separators=(",", ":")))
    return f'<figure class="cchc-chart" role="img" aria-label="{esc(label)}" data-vl="{data}"></figure>'


def block(*parts: str) -> str:
    """Join raw-HTML blocks with blank lines so Markdown passes them through untouched."""
    return "\n\n".join(p for p in parts if p) + "\n"
