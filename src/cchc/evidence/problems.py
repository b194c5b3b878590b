"""Evidence problems (their wording is in cchc.codes), and the judgement of signatures.

Severity choices:
- a PDF the council cannot open safely or at all (not a PDF, truncated, password,
  JavaScript, launch actions, embedded files, too complex to check) is an error;
- a born-digital PDF without a digital signature is an error: the rule is that evidence
  is a scan of the signed paper document or an electronic document with a digital
  signature, and an unsigned word-processor export is neither. The test is
  conservative — flagged only when there is no signature and fewer than half of the
  pages are page images — so OCR'd scans (invisible text) and typed cover pages pass;
- a repaired file and a signature whose chain could not be checked are warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from .. import codes
from ..findings import Severity


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    hint: str
    severity: Severity = Severity.ERROR


# Active content a PDF may carry (the worker's "active" facts), each refused by its own code.
ACTIVE = {
    "javascript": codes.EVIDENCE_PDF_JAVASCRIPT,
    "launch": codes.EVIDENCE_PDF_LAUNCH,
    "embedded-file": codes.EVIDENCE_PDF_EMBEDDED_FILE,
}
_MODIFICATIONS = {
    "FORM_FILLING": "điền biểu mẫu hoặc thêm chữ ký",
    "ANNOTATIONS": "thêm ghi chú, chú thích",
    "OTHER": "thay đổi nội dung",
}
_ALLOWED_AFTER = {"NONE", "LTA_UPDATES"}  # later timestamps and validation data only


def make(code: codes.Code, **values) -> Problem:
    if "size" in values:
        values.update(mb=f"{values['size'] / 1048576:.1f}", limit_mb=f"{values['limit'] / 1048576:g}")
    message, hint = code.words(**values)
    return Problem(code.name, message, hint, code.severity)


def of_status(status: str) -> Problem:
    """A file the parser could not go through (status other than ok and too-complex)."""
    if status == "truncated":  # same code as any unreadable file; the message says why
        return make(codes.EVIDENCE_PDF_TRUNCATED)
    code = {"not-pdf": codes.EVIDENCE_NOT_PDF, "encrypted": codes.EVIDENCE_ENCRYPTED}.get(
        status, codes.EVIDENCE_PDF_UNREADABLE
    )
    return make(code)


def too_complex(limits) -> Problem:
    return make(codes.EVIDENCE_PDF_TOO_COMPLEX, seconds=f"{limits.timeout:g}", memory=limits.memory_mb)


def lfs_missing(head: bytes) -> Problem:
    size = re.search(rb"\nsize (\d+)", head)
    return make(codes.EVIDENCE_LFS_MISSING, known=f" (tệp thật {int(size.group(1)) / 1048576:.1f} MB)" if size else "")


def clean(text: str, limit: int = 80) -> str:
    """A name taken from a certificate or a PDF, safe to show: no control characters, short."""
    text = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", str(text)).strip()
    return (text[:limit] + "…") if len(text) > limit else (text or "người ký không rõ tên")


def _when(iso: str | None) -> str:
    """' (ký lúc 10:00 ngày 10/01/2025)' in Vietnam time, or nothing when the time is unknown."""
    if iso is None:
        return ""
    try:
        when = datetime.fromisoformat(iso).astimezone(timezone(timedelta(hours=7)))
    except (TypeError, ValueError):
        return ""
    return f" (ký lúc {when:%H:%M} ngày {when:%d/%m/%Y})"


def _coverage(s: dict[str, Any], signer: str, last: int) -> Problem | None:
    """A signature that does not cover the whole file: what was changed or appended after it."""
    if s.get("coverage") == "ENTIRE_FILE":
        return None
    modification = s.get("modification") or "NONE"
    later_signed = s.get("revision", 0) < last
    if modification in _MODIFICATIONS and not (later_signed and modification == "FORM_FILLING"):
        return make(codes.EVIDENCE_SIGNATURE_MODIFIED, signer=signer, what=_MODIFICATIONS[modification])
    if not later_signed and modification == "NONE" and s.get("appended"):
        return make(codes.EVIDENCE_SIGNATURE_APPENDED, signer=signer, bytes=s["appended"])
    return None


def _trust(s: dict[str, Any], signer: str) -> Problem | None:
    """A signature (not a timestamp) whose certificate chain is unchecked or untrusted."""
    if s.get("kind") != "signature":
        return None
    if s.get("trusted") is None:
        return make(codes.EVIDENCE_SIGNATURE_CHAIN_UNVERIFIED, signer=signer)
    if not s["trusted"]:
        return make(codes.EVIDENCE_SIGNATURE_UNTRUSTED, signer=signer)
    return None


def _signature(s: dict[str, Any], last: int) -> list[Problem]:
    signer = clean(s.get("signer", "")) + _when(s.get("time"))
    if s.get("broken"):
        name = s.get("field") or ""
        return [make(codes.EVIDENCE_SIGNATURE_BROKEN, field=f" '{clean(name, 40)}'" if name.strip() else "")]
    if not (s.get("intact") and s.get("valid")):
        return [make(codes.EVIDENCE_SIGNATURE_INVALID, signer=signer)]
    return [p for p in (_coverage(s, signer, last), _trust(s, signer)) if p is not None]


def of_signatures(sigs: list[dict[str, Any]]) -> list[Problem]:
    """Judge every signature. Bytes after a signature are fine only when they are later
    signatures, timestamps or validation data; the last revision must be signed whole."""
    last = max((s.get("revision", 0) for s in sigs), default=0)
    return [p for s in sorted(sigs, key=lambda s: s.get("revision", 0)) for p in _signature(s, last)]
