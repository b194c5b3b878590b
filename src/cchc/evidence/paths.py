"""Resolve an evidence reference written in a dossier to a repo-relative path, safely.

A reference is relative to the unit's own folder (``evidence/ke-hoach.pdf``). Refused
before any file is touched: control characters, links (``https://…``), absolute paths,
``..`` and another unit's folder — so a reference can never make the validator read
outside the unit's folder. Windows backslashes get their own finding (a path copied
from Explorer is better fixed than guessed). Accepted as ordinary tools write them: a
leading ``./``, a path from the repository root to the unit's own folder with or
without a leading ``/`` (what the web editor writes), and names in NFD (macOS) as well
as NFC, on either side.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

from .. import codes

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_UNSHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\udc80-\udcff]")  # what shown() escapes
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^(file|data|javascript):", re.IGNORECASE)


class BadPath(Exception):
    """A reference refused: the finding's code (its name), message and hint."""

    def __init__(self, code: codes.Code, **fields: object) -> None:
        message, hint = code.words(**fields)
        super().__init__(message)
        self.code, self.message, self.hint = code.name, message, hint


def shown(text: str) -> str:
    """A path as it can be shown to a person: control and undecodable characters escaped
    (almost every path has none: one scan, and the text itself back)."""
    return _UNSHOWN.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogate)
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def resolve(folder: str, written: str) -> str:
    """``folder`` is the unit's repo-relative folder; returns the repo-relative file path."""
    text = unicodedata.normalize("NFC", written.strip())
    if not text:
        raise BadPath(codes.EVIDENCE_PATH_EMPTY)
    if _CONTROL.search(text):
        raise BadPath(codes.EVIDENCE_PATH_CONTROL, path=shown(text))
    if _URL.match(text):
        raise BadPath(codes.EVIDENCE_PATH_URL, path=text[:80])
    if "\\" in text:  # a path copied from Windows Explorer: say how to write it rather than guess
        raise BadPath(codes.EVIDENCE_PATH_BACKSLASH, path=text)
    if text.startswith("/submissions/"):
        text = text[1:]  # a path from the repository root, as the web editor writes it
    if text.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", text):
        raise BadPath(codes.EVIDENCE_PATH_ABSOLUTE, path=text)
    while text.startswith("./"):
        text = text[2:]
    if text.startswith(folder + "/"):
        text = text[len(folder) + 1 :]  # a repo-relative path to the unit's own folder is harmless
    parts = text.split("/")
    if ".." in parts:
        raise BadPath(codes.EVIDENCE_PATH_OUTSIDE, path=text)
    if parts[0] == "submissions":
        raise BadPath(codes.EVIDENCE_PATH_OTHER_UNIT, path=text)
    return posixpath.normpath(f"{folder}/{text}")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _as_stored(source, rel: str, exists) -> str | None:
    """``rel`` as stored, where names may be in any Unicode normal form (NFD from macOS)."""
    if exists(rel):
        return rel
    parent, _, name = rel.rpartition("/")
    folder = on_disk_dir(source, parent) if parent else ""
    if folder is None:
        return None
    for candidate in source.listdir(folder):
        full = f"{folder}/{candidate}" if folder else candidate
        if nfc(candidate) == nfc(name) and exists(full):
            return full
    return None


def on_disk(source, rel: str) -> str | None:
    """The path of the file ``rel`` as stored (a link counts, to be reported); None if absent."""
    return _as_stored(source, rel, lambda r: source.is_file(r) or source.is_symlink(r))


def on_disk_dir(source, rel: str) -> str | None:
    return _as_stored(source, rel, source.is_dir)
