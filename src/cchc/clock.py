"""Times: as people read them (the province's time zone, Vietnamese order), as events and
records write them (ISO 8601 with an offset), and now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone


def zone(offset: str | None) -> timezone:
    """'+07:00' → a fixed-offset zone (Vietnam has no daylight saving time)."""
    text = offset or "+07:00"
    sign = -1 if text.startswith("-") else 1
    hours, minutes = text.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def show(when: datetime, offset: str | None = None) -> str:
    local = when.astimezone(zone(offset))
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def parse_time(text: str) -> datetime:
    """ISO 8601 with an offset or Z; a time without an offset is refused (its zone is unknown)."""
    when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if when.tzinfo is None:
        raise ValueError(text)
    return when


def now() -> datetime:
    return datetime.now(UTC)
