"""Incremental validation (`--changed-since`) gives exactly the findings a full validation
gives for the same dossiers, on a real Git repository with changes in several units."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from minirepo import copy_sample

from cchc import validation
from cchc.cli.main import main

pytestmark = pytest.mark.slow  # real-Git scenarios or generators of several seconds: not in the fast loop

DATA = ("province.yaml", "criteria", "units", "plans", "surveys", "submissions")


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=Thử nghiệm", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _sample_repo(tmp_path: Path) -> Path:
    root = copy_sample(tmp_path / "repo", DATA)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "sample")
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_incremental_equals_full_for_changed_units(tmp_path, capsys):
    root = _sample_repo(tmp_path)
    git(root, "checkout", "-q", "-b", "pr")
    year = root / "submissions" / "2025"
    units = sorted(p.name for p in year.iterdir() if (p / "self-assessment.yaml").is_file())
    a, b, c = units[0], units[3], units[5]
    _edit(year / a / "self-assessment.yaml", "year: 2025", "year: 2024")  # wrong year
    _edit(year / b / "self-assessment.yaml", "evidence/", "evidence/khong-co-")  # a missing PDF
    (year / c / "evidence" / "them.pdf").write_bytes(b"not a pdf")  # an uncited, broken file
    git(root, "add", "-A")
    git(root, "commit", "-qm", "three units")

    changed = validation.changed_since(root, "main")
    limited = validation.scope(changed)
    assert limited == sorted(f"submissions/2025/{u}" for u in (a, b, c))
    incremental = validation.validate(root, limited)
    full = validation.validate(root)
    in_scope = [f for f in full.findings if any(f.file.startswith(p + "/") for p in limited)]
    assert incremental.findings == in_scope
    assert {f.file.split("/")[2] for f in incremental.errors} == {a, b}
    assert incremental.checked == 3

    # The command gives the same verdict and says which dossiers it checked.
    assert main(["validate", "--root", str(root), "--changed-since", "main", "--format", "json"]) == 1
    assert f"submissions/2025/{b}/self-assessment.yaml" in capsys.readouterr().out


def test_shared_change_means_full_validation(tmp_path):
    root = _sample_repo(tmp_path)
    _edit(root / "plans" / "2025.yaml", "title:", "title: (sửa)")
    assert validation.scope(validation.changed_since(root, "main")) is None


def test_nothing_changed(tmp_path, capsys):
    root = _sample_repo(tmp_path)
    assert validation.scope(validation.changed_since(root, "main")) == []
    assert main(["validate", "--root", str(root), "--changed-since", "main"]) == 0
    assert "Không có hồ sơ nào thay đổi" in capsys.readouterr().out
