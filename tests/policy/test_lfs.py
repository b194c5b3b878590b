"""Evidence kept in Git LFS (as in real use): the check reads the PDFs' content, not pointers,
and fetches only the touched dossier's files."""

from __future__ import annotations

import os
import shutil

from pdfs import scan_pdf

from .conftest import build_mini, check
from .forge import Forge, git

SA = "submissions/2025/so-a/self-assessment.yaml"


def test_evidence_in_git_lfs(tmp_path, capsys):
    files = build_mini(tmp_path / "files")
    (files / "submissions/2025/so-a/appraisal.yaml").unlink()
    (files / ".gitattributes").write_text("*.pdf filter=lfs diff=lfs merge=lfs -text\n", encoding="utf-8")
    forge = Forge(tmp_path / "forge", files)
    git(forge.work, "lfs", "install", "--local")  # from now on PDFs go to LFS, as in real use
    forge.branch("so-a")
    forge.write("submissions/2025/so-a/evidence/hoi-nghi.pdf", scan_pdf(2, "HOI NGHI"))
    forge.edit(
        SA,
        "    explanation: Đã tổ chức 3 hội nghị tuyên truyền.\n",
        "    explanation: Đã tổ chức 3 hội nghị tuyên truyền.\n"
        "    evidence:\n      - {file: evidence/hoi-nghi.pdf, page: 2}\n",
    )
    head = forge.commit("Bổ sung", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00")
    forge.push("so-a")
    assert int(git(forge.work, "cat-file", "-s", f"{head}:submissions/2025/so-a/evidence/hoi-nghi.pdf")) < 200
    # (Git itself holds only a small pointer; the content sits in the LFS store)
    event = forge.pull_request(head, "so-a-vanthu", "2025-12-20T03:00:00Z")

    # a checkout made without LFS content, at the head: only the touched dossier is fetched
    ci = tmp_path / "ci"
    env = {**os.environ, "GIT_LFS_SKIP_SMUDGE": "1"}
    git(tmp_path, "clone", "-q", str(forge.origin), str(ci), env=env)
    git(ci, "checkout", "-q", "--detach", head, env=env)
    code, doc = check(capsys, ci, event)
    assert code == 0, doc
    assert (ci / "submissions/2025/so-a/evidence/hoi-nghi.pdf").read_bytes().startswith(b"%PDF")

    # a repository whose working tree is elsewhere: the head's files are exported and smudged
    git(forge.work, "checkout", "-q", "main")
    code, doc = check(capsys, forge.work, event)
    assert code == 0, doc
    shutil.rmtree(ci)
