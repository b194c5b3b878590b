"""Links and unreadable names in the data folders: one finding each, nothing read through them."""

from __future__ import annotations

import os
import unicodedata

from cchc import validation
from cchc.evidence import problems


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
        "submissions/2025/so-a/evidence/" + unicodedata.normalize("NFD", "hội-nghị.pdf")}


def _sig(revision, coverage="ENTIRE_FILE", modification="NONE", appended=0, **kw):
    return {"revision": revision, "intact": True, "valid": True, "kind": "signature", "trusted": True,
            "coverage": coverage, "modification": modification, "appended": appended, "signer": "A",
            "time": "2025-01-10T03:00:00+00:00", **kw}


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
