"""What a pull request may put in a dossier, judged from its Git tree: regular files with names
a person can tell apart. Real repositories, real commits, `cchc check-pr` as CI runs it, both
on a checkout at the pull request's head and on an export of the head commit."""

from __future__ import annotations

import os
import unicodedata

from pdfs import scan_pdf

from .conftest import check, codes
from .forge import git
from .test_rounds import _round1

FOLDER = "submissions/2025/so-a"
SA = f"{FOLDER}/self-assessment.yaml"
EX = f"{FOLDER}/explanation.yaml"
RECEIVED = "Quyết định.pdf"  # the received document's name, saved on a Mac: NFD on disk and in Git
NFD, NFC = unicodedata.normalize("NFD", RECEIVED), unicodedata.normalize("NFC", RECEIVED)
IN_ROUND = "2026-02-20T02:00:00Z"  # the explanation round is open
BEFORE = "2025-12-20T03:00:00Z"  # entry is open


def _errors(doc: dict) -> set[tuple[str, str]]:
    return {(f["code"], f["file"]) for f in doc["findings"] if f["severity"] == "error"}


def _both_ways(forge, capsys, head: str, event) -> list[dict]:
    """check-pr on a fresh checkout at ``head``, then on the work tree at main (an export of ``head``)."""
    ci = forge.checkout(head)
    git(forge.work, "checkout", "-q", "main")
    return [check(capsys, repo, event)[1] for repo in (ci, forge.work)]


def _receive_nfd_evidence(forge) -> None:
    """Before the lock, the unit filed the decision under its macOS (NFD) name, cited in NFC."""
    forge.branch("nop")
    forge.write(f"{FOLDER}/evidence/{NFD}", scan_pdf(1, "QUYET DINH DA NOP"))
    forge.edit(SA, "      - {file: evidence/ke-hoach.pdf, page: 1}\n", f"      - {{file: evidence/{NFC}, page: 1}}\n")
    forge.commit("Nộp hồ sơ", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00")
    forge.push("nop")
    forge.merge("nop")


def _explain(forge, branch: str, new_name: str) -> str:
    forge.branch(branch)
    forge.write(
        EX,
        'unit: so-a\nyear: 2025\nanswers:\n  - code: "1.2"\n    text: Bổ sung quyết định.\n'
        f"    evidence:\n      - {{file: evidence/{unicodedata.normalize('NFC', new_name)}}}\n",
    )
    forge.write(f"{FOLDER}/evidence/{new_name}", scan_pdf(1, "QUYET DINH THAY THE"))
    head = forge.commit("Giải trình", author="so-a-vanthu", date="2026-02-20T09:00:00+07:00")
    forge.push(branch)
    return head


def test_a_twin_name_cannot_take_over_evidence_the_council_received(forge, capsys):
    _receive_nfd_evidence(forge)
    _round1(forge)
    # a new file under a new name is what the explanation round allows, next to the NFD name
    fine = _explain(forge, "giai-trinh", "Quyết định bổ sung.pdf")
    for doc in _both_ways(forge, capsys, fine, forge.pull_request(fine, "so-a-vanthu", IN_ROUND)):
        assert doc["errors"] == 0, doc
    # the same name in NFC is a new path to Git, but the same name to everyone: it would
    # silently replace the received document wherever the self-assessment cites it
    twin = _explain(forge, "giai-trinh-trung-ten", NFC)
    for doc in _both_ways(forge, capsys, twin, forge.pull_request(twin, "so-a-vanthu", IN_ROUND)):
        assert _errors(doc) == {("dossier-name-twin", f"{FOLDER}/evidence/{NFD}")}, doc
        message = doc["findings"][0]["message"]
        assert f"evidence/{NFD}" in message and f"evidence/{NFC}" in message


def test_links_and_submodules_in_a_dossier_are_refused_cited_or_not(forge, capsys):
    forge.branch("so-a")
    ev = forge.work / FOLDER / "evidence"
    os.symlink("ke-hoach.pdf", ev / "ban-sao.pdf")  # inside the folder, cited nowhere
    os.symlink("/etc/passwd", ev / ".an.pdf")  # dot-named, out of the repository
    git(forge.work, "add", "-A")
    # a gitlink: another repository's commit recorded as a folder (git submodule add does this)
    git(forge.work, "update-index", "--add", "--cacheinfo", f"160000,{forge.main()},{FOLDER}/evidence/kho-khac")
    head = forge.commit("Liên kết", author="so-a-vanthu", date="2025-12-20T09:00:00+07:00", add_all=False)
    forge.push("so-a")
    modes = git(forge.work, "ls-tree", "-r", "HEAD", "--", f"{FOLDER}/evidence")
    assert "160000 commit" in modes and "120000 blob" in modes
    for doc in _both_ways(forge, capsys, head, forge.pull_request(head, "so-a-vanthu", BEFORE)):
        assert _errors(doc) == {
            ("path-symlink", f"{FOLDER}/evidence/ban-sao.pdf"),
            ("path-symlink", f"{FOLDER}/evidence/.an.pdf"),
            ("dossier-entry-not-file", f"{FOLDER}/evidence/kho-khac"),
        }, doc
        assert "evidence-unreferenced" not in codes(doc, errors_only=False)
