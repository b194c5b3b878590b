"""A strict, safe YAML reader that keeps the line and column of every value.

Built on libyaml's event stream (PyYAML's C parser) rather than on a constructor, so
that nothing recursive or expanding ever runs on untrusted input:
- anchors and aliases are refused (an alias bomb costs nothing to parse but explodes
  on first traversal);
- duplicate keys are refused (PyYAML silently keeps the last one);
- plain scalars resolve by a small, strict rule set: ``true``/``false``, ``null``/``~``,
  integers, decimals (as ``decimal.Decimal``, never float) and otherwise strings. So
  ``NO``, ``12:30``, ``012``, ``2025-01-15`` and ``1.10`` stay what the user wrote;
- size, nesting depth and node count are capped;
- only the core tags are accepted; ``!!python/object`` and friends are refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, NoReturn, Protocol

import yaml

from .. import codes
from ..model.document import JsonPath
from ..model.numbers import count

# The C parser (libyaml) is ~10x faster; fall back only where it is missing.
_EventLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 500_000
MAX_SCALAR = 100_000  # characters in one value: a long explanation is a few thousand

Path = JsonPath  # a JSON path: tuple of str keys and int indexes

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DEC = re.compile(r"[-+]?(0|[1-9][0-9]*)\.[0-9]+")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# The first characters of what resolves to something other than text (null, booleans, numbers).
_NOT_ONLY_TEXT = frozenset("0123456789+-~nNtTfF")
_CORE = "tag:yaml.org,2002:"
_STR_TAG = _CORE + "str"
_ALLOWED_TAGS = {None, "!", _STR_TAG, _CORE + "map", _CORE + "seq"}


class YamlError(Exception):
    """A file that cannot be read as data: the finding's code (its name), message, hint and place."""

    def __init__(self, code: codes.Code, line: int = 0, column: int = 0, **fields: object) -> None:
        message, hint = code.words(**fields)
        super().__init__(message)
        self.code, self.message, self.hint = code.name, message, hint
        self.line, self.column = line, column


# Where a value stands: (line, column), or libyaml's mark of its first character (the reader
# keeps the mark and works out the line and column only for the few places asked for).
class Mark(Protocol):
    @property
    def line(self) -> int: ...  # from 0

    @property
    def column(self) -> int: ...


Place = tuple[int, int] | Mark


def place(at: Place) -> tuple[int, int]:
    """Line and column (from 1) of a place."""
    return at if isinstance(at, tuple) else (at.line + 1, at.column + 1)


# Where the values of a container stand, kept beside it while the document is read: for a
# mapping, key → (the key's place, the value's place, the value's own marks or None); for a
# sequence, one (the item's place, its marks or None) per item. Cheaper to make than a place
# per path (no path is built per value), and walked only for the few paths asked about.
MappingMarks = dict[str, tuple[Place, Place, "Marks | None"]]
SequenceMarks = list[tuple[Place, "Marks | None"]]
Marks = MappingMarks | SequenceMarks


class Parsed:
    """The data of one YAML document and where each value stands in the file: given as a place
    per path (``positions``, and ``key_positions`` for the keys of mapping values), or, as the
    reader gives it, as the root's place and the marks beside its containers."""

    def __init__(
        self,
        data: dict[str, Any],
        positions: Mapping[Path, Place] | None = None,
        key_positions: Mapping[Path, Place] | None = None,
        *,
        root: tuple[Place, Marks | None] | None = None,
    ) -> None:
        self.data = data
        self._root = root
        if root is None:  # given as a place per path: a path not given has no place of its own
            positions, key_positions = positions or {}, key_positions or {}
        self._positions = positions
        self._key_positions = key_positions

    @property
    def positions(self) -> Mapping[Path, Place]:
        """Path → where the value stands."""
        if self._positions is None:
            self._positions, self._key_positions = _flattened(self._root)
        return self._positions

    @property
    def key_positions(self) -> Mapping[Path, Place]:
        """Path → where the key of a mapping's value stands."""
        if self._key_positions is None:
            self._positions, self._key_positions = _flattened(self._root)
        return self._key_positions

    def where(self, path: Path) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest located ancestor."""
        if self._root is not None:
            return place(_walk(self._root, tuple(path))[0])
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return place(self.positions.get(path, (1, 1)))

    def key_where(self, path: Path) -> tuple[int, int]:
        path = tuple(path)
        found = _walk(self._root, path)[1] if self._root is not None else self.key_positions.get(path)
        return place(found) if found is not None else self.where(path)


def _walk(root: tuple[Place, Marks | None], path: Path) -> tuple[Place, Place | None]:
    """Where the value at ``path`` (or its nearest ancestor) stands, and where its key stands
    when ``path`` itself is a mapping's value (else None)."""
    at, marks = root
    key_at: Place | None = None
    for step in path:
        if type(marks) is dict and type(step) is str and step in marks:
            key_at, at, marks = marks[step]
        elif type(marks) is list and type(step) is int and 0 <= step < len(marks):
            key_at, (at, marks) = None, marks[step]
        else:
            return at, None
    return at, key_at


def _flattened(root: tuple[Place, Marks | None] | None) -> tuple[dict[Path, Place], dict[Path, Place]]:
    """A place per path, for values and for the keys of mapping values."""
    positions: dict[Path, Place] = {}
    key_positions: dict[Path, Place] = {}
    todo: list[tuple[Path, Place, Marks | None]] = [((), *root)] if root is not None else []
    while todo:
        path, at, marks = todo.pop()
        positions[path] = at
        if type(marks) is dict:
            for key, (key_at, value_at, inner) in marks.items():
                key_positions[(*path, key)] = key_at
                todo.append(((*path, key), value_at, inner))
        elif type(marks) is list:
            todo.extend(((*path, i), item_at, inner) for i, (item_at, inner) in enumerate(marks))
    return positions, key_positions


def _resolve(value: str) -> str | int | bool | Decimal | None:
    if value and value[0] not in _NOT_ONLY_TEXT:  # most values: words
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        return int(value)
    if _DEC.fullmatch(value):
        return Decimal(value)
    return value


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark  # libyaml marks every event it parses
    return place(mark) if mark else (0, 0)


def too_large(size: int, max_bytes: int = MAX_BYTES) -> YamlError:
    return YamlError(codes.YAML_TOO_LARGE, size=size, limit=max_bytes)


def decode(raw: bytes, max_bytes: int = MAX_BYTES) -> str:
    """Bytes → text: UTF-8 only (a BOM is accepted), NFC-normalised."""
    if len(raw) > max_bytes:
        raise too_large(len(raw), max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(codes.YAML_ENCODING, line, column) from None
    if "\x00" in text:
        at = text.index("\x00")
        raise YamlError(codes.YAML_NUL, text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1)
    return unicodedata.normalize("NFC", text)


def _tab_indent(text: str) -> tuple[int, int] | None:
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return number, len(line) - len(stripped) + 1
    return None


def parse(raw: bytes, max_bytes: int = MAX_BYTES) -> Parsed:
    """Parse one YAML document. Raises YamlError with a Vietnamese message."""
    text = decode(raw, max_bytes)
    try:
        return _build(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = place(mark) if mark else (0, 0)
        tab = _tab_indent(text)
        if tab:
            raise YamlError(codes.YAML_TAB, *tab) from None
        raise YamlError(codes.YAML_SYNTAX, line, column, problem=_problem_vi(exc.problem)) from None
    except yaml.YAMLError as exc:  # reader errors (control characters) have no problem_mark
        position = getattr(exc, "position", None)
        line, column = (0, 0)
        if isinstance(position, int) and 0 <= position <= len(text):
            line = text.count("\n", 0, position) + 1
            column = position - (text.rfind("\n", 0, position) + 1) + 1
        raise YamlError(codes.YAML_CONTROL, line, column) from None


def _problem_vi(problem: str | None) -> str:
    # Messages of libyaml (the C parser used here) and of PyYAML's pure-Python parser.
    table = {
        "found character '\\t' that cannot start any token": "có ký tự Tab không hợp lệ",
        "found character that cannot start any token": "có ký tự không được đứng đầu một giá trị (như '@', '`', '%' "
        "hoặc Tab) — hãy đặt giá trị trong dấu nháy kép",
        "mapping values are not allowed": "dấu hai chấm đặt sai chỗ (có thể thiếu dấu nháy quanh một giá trị chứa ':')",
        "block sequence entries are not allowed": "dấu gạch đầu dòng '- ' đặt sai chỗ (danh sách phải bắt đầu "
        "ở dòng mới, thụt vào dưới tên trường)",
        "did not find expected key": "thụt lề không khớp với các dòng trên, hoặc có chữ thừa sau một giá trị "
        "trong dấu nháy",
        "did not find expected '-' indicator": "thụt lề không khớp: dòng này lẽ ra là một mục '- ' của danh sách",
        "did not find expected ',' or ']'": "thiếu dấu phẩy hoặc dấu ngoặc đóng ']'",
        "did not find expected ',' or '}'": "thiếu dấu phẩy hoặc dấu ngoặc đóng '}'",
        "found unknown escape character": "dấu '\\' trong dấu nháy kép phải đi với một ký tự hợp lệ "
        "(dùng dấu nháy đơn, hoặc viết '\\\\')",
        "did not find expected alphabetic or numeric character": "ký tự '&' hoặc '*' đứng riêng — "
        "hãy đặt giá trị trong dấu nháy kép",
        "could not find expected ':'": "thiếu dấu hai chấm sau tên trường",
        "found unexpected end of stream": "tệp kết thúc khi còn dấu nháy hoặc ngoặc chưa đóng",
        "expected <block end>, but found '-'": "gạch đầu dòng thụt lề không khớp",
        "expected <block end>, but found '<block sequence start>'": "gạch đầu dòng thụt lề không khớp",
        "expected <block end>, but found '<block mapping start>'": "thụt lề không khớp với các dòng trên",
        "found undefined alias": "dùng bí danh (alias) không được phép",
    }
    if not problem:
        return "không đọc được cấu trúc"
    for english, vietnamese in table.items():
        if problem.startswith(english):
            return vietnamese
    return "không đọc được cấu trúc tại đây"


_NO_KEY = object()
_SCALAR, _MAP_START, _SEQ_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_SKIP = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)


def _build(text: str) -> Parsed:
    """The document in ``text``, from libyaml's events taken straight from the parser
    (``yaml.parse``'s generator around the same calls costs 12 % more)."""
    loader = _EventLoader(text)
    try:
        return _assemble(loader.get_event)
    finally:
        loader.dispose()


def _assemble(next_event: Callable[[], Any]) -> Parsed:
    """One pass over the events (``next_event`` gives None after the last). This loop is the hot
    path of a full validation (millions of events at national scale), hence the local names and
    the scalars, most events, handled here rather than by a function each."""
    # Open containers: [container, its marks, pending key (or _NO_KEY), the key's place]; the
    # first is the document's own, a list whose one item is the document's value
    document: list[Any] = []
    document_marks: SequenceMarks = []
    stack: list[list[Any]] = [[document, document_marks, _NO_KEY, None]]
    state: list[int] = [0, 0]  # containers opened, documents begun
    nodes = 0  # scalars
    scalar, resolve, no_key, allowed, ends = _SCALAR, _resolve, _NO_KEY, _ALLOWED_TAGS, _ENDS
    while (event := next_event()) is not None:
        if type(event) is not scalar:
            if type(event) in ends:  # a container closed: half of the other events
                stack.pop()
            else:
                _structural(event, stack, state, nodes)
            continue
        nodes += 1
        where: Any = event.start_mark  # libyaml marks every event it parses
        raw, tag = event.value, event.tag
        if nodes + state[0] > MAX_NODES or event.anchor or tag not in allowed or len(raw) > MAX_SCALAR:
            _refuse_scalar(event, where, nodes + state[0])
        value = resolve(raw) if (tag is None and event.implicit[0] and not event.style) else raw
        frame = stack[-1]
        container = frame[0]
        if type(container) is list:
            container.append(value)
            frame[1].append((where, None))
        elif frame[2] is no_key:  # this value is a key: half the scalars
            key = str(value)  # the same text when it is one
            if key in container:
                _refuse_duplicate(key, where)
            frame[2], frame[3] = key, where
        else:
            key = frame[2]
            container[key] = value
            frame[1][key] = (frame[3], where, None)
            frame[2] = no_key
    data = _document(document[0] if document else None, state[1])
    return Parsed(data, root=document_marks[0])


def _refuse_scalar(event: Any, at: Place, nodes: int) -> None:
    """Raise what is wrong with a scalar, the first of: too many values, an anchor, a tag, its length."""
    where = place(at)
    if nodes > MAX_NODES:
        raise YamlError(codes.YAML_TOO_MANY_NODES, *where)
    if event.anchor:
        _refuse_alias(event)
    if event.tag not in _ALLOWED_TAGS:
        raise YamlError(codes.YAML_TAG, *where, tag=event.tag)
    raise YamlError(codes.YAML_VALUE_TOO_LONG, *where, limit=count(MAX_SCALAR))


def _structural(event: Any, stack: list[list[Any]], state: list[int], scalars: int) -> None:
    """An event that is neither a scalar nor a container's end: a container opened, a document,
    an alias."""
    kind = type(event)
    if kind is not _MAP_START and kind is not _SEQ_START:
        state[1] = _structure(event, state[1])
        return
    state[0] += 1
    if state[0] + scalars > MAX_NODES:
        raise YamlError(codes.YAML_TOO_MANY_NODES, *_mark(event))
    opened, where = _opened(event, len(stack) - 1)  # the document's own is no depth
    marks: Marks = {} if type(opened) is dict else []
    # attached as _assemble attaches a scalar (written out there: the hot path)
    frame = stack[-1]
    container = frame[0]
    if type(container) is list:
        container.append(opened)
        frame[1].append((where, marks))
    elif frame[2] is _NO_KEY:  # a container as a key
        raise YamlError(codes.YAML_COMPLEX_KEY, *place(where))
    else:
        key = frame[2]
        container[key] = opened
        frame[1][key] = (frame[3], where, marks)
        frame[2] = _NO_KEY
    stack.append([opened, marks, _NO_KEY, None])


def _refuse_alias(event: yaml.Event) -> NoReturn:
    raise YamlError(codes.YAML_ALIAS, *_mark(event))


def _structure(event: yaml.Event, documents: int) -> int:
    """An event that is not a value (stream, document, alias): the documents seen so far."""
    if isinstance(event, yaml.DocumentStartEvent):
        documents += 1
        if documents > 1:
            raise YamlError(codes.YAML_MULTIPLE_DOCUMENTS, *_mark(event))
    elif isinstance(event, yaml.AliasEvent):
        _refuse_alias(event)
    return documents


def _opened(event: Any, depth: int) -> tuple[dict[str, Any] | list[Any], Place]:
    """The empty container a mapping or sequence start opens, and where it stands."""
    if event.anchor:
        _refuse_alias(event)
    where: Place = event.start_mark
    if event.tag not in _ALLOWED_TAGS:
        raise YamlError(codes.YAML_TAG, *place(where), tag=event.tag)
    if depth >= MAX_DEPTH:
        raise YamlError(codes.YAML_TOO_DEEP, *place(where), depth=MAX_DEPTH)
    return ({} if isinstance(event, yaml.MappingStartEvent) else []), where


def _refuse_duplicate(key: str, where: Place) -> NoReturn:
    raise YamlError(codes.YAML_DUPLICATE_KEY, *place(where), key=key)


def _document(root: object, documents: int) -> dict[str, Any]:
    """The document's data, once it is known to be one mapping."""
    if documents == 0:
        raise YamlError(codes.YAML_EMPTY, 1, 1)
    if not isinstance(root, dict):
        raise YamlError(codes.YAML_NOT_MAPPING, 1, 1)
    return root
