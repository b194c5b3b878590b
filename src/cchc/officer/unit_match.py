"""Which registered unit a spreadsheet row means: by its code ("Mã đơn vị") or, failing
that, by its name, written with or without "UBND" and diacritics as officers type it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from . import cells


def bare(name: str | None) -> str:
    """'UBND xã Hòa  Bình' → 'xa hoa binh': what two spellings of one name share."""
    folded = cells.fold(name)
    for prefix in ("uy ban nhan dan ", "ubnd "):
        folded = folded.removeprefix(prefix)
    return folded.strip()


@dataclass(frozen=True)
class Issue:
    key: str  # the column it concerns: "unit" (the code) or "name"
    message: str
    hint: str
    warn: bool = False


UNNAMED = Issue("unit", "dòng có điểm nhưng không ghi đơn vị.", "Ghi mã hoặc tên đơn vị cho dòng này.")


class Finder:
    """The units active in one year, found by code or by name."""

    def __init__(self, repo, year: int):
        self.repo, self.year = repo, year
        self.units = repo.units_in(year)
        self.by_name: dict = {}
        for u in self.units:
            self.by_name.setdefault(bare(u.name), []).append(u)

    def in_row(self, values, keys) -> tuple:
        """(unit or None, issues): the unit a row names in its code and name columns (``keys``:
        field -> column); a row with neither gets UNNAMED."""
        uid = cells.text(cells.value_at(values, keys.get("unit")))
        name = cells.text(cells.value_at(values, keys.get("name")))
        if uid is None and name is None:
            return None, [UNNAMED]
        return self.find(uid, name)

    def find(self, uid: str | None, name: str | None) -> tuple:
        """(unit or None, issues)."""
        if uid is not None:
            return self._by_id(uid, name)
        found = self.by_name.get(bare(name), [])
        if len(found) == 1:
            return found[0], []
        close = difflib.get_close_matches(bare(name), list(self.by_name), n=1)
        what = "có nhiều đơn vị cùng tên" if found else "không có đơn vị tên"
        return None, [
            Issue(
                "name",
                f"{what} '{name}' trong năm {self.year}.",
                (f"Có phải '{self.by_name[close[0]][0].name}'? " if close and not found else "")
                + "Thêm cột 'Mã đơn vị' với mã trong units/ để chỉ rõ đơn vị.",
            )
        ]

    def _by_id(self, uid: str, name: str | None) -> tuple:
        unit = self.repo.units.get(uid) or self.repo.units.get(uid.lower())
        if unit is None:
            close = difflib.get_close_matches(uid.lower(), [u.id for u in self.units], n=1)
            return None, [
                Issue(
                    "unit",
                    f"không có đơn vị mã '{uid}' trong danh sách đơn vị.",
                    (f"Có phải '{close[0]}'? " if close else "") + "Dùng mã trong units/.",
                )
            ]
        if not unit.active(self.year):
            later = f" Đơn vị kế thừa: {', '.join(unit.successors)}." if unit.successors else ""
            return None, [
                Issue(
                    "unit",
                    f"đơn vị '{uid}' không hoạt động năm {self.year}.",
                    "Chỉ nhập cho đơn vị hoạt động trong năm." + later,
                )
            ]
        if name is not None and bare(name) != bare(unit.name):
            return unit, [
                Issue(
                    "name",
                    f"tên '{name}' khác tên trong danh sách đơn vị của mã '{uid}' ({unit.name}).",
                    "Kiểm tra dòng này có bị lệch với dòng khác không.",
                    warn=True,
                )
            ]
        return unit, []
