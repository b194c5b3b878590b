"""Links and unreadable names in the data folders: one finding each, nothing read through them."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

from cchc import validation
from cchc.evidence import problems

EVIDENCE = "submissions/2025/so-a/evidence"


def _git(cwd, *args):
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"},
    )


def _committed(mini_repo, tmp_path, stage=()):
    """The mini repository pushed to a bare remote, with extra index entries ``stage``
    (``mode,object,path`` as git update-index --cacheinfo takes them)."""
    remote = tmp_path / "remote.git"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    _git(mini_repo, "init", "-q", "-b", "main")
    _git(mini_repo, "add", "-A")
    for entry in stage:
        _git(mini_repo, "update-index", "--add", "--cacheinfo", entry)
    _git(mini_repo, "-c", "user.name=Văn thư", "-c", "user.email=vt@example.invalid", "commit", "-q", "-m", "Gửi đi")
    _git(mini_repo, "push", "-q", str(remote), "main")
    return remote


def _codes(root):
    return {(f.code, f.file) for f in validation.validate(root).findings}


def test_a_link_in_the_registry_is_reported_not_read(mini_repo):
    os.symlink("/etc/passwd", mini_repo / "units/ngoai.yaml")
    found = _codes(mini_repo)
    assert ("path-symlink", "units/ngoai.yaml") in found
    assert not [c for c, f in found if f == "units/ngoai.yaml" and c != "path-symlink"]


def test_a_linked_dossier_file_does_not_vanish(mini_repo):
    sa = mini_repo / "submissions/2025/so-a/self-assessment.yaml"
    target = mini_repo.parent / "ngoai-kho.yaml"
    target.write_bytes(sa.read_bytes())
    sa.unlink()
    os.symlink(target, sa)
    assert ("path-symlink", "submissions/2025/so-a/self-assessment.yaml") in _codes(mini_repo)


def test_names_with_control_characters_or_bad_bytes_are_reported_escaped(mini_repo):
    ev = os.fsencode(mini_repo / "submissions/2025/so-a/evidence")
    for name in (b"a\x1b[31m.pdf", b"b\xff.pdf"):
        os.close(os.open(os.path.join(ev, name), os.O_CREAT | os.O_WRONLY))
    found = _codes(mini_repo)
    assert ("path-control-character", "submissions/2025/so-a/evidence/a\\x1b[31m.pdf") in found
    assert ("path-control-character", "submissions/2025/so-a/evidence/b\\xff.pdf") in found
    assert not [f for c, f in found if "\x1b" in f or "\udcff" in f]


def test_nfd_names_and_editor_leftovers_are_not_punished(mini_repo):
    ev = mini_repo / "submissions/2025/so-a/evidence"
    (ev / unicodedata.normalize("NFD", "hội-nghị.pdf")).write_bytes((ev / "bao-cao.pdf").read_bytes())
    (ev / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    found = _codes(mini_repo)
    assert not [c for c, _ in found if c.startswith("path-")]
    assert {f for c, f in found if c == "evidence-unreferenced"} == {
        "submissions/2025/so-a/evidence/" + unicodedata.normalize("NFD", "hội-nghị.pdf")
    }


def _sig(revision, coverage="ENTIRE_FILE", modification="NONE", appended=0, **kw):
    return {
        "revision": revision,
        "intact": True,
        "valid": True,
        "kind": "signature",
        "trusted": True,
        "coverage": coverage,
        "modification": modification,
        "appended": appended,
        "signer": "A",
        "time": "2025-01-10T03:00:00+00:00",
        **kw,
    }


def test_what_may_follow_a_signature():
    def judge(sigs):
        return [p.code for p in problems.of_signatures(sigs)]

    assert judge([_sig(1)]) == []
    assert judge([_sig(1, "ENTIRE_REVISION", "FORM_FILLING"), _sig(2)]) == []  # a later signature
    assert judge([_sig(1, "ENTIRE_REVISION", "LTA_UPDATES")]) == []  # validation data, timestamps
    assert judge([_sig(1, "ENTIRE_REVISION", "ANNOTATIONS"), _sig(2)]) == ["evidence-signature-modified"]
    assert judge([_sig(1, "ENTIRE_REVISION", "FORM_FILLING")]) == ["evidence-signature-modified"]
    assert judge([_sig(1, "ENTIRE_REVISION", "NONE", appended=20)]) == ["evidence-signature-appended"]
    assert judge([_sig(1, trusted=None)]) == ["evidence-signature-chain-unverified"]
    assert judge([_sig(1, intact=False)]) == ["evidence-signature-invalid"]


def test_a_submodule_in_a_clone_is_reported_an_empty_folder_elsewhere_is_not(mini_repo, tmp_path):
    os.makedirs(mini_repo / EVIDENCE / "chua-co-tep")  # a clerk's new, still empty folder: fine
    assert validation.validate(mini_repo).errors == []
    # a gitlink names another repository's commit, which need not be here
    remote = _committed(mini_repo, tmp_path, [f"160000,{'1' * 40},{EVIDENCE}/kho-khac"])
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", str(remote), str(clone))
    assert (clone / EVIDENCE / "kho-khac").is_dir() and not os.listdir(clone / EVIDENCE / "kho-khac")
    assert {(f.code, f.file) for f in validation.validate(clone).errors} == {
        ("dossier-entry-not-file", f"{EVIDENCE}/kho-khac")
    }


def test_a_link_checked_out_as_a_plain_file_is_still_a_link(mini_repo, tmp_path):
    """Git on Windows without symlink support writes a link as a small text file."""
    os.symlink("ke-hoach.pdf", mini_repo / EVIDENCE / "ban-sao.pdf")
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "-c", "core.symlinks=false", str(_committed(mini_repo, tmp_path)), str(clone))
    assert (clone / EVIDENCE / "ban-sao.pdf").read_text() == "ke-hoach.pdf"
    found = {(f.code, f.file) for f in validation.validate(clone).errors}
    assert found == {("path-symlink", f"{EVIDENCE}/ban-sao.pdf")}


def test_a_named_pipe_never_blocks_the_run(mini_repo):
    os.mkfifo(mini_repo / "units/ong.yaml")  # read, it would wait for a writer forever
    os.mkfifo(mini_repo / "plans/ong.pem")
    plan = mini_repo / "plans/2025.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "  max_file_mb: 5\n", "  max_file_mb: 5\n  trust_roots: [plans/ong.pem]\n"
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "cchc.cli.main", "validate", "--format", "json", "--root", str(mini_repo)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert '"file-unreadable"' in done.stdout and '"plan-trust-root-unreadable"' in done.stdout
