"""A pull request that changes the validator is judged by the base branch's validator."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cchc

from .conftest import build_mini, codes
from .forge import Forge

pytestmark = pytest.mark.slow  # real-Git scenarios or generators of several seconds: not in the fast loop

SA = "submissions/2025/so-a/self-assessment.yaml"
LOOSER = """def check(run: Run, dossier: Dossier) -> list[Finding]:
    return []  # every dossier is valid


def _original_check("""


@pytest.fixture
def forge_with_code(tmp_path) -> Forge:
    """The product as it is meant to be run: the repository carries the package (src/cchc)."""
    files = build_mini(tmp_path / "files")
    (files / "submissions/2025/so-a/appraisal.yaml").unlink()
    shutil.copytree(Path(cchc.__file__).parent, files / "src" / "cchc", ignore=shutil.ignore_patterns("__pycache__"))
    return Forge(tmp_path / "forge", files)


def _run_code(checkout: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the cchc package found in ``checkout``/src: the base's (as the workflow installs it), or
    the pull request's own copy (what the workflow must never do)."""
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    return subprocess.run(
        [sys.executable, "-m", "cchc.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=checkout,
        check=False,
    )


def test_a_pull_request_changing_the_validator(forge_with_code):
    forge = forge_with_code
    forge.branch("noi-long")
    forge.edit(
        "src/cchc/checks/dossier.py",
        "def check(run: Run, dossier: Dossier) -> list[Finding]:\n",
        LOOSER.replace("def _original_check(", "def _original_check(run: Run, dossier: Dossier) -> list[Finding]:\n"),
    )
    forge.edit(SA, "score: 0.75\n", "score: 1.5\n")  # above the criterion's maximum of 1
    head = forge.commit("Sửa điểm", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00")
    forge.push("noi-long")
    ci = forge.checkout(head)
    base = forge.checkout(forge.main(), name="base")

    # the pull request's own copy would let its invalid score through ...
    own = _run_code(ci, "validate", "--root", str(ci))
    assert own.returncode == 0, own.stdout + own.stderr
    # ... the base branch's validator (the one installed and running) does not, and the code change
    # itself needs an administrator
    event = forge.pull_request(head, "so-a-vanthu", "2025-12-20T03:00:00Z")
    judged = _run_code(base, "check-pr", "--repo", str(ci), "--event", str(event), "--format", "json")
    doc = json.loads(judged.stdout)
    assert judged.returncode == 1 and codes(doc) == {"score-above-max", "policy-admin-only"}
    assert next(f for f in doc["findings"] if f["code"] == "policy-admin-only")["file"] == "src/cchc/checks/dossier.py"

    # and if a job ever ran check-pr from the pull request's copy, it would say so
    wrong = _run_code(ci, "check-pr", "--repo", str(ci), "--event", str(event), "--format", "json")
    assert wrong.returncode == 1
    assert '"validator-not-base"' in wrong.stdout


def test_the_base_validator_is_recognised(forge_with_code):
    forge = forge_with_code
    forge.branch("so-a")
    forge.edit(SA, "score: 0.75\n", "score: 1\n")
    head = forge.commit("Sửa điểm", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00")
    forge.push("so-a")
    base = forge.checkout(forge.main(), name="base")
    event = forge.pull_request(head, "so-a-vanthu", "2025-12-20T03:00:00Z")
    judged = _run_code(base, "check-pr", "--repo", str(forge.checkout(head)), "--event", str(event), "--format", "json")
    assert judged.returncode == 0, judged.stdout + judged.stderr
