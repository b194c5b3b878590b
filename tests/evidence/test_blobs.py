"""Blob ids of evidence files: what a limited run asks about (a few files, the files holding a few
contents) agrees with the full listing, whatever is committed, edited or new."""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path

from cchc import vcs
from cchc.evidence.blobs import BlobIds, hash_file
from cchc.load.source import FileSource


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def test_holding_a_few_contents_agrees_with_the_full_listing(mini_repo):
    ev = mini_repo / "submissions" / "2025" / "so-a" / "evidence"
    other = mini_repo / "submissions" / "2025" / "so-b" / "evidence"
    other.mkdir(parents=True)
    (other / "ban-sao.pdf").write_bytes((ev / "ke-hoach.pdf").read_bytes())  # the same content elsewhere
    (other / "sua.pdf").write_bytes(b"%PDF-1.4 cu")
    _git(mini_repo, "init", "-q")
    _git(mini_repo, "add", "-A")
    _git(mini_repo, "commit", "-qm", "kho")
    (other / "sua.pdf").write_bytes((ev / "bao-cao.pdf").read_bytes())  # edited: now the report's content
    (other / "moi.pdf").write_bytes((ev / "bao-cao.pdf").read_bytes())  # new, same content again
    (ev / "ke-hoach.pdf").unlink()  # deleted on disk, still in the index
    source = FileSource(mini_repo)
    for snapshot in (False, True):
        with vcs.snapshot() if snapshot else contextlib.nullcontext():
            full = BlobIds(source).under("submissions")
            wanted = {hash_file(other / "moi.pdf"), hash_file(other / "ban-sao.pdf"), "0" * 40}
            ids = BlobIds(source)
            assert ids.holding(wanted) == {rel: b for rel, b in full.items() if b in wanted}
            assert all(ids.of(rel) == blob for rel, blob in full.items())
    assert "submissions/2025/so-a/evidence/ke-hoach.pdf" not in full
    assert full["submissions/2025/so-b/evidence/sua.pdf"] == hash_file(other / "sua.pdf")
