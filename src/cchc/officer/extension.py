"""`cchc year extend`: an extension (gia hạn) granted to one unit, recorded in the year's plan.

Only the Department of Home Affairs grants extensions; the decision that grants it is
named in the plan next to the new deadline, and the deadline checks read it from there.
"""

from __future__ import annotations

import re
from datetime import datetime

PHASES = {"tu-danh-gia": "self_assessment_closes", "giai-trinh": "explanation_closes"}
ORDER = ("year", "title", "decision", "frameworks", "deadlines", "extensions", "councils", "routing", "evidence")


class ExtendError(Exception):
    """Why the extension cannot be recorded; a Vietnamese sentence for the officer."""


def shown(stamp: str) -> str:
    """'2026-01-10T23:59:59+07:00' → '23:59 ngày 10/01/2026'."""
    return f"{stamp[11:16]} ngày {stamp[8:10]}/{stamp[5:7]}/{stamp[:4]}"


def parse_until(text: str, timezone: str = "+07:00") -> str:
    """'10/01/2026' (end of that day) or '10/01/2026 17:00' → '2026-01-10T23:59:59+07:00'."""
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?", text.strip())
    if not m:
        raise ExtendError(
            f"thời hạn '{text}' phải có dạng ngày/tháng/năm, có thể kèm giờ:phút (ví dụ 10/01/2026 17:00)."
        )
    day, month, year, hour, minute = m.groups()
    clock = f"{int(hour):02d}:{minute}:00" if hour else "23:59:59"
    stamp = f"{year}-{int(month):02d}-{int(day):02d}T{clock}{timezone}"
    try:
        datetime.fromisoformat(stamp)
    except ValueError:
        raise ExtendError(f"thời hạn '{text}' không phải một ngày giờ có thật.") from None
    return stamp


def extend(raw: dict, unit: str, phase: str, until: str, decision: str) -> dict:
    """The plan document with the unit's extension added or replaced (one entry per unit)."""
    key = PHASES[phase]
    general = raw["deadlines"][key]
    if datetime.fromisoformat(until) <= datetime.fromisoformat(general.replace("Z", "+00:00")):
        raise ExtendError(f"thời hạn gia hạn ({shown(until)}) không muộn hơn thời hạn chung ({shown(general)}).")
    extensions = [dict(e) for e in raw.get("extensions") or ()]
    entry = next((e for e in extensions if e["unit"] == unit), None)
    if entry is None:
        entry = {"unit": unit}
        extensions.append(entry)
    entry["decision"] = decision
    entry[key] = until
    entry = {k: entry[k] for k in ("unit", "decision", *PHASES.values()) if k in entry}
    extensions = [entry if e["unit"] == unit else e for e in extensions]
    doc = dict(raw, extensions=extensions)
    return {k: doc[k] for k in sorted(doc, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER))}
