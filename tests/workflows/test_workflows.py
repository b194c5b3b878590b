"""The repository's workflows: zizmor finds nothing, they validate against GitHub's workflow
schema (check-jsonschema's vendored copy, offline), and they keep the trust rules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(wf: dict):
    for job in wf["jobs"].values():
        yield from job.get("steps", [])


def test_there_are_the_four_workflows():
    assert [p.name for p in WORKFLOWS] == ["close-entry.yml", "comment.yml", "publish.yml", "validate.yml"]


@pytest.mark.parametrize("persona", ["regular", "auditor"])
def test_zizmor_finds_nothing(persona):
    done = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", "--format", "json", "--persona", persona,
                           str(ROOT / ".github" / "workflows"), str(ROOT / ".pre-commit-hooks.yaml")],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == []


def test_workflows_match_the_github_workflow_schema():
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_pinned_actions(path):
    wf = _load(path)
    assert wf["permissions"] == {}, "quyền mặc định phải rỗng; mỗi việc tự khai quyền của mình"
    for step in _steps(wf):
        if "uses" in step:
            assert PINNED.match(step["uses"]), step["uses"]
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
    assert "pull_request_target" not in wf["on"]


def test_the_check_runs_the_base_code_on_the_pull_requests_data():
    wf = _load(ROOT / ".github/workflows/validate.yml")
    assert set(wf["on"]) == {"pull_request", "merge_group"}
    (job,) = wf["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    base, pr = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert base["with"]["path"] == "base" and "base" in base["with"]["ref"]
    assert pr["with"]["path"] == "pr" and "head" in pr["with"]["ref"] and pr["with"]["fetch-depth"] == 0
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert any("pip install" in r and "./base" in r for r in runs)
    assert not any("./pr" in r or " pr/" in r for r in runs if "pip" in r)  # the PR's code is never installed
    assert any(r.startswith("cchc check-pr --repo pr --event \"$GITHUB_EVENT_PATH\"") for r in runs)


def test_the_privileged_comment_never_touches_the_pull_request():
    wf = _load(ROOT / ".github/workflows/comment.yml")
    validate = _load(ROOT / ".github/workflows/validate.yml")
    assert set(wf["on"]) == {"workflow_run"} and wf["on"]["workflow_run"]["workflows"] == [validate["name"]]
    (job,) = wf["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    for step in job["steps"]:
        if step.get("uses", "").startswith("actions/checkout@"):
            assert "ref" not in step.get("with", {})  # the default branch, never the pull request's head
    script = next(s["run"] for s in job["steps"] if "cchc comment" in s.get("run", ""))
    assert '"$HEAD_SHA"' in script and "${{" not in script


def test_receipts_are_pushed_with_a_token_that_is_never_stored():
    wf = _load(ROOT / ".github/workflows/close-entry.yml")
    (job,) = wf["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "actions": "read"}
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "cchc close-entry" in runs and "actions/workflows/validate.yml/runs" in runs
    assert "git config" not in runs  # the token lives in the environment of one command only
