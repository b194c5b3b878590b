"""Machine-readable findings (stable key order, UTF-8)."""

from __future__ import annotations

import json

from ..findings import Finding


def render(findings: list[Finding], *, checked: int | None = None, **_) -> str:
    items = [f.as_dict() for f in sorted(set(findings))]
    doc = {
        "errors": sum(1 for f in findings if f.is_error),
        "warnings": sum(1 for f in findings if not f.is_error),
        "checked": checked,
        "findings": items,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
