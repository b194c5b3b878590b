"""Evidence paths: what ordinary tools write is accepted; tricks are refused before any read."""

from __future__ import annotations

import os
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfs import scan_pdf

from cchc import validation
from cchc.evidence import paths
from cchc.load.source import FileSource
from evidence.dossier import SA, at, cite

FOLDER = "submissions/2025/so-a"


@pytest.mark.parametrize(
    "written",
    [
        "evidence/ke-hoach.pdf",
        "./evidence/ke-hoach.pdf",
        " evidence/ke-hoach.pdf ",
        "submissions/2025/so-a/evidence/ke-hoach.pdf",
        "/submissions/2025/so-a/evidence/ke-hoach.pdf",
    ],
)
def test_accepted_forms(written):
    assert paths.resolve(FOLDER, written) == f"{FOLDER}/evidence/ke-hoach.pdf"


@pytest.mark.parametrize(
    "written, code",
    [
        ("../so-b/evidence/x.pdf", "evidence-path-outside"),
        ("evidence/../../../../etc/passwd", "evidence-path-outside"),
        ("submissions/2025/so-b/evidence/x.pdf", "evidence-path-outside"),
        ("/submissions/2025/so-b/evidence/x.pdf", "evidence-path-outside"),
        ("/etc/passwd", "evidence-path-absolute"),
        ("C:/Users/vanthu/Desktop/ke-hoach.pdf", "evidence-path-absolute"),
        ("~/ke-hoach.pdf", "evidence-path-absolute"),
        ("evidence\\ke-hoach.pdf", "evidence-path-backslash"),
        ("evidence/ke\x1b[31mhoach.pdf", "evidence-path-control"),
        ("evidence/ke\u2028hoach.pdf", "evidence-path-control"),
        ("https://drive.google.com/file/d/abc", "evidence-path-url"),
        ("file:///etc/passwd", "evidence-path-url"),
        ("   ", "evidence-path-empty"),
    ],
)
def test_refused_forms(written, code):
    with pytest.raises(paths.BadPath) as bad:
        paths.resolve(FOLDER, written)
    assert bad.value.code == code and bad.value.message and bad.value.hint
    assert "\x1b" not in bad.value.message


def test_control_characters_are_shown_escaped():
    assert paths.shown("a\nb\x1b.pdf") == "a\\x0ab\\x1b.pdf"
    assert paths.shown(os.fsdecode(b"k\xe9.pdf")) == "k\\xe9.pdf"


def _nfd(text):
    return unicodedata.normalize("NFD", text)


def test_a_macos_name_in_nfd_is_found_from_an_nfc_reference(mini_repo):
    name = "kế-hoạch-năm.pdf"
    (mini_repo / f"{FOLDER}/evidence" / _nfd(name)).write_bytes(scan_pdf(1))
    line = cite(mini_repo, {name: None})[name]
    result = validation.validate(mini_repo)
    assert at(result, line) == set()
    assert not [f for f in result.findings if f.code == "evidence-unreferenced"]


def test_an_nfd_reference_finds_an_nfc_name(mini_repo):
    name = "báo-cáo-quý.pdf"
    (mini_repo / f"{FOLDER}/evidence" / name).write_bytes(scan_pdf(1))
    line = cite(mini_repo, {name: None})[name]
    sa = mini_repo / SA
    sa.write_bytes(sa.read_bytes().replace(name.encode(), _nfd(name).encode()))
    assert at(validation.validate(mini_repo), line) == set()


def test_on_disk_matches_folders_in_any_normal_form(mini_repo):
    folder = mini_repo / FOLDER / "evidence" / _nfd("hội-nghị")
    folder.mkdir()
    (folder / "a.pdf").write_bytes(b"%PDF-1.4")
    src = FileSource(mini_repo)
    assert paths.on_disk(src, f"{FOLDER}/evidence/hội-nghị/a.pdf") == f"{FOLDER}/evidence/{_nfd('hội-nghị')}/a.pdf"
    assert paths.on_disk(src, f"{FOLDER}/evidence/khong-co/a.pdf") is None


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(min_codepoint=0, max_codepoint=0xDD00) | st.sampled_from("\udc80\udcff\u2028\x7f\x9f")))
def test_a_path_with_nothing_to_escape_is_shown_as_it_is_and_any_other_escaped(text):
    """The fast path (nothing to escape: the text itself) agrees with the rule char by char."""

    def escaped(ch: str) -> str:
        code = ord(ch) - 0xDC00 if 0xDC80 <= ord(ch) <= 0xDCFF else ord(ch)
        unshown = ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch in "\u2028\u2029" or 0xDC80 <= ord(ch) <= 0xDCFF
        if not unshown:
            return ch
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    assert paths.shown(text) == "".join(escaped(ch) for ch in text)
