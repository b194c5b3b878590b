"""Run every example folder in tests/cases/ through `cchc validate`.

Each case folder holds a ``case.yaml``:

    description: what the case shows
    edit:            # text substitutions applied to files of the base repository
      - file: submissions/2025/so-a/self-assessment.yaml
        old: "score: 1\n"
        new: "score: 7\n"
        count: 1     # optional: how many occurrences must be replaced (default 1)
    write:           # files created or replaced, as text ...
      - {file: ..., text: "..."}
    write_bytes:     # ... or as bytes: hex, or a PDF made by tests/pdfs.py, or repeated text
      - {file: ..., hex: "ffd8"} | {file: ..., scan_pages: 2} | {file: ..., repeat: "a: 1\n", times: 100000}
    remove: [path, ...]
    expect:          # the exact set of blocking findings (code, file, line)
      - {code: score-above-max, file: submissions/2025/so-a/self-assessment.yaml, line: 11}
    warnings:        # optional: warnings that must be present (code, file, line)
      - {...}

A case with an empty ``expect`` is a positive case: it must validate with no error.
Files under the case folder's ``repo/`` are copied over the base repository as they are.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from cchc import validation
from conftest import build_mini
from pdfs import scan_pdf

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if (p / "case.yaml").is_file())


def _apply(case_dir: Path, spec: dict, root: Path) -> None:
    if (case_dir / "repo").is_dir():
        shutil.copytree(case_dir / "repo", root, dirs_exist_ok=True)
    for ed in spec.get("edit") or []:
        path = root / ed["file"]
        text = path.read_text(encoding="utf-8")
        count = ed.get("count", 1)
        assert text.count(ed["old"]) == count, f"{case_dir.name}: '{ed['old']}' found {text.count(ed['old'])}×"
        path.write_text(text.replace(ed["old"], ed["new"]), encoding="utf-8")
    for wr in spec.get("write") or []:
        path = root / wr["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wr["text"], encoding="utf-8")
    for wr in spec.get("write_bytes") or []:
        path = root / wr["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        if "hex" in wr:
            data = bytes.fromhex(wr["hex"])
        elif "scan_pages" in wr:
            data = scan_pdf(wr["scan_pages"])[: wr.get("truncate")]
        else:
            data = (wr.get("prefix", "") + wr["repeat"] * wr["times"]).encode("utf-8")
        path.write_bytes(data)
    for rel in spec.get("remove") or []:
        target = root / rel
        shutil.rmtree(target) if target.is_dir() else target.unlink()


def _key(f) -> tuple:
    return (f["code"], f["file"], f["line"])


@pytest.mark.parametrize("case_dir", CASES, ids=[c.name for c in CASES])
def test_case(case_dir: Path, tmp_path: Path) -> None:
    spec = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    root = build_mini(tmp_path / "repo")
    _apply(case_dir, spec, root)
    result = validation.validate(root)
    got_errors = {(f.code, f.file, f.line) for f in result.findings if f.is_error}
    expected = {_key(e) for e in spec.get("expect") or []}
    assert got_errors == expected, "\n".join(f"{f.file}:{f.line} {f.code} {f.message}" for f in result.findings)
    got_warnings = {(f.code, f.file, f.line) for f in result.findings if not f.is_error}
    for w in spec.get("warnings") or []:
        assert _key(w) in got_warnings, f"missing warning {w}; got {sorted(got_warnings)}"
    for f in result.findings:  # every finding a user sees is Vietnamese and actionable
        assert f.message and f.hint, f
