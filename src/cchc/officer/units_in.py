"""`cchc units import`: the unit registry (units/*.yaml) from a table, one unit per row.

Columns (header names as officers write them): "Mã đơn vị" (optional: made from the name
when empty), "Tên đơn vị", "Cấp", "Nhóm xếp hạng", "Đơn vị cấp trên", "Từ năm", "Đến năm",
"Đơn vị tiền thân" (units this one was formed from, by name or code), "Tài khoản". A row
naming a unit the registry already has (same code, or same name, level and parent)
updates it; any other row adds a unit. Every problem is located by sheet, row and column;
nothing is written while an error remains.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .. import findings
from ..load.yamlfile import parse
from ..model.registry import Unit, normalise_account
from . import cells, files, unit_ids
from .cells import Header
from .registry_edit import _ordered
from .sheets import Grid, read
from .unit_match import bare

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_ACCOUNT = re.compile(r"@?[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)?")
COLUMNS = {
    "id": "Mã đơn vị",
    "name": "Tên đơn vị",
    "level": "Cấp",
    "group": "Nhóm xếp hạng",
    "parent": "Đơn vị cấp trên",
    "from": "Từ năm",
    "until": "Đến năm",
    "predecessors": "Đơn vị tiền thân",
    "accounts": "Tài khoản được nộp hồ sơ",
}


def classify(h: str) -> str | None:
    """Header text (folded) → column key."""
    if h.startswith("ma don vi") or h in ("ma", "ma dv"):
        return "id"
    if "cap tren" in h or h.startswith(("truc thuoc", "thuoc ")):
        return "parent"
    if "tien than" in h or h.startswith(("hinh thanh tu", "sap nhap tu")):
        return "predecessors"
    if h.startswith(("tu nam", "nam bat dau", "bat dau")):
        return "from"
    if h.startswith(("den nam", "nam ket thuc", "ket thuc")):
        return "until"
    if h.startswith("nhom"):
        return "group"
    if h == "cap" or h.startswith(("cap don vi", "cap hanh chinh")):
        return "level"
    if h.startswith("tai khoan"):
        return "accounts"
    if h.startswith(("ten don vi", "ten co quan")) or h in ("don vi", "co quan", "co quan, don vi", "ten"):
        return "name"
    return None


@dataclass
class Line:
    """One row of the table, as read, then resolved."""

    grid: Grid
    header: Header
    row: int
    name: str
    given_id: str | None = None
    level: str | None = None
    group: str | None = None
    parent: str | None = None  # as written
    first: int | None = None
    last: int | None = None
    predecessors: list = field(default_factory=list)  # as written
    accounts: list | None = None  # None: no such column (an existing unit keeps its accounts)
    uid: str | None = None
    existing: Unit | None = None  # the registry Unit this row updates
    parent_ref: Line | Unit | None = None  # the parent: a Line or a registry Unit

    def where(self) -> str:
        return self.grid.where(self.row)


@dataclass
class UnitsRead:
    changes: dict = field(default_factory=dict)  # repo-relative path -> YAML text
    findings: list = field(default_factory=list)
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    same: int = 0

    @property
    def errors(self) -> list:
        return [f for f in self.findings if f.is_error]


class _Reader:
    def __init__(self, root, repo, out: UnitsRead, default_from: int | None):
        self.root, self.repo, self.out = root, repo, out
        self.province = repo.province
        self.default_from = default_from
        self.lines: list[Line] = []
        self.ids: list = []  # [{code: row}] by given code, registry code, assigned code, name's code
        self.named: dict = {}  # bare name -> [row]
        self.by_bare: dict = {}  # bare registry name -> [Unit]
        for u in repo.units.values():
            self.by_bare.setdefault(bare(u.name), []).append(u)

    def at(self, line: Line, code: str, key: str, message: str, hint: str, warn: bool = False) -> None:
        """A finding at a row of the table, in the column ``key``."""
        self.out.findings.append(line.header.problem(code, line.grid, line.row, key, message, hint, warn=warn))

    # ── reading ──────────────────────────────────────────────────────────────
    def grid(self, grid, h) -> None:
        for row, values in grid.rows[h.position + 1 :]:

            def at(key, values=values):
                return cells.value_at(values, h.columns.get(key))

            if all(v is None for v in values):
                continue
            name = cells.text(at("name"))
            if name is None:
                if any(at(k) is not None for k in ("id", "level", "parent", "from")):
                    self.at(
                        Line(grid, h, row, ""),
                        "officer-units-missing",
                        "name",
                        "dòng không ghi tên đơn vị.",
                        "Ghi tên đơn vị, ví dụ 'UBND xã Hòa Bình'.",
                    )
                continue
            line = Line(grid, h, row, " ".join(name.split()))
            self.fields(line, at)
            self.lines.append(line)

    def fields(self, line: Line, at) -> None:
        given = cells.text(at("id"))
        if given is not None and not _SLUG.fullmatch(given):
            self.at(
                line,
                "officer-units-format",
                "id",
                f"mã '{given}' không hợp lệ.",
                "Chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ so-tu-phap), hoặc để trống "
                "để hệ thống tạo mã từ tên.",
            )
        else:
            line.given_id = given
        self.kinds(line, at)
        line.parent = cells.text(at("parent"))
        self.years(line, at)
        line.predecessors = cells.lines(
            at("predecessors").replace(";", "\n") if isinstance(at("predecessors"), str) else at("predecessors")
        )
        if line.header.columns.get("accounts"):
            line.accounts = self.accounts(line, at("accounts"))

    def kinds(self, line: Line, at) -> None:
        """The level, and the ranking group (by default the group of the level's code)."""
        line.level = self.choice(line, at("level"), "level", self.province.levels if self.province else {}, "cấp")
        line.group = self.choice(
            line, at("group"), "group", self.province.groups if self.province else {}, "nhóm xếp hạng"
        )
        if line.group is None and at("group") is None and line.level and self.province:
            line.group = line.level if line.level in self.province.groups else None
            if line.group is None:
                self.at(
                    line,
                    "officer-units-missing",
                    "group",
                    "chưa ghi nhóm xếp hạng.",
                    "Ghi một trong: " + ", ".join(self._options(self.province.groups)) + ".",
                )

    def years(self, line: Line, at) -> None:
        line.first = self.year(line, at("from"), "from", "năm bắt đầu")
        if line.first is None and at("from") is None:
            line.first = self.default_from
            if line.first is None:
                self.at(
                    line,
                    "officer-units-missing",
                    "from",
                    "chưa ghi năm bắt đầu hoạt động.",
                    "Ghi năm đơn vị bắt đầu được đánh giá (ví dụ 2020), hoặc dùng tùy chọn --from-year.",
                )
        line.last = self.year(line, at("until"), "until", "năm cuối")
        if line.first and line.last and line.last < line.first:
            self.at(
                line,
                "officer-units-years",
                "until",
                f"năm cuối ({line.last}) trước năm bắt đầu ({line.first}).",
                "Sửa 'Từ năm' hoặc 'Đến năm'.",
            )

    def choice(self, line, raw, key, known: dict, what: str) -> str | None:
        """A level or group, written as its code or its name."""
        text = cells.text(raw)
        if text is None:
            if key == "level":
                self.at(
                    line,
                    "officer-units-missing",
                    key,
                    f"chưa ghi {what}.",
                    "Ghi một trong: " + ", ".join(self._options(known)) + ".",
                )
            return None
        for ident, name in known.items():
            if text == ident or cells.fold(text) in (cells.fold(ident), cells.fold(name)):
                return ident
        self.at(
            line,
            f"officer-units-{key}",
            key,
            f"{what} '{text}' không có trong province.yaml.",
            "Dùng một trong: " + ", ".join(self._options(known)) + ".",
        )
        return None

    @staticmethod
    def _options(known: dict) -> list:
        return [f"{ident} ({name})" for ident, name in known.items()]

    def year(self, line, raw, key, what) -> int | None:
        value: Decimal | bool | None  # False: not a number
        try:
            value = cells.number(raw)
        except ValueError:
            value = False
        if value is None:
            return None
        if value is False or value != int(value) or not 1990 <= value <= 2200:
            self.at(
                line,
                "officer-units-format",
                key,
                f"{what} '{cells.text(raw)}' không phải một năm.",
                "Ghi năm bốn chữ số, ví dụ 2025.",
            )
            return None
        return int(value)

    def accounts(self, line, raw) -> list:
        out = []
        for item in re.split(r"[\s,;]+", cells.text(raw) or ""):
            if not item:
                continue
            if not _ACCOUNT.fullmatch(item):
                self.at(
                    line,
                    "officer-units-format",
                    "accounts",
                    f"tài khoản '{item}' không hợp lệ.",
                    "Ghi tài khoản trên máy chủ Git (chữ, số, dấu gạch), cách nhau bằng dấu phẩy.",
                )
                continue
            account = normalise_account(item)  # as the registry compares them: no '@', lower case
            if account not in out:
                out.append(account)
        return out

    # ── resolving ────────────────────────────────────────────────────────────
    def index(self) -> None:
        """Rows by code and by name, looked up for every parent and predecessor (thousands at a
        national scale: never a scan of the table per cell)."""
        keys = (
            lambda x: x.given_id,
            lambda x: x.existing.id if x.existing is not None else None,
            lambda x: x.uid,
            lambda x: unit_ids.slug(x.name) if not x.given_id and x.existing is None else None,
        )
        self.ids = []
        for key in keys:
            found: dict = {}
            for x in self.lines:
                found.setdefault(key(x), x)
            found.pop(None, None)
            self.ids.append(found)
        self.named = {}
        for x in self.lines:
            self.named.setdefault(bare(x.name), []).append(x)

    def by_id(self, text: str):
        """The row or registry unit whose code is ``text`` (a row's code may still be its name's)."""
        for found in self.ids:
            if text in found:
                return found[text]
        return self.repo.units.get(text)

    def find(self, line: Line, text: str, key: str, what: str):
        """A unit named in a cell (column ``key``): a row of this table, else a registry unit; by
        code or by name."""
        found = self.by_id(text)
        if found is not None:
            return found
        named = [x for x in self.named.get(bare(text), []) if x is not line]
        claimed = {x.existing.id for x in named if x.existing is not None}
        registry = [u for u in self.by_bare.get(bare(text), []) if u.id not in claimed]
        found = named + registry
        if len(found) == 1:
            return found[0]
        close = difflib.get_close_matches(bare(text), [bare(x.name) for x in self.lines] + list(self.by_bare), n=1)
        problem_text = (
            f"có nhiều đơn vị tên '{text}'"
            if found
            else f"không có đơn vị '{text}' trong bảng hay trong danh sách đơn vị"
        )
        code = "officer-units-parent" if key == "parent" else "officer-units-predecessor"
        self.at(
            line,
            code,
            key,
            f"{what}: {problem_text}.",
            (f"Có phải '{close[0]}'? " if close and not found else "") + "Ghi đúng tên, hoặc mã đơn vị.",
        )
        return None

    def match_existing(self) -> None:
        claimed = set()
        for line in self.lines:
            if line.given_id and line.given_id in self.repo.units:
                line.existing = self.repo.units[line.given_id]
                claimed.add(line.given_id)
        for line in self.lines:
            if line.existing is None and line.given_id is None and line.level:
                same = self.same_named(line)
                if len(same) == 1 and same[0].id not in claimed:
                    line.existing = same[0]
                    claimed.add(same[0].id)

    def same_named(self, line: Line) -> list:
        """Registry units of the row's name and level (and parent, when the name alone is not enough)."""
        same = [u for u in self.by_bare.get(bare(line.name), []) if u.level == line.level]
        if len(same) > 1 and line.parent:  # communes of one name in two districts

            def under(u) -> bool:
                parent = self.repo.units.get(u.parent or "")
                return u.parent == line.parent or (parent is not None and bare(parent.name) == bare(line.parent))

            same = [u for u in same if under(u)]
        return same

    def parents(self) -> None:
        for line in self.lines:
            if line.parent:
                line.parent_ref = self.find(line, line.parent, "parent", "đơn vị cấp trên")
                if line.parent_ref is line:
                    self.at(
                        line,
                        "officer-units-parent",
                        "parent",
                        "đơn vị là cấp trên của chính nó.",
                        "Sửa cột đơn vị cấp trên.",
                    )
                    line.parent_ref = None

    def duplicates(self) -> None:
        seen: dict = {}
        ids: dict = {}
        for line in self.lines:
            if line.given_id:
                if line.given_id in ids:
                    self.at(
                        line,
                        "officer-units-duplicate",
                        "id",
                        f"mã '{line.given_id}' đã dùng ở {ids[line.given_id].where()}.",
                        "Mỗi đơn vị một mã: sửa mã hoặc xoá dòng lặp.",
                    )
                ids.setdefault(line.given_id, line)
            key = (bare(line.name), line.level, cells.fold(line.parent or ""))
            for other in seen.get(key, []):
                if _overlap(line, other):
                    self.at(
                        line,
                        "officer-units-duplicate",
                        "name",
                        f"đơn vị '{line.name}' trùng tên, cấp "
                        f"và đơn vị cấp trên với {other.where()}, cùng hoạt động trong một năm.",
                        "Xoá dòng lặp; nếu là hai đơn vị khác nhau, ghi rõ tên khác nhau hoặc năm hoạt động.",
                    )
                    break
            seen.setdefault(key, []).append(line)

    def assign_ids(self) -> None:
        taken = set(self.repo.units) | {x.given_id for x in self.lines if x.given_id}
        for line in self.lines:
            self.assign(line, taken, set())

    def assign(self, line: Line, taken: set, visiting: set) -> str | None:
        if line.uid is not None:
            return line.uid
        if line.existing is not None or line.given_id:
            line.uid = line.existing.id if line.existing is not None else line.given_id
            return line.uid
        if id(line) in visiting:
            return None  # a cycle of parents: reported by the registry checks
        visiting.add(id(line))
        parent = line.parent_ref
        parent_id = self.assign(parent, taken, visiting) if isinstance(parent, Line) else getattr(parent, "id", None)
        line.uid = unit_ids.choose(line.name, taken, parent_id, line.first)
        base = unit_ids.slug(line.name)
        if line.uid != base:
            holder = next((x for x in self.lines if base in (x.uid, x.given_id)), None) or self.repo.units.get(base)
            shown = holder.where() if isinstance(holder, Line) else f"units/ ({getattr(holder, 'name', '')})"
            self.at(
                line,
                "officer-units-id",
                "name",
                f"mã '{base}' tạo từ tên đã dùng cho đơn vị ở {shown}; đơn vị này nhận mã '{line.uid}'.",
                "Nếu muốn mã khác, ghi vào cột 'Mã đơn vị'.",
                warn=True,
            )
        taken.add(line.uid)
        return line.uid

    def predecessors(self, line: Line) -> list:
        """(entry owner, its last year) of each unit this row was formed from."""
        out = []
        for text in line.predecessors:
            found = self.find(line, text, "predecessors", "đơn vị tiền thân")
            if found is None:
                continue
            last = found.last if isinstance(found, Line) else found.last_year
            name = found.name
            if line.first is not None and last != line.first - 1:
                said = f"hoạt động đến năm {last}" if last else "chưa ghi năm cuối"
                self.at(
                    line,
                    "officer-units-predecessor",
                    "predecessors",
                    f"đơn vị tiền thân '{name}' {said}; đơn vị mới bắt đầu năm {line.first}.",
                    f"Ghi 'Đến năm {line.first - 1}' cho '{name}' (năm cuối trước khi hợp thành đơn vị mới).",
                )
            out.append(found)
        return out


def _overlap(a: Line, b: Line) -> bool:
    a_end, b_end = a.last or 9999, b.last or 9999
    return (a.first or 0) <= b_end and (b.first or 0) <= a_end


class _Writer:
    """The registry files with the table's units added or updated; every entry found by its id
    (its file and position), never by scanning a file."""

    def __init__(self, root, repo):
        self.docs: dict = {}
        self.at: dict = {}  # unit id -> (file, position)
        for u in repo.units.values():
            if u.file not in self.docs:
                self.docs[u.file] = parse((root / u.file).read_bytes()).data
                for i, e in enumerate(self.docs[u.file]["units"]):
                    self.at.setdefault(e["id"], (u.file, i))
        self.touched: set = set()

    def entry_of(self, uid: str) -> dict:
        rel, i = self.at[uid]
        return self.docs[rel]["units"][i]

    def _set(self, uid: str, entry: dict) -> None:
        rel, i = self.at[uid]
        self.docs[rel]["units"][i] = entry
        self.touched.add(rel)

    def put(self, line: Line, parent_id: str | None) -> bool:
        """Write the row's unit; True when that changes the registry."""
        uid = _code(line)
        entry: dict[str, object] = {"id": uid, "name": line.name, "level": line.level, "group": line.group}
        if parent_id:
            entry["parent"] = parent_id
        entry["from"] = line.first
        if line.last:
            entry["until"] = line.last
        old = self.entry_of(uid) if line.existing is not None else None
        if old is not None and "parent" in old and not parent_id:
            entry["parent"] = None  # written as the registry has it: "parent: null" is no change
        if old is not None and old.get("successors"):
            entry["successors"] = list(old["successors"])
        accounts = line.accounts if line.accounts is not None or old is None else old.get("accounts")
        if accounts:
            entry["accounts"] = list(accounts)
        entry = _ordered(entry)
        if old is None:
            rel = f"units/{line.level}.yaml"
            units = self.docs.setdefault(rel, {"units": []})["units"]
            self.at[uid] = (rel, len(units))
            units.append(entry)
            self.touched.add(rel)
            return True
        if entry == old:
            return False
        self._set(uid, entry)
        return True

    def succeed(self, predecessor_id: str, successor_id: str) -> None:
        """The unit ``predecessor_id`` (written now, or already in the registry) names its successor."""
        entry = self.entry_of(predecessor_id)
        if successor_id not in (entry.get("successors") or ()):
            self._set(predecessor_id, _ordered({**entry, "successors": [*entry.get("successors", ()), successor_id]}))

    def changes(self) -> dict:
        return {
            rel: files.yaml_text({"units": [_ordered(e) for e in self.docs[rel]["units"]]})
            for rel in sorted(self.touched)
        }


def read_units(path, shown: str, root, repo, default_from: int | None = None) -> UnitsRead:
    out = UnitsRead()
    grids, out.findings = read(path, shown)
    if out.findings:
        return out
    reader = _Reader(root, repo, out, default_from)
    located = [(g, h) for g in grids if (h := cells.find_header(g, classify, {"name", "level"}))]
    if not located:
        out.findings.append(
            findings.error(
                "officer-header-missing",
                shown,
                "Không tìm thấy bảng đơn vị: cần một dòng tiêu đề có cột 'Tên đơn vị' và cột 'Cấp'.",
                "Dùng bảng mẫu tạo bởi lệnh: cchc units template.",
            )
        )
        return out
    for grid, h in located:
        reader.grid(grid, h)
    reader.match_existing()
    reader.index()
    reader.parents()
    reader.duplicates()
    reader.assign_ids()
    reader.index()  # again: every row now has its code
    formed = {id(line): reader.predecessors(line) for line in reader.lines}
    if not out.errors:
        _write(root, repo, reader.lines, formed, out)
    return out


def _code(unit: Line | Unit) -> str:
    """A row's unit code (assign_ids gives every row one) or a registry unit's."""
    code = unit.uid if isinstance(unit, Line) else unit.id
    assert code is not None, "every row has its code once assign_ids has run"
    return code


def _write(root, repo, lines: list, formed: dict, out: UnitsRead) -> None:
    """The registry files with every row's unit, and predecessors naming their successors."""
    writer = _Writer(root, repo)
    for line in lines:
        parent = line.parent_ref
        changed = writer.put(line, parent.uid if isinstance(parent, Line) else getattr(parent, "id", None))
        if line.existing is None:
            out.added.append(line.uid)
        elif changed:
            out.updated.append(line.uid)
        else:
            out.same += 1
    for line in lines:
        for predecessor in formed[id(line)]:
            writer.succeed(_code(predecessor), _code(line))
    out.changes = writer.changes()
