"""`cchc criteria import`: a criteria annex (Excel sheet or Word table) → a framework document.

Pipeline: read grids → find the annex's header row → rows to a tree (annex_rows) → scoring
texts to rules (rulewords) → sums → the document, then the project's own schema and
framework checks run on it with every position mapped back to the sheet's row and column.
The document is returned only when no error remains; warnings list what the officer
still has to complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import findings
from ..checks import framework as framework_check
from ..findings import Finding
from ..load import schema
from ..load.yamlfile import Parsed
from ..model import framework as fw_model
from ..model.framework import ADJUSTMENT_KINDS
from . import annex_rows, cells, framework_meta, rulewords, safe_open
from .sheets import Grid, problem

FIGURE_KINDS = ("percent_bands", "proportional")
DEFAULT_FIGURES = {"achieved": "Số đạt được", "total": "Tổng số"}
# Codes the importer reports itself, with the sheet's column; the project's checks would repeat them.
_OWN = {"framework-duplicate-code", "framework-sum", "framework-code-hierarchy"}


@dataclass
class Imported:
    doc: dict | None
    findings: list = field(default_factory=list)
    meta: framework_meta.Meta | None = None

    @property
    def errors(self) -> list:
        return [f for f in self.findings if f.is_error]


def _text(pieces: list) -> str | None:
    lines = [ln.strip().rstrip(";,").strip() for piece in pieces for ln in piece.splitlines()]
    return "; ".join(ln for ln in lines if ln) or None


class _Builder:
    def __init__(self, grid: Grid, header: cells.Header) -> None:
        self.grid, self.h = grid, header
        self.out: list[Finding] = []
        self.rules: dict[str, dict[str, Any]] = {}  # code -> rule document
        self.positions: dict[tuple[str | int, ...], tuple[int, int]] = {(): (0, 0)}

    def err(self, code: str, item: annex_rows.Item, key: str, message: str, hint: str = "", warn: bool = False) -> None:
        self.out.append(self.h.problem(code, self.grid, item.row, key, message, hint, warn=warn, criterion=item.code))

    # ── rules ────────────────────────────────────────────────────────────────
    def rule(self, item: annex_rows.Item) -> dict[str, Any]:
        text = _text(item.method)
        found = rulewords.recognise(text, item.max)
        rule = self._free(item, text) if found is None else self._recognised(item, found)
        kind = rule["kind"]
        doc = {"kind": kind}
        if kind in FIGURE_KINDS:
            doc["figures"] = self.figures(item, found)
        elif item.figures:
            self.err(
                "officer-figures-unused",
                item,
                "achieved" if "achieved" in self.h.columns else "total",
                f"mục {item.code} không chấm theo tỷ lệ nên không dùng tên số liệu.",
                "Xoá tên số liệu, hoặc sửa cách chấm.",
                warn=True,
            )
        doc.update({k: v for k, v in rule.items() if k != "kind"})
        method = "survey" if kind == "survey" else "self"
        if text and text != rulewords.describe(doc, item.max, method):
            doc = {"kind": kind, "text": text, **{k: v for k, v in doc.items() if k != "kind"}}
        return doc

    def _free(self, item: annex_rows.Item, text: str | None) -> dict[str, Any]:
        """A text no pattern reads: points from 0 to the maximum, left for the officer to complete."""
        step = Decimal("0.25") if (item.max / Decimal("0.25")) % 1 == 0 else Decimal("0.01")
        said = f"'{text[:80]}…'" if text and len(text) > 80 else f"'{text}'" if text else "(ô trống)"
        self.err(
            "officer-rule-left",
            item,
            "method",
            f"chưa đọc được cách chấm của mục {item.code} {said}; tạm ghi là chấm từ 0 đến "
            f"{cells.vn(item.max)} điểm, bước {cells.vn(step)}.",
            "Hoàn thiện mục 'rule' của tiêu chí này trong tệp YAML đã ghi, hoặc viết lại ô theo mẫu "
            "'Đúng thời hạn: 1 điểm; chậm: 0,5 điểm; không thực hiện: 0 điểm' rồi nhập lại.",
            warn=True,
        )
        return {"kind": "free", "step": step}

    def _recognised(self, item: annex_rows.Item, found: rulewords.Recognised) -> dict[str, Any]:
        """A rule read from the text, with what the reading noticed."""
        if found.cap is not None and found.cap != item.max:
            self.err(
                "officer-rule-max",
                item,
                "method",
                f"cách chấm của mục {item.code} cho tối đa {cells.vn(found.cap)} điểm, khác điểm tối đa "
                f"{cells.vn(item.max)}.",
                "Sửa điểm tối đa hoặc cách chấm cho khớp.",
            )
        for note in found.notes:
            self.err(
                "officer-rule-note",
                item,
                "method",
                f"mục {item.code}: {note}.",
                "Kiểm tra lại trong tệp YAML đã ghi.",
                warn=True,
            )
        return dict(found.rule)

    def figures(self, item: annex_rows.Item, found: rulewords.Recognised | None) -> dict[str, str]:
        if {"achieved", "total"} <= set(item.figures):
            return {"achieved": item.figures["achieved"], "total": item.figures["total"]}
        if found is not None and found.figures:
            return found.figures
        self.err(
            "officer-figures-left",
            item,
            "achieved" if "achieved" in self.h.columns else "method",
            f"mục {item.code} chấm theo tỷ lệ nhưng chưa có tên số liệu; tạm ghi "
            f"'{DEFAULT_FIGURES['achieved']}' / '{DEFAULT_FIGURES['total']}'.",
            "Ghi tên số liệu đạt được và số liệu tổng (ví dụ 'Số hồ sơ giải quyết đúng hạn' / 'Tổng số hồ sơ') "
            "vào hai cột số liệu, hoặc sửa trong tệp YAML.",
            warn=True,
        )
        return dict(DEFAULT_FIGURES)

    # ── the tree ─────────────────────────────────────────────────────────────
    def counted(self, item: annex_rows.Item) -> bool:
        return not (not item.children and self.rules.get(item.code, {}).get("kind") in ADJUSTMENT_KINDS)

    def check_sums(self, item: annex_rows.Item) -> None:
        if not item.children:
            return
        parts = [c for c in item.children if self.counted(c)]
        total = sum((c.max for c in parts), Decimal(0))
        if total != item.max:
            listed = ", ".join(f"{c.code} = {cells.vn(c.max)}" for c in parts)
            self.err(
                "officer-sum",
                item,
                "max",
                f"điểm tối đa của {item.kind_name} {item.code} là {cells.vn(item.max)}, khác tổng điểm tối đa "
                f"các mục con ({cells.vn(total)}: {listed}).",
                "Sửa điểm tối đa của mục này hoặc của các mục con cho khớp (điểm thưởng, điểm trừ không "
                "tính vào tổng).",
            )
        for child in item.children:
            self.check_sums(child)

    def node(self, item: annex_rows.Item, path: tuple[str | int, ...]) -> dict[str, Any]:
        cols = self.h.columns
        self.positions[path] = (item.row, cols["code"])
        for key, col in (
            ("title", "title"),
            ("max", "max"),
            ("rule", "method"),
            ("evidence", "evidence"),
            ("na_allowed", "na"),
            ("evidence_required", "required"),
        ):
            self.positions[(*path, key)] = (item.row, cols.get(col) or cols["code"])
        doc = {"code": item.code, "title": item.title, "max": item.max}
        if item.children:
            key = "criteria" if item.depth == 1 else "components"
            doc[key] = [self.node(c, (*path, key, i)) for i, c in enumerate(item.children)]
            return doc
        rule = self.rules[item.code]
        doc["method"] = "survey" if rule["kind"] == "survey" else "self"
        if item.flags.get("na"):
            doc["na_allowed"] = True
        if doc["method"] == "self":
            doc["evidence_required"] = item.flags.get("required", bool(item.evidence))
        if item.evidence:
            doc["evidence"] = list(item.evidence)
        doc["rule"] = rule
        return doc

    def leaves(self, items: list[annex_rows.Item]) -> Iterator[annex_rows.Item]:
        for item in items:
            if item.children:
                yield from self.leaves(item.children)
            elif item.depth == 1:
                self.err(
                    "officer-area-empty",
                    item,
                    "title",
                    f"lĩnh vực {item.code} không có tiêu chí nào.",
                    "Thêm các tiêu chí (mã 1.1, 1.2…) ngay dưới dòng lĩnh vực, hoặc xoá dòng này.",
                )
            else:
                yield item


def _remap(found, grid, header, label: str) -> list:
    """The project's findings on the document → findings on the sheet's cells."""
    out = []
    for f in found:
        if f.code in _OWN:
            continue
        if f.line:
            key = "method" if f.code.startswith(("framework-rule", "framework-method", "framework-band")) else None
            col = header.columns.get(key) if key else (f.column or None)
            out.append(
                problem(f.code, grid, f.line, col, f.message, f.hint, warn=not f.is_error, criterion=f.criterion)
            )
        else:
            maker = findings.error if f.is_error else findings.warning
            out.append(maker(f.code, grid.file, f"{label}: {f.message}", f.hint, criterion=f.criterion))
    return out


def _head(meta) -> dict:
    doc = {"id": meta.get("id"), "level": meta.get("level"), "title": meta.get("title")}
    if meta.get("sample"):
        doc["sample"] = True
    doc["legal_basis"] = {"number": meta.get("number"), "date": meta.get("date"), "issuer": meta.get("issuer")}
    return doc


def _locate(grids: list[Grid], shown: str) -> tuple[Grid, cells.Header] | Finding:
    """The grid holding the criteria table, with its header row; or the finding that none does."""
    located = next(
        ((g, h) for g in grids if (h := cells.find_header(g, annex_rows.classify, annex_rows.REQUIRED))), None
    )
    if located is not None:
        return located
    return findings.error(
        "officer-header-missing",
        shown,
        "Không tìm thấy bảng tiêu chí: cần một dòng tiêu đề có các cột "
        "'STT' (mã), 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần' và 'Điểm tối đa'.",
        "Kiểm tra tệp có đúng phụ lục bộ tiêu chí; đặt tên cột như bảng chính thức (có thể thêm cột "
        "'Phương pháp chấm' và 'Tài liệu kiểm chứng').",
    )


def _build(b: _Builder, tree: annex_rows.Tree, shown: str) -> Decimal:
    """Rules for the leaves, the sums checked; the framework's total maximum."""
    grid, header = b.grid, b.h
    b.out.extend(tree.findings)
    for leaf in b.leaves(tree.areas):
        b.rules[leaf.code] = b.rule(leaf)
    for area in tree.areas:
        b.check_sums(area)
    total = sum((a.max for a in tree.areas), Decimal(0))
    if tree.total and tree.total[1] is not None and tree.total[1] != total:
        b.out.append(
            header.problem(
                "officer-sum",
                grid,
                tree.total[0],
                "max",
                f"tổng điểm ghi {cells.vn(tree.total[1])}, khác tổng điểm tối đa các lĩnh vực ({cells.vn(total)}).",
                "Sửa tổng điểm hoặc điểm tối đa các lĩnh vực cho khớp.",
            )
        )
    if not tree.areas:
        b.out.append(
            findings.error(
                "officer-empty",
                shown,
                f"{grid.where(header.row)}: bảng không có dòng tiêu chí nào dưới dòng tiêu đề.",
                "Kiểm tra lại tệp và trang tính đã chọn.",
            )
        )
    return total


def _document(meta: framework_meta.Meta, b: _Builder, tree: annex_rows.Tree, total: Decimal) -> dict[str, Any]:
    doc = _head(meta)
    doc.update(
        {
            "max": total,
            "precision": meta.get("precision", 2),
            "bands": [{"label": label, "min": minimum} for label, minimum in meta.get("bands")],
            "areas": [b.node(a, ("areas", i)) for i, a in enumerate(tree.areas)],
        }
    )
    return doc


def _checked(doc: dict[str, Any], b: _Builder, ref: str) -> list[Finding]:
    """The project's schema, then its framework checks, on the document; mapped back to the sheet."""
    parsed = Parsed(doc, b.positions)
    target = f"criteria/{ref}.yaml"
    net = schema.validate(parsed, "framework", target)
    if not net:
        net = framework_check.check(fw_model.build(doc, ref, target, parsed.where))
    return _remap(net, b.grid, b.h, "Thông tin bộ tiêu chí")


def import_framework(
    path: Path, shown: str, options: dict[str, Any], fallback_bands: Callable[[str], list[Any]] | None = None
) -> Imported:
    grids, found = safe_open.read(path, shown)
    if found:
        return Imported(None, found)
    located = _locate(grids, shown)
    if isinstance(located, Finding):
        return Imported(None, [located])
    grid, header = located
    info = next(
        (framework_meta.read_info(g) for g in grids if g is not grid and framework_meta.is_info(g)),
        framework_meta.Meta(),
    )
    meta = framework_meta.resolve(info, options, shown, fallback_bands)
    tree = annex_rows.read(grid, header)
    b = _Builder(grid, header)
    total = _build(b, tree, shown)
    result = Imported(None, meta.findings + b.out, meta)
    if result.errors:
        return result
    doc = _document(meta, b, tree, total)
    result.findings.extend(_checked(doc, b, meta.get("ref")))
    result.doc = None if result.errors else doc
    return result
