"""Every hostile input of the corpus gives its expected finding, under the limits, with no
traceback: one real `cchc validate` run over the whole corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile import corpus

pytestmark = pytest.mark.slow  # real-Git scenarios or generators of several seconds: not in the fast loop

CCHC = Path(sys.executable).with_name("cchc")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("corpus")
    root = base / "repo"
    cases = corpus.build(root)
    env = {
        **os.environ,
        "CCHC_EVIDENCE_TIMEOUT": "3",
        "CCHC_EVIDENCE_MEMORY_MB": "512",
        "CCHC_CACHE_DIR": str(base / "cache"),
    }
    env.pop("CCHC_DEBUG", None)
    # The subprocess timeout only guards the test run: a validator stuck on the FIFO never returns.
    done = subprocess.run(
        [str(CCHC), "validate", "--format", "json", "--root", str(root)],
        cwd=base,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return cases, done


def test_the_run_ends_cleanly(run):
    _, done = run
    assert done.returncode == 1, done.stderr  # findings; 2 would mean the validator itself failed
    assert done.stderr == ""
    assert "Traceback" not in done.stdout


def test_every_case_gives_its_finding(run):
    cases, done = run
    findings = json.loads(done.stdout)["findings"]
    missing = []
    for case in cases:
        here = [f for f in findings if f["file"] == case.file and (case.line is None or f["line"] == case.line)]
        if case.code is None:
            if here:
                missing.append(f"{case.name}: expected nothing, got {[f['code'] for f in here]}")
        elif case.code not in {f["code"] for f in here}:
            missing.append(
                f"{case.name}: expected {case.code} at {case.file}:{case.line}, got {[f['code'] for f in here]}"
            )
    assert missing == []


def test_every_finding_is_vietnamese_and_says_how_to_fix(run):
    _, done = run
    for f in json.loads(done.stdout)["findings"]:
        assert f["message"] and f["hint"], f
        assert not any(ch in f["message"] + f["hint"] + f["file"] for ch in "\x00\x1b\n\r"), f


def test_the_generator_script_runs_on_its_own(tmp_path):
    done = subprocess.run(
        [sys.executable, str(Path(corpus.__file__)), str(tmp_path / "out")], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out/expected.yaml").is_file() and (tmp_path / "out/repo/province.yaml").is_file()
