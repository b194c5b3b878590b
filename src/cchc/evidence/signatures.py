"""Digital signatures in a PDF, verified offline with pyHanko (runs inside the sandbox).

For each signature: is it intact (the signed bytes are unchanged) and valid (the
cryptography checks out); what it covers (the whole file, or a revision followed by
appended bytes — pyHanko's own verdict accepts the latter, so coverage is kept as a fact
and judged in pdf.py); who signed and when (a timestamp token's time when there is one;
else the signer-reported time, which the signer's clock decides). The chain of trust is
checked only against the trust roots the plan names, at the signing time (so the answer
does not change as certificates expire); with no roots it is reported as not checked
(``trusted`` is None), never as trusted.
"""

from __future__ import annotations

import io
import logging
from datetime import datetime

from asn1crypto import pem, x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko_certvalidator import ValidationContext


def verify(data: bytes, roots: tuple[bytes, ...] = ()) -> list[dict]:
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL + 1)  # it logs tracebacks on hostile input
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL + 1)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        found = reader.embedded_signatures  # parses each signature's CMS blob
    except Exception:  # a corrupted blob fails here already
        return [{"field": "", "broken": True}]
    out = []
    for sig in found:
        entry: dict[str, object] = {"field": str(sig.field_name or "")}
        try:
            entry.update(_one(sig, roots, len(data)))
        except Exception:  # a corrupted signature blob raises rather than returning a status
            entry["broken"] = True
        out.append(entry)
    return out


def _one(sig, roots: tuple[bytes, ...], size: int) -> dict:
    def context(moment=None, trust=()):
        return ValidationContext(trust_roots=[_certificate(r) for r in trust], allow_fetching=False, moment=moment)

    _start, _length_a, offset_b, length_b = (int(x) for x in sig.byte_range)
    facts = {"appended": max(0, size - (offset_b + length_b)), "revision": int(sig.signed_revision)}
    if sig.sig_object_type == "/DocTimeStamp":
        stamp = validate_pdf_timestamp(sig, context())
        return facts | {
            "kind": "timestamp",
            "intact": bool(stamp.intact),
            "valid": bool(stamp.valid),
            "time": stamp.timestamp.isoformat(),
            "time_source": "timestamp",
            "signer": _name(stamp.signing_cert),
            "coverage": _enum(stamp.coverage),
            "modification": _enum(stamp.modification_level),
            "trusted": None,
        }
    status = validate_pdf_signature(sig, context())
    ts = status.timestamp_validity
    when: datetime | None  # a signer's own clock may be missing
    if ts is not None and ts.intact and ts.valid:
        when, source = ts.timestamp, "timestamp"
    else:
        when, source = status.signer_reported_dt, "signer"
    trusted = None
    if roots and status.intact and status.valid:
        trusted = bool(validate_pdf_signature(sig, context(when, roots), skip_diff=True).trusted)
    elif roots:
        trusted = False
    return facts | {
        "kind": "signature",
        "intact": bool(status.intact),
        "valid": bool(status.valid),
        "time": when.isoformat() if when else None,
        "time_source": source,
        "signer": _name(status.signing_cert),
        "coverage": _enum(status.coverage),
        "modification": _enum(status.modification_level),
        "trusted": trusted,
    }


def _certificate(data: bytes):
    if pem.detect(data):
        data = pem.unarmor(data)[2]
    return x509.Certificate.load(data)


def _name(cert) -> str:
    try:
        subject = cert.subject.native
        return str(subject.get("common_name") or cert.subject.human_friendly)
    except Exception:
        return ""


def _enum(value) -> str | None:
    return value.name if value is not None else None
