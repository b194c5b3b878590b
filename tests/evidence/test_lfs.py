"""Evidence kept in Git LFS: a clone without the content gets a clear error, the fetch fixes it."""

from __future__ import annotations

import os
import subprocess

from cchc import validation

SA = "submissions/2025/so-a/self-assessment.yaml"


def _git(cwd, *args, env=None):
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})},
    )


def test_missing_lfs_content_then_fetched(mini_repo, tmp_path):
    remote = tmp_path / "remote.git"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    _git(mini_repo, "init", "-q", "-b", "main")
    _git(mini_repo, "lfs", "install", "--local")
    _git(mini_repo, "lfs", "track", "*.pdf")
    _git(mini_repo, "add", "-A")
    _git(mini_repo, "-c", "user.name=Văn thư", "-c", "user.email=vt@example.invalid", "commit", "-q", "-m", "Gửi đi")
    _git(mini_repo, "remote", "add", "origin", str(remote))
    _git(mini_repo, "push", "-q", "origin", "main")
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", str(remote), str(clone), env={"GIT_LFS_SKIP_SMUDGE": "1"})
    assert (clone / "submissions/2025/so-a/evidence/ke-hoach.pdf").read_bytes().startswith(b"version https://git-lfs")

    result = validation.validate(clone)
    missing = sorted((f.line, f.is_error) for f in result.findings if f.code == "evidence-lfs-missing")
    assert missing == [(4, True), (13, True), (17, True), (27, True)]  # the report and three citations
    assert {f.code for f in result.errors} == {"evidence-lfs-missing"}
    f = next(f for f in result.findings if f.code == "evidence-lfs-missing")
    assert "git lfs pull" in f.hint and "lfs: true" in f.hint

    _git(clone, "lfs", "install", "--local")
    _git(clone, "lfs", "pull")
    assert validation.validate(clone).errors == []
