"""Fixtures for the officer's tools: a small generated province (the same frameworks as the
bundled sample), spreadsheets and Word tables written by the real libraries, and the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cchc.cli.main import main
from cchc.sample.generate import generate


@pytest.fixture(scope="session")
def small_province(tmp_path_factory) -> Path:
    """Generated once: 3 departments, 1 district with 3 communes merged into 2 in 2025."""
    out = tmp_path_factory.mktemp("province") / "repo"
    generate(out, n_so=3, n_huyen=1, n_xa=3, n_xa_2025=2)
    return out


@pytest.fixture
def province(small_province, tmp_path) -> Path:
    """A private copy a test may change."""
    target = tmp_path / "repo"
    shutil.copytree(small_province, target)
    return target


@pytest.fixture
def cchc(capsys):
    """Run the real command line; returns (exit code, stdout, stderr)."""

    def run(*args):
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def json_report(out: str) -> dict:
    """The JSON findings report a command printed (with --format json), before its closing sentence."""
    return json.loads(out[: out.rindex("}") + 1])


def export_annex(cchc, root: Path, year: int, *outs: Path) -> int:
    """`cchc export annex` of ``year`` into each of ``outs`` (.xlsx, .docx); the exit code."""
    options = [arg for out in outs for arg in ("--out", out)]
    return cchc("export", "annex", "--year", year, *options, "--root", root)[0]


def write_xlsx(path: Path, sheets: dict, states: dict | None = None) -> Path:
    """sheets: {name: [row, …]} written with openpyxl, as an officer's Excel file; states: {name:
    'hidden' or 'veryHidden'} for sheets not shown."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        ws.sheet_state = (states or {}).get(name, "visible")
    wb.save(path)
    return path


def write_docx(path: Path, rows: list, merge_down: list = ()) -> Path:
    """One Word table (python-docx); merge_down: (row, col, rows) cells merged vertically."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("PHỤ LỤC BỘ TIÊU CHÍ")
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                table.cell(r, c).text = str(value)
    for r, c, n in merge_down:
        table.cell(r, c).merge(table.cell(r + n - 1, c))
    doc.save(path)
    return path


def files_of(root: Path) -> dict:
    """Every file's bytes under root's shared folders: to prove nothing was written."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for name in ("province.yaml", "units", "criteria", "plans", "surveys")
        for p in ([root / name] if (root / name).is_file() else sorted((root / name).rglob("*")))
        if p.is_file()
    }
