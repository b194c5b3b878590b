"""A clerk using Git locally gets the same verdict before pushing: `cchc check-pr --local`,
and the hooks in .pre-commit-hooks.yaml run by the real pre-commit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cchc.cli import main as cli

from .forge import git

pytestmark = pytest.mark.slow  # real-Git scenarios or generators of several seconds: not in the fast loop

ROOT = Path(__file__).resolve().parents[2]
SA = "submissions/2025/so-a/self-assessment.yaml"
OPEN = "2025-12-20T10:00:00+07:00"


def test_local_check_compares_with_the_main_branch(forge, capsys):
    forge.branch("so-a")
    forge.edit(SA, "score: 0.75\n", "score: 1\n")
    forge.commit("Sửa", author="so-a-vanthu", date=OPEN)
    assert cli.main(["check-pr", "--local", "--repo", str(forge.work), "--event-time", OPEN]) == 0
    out = capsys.readouterr().out
    assert "Kiểm tra trên máy" in out and "policy-author-unknown" in out  # no account configured yet
    git(forge.work, "config", "cchc.account", "so-b-vanthu")
    assert cli.main(["check-pr", "--local", "--repo", str(forge.work), "--event-time", OPEN]) == 1
    assert "policy-not-unit-account" in capsys.readouterr().out
    git(forge.work, "config", "cchc.account", "@So-A-Vanthu")
    assert cli.main(["check-pr", "--local", "--repo", str(forge.work), "--event-time", OPEN]) == 0
    assert "Không có lỗi" in capsys.readouterr().out


def _pre_commit(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(cwd.parent / "pre-commit-home"),
        "HOME": str(cwd),
        "GIT_AUTHOR_NAME": "so-a-vanthu",
        "GIT_AUTHOR_EMAIL": "a@x.vn",
        "GIT_COMMITTER_NAME": "so-a-vanthu",
        "GIT_COMMITTER_EMAIL": "a@x.vn",
    }
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_the_hooks_manifest_is_valid():
    done = _pre_commit(ROOT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_hooks_block_an_invalid_commit_and_a_late_push(forge):
    # the same hooks as the manifest, run from the clerk's own installation (language: system)
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = [
        {**{k: h[k] for k in ("id", "name", "entry", "pass_filenames", "always_run", "stages")}, "language": "system"}
        for h in hooks
    ]
    local[1]["args"] = ["--event-time", OPEN]  # a fixed clock for the test
    forge.write(
        ".pre-commit-config.yaml", yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}, allow_unicode=True)
    )
    forge.commit("pre-commit", author="snv-admin", date=OPEN)
    forge.push("main")
    git(forge.work, "config", "cchc.account", "so-a-vanthu")
    forge.branch("so-a")
    forge.edit(SA, "score: 0.75\n", "score: 1.5\n")
    git(forge.work, "add", "-A")
    done = _pre_commit(forge.work, "run", "--hook-stage", "pre-commit")
    assert done.returncode == 1 and "score-above-max" in done.stdout, done.stdout + done.stderr
    forge.edit(SA, "score: 1.5\n", "score: 1\n")
    git(forge.work, "add", "-A")
    done = _pre_commit(forge.work, "run", "--hook-stage", "pre-commit")
    assert done.returncode == 0, done.stdout + done.stderr
    forge.commit("Sửa", author="so-a-vanthu", date=OPEN)
    done = _pre_commit(forge.work, "run", "--hook-stage", "pre-push", "--from-ref", "origin/main", "--to-ref", "HEAD")
    assert done.returncode == 0, done.stdout + done.stderr
    git(forge.work, "config", "cchc.account", "so-b-vanthu")
    done = _pre_commit(forge.work, "run", "--hook-stage", "pre-push", "--from-ref", "origin/main", "--to-ref", "HEAD")
    assert done.returncode == 1 and "policy-not-unit-account" in done.stdout
