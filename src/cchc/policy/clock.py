"""Times as people read them: in the province's time zone, Vietnamese order."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


def zone(offset: str | None) -> timezone:
    """'+07:00' → a fixed-offset zone (Vietnam has no daylight saving time)."""
    text = offset or "+07:00"
    sign = -1 if text.startswith("-") else 1
    hours, minutes = text.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def show(when: datetime, offset: str | None = None) -> str:
    local = when.astimezone(zone(offset))
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"
