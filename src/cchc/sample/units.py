"""The sample unit registry: departments, districts, communes before and after 2025.

Districts and their communes end in 2024; from 2025 merged communes/wards
(parent null) succeed them: each old commune names exactly one successor and,
when the counts allow it, each new commune has 2-4 predecessors taken from
consecutive old communes (so merges stay inside one district).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .names import DEPARTMENTS, DISTRICT_KINDS, PlaceNames, slug

LAST_OLD_YEAR = 2024
FIRST_NEW_YEAR = 2025


@dataclass
class Unit:
    id: str
    name: str
    level: str
    start: int = 2020
    until: int | None = None
    parent: str | None = None
    successors: list[str] = field(default_factory=list)
    abbr: str = "UBND"  # used in document numbers
    head: str = "Chủ tịch UBND"  # who approves the self-assessment report

    def valid(self, year: int) -> bool:
        return self.start <= year and (self.until is None or year <= self.until)

    def doc(self) -> dict:
        d: dict = {"id": self.id, "name": self.name, "level": self.level, "group": self.level}
        if self.level == "xa":
            d["parent"] = self.parent
        d["from"] = self.start
        if self.until is not None:
            d["until"] = self.until
        if self.successors:
            d["successors"] = list(self.successors)
        d["accounts"] = [f"{self.id}-vanthu"]
        return d


def departments(n: int) -> list[Unit]:
    out = []
    for i in range(n):
        if i < len(DEPARTMENTS):
            uid, name, abbr, head = DEPARTMENTS[i]
        else:
            uid, name, abbr, head = f"so-mau-{i + 1}", f"Sở Mẫu số {i + 1}", f"SM{i + 1}", "Giám đốc"
        out.append(Unit(uid, name, "so", abbr=abbr, head=head))
    return out


def _spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split total into parts: 2-4 each when possible, else as even as possible."""
    if parts == 0:
        return []
    base = total // parts
    start = min(base, 2)
    counts = [start] * parts
    cap = max(4, base + 1)
    for _ in range(total - start * parts):
        open_ = [i for i, c in enumerate(counts) if c < cap] if base >= 2 else None
        if open_ is None:
            open_ = [i for i, c in enumerate(counts) if c == min(counts)]
        counts[rng.choice(open_)] += 1
    return counts


class _Ids:
    """Unit ids handed out so far; a taken id gets a numeric suffix."""

    def __init__(self, taken: list[Unit]) -> None:
        self.used = {u.id for u in taken}

    def unique(self, uid: str) -> str:
        base, k = uid, 2
        while uid in self.used:
            uid, k = f"{base}-{k}", k + 1
        self.used.add(uid)
        return uid


def build(rng: random.Random, n_so: int, n_huyen: int, n_xa: int, n_xa_2025: int) -> dict[str, list[Unit]]:
    """Units per registry file: {"so": [...], "huyen": [...], "xa": [...]}."""
    places = PlaceNames(rng)
    so = departments(n_so)
    ids = _Ids(so)
    huyen = []
    for _ in range(n_huyen):
        prefix, kind = rng.choice(DISTRICT_KINDS)
        place = places.take()
        huyen.append(Unit(ids.unique(f"{prefix}-{slug(place)}"), f"UBND {kind} {place}", "huyen", until=LAST_OLD_YEAR))
    old = []
    shares = [n_xa // n_huyen + (1 if i < n_xa % n_huyen else 0) for i in range(n_huyen)] or [n_xa]
    for h, share in enumerate(shares):
        old += _communes(rng, places, ids, huyen[h] if huyen else None, share)
    return {"so": so, "huyen": huyen, "xa": old + _merged(rng, places, ids, old, n_xa_2025)}


def _communes(rng: random.Random, places: PlaceNames, ids: _Ids, district: Unit | None, share: int) -> list[Unit]:
    """The communes (wards, towns) of one district until 2024."""
    out = []
    urban = district is not None and not district.id.startswith("huyen-")
    for i in range(share):
        if urban:
            prefix, kind = ("phuong", "phường") if rng.random() < 0.7 else ("xa", "xã")
        elif district is not None and i == 0:
            prefix, kind = "thi-tran", "thị trấn"
        else:
            prefix, kind = "xa", "xã"
        place = places.take()
        out.append(
            Unit(
                ids.unique(f"{prefix}-{slug(place)}"),
                f"UBND {kind} {place}",
                "xa",
                until=LAST_OLD_YEAR,
                parent=district.id if district else None,
            )
        )
    return out


def _merged(rng: random.Random, places: PlaceNames, ids: _Ids, old: list[Unit], n_new: int) -> list[Unit]:
    """The communes and wards from 2025, each merging consecutive old communes (their successors set)."""
    new = []
    pos = 0
    for count in _spread(len(old), n_new, rng):
        group = old[pos : pos + count]
        urban = sum(u.id.startswith(("phuong-", "thi-tran-")) for u in group) * 2 > len(group) > 0
        prefix, kind = ("phuong", "phường") if urban else ("xa", "xã")
        place = places.take()
        unit = Unit(ids.unique(f"{prefix}-{slug(place)}"), f"UBND {kind} {place}", "xa", start=FIRST_NEW_YEAR)
        for predecessor in group:
            predecessor.successors = [unit.id]
        new.append(unit)
        pos += count
    return new
