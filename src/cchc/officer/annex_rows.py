"""The rows of a criteria annex → a tree of items, with every malformed row located.

Official annexes number areas, criteria and component criteria ("1", "1.1", "1.1.1";
Roman numerals for areas are read too). A row without a code belongs to the item above:
a "- Ban hành đúng thời hạn | 1" line under a component criterion is one of its scoring
levels; text in the method or evidence column continues that item's cell. A row whose
title starts with "Tổng" states the framework's total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model.framework import DEPTH_NAMES
from . import cells

_INDEX_CELL = re.compile(r"\(?\d{1,2}\)?")


def classify(h: str) -> str | None:
    """Header text (folded) → column key."""
    if "bat buoc" in h:
        return "required"
    if "khong ap dung" in h:
        return "na"
    if "so lieu dat duoc" in h:
        return "achieved"
    if "so lieu tong" in h:
        return "total"
    if "tai lieu kiem chung" in h:
        return "evidence"
    if any(w in h for w in ("diem toi da", "diem chuan", "thang diem")):
        return "max"
    if any(w in h for w in ("phuong phap", "cach cham", "huong dan cham", "cach tinh", "cach thuc cham")):
        return "method"
    if h in ("stt", "tt", "ma", "so tt", "so thu tu") or h.startswith(("stt", "ma ")):
        return "code"
    if any(w in h for w in ("linh vuc", "tieu chi", "noi dung")):
        return "title"
    return None


REQUIRED = {"code", "title", "max"}


@dataclass
class Item:
    row: int
    code: str
    title: str
    max: Decimal
    method: list = field(default_factory=list)  # pieces of the scoring text
    evidence: list = field(default_factory=list)
    flags: dict = field(default_factory=dict)  # "na"/"required" -> bool, where the column exists
    figures: dict = field(default_factory=dict)  # "achieved"/"total" -> name, where given
    children: list = field(default_factory=list)

    @property
    def depth(self) -> int:
        return self.code.count(".") + 1

    @property
    def kind_name(self) -> str:
        return DEPTH_NAMES.get(self.depth, "mục")


@dataclass
class Tree:
    areas: list
    total: tuple | None  # (row, stated total) from a "Tổng" row
    findings: list


class _Reader:
    def __init__(self, grid, header):
        self.grid, self.h, self.out = grid, header, []
        self.by_code: dict[str, Item] = {}
        self.areas: list[Item] = []
        self.current: Item | None = None
        self.total = None

    def col(self, key):
        return self.h.columns.get(key)

    def at(self, cells_, key):
        return cells.value_at(cells_, self.col(key))

    def err(self, code, row, key, message, hint="", **kw):
        self.out.append(self.h.problem(code, self.grid, row, key, message, hint, **kw))

    def run(self) -> Tree:
        for row, values in self.grid.rows[self.h.position + 1 :]:
            self.row(row, values)
        return Tree(self.areas, self.total, self.out)

    def row(self, row, values):
        raw_code, title = self.at(values, "code"), cells.text(self.at(values, "title"))
        if title and _INDEX_CELL.fullmatch(title):
            return  # the "(1) (2) (3)…" line under an official table's header
        if raw_code is None:
            return self.loose(row, values, title)
        try:
            code = cells.code(raw_code)
        except ValueError:
            self.current = None
            return self.err(
                "officer-code-format",
                row,
                "code",
                f"mã '{cells.text(raw_code)}' không đúng dạng.",
                "Dùng mã dạng 1 (lĩnh vực), 1.2 (tiêu chí), 1.2.3 (tiêu chí thành phần).",
            )
        self.current = None
        item = self.item(row, values, code, title)
        if item is not None:
            self.current = item

    def item(self, row, values, code, title) -> Item | None:
        ok = True
        if not title:
            ok = False
            self.err(
                "officer-title-missing",
                row,
                "title",
                f"mục {code} chưa có tên.",
                "Ghi tên lĩnh vực, tiêu chí hoặc tiêu chí thành phần.",
                criterion=code,
            )
        maximum = self.points(row, values, code)
        if maximum is None:
            ok = False
        first = self.by_code.get(code)
        if first is not None:
            return self.err(
                "officer-code-duplicate",
                row,
                "code",
                f"mã {code} bị trùng với dòng {first.row}.",
                "Mỗi lĩnh vực, tiêu chí, tiêu chí thành phần phải có mã riêng; sửa lại số thứ tự.",
                criterion=code,
            )
        parent = self.by_code.get(code.rsplit(".", 1)[0]) if "." in code else None
        if "." in code and parent is None:
            up = code.rsplit(".", 1)[0]
            return self.err(
                "officer-parent-missing",
                row,
                "code",
                f"mã {code} không có mục cấp trên {up} ở các dòng phía trên.",
                f"Thêm dòng của mục {up} trước dòng này, hoặc sửa lại mã.",
                criterion=code,
            )
        item = Item(row, code, title or "", maximum or Decimal(0), evidence=cells.lines(self.at(values, "evidence")))
        self.by_code[code] = item
        if not ok:
            return None  # known (its children are not orphans) but left out of the tree: already reported
        self.extra(item, row, values)
        (parent.children if parent else self.areas).append(item)
        return item

    def points(self, row, values, code) -> Decimal | None:
        raw = self.at(values, "max")
        try:
            value = cells.number(raw)
        except ValueError:
            self.err(
                "officer-max-format",
                row,
                "max",
                f"điểm tối đa của mục {code} là '{cells.text(raw)}', không phải một số.",
                "Ghi một số, ví dụ 2 hoặc 0,5.",
                criterion=code,
            )
            return None
        if value is None:
            self.err(
                "officer-max-missing",
                row,
                "max",
                f"mục {code} chưa có điểm tối đa.",
                "Ghi điểm tối đa (mục điểm thưởng, điểm trừ ghi mức tối đa được cộng, trừ).",
                criterion=code,
            )
        elif value < 0:
            self.err(
                "officer-max-format",
                row,
                "max",
                f"điểm tối đa của mục {code} là số âm ({cells.vn(value)}).",
                "Điểm tối đa không âm; điểm trừ ghi mức trừ tối đa (số dương) và cách chấm 'trừ … điểm'.",
                criterion=code,
            )
            return None
        return value

    def extra(self, item, row, values):
        text = cells.text(self.at(values, "method"))
        if text:
            item.method.append(text)
        for key in ("na", "required"):
            if self.col(key):
                try:
                    item.flags[key] = cells.flag(self.at(values, key))
                except ValueError:
                    self.err(
                        "officer-flag-format",
                        row,
                        key,
                        f"ô '{cells.text(self.at(values, key))}' không rõ có hay không.",
                        "Đánh dấu 'x' (hoặc ghi 'Có') nếu có, để trống nếu không.",
                        criterion=item.code,
                    )
        for key in ("achieved", "total"):
            name = cells.text(self.at(values, key))
            if name:
                item.figures[key] = name

    def loose(self, row, values, title):
        """A row without a code: a total, a scoring level, or more text for the item above."""
        method, evidence = cells.text(self.at(values, "method")), self.at(values, "evidence")
        raw_max = self.at(values, "max")
        if title and cells.fold(title).startswith("tong"):
            try:
                self.total = (row, cells.number(raw_max))
            except ValueError:
                self.err(
                    "officer-max-format",
                    row,
                    "max",
                    f"tổng điểm '{cells.text(raw_max)}' không phải một số.",
                    "Ghi tổng điểm tối đa, ví dụ 100.",
                )
            return
        if not any((title, method, evidence, raw_max)):
            return
        item = self.current
        if item is None:
            return self.err(
                "officer-row-malformed",
                row,
                "code",
                "dòng không có mã và không thuộc mục nào ở phía trên.",
                "Ghi mã cho dòng này (1, 1.1, 1.1.1…) hoặc xoá dòng.",
            )
        if title:
            try:
                points = cells.number(raw_max)
            except ValueError:
                return self.err(
                    "officer-max-format",
                    row,
                    "max",
                    f"điểm '{cells.text(raw_max)}' không phải một số.",
                    "Ghi một số, ví dụ 0,5.",
                    criterion=item.code,
                )
            label = title.lstrip("-+•*– ").strip()
            item.method.append(f"{label}: {cells.vn(points)} điểm" if points is not None else label)
        elif raw_max is not None:
            return self.err(
                "officer-row-malformed",
                row,
                "code",
                "dòng có điểm nhưng không có mã và nội dung.",
                "Ghi mã và tên mục, hoặc ghi nội dung mức điểm vào cột tên.",
                criterion=item.code,
            )
        if method:
            item.method.append(method)
        item.evidence.extend(cells.lines(evidence))


def read(grid, header) -> Tree:
    return _Reader(grid, header).run()
