"""The job a sandboxed worker runs on one evidence file: the facts of pdfscan and signatures.

Imported by the workers (and preloaded by the fork server), never runs in the validator's
own process on untrusted bytes.
"""

from __future__ import annotations

import os

from . import pdfscan


def analyse(path: str, roots: tuple[bytes, ...] = ()) -> dict:
    """Facts about the PDF at absolute ``path`` (opened without following a final link)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as fh:
            facts = pdfscan.scan(fh)
            if facts.get("status") == "ok" and facts.get("signed"):
                from . import signatures

                fh.seek(0)
                facts["signatures"] = signatures.verify(fh.read(), roots)
        return facts
    except MemoryError:
        return {"status": "too-complex", "reason": "memory"}
    except RecursionError:
        return {"status": "too-complex", "reason": "depth"}
    except OSError:
        return {"status": "unreadable"}
