"""The province and its unit registry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .document import Document, Where


@dataclass(frozen=True)
class Province:
    name: str
    authority: str
    sample: bool
    timezone: str
    levels: Mapping[str, str]  # id -> Vietnamese name
    groups: Mapping[str, str]  # id -> Vietnamese name
    admins: tuple[str, ...]
    file: str = "province.yaml"


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    level: str
    group: str
    parent: str | None
    first_year: int
    last_year: int | None
    successors: tuple[str, ...]
    accounts: tuple[str, ...]
    file: str
    line: int

    def active(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


def build_province(data: Document) -> Province:
    return Province(
        name=data["name"],
        authority=data["authority"],
        sample=bool(data.get("sample", False)),
        timezone=data.get("timezone", "+07:00"),
        levels={x["id"]: x["name"] for x in data["levels"]},
        groups={x["id"]: x["name"] for x in data["groups"]},
        admins=tuple(normalise_account(a) for a in data["admins"]),
    )


def build_units(data: Document, file: str, where: Where) -> list[Unit]:
    return [
        Unit(
            id=u["id"],
            name=u["name"],
            level=u["level"],
            group=u["group"],
            parent=u.get("parent"),
            first_year=u["from"],
            last_year=u.get("until"),
            successors=tuple(u.get("successors") or ()),
            accounts=tuple(normalise_account(a) for a in u.get("accounts") or ()),
            file=file,
            line=where(("units", i))[0],
        )
        for i, u in enumerate(data["units"])
    ]


def normalise_account(account: str) -> str:
    """Forge logins are case-insensitive; '@' is optional in the registry."""
    return account.lstrip("@").lower()
