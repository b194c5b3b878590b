"""Evidence PDFs through the whole validator: each kind of file gives its finding."""

from __future__ import annotations

import pytest
from hostile import rawpdf
from pdfs import encrypt_pdf, scan_pdf

from cchc import validation
from evidence.dossier import SA, at, cite
from evidence.makers import text_pdf, with_attachment, with_javascript, with_open_action

SCAN = scan_pdf(2, "QUYET DINH")


def _one(root, data, **kw):
    line = cite(root, {"tai-lieu.pdf": data}, **kw)["tai-lieu.pdf"]
    result = validation.validate(root)
    return result, at(result, line)


def test_a_scan_passes(mini_repo):
    result, codes = _one(mini_repo, SCAN)
    assert codes == set()
    assert result.errors == []


@pytest.mark.parametrize("render", [3, 0], ids=["ocr-invisible-text", "text-under-image"])
def test_an_ocr_scan_still_counts_as_a_scan(mini_repo, render):
    _, codes = _one(mini_repo, text_pdf(2, render=render, image=SCAN))
    assert codes == set()


def test_a_word_processor_export_without_signature_is_refused(mini_repo):
    result, codes = _one(mini_repo, text_pdf(3))
    assert codes == {"evidence-not-scan-or-signed"}
    f = next(f for f in result.findings if f.code == "evidence-not-scan-or-signed")
    assert f.is_error and "chữ ký số" in f.message and "tai-lieu.pdf" in f.message


def test_a_typed_cover_page_before_a_scan_passes(mini_repo):
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in (text_pdf(1), SCAN):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    _, codes = _one(mini_repo, buf.getvalue())
    assert codes == set()


@pytest.mark.parametrize(
    "make, code",
    [
        (lambda: with_javascript(SCAN), "evidence-pdf-javascript"),
        (lambda: with_open_action(SCAN, {"/S": "/JavaScript", "/JS": "app.alert(1)"}), "evidence-pdf-javascript"),
        (lambda: with_open_action(SCAN, {"/S": "/Launch", "/F": "cmd.exe"}), "evidence-pdf-launch"),
        (lambda: with_attachment(SCAN), "evidence-pdf-embedded-file"),
        (
            lambda: rawpdf.one_page(
                b"q 300 0 0 420 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q",
                catalog_extra=b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> ",
            ),
            "evidence-pdf-javascript",
        ),
    ],
    ids=["names-tree", "open-action", "launch", "attachment", "escaped-name"],
)
def test_active_content_is_refused(mini_repo, make, code):
    result, codes = _one(mini_repo, make())
    assert code in codes
    assert all(f.message and f.hint for f in result.findings)


def test_an_inline_image_scan_passes(mini_repo):
    page = rawpdf.one_page(b"q 300 0 0 420 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q")
    _, codes = _one(mini_repo, page)
    assert codes == set()


def test_password_locked_pdf_is_refused_but_owner_password_only_passes(mini_repo):
    import io

    from pypdf import PdfReader, PdfWriter

    _, codes = _one(mini_repo, encrypt_pdf(SCAN, "123456"))
    assert codes == {"evidence-encrypted"}
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(SCAN)))
    writer.encrypt(user_password="", owner_password="chi-so-huu")  # opens without a password
    buf = io.BytesIO()
    writer.write(buf)
    (mini_repo / "submissions/2025/so-a/evidence/tai-lieu.pdf").write_bytes(buf.getvalue())
    result = validation.validate(mini_repo)
    assert not [f for f in result.findings if "tai-lieu" in f.message]


@pytest.mark.parametrize(
    "data, code",
    [
        (SCAN[: len(SCAN) // 2], "evidence-pdf-unreadable"),
        (SCAN[:-30], "evidence-pdf-unreadable"),
        (b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\n%%EOF\n", "evidence-pdf-unreadable"),
        (b"", "evidence-file-empty"),
        (b"PK\x03\x04" + b"\0" * 200, "evidence-not-pdf"),
        (b"<html><body>Ke hoach</body></html>", "evidence-not-pdf"),
    ],
    ids=["half", "tail-cut", "garbage", "empty", "zip", "html"],
)
def test_broken_files(mini_repo, data, code):
    _, codes = _one(mini_repo, data)
    assert codes == {code}


def test_truncation_is_explained(mini_repo):
    result, _ = _one(mini_repo, SCAN[:-30])
    assert any("cắt cụt" in f.message for f in result.findings)


def test_page_beyond_the_last_page(mini_repo):
    _, codes = _one(mini_repo, SCAN, page=3)
    assert codes == {"evidence-page-out-of-range"}
    (mini_repo / SA).write_text(
        (mini_repo / SA).read_text(encoding="utf-8").replace("page: 3", "page: 2"), encoding="utf-8"
    )
    assert validation.validate(mini_repo).errors == []


def test_file_over_the_plans_limit_is_not_parsed(mini_repo):
    big = SCAN[:-6] + b"\n%" + b"0" * (5 * 1048576) + b"\n%%EOF\n"
    result, codes = _one(mini_repo, big)
    assert codes == {"evidence-too-large"}
    assert any("5 MB" in f.message for f in result.findings if f.code == "evidence-too-large")


def test_lfs_pointer_says_how_to_fetch(mini_repo):
    pointer = (
        b"version https://git-lfs.github.com/spec/v1\n"
        b"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 2500000\n"
    )
    result, codes = _one(mini_repo, pointer)
    assert codes == {"evidence-lfs-missing"}
    f = next(f for f in result.findings if f.code == "evidence-lfs-missing")
    assert "git lfs pull" in f.hint and "2.4 MB" in f.message
