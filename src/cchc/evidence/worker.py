"""The jobs a sandboxed worker runs on one evidence file: the facts of pdfscan and signatures.

Imported by the workers (and preloaded by the fork server), never runs in the validator's
own process on untrusted bytes. ``scan`` needs pypdf only; ``analyse`` also checks the
signatures of a signed file with pyHanko (0.8 s to import), so only workers that check a
signed file load it (``pdf.Inspector.prefetch``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import BinaryIO

from . import pdfscan

SIGNATURES = ("cchc.evidence.signatures",)  # what a worker that runs ``analyse`` on a signed file imports first


def signed(facts: dict) -> bool:
    """True when ``scan`` found a readable file with signatures: ``analyse`` must check them."""
    return facts.get("status") == "ok" and bool(facts.get("signed"))


def scan(path: str) -> dict:
    """The facts of the PDF at absolute ``path`` without its signatures (for a file that has none,
    exactly what ``analyse`` gives)."""
    return _facts(path, pdfscan.scan)


def analyse(path: str, roots: tuple[bytes, ...] = ()) -> dict:
    """Facts about the PDF at absolute ``path`` (opened without following a final link)."""

    def read(fh: BinaryIO) -> dict:
        facts = pdfscan.scan(fh)
        if signed(facts):
            from . import signatures

            fh.seek(0)
            facts["signatures"] = signatures.verify(fh.read(), roots)
        return facts

    return _facts(path, read)


def _facts(path: str, read: Callable[[BinaryIO], dict]) -> dict:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as fh:
            return read(fh)
    except MemoryError:
        return {"status": "too-complex", "reason": "memory"}
    except RecursionError:
        return {"status": "too-complex", "reason": "depth"}
    except OSError:
        return {"status": "unreadable"}
