"""What a PDF file is, read with pypdf: runs inside a sandboxed worker (see sandbox.py).

Returns plain facts (a JSON-able dict), never findings: turning facts into Vietnamese
findings is pdf.py's job, so cached facts survive a change of wording.

- ``status``: ok | not-pdf | truncated | encrypted | unreadable | too-complex.
- ``repaired``: strict parsing failed but lenient parsing read the file.
- ``active``: JavaScript (or XFA), Launch actions, embedded files — found by walking the
  parsed objects, so an escaped name such as ``/J#61vaScript`` is caught too.
- ``page_kinds``: per analysed page, ``scan`` (images cover at least half the page),
  ``text`` (visible text, no large image) or ``blank``. Invisible OCR text (``3 Tr``)
  is not visible text, and text under a page-sized image does not make a scan digital.
- ``signed``: the file holds signature values (checked in depth by signatures.py).
"""

from __future__ import annotations

import io
import logging
from typing import Any

from pypdf import PasswordType, PdfReader
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject, StreamObject

HEAD_WINDOW = 1024  # the header may follow a little junk (the spec allows it)
TAIL_WINDOW = 1024  # where a reader looks for %%EOF
MAX_OBJECTS = 200_000  # objects visited in the active-content walk
MAX_PAGES_CLASSIFIED = 50
SCAN_COVERAGE = 0.5
_TEXT_OPS = {b"Tj", b"TJ", b"'", b'"'}


class TooComplex(Exception):
    pass


class _LogCollector(logging.Handler):
    """pypdf reports what it repaired through logging; keep the messages as facts."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def scan(data_or_file) -> dict:
    """Facts about one PDF. ``data_or_file`` is bytes or a binary file opened for reading."""
    fh = io.BytesIO(data_or_file) if isinstance(data_or_file, (bytes, bytearray)) else data_or_file
    head = fh.read(HEAD_WINDOW)
    if b"%PDF-" not in head:
        return {"status": "not-pdf"}
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    fh.seek(max(0, size - TAIL_WINDOW))
    if b"%%EOF" not in fh.read():
        return {"status": "truncated"}
    try:
        reader, repaired = _open(fh)
        if reader is None:
            return {"status": "unreadable"}
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            return {"status": "encrypted"}
        pages = len(reader.pages)
        active, signed = _walk(reader)
        kinds = (
            []
            if signed
            else [
                _page_kind(reader, reader.pages[i])  # a signed file is judged by its signatures
                for i in range(min(pages, MAX_PAGES_CLASSIFIED))
            ]
        )
    except (LimitReachedError, TooComplex, RecursionError, MemoryError):
        return {"status": "too-complex"}
    except Exception:  # any other parser failure on untrusted input is a fact, not a crash
        return {"status": "unreadable"}
    return {
        "status": "ok",
        "pages": pages,
        "repaired": repaired,
        "active": sorted(active),
        "signed": signed,
        "page_kinds": kinds,
    }


def _open(fh) -> tuple[PdfReader | None, bool]:
    """Strict first; lenient (with pypdf's repairs) as a fallback, reported as repaired."""
    log = logging.getLogger("pypdf")
    collector = _LogCollector()
    log.addHandler(collector)
    log.propagate = False
    try:
        for strict in (True, False):
            fh.seek(0)
            try:
                reader = PdfReader(fh, strict=strict)
                if not reader.is_encrypted:
                    len(reader.pages)  # forces the page tree: a broken tree fails here, not later
                return reader, (not strict) or bool(collector.messages)
            except (LimitReachedError, RecursionError, MemoryError):
                raise
            except Exception:
                continue
        return None, False
    finally:
        log.removeHandler(collector)


def _walk(reader: PdfReader) -> tuple[set, bool]:
    """Every object reachable from the trailer, once: what active content it carries."""
    active: set[str] = set()
    signed = False
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise TooComplex()
        if isinstance(obj, DictionaryObject):
            active |= _active_in(obj)
            if obj.get("/Type") in ("/Sig", "/DocTimeStamp") and "/ByteRange" in obj:
                signed = True
            stack.extend(v for k, v in obj.items() if k != "/Parent")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return active, signed


def _active_in(d: DictionaryObject) -> set[str]:
    found = set()
    action = d.get("/S")
    if action == "/JavaScript" or "/JS" in d or "/XFA" in d:
        found.add("javascript")
    if action == "/Launch":
        found.add("launch")
    if "/EmbeddedFiles" in d or "/EF" in d or d.get("/Subtype") == "/FileAttachment":
        found.add("embedded-file")
    if "/JavaScript" in d:  # the document-level /Names /JavaScript tree
        found.add("javascript")
    return found


def _page_kind(reader: PdfReader, page) -> str:
    box = page.mediabox
    area = abs(float(box.width) * float(box.height))
    if area <= 0:
        return "blank"
    state = {"image_area": 0.0, "text": False}
    _run(reader, page.get_contents(), page.get("/Resources"), (1, 0, 0, 1, 0, 0), state, 0)
    if state["image_area"] / area >= SCAN_COVERAGE:
        return "scan"
    return "text" if state["text"] else "blank"


Matrix = tuple[float, ...]  # a b c d e f


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m × n for PDF matrices (a b c d e f)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _area(ctm: Matrix) -> float:
    """The area of the unit square drawn under ``ctm``: how much of the page an image covers."""
    return abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])


class _Graphics:
    """The part of the graphics state the scan needs: the matrix and the text rendering mode."""

    def __init__(self, ctm: Matrix) -> None:
        self.ctm, self.render = ctm, 0
        self.saved: list[tuple[Matrix, int]] = []

    def apply(self, op: bytes, operands: list[Any]) -> bool:
        """Apply a state operator (q, Q, cm, Tr); False for any other operator."""
        if op == b"q":
            self.saved.append((self.ctm, self.render))
        elif op == b"Q" and self.saved:
            self.ctm, self.render = self.saved.pop()
        elif op == b"cm" and len(operands) == 6:
            self.ctm = _mul(tuple(float(x) for x in operands), self.ctm)
        elif op == b"Tr" and operands:
            self.render = int(operands[0])
        else:
            return False
        return True


def _resources(resources: Any) -> tuple[Any, Any]:
    """The resource dictionary (empty when missing) and its XObjects."""
    resources = resources.get_object() if resources is not None else DictionaryObject()
    xobjects = resources.get("/XObject")
    return resources, (xobjects.get_object() if xobjects is not None else {})


def _draw(reader: PdfReader, xobject: Any, resources: Any, ctm: Matrix, state: dict[str, Any], depth: int) -> None:
    """``Do``: an image covers its area; a form is a content stream of its own."""
    xo = xobject.get_object() if xobject is not None else None
    if not isinstance(xo, StreamObject):
        return
    if xo.get("/Subtype") == "/Image":
        state["image_area"] += _area(ctm)
    elif xo.get("/Subtype") == "/Form":
        matrix = tuple(float(x) for x in xo.get("/Matrix", (1, 0, 0, 1, 0, 0)))
        inner = _mul(matrix, ctm) if len(matrix) == 6 else ctm
        _run(reader, xo, xo.get("/Resources", resources), inner, state, depth + 1)


def _run(reader: PdfReader, contents: Any, resources: Any, ctm: Matrix, state: dict[str, Any], depth: int) -> None:
    """Interpret just enough of a content stream: the matrix, images drawn, visible text."""
    if contents is None or depth > 4:
        return
    if not isinstance(contents, ContentStream):
        contents = ContentStream(contents, reader)
    resources, xobjects = _resources(resources)
    graphics = _Graphics(ctm)
    for operands, op in contents.operations:
        if graphics.apply(op, operands):
            continue
        if op in _TEXT_OPS and graphics.render != 3 and _has_text(operands):
            state["text"] = True
        elif op == b"INLINE IMAGE":
            state["image_area"] += _area(graphics.ctm)
        elif op == b"Do" and operands:
            xobject = xobjects.get(operands[0]) if hasattr(xobjects, "get") else None
            _draw(reader, xobject, resources, graphics.ctm, state, depth)


def _has_text(operands) -> bool:
    for o in operands:
        if isinstance(o, (str, bytes)) and len(o):
            return True
        if isinstance(o, ArrayObject) and any(isinstance(x, (str, bytes)) and len(x) for x in o):
            return True
    return False
