"""Large shared files one entry at a time: what a check of one unit's dossier reads of them.

A national registry file (units/xa.yaml: 6,400 units, 1.1 MB) takes 0.4–0.7 s to parse whole, a
year's survey points (surveys/<year>.yaml: 33,000 rows, 1.7 MB) more, and a pull request that
changes one unit's dossier needs that unit's entries. The entries are the items of the file's
one long list (``units:``, ``points:``), each starting on a line of its own (``  - id: …``,
``  - {unit: …, …}``) and naming its unit once: ``spans`` finds the entries of one unit with a
few searches of the bytes, and ``entry`` and ``survey_of`` parse, schema-check and build each
exactly as the whole file's load builds it.

Whether those lines really are the entries (a multi-line quoted value could hold such a line)
is known only by parsing the file whole: ``layout`` finds every entry's lines and unit, and
``faithful`` compares them with a full load; the caller keeps the answer for that exact content
(``load.shared``: by Git blob id and the code's digest). An entry is still checked when it is
read: its lines must parse to exactly one valid entry of the unit asked for, or the registry is
read whole (``LazyUnits`` then answers from the full load). So a wrong or damaged record cannot
make up a unit or change what a unit's entry says.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import registry
from ..model import survey as survey_model
from ..model.document import JsonPath, Where
from . import schema, yamlfile
from .yamlfile import YamlError, parse

LIMIT = 32 * 1024 * 1024  # the registry's size limit (load.repository.SIZE_LIMITS)
# Line breaks libyaml counts and a byte scan for b"\n" would not: such a file is not indexed.
_OTHER_BREAKS = (b"\r", "\u0085".encode(), "\u2028".encode(), "\u2029".encode())
_ITEM = re.compile(rb"^( *)-(?: |$)", re.MULTILINE)
_VALUE = rb"""([a-z0-9][a-z0-9-]*|'[a-z0-9][a-z0-9-]*'|"[a-z0-9][a-z0-9-]*")"""


@dataclass(frozen=True)
class Layout:
    """Where each entry of a registry file starts (byte offset of its "-" line) and its id."""

    starts: tuple[int, ...]
    ids: tuple[str, ...]
    size: int

    def span(self, k: int) -> tuple[int, int]:
        return self.starts[k], self.starts[k + 1] if k + 1 < len(self.starts) else self.size


@functools.lru_cache(maxsize=8)  # a check of a pull request reads the same registry up to three times
def layout(raw: bytes, key: str = "id") -> Layout | None:
    """The entries' lines of a file whose list is written one entry per "- " line at one
    indentation, each naming its unit once by ``key`` (``id: x`` on the "- " line or the next ones
    of a block entry, or first in a one-line ``{key: x, …}``); None for any other shape (the file
    is then read whole)."""
    if any(b in raw for b in _OTHER_BREAKS):
        return None
    first = _ITEM.search(raw)
    if first is None:  # no entry on a line of its own (an empty list, or entries in flow style)
        return Layout((), (), len(raw))
    n, name = len(first.group(1)), re.escape(key.encode("ascii"))
    starts = [m.start() for m in re.finditer(rb"^ {%d}-(?: |$)" % n, raw, re.MULTILINE)]
    ids = _first_line_ids(raw, n, name, len(starts))
    if ids is None:
        ids = _ids(raw, n, name, starts)
    return None if ids is None else Layout(tuple(starts), ids, len(raw))


def _first_line_ids(raw: bytes, n: int, name: bytes, count: int) -> tuple[str, ...] | None:
    """Each entry's key when every entry names it on its "- " line and no entry on a later one
    (the shape cchc and the sample generator write), read in one pass; else None."""
    if re.search(rb"^ {%d}%s: " % (n + 2, name), raw, re.MULTILINE):
        return None
    block = rb"%s: *%s *(?:#.*)?$" % (name, _VALUE)
    flow = rb"\{ *%s: *%s *[,}]" % (name, _VALUE)
    found = re.findall(rb"^ {%d}- (?:%s|%s)" % (n, block, flow), raw, re.MULTILINE)
    if len(found) != count:
        return None
    text = b"\n".join(a or b for a, b in found).decode("ascii").replace("'", "").replace('"', "")
    return tuple(text.split("\n")) if count else ()


def _ids(raw: bytes, n: int, name: bytes, starts: list[int]) -> tuple[str, ...] | None:
    """Each entry's key, wherever in the entry it stands; None when an entry names none, or two."""
    block = rb"(?: {%d}- | {%d})%s: *%s *(?:#.*)?$" % (n, n + 2, name, _VALUE)
    flow = rb" {%d}- \{ *%s: *%s *[,}]" % (n, name, _VALUE)
    ids: list[str | None] = [None] * len(starts)
    for m in re.finditer(rb"^(?:%s|%s)" % (block, flow), raw, re.MULTILINE):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k < 0 or ids[k] is not None:
            return None  # a key before the first entry, or two in one entry
        ids[k] = (m.group(1) or m.group(2)).decode("ascii").strip("'\"")
    return None if any(i is None for i in ids) else tuple(i for i in ids if i is not None)


def faithful(found: Layout, raw: bytes, lines: Sequence[tuple[str, int]]) -> bool:
    """True when the layout's entries are the file's entries as a full load built them
    (``lines``: each entry's unit and line, in file order)."""
    if len(lines) != len(found.starts):
        return False
    line = 1
    for k, (uid, at) in enumerate(lines):
        start, end = found.span(k)
        line += raw.count(b"\n", found.starts[k - 1] if k else 0, start)
        last = line + raw.count(b"\n", start, end)
        if uid != found.ids[k] or not line <= at < last + (end == found.size):
            return False
    return True


@dataclass(frozen=True)
class _Kind:
    head: bytes  # what a valid document needs before one entry
    key: str  # the list
    schema: str


_UNITS = _Kind(b"units:\n", "units", "units")
_POINTS = _Kind(b"year: 2000\npoints:\n", "points", "survey")


def spans(raw: bytes, key: str, uid: str) -> list[tuple[int, int]]:
    """(start, end) of each entry that names ``uid`` by ``key``, in file order: the lines from its
    "- " line to the next entry's. Meant for a file whose ``layout`` was found faithful, where
    every entry names its unit once; a few searches of the bytes, not a look at every entry."""
    first = _ITEM.search(raw)
    if first is None or not re.fullmatch(rb"[a-z0-9][a-z0-9-]*", uid.encode("ascii", "replace")):
        return []
    n, name, value = len(first.group(1)), re.escape(key.encode("ascii")), re.escape(uid.encode("ascii"))
    quoted = rb"""(?:%s|'%s'|"%s")""" % (value, value, value)
    named = rb"^(?:(?: {%d}- | {%d})%s: *%s *(?:#.*)?$| {%d}- \{ *%s: *%s *[,}])" % (
        n,
        n + 2,
        name,
        quoted,
        n,
        name,
        quoted,
    )
    item = re.compile(rb"^ {%d}-(?: |$)" % n, re.MULTILINE)
    out = []
    for m in re.finditer(named, raw, re.MULTILINE):
        start = _item_start(raw, item, m.start())
        later = item.search(raw, m.end())
        if start is not None:
            out.append((start, later.start() if later else len(raw)))
    return out


def _item_start(raw: bytes, item: re.Pattern[bytes], at: int) -> int | None:
    """The start of the entry line at or before ``at``."""
    line = raw.rfind(b"\n", 0, at) + 1
    while line >= 0:
        if item.match(raw, line):
            return line
        if line == 0:
            return None
        line = raw.rfind(b"\n", 0, line - 1) + 1
    return None


def _item(raw: bytes, span: tuple[int, int], kind: _Kind, file: str) -> tuple[Any, Where] | None:
    """The entry in ``span`` parsed on its own in the smallest valid document: the item and where
    its values stand in the file; None when those lines are not exactly one valid entry."""
    start, end = span
    head = kind.head
    try:
        parsed = parse(head + raw[start:end], LIMIT)
    except YamlError:
        return None
    items = parsed.data.get(kind.key)
    if not isinstance(items, list) or len(items) != 1 or schema.validate(parsed, kind.schema, file):
        return None
    shift = raw.count(b"\n", 0, start) + 1 - (head.count(b"\n") + 1)  # file line − line in the document

    def where(path: JsonPath) -> tuple[int, int]:
        line, column = parsed.where(path)
        return line + shift, column

    return items[0], where


def entry(raw: bytes, span: tuple[int, int], uid: str, file: str) -> registry.Unit | None:
    """The unit of the registry entry in ``span``, built from its own lines as the full load builds
    it; None when those lines are not exactly one valid entry with the id ``uid``."""
    got = _item(raw, span, _UNITS, file)
    if got is None:
        return None
    (unit,) = registry.build_units({"units": [got[0]]}, file, got[1])
    return unit if unit.id == uid else None


def survey_year(raw: bytes) -> tuple[int, int] | None:
    """The survey file's year and its line, read from the lines before the first row."""
    first = _ITEM.search(raw)
    try:
        top = parse(raw[: first.start()] if first else raw, LIMIT)
    except YamlError:
        return None
    year = top.data.get("year")
    return (year, top.where(("year",))[0]) if type(year) is int else None


def survey_of(raw: bytes, units: set[str], file: str) -> survey_model.Survey | None:
    """The survey file's year and its rows for ``units`` only (in file order), each read from its
    own lines as the full load reads it; None when a row's lines do not check out."""
    year = survey_year(raw)
    if year is None:
        return None
    rows: list[survey_model.SurveyRow] = []
    for span in sorted(s for unit in units for s in spans(raw, "unit", unit)):
        got = _item(raw, span, _POINTS, file)
        if got is None or got[0].get("unit") not in units:
            return None
        rows.extend(survey_model.build({"year": year[0], "points": [got[0]]}, file, got[1]).rows)
    return survey_model.Survey(year[0], file, tuple(rows), year[1])


# A survey row as cchc.yamlwrite writes it, in the one shape whose value every reader resolves
# alike and that the survey schema accepts whatever the values: a unit id that is a string
# (not null, true, false or a number), a criterion code the schema's pattern allows, and points
# from 0 to 999.x (or the criterion marked not applicable). Seven YAML nodes: the mapping,
# three keys, three values.
_SURVEY_ROW = (
    rb"\{unit: (?:(?!(?:null|true|false),)[a-z][a-z0-9-]*|\"[a-z0-9][a-z0-9-]*\"), "
    rb"code: (?:\"[A-Z]?[0-9]+(?:\.[0-9]+){0,2}\"|[A-Z][0-9]+(?:\.[0-9]+){0,2}), "
    rb"(?:points: (?:0|[1-9][0-9]{0,2})(?:\.[0-9]+)?|na: true)\}"
)
_ROW_NODES = 7
_POINTS_LINE = b"points:\n"


def canonical_survey(raw: bytes, file: str) -> bool:
    """True when the survey file is, provably and without parsing its rows, a valid document
    whose rows are its lines: its lines up to a last top-level ``points:`` line are a valid
    survey with no rows, and every later line is one row of the strict shape above (``_SURVEY_ROW``),
    so each is a valid row on its own, parsed in the whole file exactly as on its own, and the
    whole file stays within the parser's node limit. What a full load of such a file gives for
    a unit is what ``survey_of`` reads from that unit's lines; any other file is read whole."""
    if any(b in raw for b in _OTHER_BREAKS):
        return False
    first = _ITEM.search(raw)
    if first is None:
        return False
    head, rows = raw[: first.start()], raw[first.start() :]
    if not (head == _POINTS_LINE or head.endswith(b"\n" + _POINTS_LINE)):
        return False
    shape = re.compile(rb"^ {%d}- %s$" % (len(first.group(1)), _SURVEY_ROW), re.MULTILINE)
    count = len(shape.findall(rows))
    if count != rows.count(b"\n") + (not rows.endswith(b"\n")):
        return False  # a line that is not a row of that shape
    try:  # the lines before the rows, as a document whose list is empty
        top = parse(head[: -len(_POINTS_LINE)] + b"points: []\n", LIMIT)
    except YamlError:
        return False
    if list(top.data)[-1:] != ["points"] or schema.validate(top, "survey", file):
        return False
    nodes = len(top.positions) + len(top.key_positions) + _ROW_NODES * count
    return nodes <= yamlfile.MAX_NODES


@dataclass(frozen=True)
class RegistryFile:
    """One registry file as read for a run, whose layout was found faithful: its path and content."""

    file: str
    raw: bytes


class LazyUnits(Mapping[str, registry.Unit]):
    """The registry as ``Repository.units`` presents it (id → unit, first entry wins, files in
    order), reading an entry when it is asked for; listing every unit, or an entry that does not
    check out, loads the registry whole (``whole``)."""

    def __init__(self, files: Sequence[RegistryFile], whole: Callable[[], Mapping[str, registry.Unit]]) -> None:
        self._files = list(files)
        self._whole = whole
        self._full: Mapping[str, registry.Unit] | None = None
        self._read: dict[str, registry.Unit | None] = {}

    def _all(self) -> Mapping[str, registry.Unit]:
        if self._full is None:
            self._full = self._whole()
        return self._full

    def _lookup(self, uid: str) -> registry.Unit | None:
        if self._full is not None:
            return self._full.get(uid)
        if uid not in self._read:
            # the first file that has the id, and its first entry with it
            at = next(((f, found[0]) for f in self._files if (found := spans(f.raw, "id", uid))), None)
            unit = entry(at[0].raw, at[1], uid, at[0].file) if at else None
            if at is not None and unit is None:  # the lines do not hold the entry: read it all
                return self._all().get(uid)
            self._read[uid] = unit
        return self._read[uid]

    def __getitem__(self, uid: str) -> registry.Unit:
        unit = self._lookup(uid)
        if unit is None:
            raise KeyError(uid)
        return unit

    def __contains__(self, uid: object) -> bool:
        return isinstance(uid, str) and self._lookup(uid) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())
