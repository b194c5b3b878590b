"""The house rules that tools hold: no function in src/ above cyclomatic complexity 15 (radon,
the measure the issue names) unless a comment on its ``def`` line says why, and ruff and mypy
clean with the configuration in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from radon.complexity import cc_visit

SRC = Path(__file__).resolve().parents[1] / "src" / "cchc"
LIMIT = 15
EXCUSE = "# complexity:"  # on the def line: why this function is better whole


def _too_complex() -> list[str]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for block in cc_visit(text):
            if block.complexity > LIMIT and EXCUSE not in lines[block.lineno - 1]:
                out.append(f"{path.relative_to(SRC)}:{block.lineno} {block.name} {block.complexity}")
    return out


def test_no_function_above_complexity_15() -> None:
    assert _too_complex() == []


def _tool(*args: str) -> subprocess.CompletedProcess[str]:
    root = SRC.parents[1]
    return subprocess.run([sys.executable, "-m", *args], cwd=root, capture_output=True, text=True, check=False)


def test_ruff_check_is_clean() -> None:
    done = _tool("ruff", "check", "src", "tests", "hooks", "bench", "scripts")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_clean() -> None:
    done = _tool("ruff", "format", "--check", "src", "tests", "hooks", "bench", "scripts")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean() -> None:
    done = _tool("mypy")
    assert done.returncode == 0, done.stdout + done.stderr
