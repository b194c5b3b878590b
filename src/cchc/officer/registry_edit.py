"""Restructuring in the unit registry (units/*.yaml): merges, splits, new and dissolved units.

A change takes effect from a year: the old units get ``until: <year - 1>`` and name their
successors; the new ones start ``from: <year>``. Past years keep rendering with the units
they had, and the results compare a new unit with the average of its predecessors. Files
are rewritten as comment-free, deterministic YAML with the keys in the schema's order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load.yamlfile import parse
from ..model.registry import Unit
from ..model.repository import Repository
from . import files

ORDER = ("id", "name", "level", "group", "parent", "from", "until", "successors", "accounts")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


class EditError(Exception):
    """Why the registry cannot be changed so; a Vietnamese sentence for the officer."""


@dataclass
class NewUnit:
    id: str
    name: str


@dataclass
class Edit:
    changes: dict = field(default_factory=dict)  # repo-relative path -> YAML text
    notes: list = field(default_factory=list)


def _ordered(entry: dict) -> dict:
    return {k: entry[k] for k in sorted(entry, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER))}


class Registry:
    """The registry files as data, with the loaded model to judge a change against."""

    def __init__(self, root: Path, repo: Repository) -> None:
        self.root, self.repo = root, repo
        rels = dict.fromkeys(u.file for u in repo.units.values())  # each file once, in the units' order
        self.docs: dict[str, Any] = {rel: parse((root / rel).read_bytes()).data for rel in rels}
        self.touched: set[str] = set()

    def entry(self, uid: str) -> tuple[str, dict]:
        unit = self.repo.units[uid]
        return unit.file, next(e for e in self.docs[unit.file]["units"] if e["id"] == uid)

    def end(self, uid: str, year: int, successors: list) -> None:
        unit = self.repo.units.get(uid)
        if unit is None:
            raise EditError(f"không có đơn vị '{uid}' trong danh sách đơn vị (units/).")
        if unit.first_year > year - 1:
            raise EditError(f"đơn vị '{uid}' bắt đầu năm {unit.first_year}, không thể kết thúc trước năm {year}.")
        if unit.last_year is not None and unit.last_year < year - 1:
            raise EditError(f"đơn vị '{uid}' đã ngừng hoạt động sau năm {unit.last_year}.")
        if unit.successors:
            raise EditError(f"đơn vị '{uid}' đã có đơn vị kế thừa: {', '.join(unit.successors)}.")
        later = [y for y in self._dossier_years(uid) if y >= year]
        if later:
            raise EditError(
                f"đơn vị '{uid}' đã có hồ sơ năm {later[0]} (submissions/{later[0]}/{uid}); "
                "chuyển hoặc xoá hồ sơ đó trước."
            )
        rel, entry = self.entry(uid)
        entry["until"] = year - 1
        if successors:
            entry["successors"] = list(successors)
        self._replace(rel, entry)

    def add(
        self,
        new: NewUnit,
        year: int,
        level: str,
        group: str,
        parent: str | None,
        accounts: list[str],
        after: str | None = None,
    ) -> None:
        """Add a unit starting in ``year``, right after the unit ``after`` (else at the end of
        units/<level>.yaml)."""
        self._check_new(new)
        self._check_place(year, level, group, parent)
        entry: dict[str, Any] = {"id": new.id, "name": new.name, "level": level, "group": group}
        if parent is not None or level in self._levels_with_parent_key():
            entry["parent"] = parent
        entry["from"] = year
        if accounts:
            entry["accounts"] = list(accounts)
        self._insert(entry, f"units/{level}.yaml", after)

    def _check_new(self, new: NewUnit) -> None:
        """The new code is well formed and not taken (in the model or in a file edited so far)."""
        if not _SLUG.fullmatch(new.id):
            raise EditError(f"mã '{new.id}' không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang.")
        if new.id in self.repo.units or any(e["id"] == new.id for d in self.docs.values() for e in d["units"]):
            raise EditError(f"mã '{new.id}' đã có trong danh sách đơn vị; đơn vị mới cần mã mới.")

    def _check_place(self, year: int, level: str, group: str, parent: str | None) -> None:
        """Level and group are the province's; the parent is active in ``year``."""
        prov = self.repo.province
        if prov and level not in prov.levels:
            raise EditError(f"cấp '{level}' không có trong province.yaml (có: {', '.join(prov.levels)}).")
        if prov and group not in prov.groups:
            raise EditError(f"nhóm '{group}' không có trong province.yaml (có: {', '.join(prov.groups)}).")
        if parent and (parent not in self.repo.units or not self.repo.units[parent].active(year)):
            raise EditError(f"đơn vị cấp trên '{parent}' không hoạt động năm {year}.")

    def _insert(self, entry: dict[str, Any], default: str, after: str | None) -> None:
        """Right after the unit ``after`` in its file, else at the end of the file ``default``."""
        rel = next((r for r, d in self.docs.items() if any(e["id"] == after for e in d["units"])), default)
        doc = self.docs.setdefault(rel, {"units": []})
        position = next((i + 1 for i, e in enumerate(doc["units"]) if e["id"] == after), len(doc["units"]))
        doc["units"].insert(position, entry)
        self.touched.add(rel)

    def edit(self) -> Edit:
        return Edit(
            {
                rel: files.yaml_text({"units": [_ordered(e) for e in self.docs[rel]["units"]]})
                for rel in sorted(self.touched)
            }
        )

    def _replace(self, rel: str, entry: dict) -> None:
        units = self.docs[rel]["units"]
        units[[e["id"] for e in units].index(entry["id"])] = _ordered(entry)
        self.touched.add(rel)

    def _levels_with_parent_key(self) -> set:
        return {e["level"] for d in self.docs.values() for e in d["units"] if "parent" in e}

    def _dossier_years(self, uid: str) -> list:
        base = self.root / "submissions"
        return (
            sorted(int(p.name) for p in base.iterdir() if p.name.isdigit() and (p / uid).is_dir())
            if base.is_dir()
            else []
        )


def _common(units: list[Unit], attr: str, given: str | None, what: str) -> str:
    if given is not None:
        return given
    values: set[str] = {getattr(u, attr) for u in units}
    if len(values) != 1:
        raise EditError(
            f"các đơn vị có {what} khác nhau ({', '.join(sorted(map(str, values)))}); ghi rõ bằng tùy chọn."
        )
    return values.pop()


def _known(repo: Repository, olds: list[str]) -> list[Unit]:
    units = []
    for uid in olds:
        if uid not in repo.units:
            raise EditError(f"không có đơn vị '{uid}' trong danh sách đơn vị (units/).")
        units.append(repo.units[uid])
    return units


def _shared_parent(repo: Repository, units: list[Unit], year: int) -> str | None:
    """The predecessors' common parent, while it is still active in ``year``."""
    shared = {u.parent for u in units}
    only = shared.pop() if len(shared) == 1 else None
    return only if only and only in repo.units and repo.units[only].active(year) else None


def succeed(
    root: Path,
    repo: Repository,
    olds: list[str],
    news: list[NewUnit],
    year: int,
    *,
    level: str | None = None,
    group: str | None = None,
    parent: str | None = None,
    accounts: Sequence[str] = (),
) -> Edit:
    """Merge (many olds, one new) or split (one old, many news) from ``year`` on.

    ``parent``: None keeps the predecessors' common parent while it still exists; "" means none.
    """
    if len(set(olds)) != len(olds):
        raise EditError("các mã đơn vị cũ bị trùng nhau.")
    reg = Registry(root, repo)
    units = _known(repo, olds)
    if len({n.id for n in news}) != len(news):
        raise EditError("các mã đơn vị mới bị trùng nhau.")
    level = _common(units, "level", level, "cấp")
    group = _common(units, "group", group, "nhóm xếp hạng")
    if parent is None:
        parent = _shared_parent(repo, units, year)
    parent = parent or None
    for uid in olds:
        reg.end(uid, year, [n.id for n in news])
    after = olds[-1]
    for new in news:  # each after the previous: the file lists them in the order given
        reg.add(new, year, level, group, parent, list(accounts), after=after)
        after = new.id
    edit = reg.edit()
    names = ", ".join(f"{n.id} ({n.name})" for n in news)
    edit.notes.append(f"{', '.join(olds)}: hoạt động đến hết năm {year - 1}; từ năm {year}: {names}.")
    if not accounts:
        edit.notes.append("Đơn vị mới chưa có tài khoản được nộp hồ sơ: thêm bằng --account hoặc sửa mục accounts.")
    return edit
