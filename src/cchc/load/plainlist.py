"""A large list file in its plain written shape, read without libyaml: what ``yamlfile.parse``
gives for it, built by one pass over its lines.

A national registry file (units/xa.yaml: 6,400 units, 51,000 lines, 1.1 MB) takes 0.5 s to parse
through libyaml's events; a check that must read it whole with no record of it (a CI job that
keeps no cache: ``load.shared``) spends most of its time there. The registry is written (by
cchc.yamlwrite and by hand alike) as comment lines, a ``<key>:`` line, then block entries whose
every line is one ``key: value`` pair — a plain scalar, a quoted string without escapes, or a
one-line list of such scalars. For a file made of such lines only, every value stands on its own
line and means what it says there: no line can continue another (a plain value ends at its line
when the next line is a key at the same indentation; a quoted or listed one closes on its line),
so the document's data, and the line and column of every value and key, follow from the lines.
``parse`` builds exactly the ``Parsed`` the libyaml reader builds (values resolved by the same
rule, ``yamlfile._resolve``; the same limits), or gives None for any other file, which is then
parsed as every file is. Tests compare the two on the registries of the bench provinces, the
sample and generated files.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from . import yamlfile
from .yamlfile import Parsed, decode

# Characters libyaml reads as text (besides tab and line feed); a file with any other is left to
# libyaml: a control character or a BOM inside the text, which it refuses, and the line breaks
# it counts that a split at "\n" would not (U+0085, U+2028, U+2029).
_UNREADABLE = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_KEY = r"[a-z_][a-z0-9_]*"
# A plain scalar in block context: not starting with an indicator or a space, no ": " or " #"
# inside, not ending with ":" or a space (a value libyaml would read differently is not matched).
_PLAIN = r"""[^\s\-?:,\[\]{}#&*!|>'"%@`](?:[^\t:#]|:(?! )|(?<! )#)*?(?<![\s:])"""
_QUOTED = r'"[^"\\]*"|' + r"'[^'\n]*'"
# An item of a one-line list: a plain scalar that flow context reads as block context does.
_ITEM = r"""[^\s\-?:,\[\]{}#&*!|>'"%@`][^\s,\[\]{}#:]*|""" + _QUOTED
_VALUE = rf"\[(?:(?:{_ITEM})(?:, (?:{_ITEM}))*)?\]|{_QUOTED}|{_PLAIN}"
_LINE = re.compile(rf"( *)(- )?({_KEY}): ({_VALUE})")
_LIST_ITEM = re.compile(_ITEM)
_SKIP = re.compile(r" *(?:#.*)?")  # a blank or comment line


def parse(raw: bytes, max_bytes: int) -> Parsed | None:
    """``yamlfile.parse(raw, max_bytes)`` for a file in the plain list shape; None for any other
    file (or one that libyaml would refuse: the caller's parse then says why)."""
    try:
        text = decode(raw, max_bytes)
    except yamlfile.YamlError:
        return None
    if "\r" in text or _UNREADABLE.search(text):
        return None
    lines = text.split("\n")
    at = next((k for k, line in enumerate(lines) if not _SKIP.fullmatch(line)), len(lines))
    head = re.fullmatch(rf"({_KEY}):", lines[at]) if at < len(lines) else None
    if head is None:
        return None
    built = _Builder(_key(head.group(1)), at + 1)
    line_match = _LINE.fullmatch
    for number in range(at + 1, len(lines)):
        found = line_match(lines[number])
        if found is None:
            if _SKIP.fullmatch(lines[number]):
                continue
            return None
        if not built.take(number + 1, *found.groups()):
            return None
    return built.parsed()


class _Builder:
    """The document as its lines are read (a hot path: values resolved once per distinct text)."""

    def __init__(self, name: str, line: int) -> None:
        self.name = name
        self.positions: dict[tuple[Any, ...], tuple[int, int]] = {(): (line, 1)}
        self.keys: dict[tuple[Any, ...], tuple[int, int]] = {(name,): (line, 1)}
        self.entries: list[dict[str, Any]] = []
        self.entry: dict[str, Any] = {}
        self.path: tuple[Any, ...] = ()
        self.nodes = 2  # the document's mapping, the list's key
        self.indent = -1
        self.col = 0
        self.resolved: dict[str, Any] = {}

    def take(self, line: int, pad: str, dash: str | None, key_text: str, value_text: str) -> bool:
        """One ``key: value`` line, starting an entry (``dash``) or within one; False: not the shape."""
        if len(value_text) > yamlfile.MAX_SCALAR:
            return False  # a value that may be over the reader's limit
        if dash:
            if not self.start(line, len(pad)):
                return False
        elif self.indent < 0 or len(pad) != self.indent + 2:
            return False
        key = _key(key_text)
        if key in self.entry:
            return False  # a duplicate key: libyaml's reader refuses it
        here = (*self.path, key)
        self.keys[here] = (line, self.col)
        at = self.col + len(key_text) + 2
        self.positions[here] = (line, at)
        self.nodes += 2
        self.entry[key] = self.value(value_text, here, line, at)
        return True

    def start(self, line: int, indent: int) -> bool:
        """A new entry at ``indent`` (the first one sets the list's)."""
        if self.indent < 0:
            self.indent, self.col = indent, indent + 3
            self.positions[(self.name,)] = (line, indent + 1)
            self.nodes += 1
        if indent != self.indent:
            return False
        self.entry = {}
        self.path = (self.name, len(self.entries))
        self.entries.append(self.entry)
        self.positions[self.path] = (line, self.col)
        self.nodes += 1
        return True

    def value(self, text: str, here: tuple[Any, ...], line: int, at: int) -> Any:
        first = text[0]
        if first == "[":
            items: list[Any] = []
            for m in _LIST_ITEM.finditer(text, 1, len(text) - 1):
                self.positions[(*here, len(items))] = (line, at + m.start())
                item = m.group()
                items.append(item[1:-1] if item[0] in "\"'" else yamlfile._resolve(item))
            self.nodes += len(items)
            return items
        if first in "\"'":
            return text[1:-1]
        value = self.resolved.get(text, self.resolved)
        if value is self.resolved:
            value = self.resolved[text] = yamlfile._resolve(text)
        return value

    def parsed(self) -> Parsed | None:
        if self.indent < 0 or self.nodes > yamlfile.MAX_NODES:
            return None  # no entry (libyaml reads "<key>:" alone as null), or too many nodes
        return Parsed({self.name: self.entries}, self.positions, self.keys)


@functools.lru_cache(maxsize=256)
def _key(text: str) -> str:
    """A mapping key as the reader keeps it (a key that resolves to another type, as its text)."""
    value = yamlfile._resolve(text)
    return value if type(value) is str else str(value)
