"""Column headers named the way an index names them ("CS1", "CS2" … for a component
index, "TC 8.1" …) mapped to criterion or area codes: by an option ("CS1=1.1", repeatable
or comma-separated) or by a sheet of the file named "Mã cột" (column header | code)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import findings
from . import cells
from .sheets import Grid, problem, read

SHEET_NAMES = {"ma cot", "anh xa cot", "anh xa"}


class MapError(ValueError):
    """An option that is not header=code; a Vietnamese sentence."""


@dataclass
class ColumnMap:
    codes: dict = field(default_factory=dict)  # folded header -> code
    findings: list = field(default_factory=list)

    def code(self, header) -> str | None:
        return self.codes.get(cells.fold(cells.text(header)))

    def __bool__(self) -> bool:
        return bool(self.codes)


def parse_options(items: list[str]) -> ColumnMap:
    """``["CS1=1.1", "CS2=1.2,CS3=1.3"]`` → a map; MapError names the first bad item."""
    out = ColumnMap()
    for item in items:
        for part in (p.strip() for p in item.split(",")):
            if not part:
                continue
            header, sep, code = part.partition("=")
            try:
                parsed = cells.code(code.strip()) if sep and header.strip() else None
            except ValueError:
                parsed = None
            if parsed is None:
                raise MapError(f"'{part}' phải có dạng <tiêu đề cột>=<mã>, ví dụ CS1=1.1 hoặc 'Lĩnh vực I=1'.")
            out.codes[cells.fold(header)] = parsed
    return out


def is_map_sheet(grid) -> bool:
    return grid.kind == "sheet" and cells.fold(grid.name) in SHEET_NAMES


def from_grids(grids: list, given: ColumnMap | None = None) -> ColumnMap:
    """The file's "Mã cột" sheet, with the option's entries winning over it."""
    out = ColumnMap()
    for grid in (g for g in grids if is_map_sheet(g)):
        for row, values in grid.rows:
            header, raw = ((*values, None, None))[:2]
            folded = cells.fold(cells.text(header))
            if not folded or folded in ("cot", "tieu de cot", "ten cot") or raw is None:
                continue  # blank, the sheet's own heading, a header with no code
            try:
                out.codes[folded] = cells.code(raw)
            except ValueError:
                out.findings.append(
                    problem(
                        "officer-column-map",
                        grid,
                        row,
                        2,
                        f"mã '{cells.text(raw)}' của cột '{cells.text(header)}' không đúng dạng.",
                        "Ghi mã dạng 1, 1.2 hoặc 1.2.3.",
                    )
                )
    if given:
        out.codes.update(given.codes)
    return out


@dataclass
class Tables:
    """A file's grids, the tables found in them (grid, header), and what was found wrong on the way."""

    grids: list[Grid]
    located: list[tuple[Grid, Any]]
    findings: list


def tables(path: Path, shown: str, given: ColumnMap | None, header: Callable, missing: tuple[str, str]) -> Tables:
    """Read a file and find its tables: ``header(grid, map)`` gives a grid's header or None (the
    "Mã cột" sheet is the map, not a table); ``missing`` is the message and hint of the finding
    when no grid holds a table."""
    grids, problems = read(path, shown)
    if problems:
        return Tables(grids, [], problems)
    mapped = from_grids(grids, given)
    located = [(g, h) for g in grids if not is_map_sheet(g) and (h := header(g, mapped))]
    if not located:
        mapped.findings.append(findings.error("officer-header-missing", shown, *missing))
    return Tables(grids, located, mapped.findings)
