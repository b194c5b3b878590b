"""Frames of generated pages stamped from one rendering of the theme per *shape*.

Most generated pages (a national site's unit pages) differ in their frame only by what the
page prints of itself: its title (the window title, the header, the <h1>), its description and
its address (the canonical link). Pages that share everything else (folder, hence relative
links; front matter; table of contents; a place outside the navigation) have one shape. The
theme renders a shape once, for one of its pages standing in for all of them: each printed
value is replaced by a stand-in. A page's frame is then that rendering with its own values
put in place of the stand-ins, in one pass, so that a value is never searched for stand-ins
itself.

A shape is stamped only once the theme's own frames of two of its pages, the first and the
last, equal their stamped frames (frames.py). A theme that transforms one of these values or
prints anything else of the page (an edit link, a feedback address) fails that check, and the
shape's pages are rendered one by one by the theme.
"""

from __future__ import annotations

import contextlib
import copy
import posixpath
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

# Private-use characters and ASCII letters: HTML escaping leaves them as they are.
STAND_INS = {
    "title": "\ue000cchc-tieu-de\ue001",
    "heading": "\ue000cchc-de-muc\ue001",
    "description": "\ue000cchc-mo-ta\ue001",
    "canonical": "\ue000cchc-dia-chi\ue001",
    "address": "\ue000cchc-duong-dan\ue001",
}
_FIELD = {text: name for name, text in STAND_INS.items()}
_ANY = re.compile("|".join(re.escape(text) for text in STAND_INS.values()))
_HEADING = re.compile(r"(<h1\b[^>]*>)(.*?)(</h1>)", re.S)
MIN_PAGES = 3  # a shape of fewer pages gains nothing: two of them are rendered to check it

Frame = tuple[str, str]  # what the theme puts before and after a page's body


def printed(page: Page) -> dict[str, str]:
    """The values of ``page`` that its frame prints, as printed (the titles are escaped)."""
    out = {}
    meta = page.meta
    if meta.get("title"):
        out["title"] = str(meta["title"])
    if meta.get("description"):
        out["description"] = str(meta["description"])
    heading = _HEADING.search(page.content or "")
    if heading is not None:
        out["heading"] = heading.group(2)
    if page.canonical_url:
        out["canonical"] = page.canonical_url
    if page.abs_url:
        out["address"] = page.abs_url
    return out


def stamp(frame: Frame, values: dict[str, str]) -> Frame:
    """The shape's ``frame`` with each stand-in replaced by the page's value."""

    def value(found: re.Match[str]) -> str:
        return values.get(_FIELD[found.group(0)], found.group(0))

    before, after = frame
    return _ANY.sub(value, before), _ANY.sub(value, after)


def shape(page: Page, in_nav: bool, stable: Any) -> list[Any] | None:
    """What the frame of ``page`` depends on besides its printed values (None: a page of the
    navigation, whose frame marks its place there, is never stamped). ``stable`` turns a value
    into JSON."""
    if in_nav or page.is_homepage:
        return None
    values = printed(page)
    title = values.get("title")
    meta = {k: v for k, v in page.meta.items() if k not in ("title", "description")}
    return [
        posixpath.dirname(page.url),  # the relative links
        sorted(values),
        stable(meta),
        [_toc_shape(item, title) for item in page.toc],
        _with_heading(page.content or ""),
        page.edit_url is not None,
        [getattr(p, "url", None) for p in (page.previous_page, page.next_page)],
    ]


def _toc_shape(item: Any, title: str | None) -> list[Any]:
    name = None if str(item.title) == title else str(item.title)
    return [item.id, item.level, name, [_toc_shape(child, title) for child in item.children]]


def _with_heading(content: str) -> str:
    """``content`` with the stand-in in place of the text of its first <h1>."""
    return _HEADING.sub(lambda found: found.group(1) + STAND_INS["heading"] + found.group(3), content, count=1)


@contextlib.contextmanager
def standing_in(page: Page) -> Iterator[None]:
    """``page`` with a stand-in for each value it prints, during the block."""
    saved = (page.meta, page.toc, page.content, page.canonical_url, page.abs_url)
    values = printed(page)
    meta = dict(page.meta)
    for name in ("title", "description"):
        if name in values:
            meta[name] = Markup(STAND_INS[name])
    page.meta = meta
    if "title" in values:
        page.toc = copy.deepcopy(page.toc)
        for item in _walk(page.toc):
            if str(item.title) == values["title"]:
                item.title = Markup(STAND_INS["title"])
    page.content = _with_heading(page.content or "")
    if "canonical" in values:
        page.canonical_url = STAND_INS["canonical"]
    if "address" in values:
        page.abs_url = STAND_INS["address"]
    try:
        yield
    finally:
        page.meta, page.toc, page.content, page.canonical_url, page.abs_url = saved


def _walk(items: Any) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _walk(item.children)
