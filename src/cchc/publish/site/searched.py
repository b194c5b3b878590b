"""What Pagefind reads of a page: the page without what is inside the elements it would parse
only to leave out.

Pagefind (1.5) drops, with everything inside them, the elements its parser removes
(``REMOVE_SELECTORS``: the head, navigation, footer, scripts, styles, forms, labels, SVG
images, frames and templates) and those a page marks ``data-pagefind-ignore``. On a national
site these are most of each searched page: the theme's head and navigation make up about 16 kB
of a unit page whose searched text is a few hundred characters, and the tables are ignored.
Pagefind reads a copy without them (``build.searched_copy``); the index it makes is the one it
makes from the published page (``tests/publish/test_search_index.py`` compares them byte for
byte).
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["searchable"]

_UNREAD = ("head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template")
_RAW_TEXT = {"script", "style"}  # their content is not markup: they end at their first closing tag
_LEFT_OUT = re.compile(
    r"<(?P<unread>" + "|".join(_UNREAD) + r")\b[^>]*>"
    r"|<(?P<ignored>[a-z][a-z0-9]*)\b[^>]*?\sdata-pagefind-ignore(?:=\"[^\"]*\")?(?=[\s/>])[^>]*>"
)


def searchable(text: str) -> str:
    """``text`` with the elements Pagefind leaves out emptied (``text`` as it is if one of them
    is not closed: Pagefind then reads what it reads)."""
    out, at = [], 0
    while (found := _LEFT_OUT.search(text, at)) is not None:
        tag = found["unread"] or found["ignored"]
        end = found.end() if found.group(0).endswith("/>") else _closed(text, tag, found.end())
        if end < 0:
            return text
        # The element stays, empty: Pagefind makes an anchor of one with an id (the theme's
        # <script id="__config">), though none of anything inside it.
        out.append(text[at : found.end()])
        out.append(f"</{tag}>" if end > found.end() else "")
        at = end
    out.append(text[at:])
    return "".join(out)


def _closed(text: str, tag: str, start: int) -> int:
    """Where the element whose opening tag ends at ``start`` ends (-1: never closed)."""
    if tag in _RAW_TEXT:
        close = text.find(f"</{tag}", start)
        end = -1 if close < 0 else text.find(">", close)
        return -1 if end < 0 else end + 1
    depth = 1
    for found in _tag(tag).finditer(text, start):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            end = text.find(">", found.end())
            return -1 if end < 0 else end + 1
    return -1


@cache
def _tag(name: str) -> re.Pattern[str]:
    """An opening or closing tag ``name`` (group 1: "/" for a closing one)."""
    return re.compile(rf"<(/?){name}\b")
