"""Text from data inside forge Markdown (pull-request comments, job summaries).

Every value is data, never Markdown or HTML: it cannot open a tag, end an HTML comment,
add a table column, link, embed an image, mention someone (@) or reference an issue (#).
"""

from __future__ import annotations

import re

_MD = re.compile(r"([\\`*_{}\[\]()#+!|~>])")
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|www)(?=[:.])")
ZWSP = "\u200b"  # zero-width space: breaks what a forge would turn into a mention, reference or link


def text(value: object, limit: int = 400) -> str:
    """One line of inert text, at most ``limit`` characters before escaping."""
    out = " ".join(str("" if value is None else value).split())
    if len(out) > limit:
        out = out[: limit - 1] + "…"
    out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = _MD.sub(r"\\\1", out)  # no emphasis, link, image, heading, table break
    out = out.replace("@", "@" + ZWSP).replace("#", "#" + ZWSP)  # no mention, no issue reference
    return _AUTOLINK.sub("\\1" + ZWSP, out)  # nor a bare address the forge would turn into a link


def code(value: object, limit: int = 200) -> str:
    """Inert text shown as code (a file path, a commit)."""
    return "<code>" + text(value, limit) + "</code>"
