"""Digitally signed evidence, signed here with pyHanko and a throwaway CA."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc import checks, validation
from evidence.dossier import at, cite
from evidence.makers import append_update, make_pki, sign_pdf, text_pdf

UTC = dt.UTC
IN_TIME = dt.datetime(2025, 1, 10, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam, the document's own date


@pytest.fixture(scope="module")
def pki():
    return make_pki()


@pytest.fixture(scope="module")
def signed(pki):
    return sign_pdf(text_pdf(2, "KE HOACH 5/KH-SA"), pki, when=IN_TIME)


def _trust(root, pki, extra=""):
    """Add the CA as the plan's trust root."""
    (root / "certs").mkdir(exist_ok=True)
    (root / "certs/ca-thu-nghiem.pem").write_bytes(pki.ca_pem())
    plan = root / "plans/2025.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("  max_file_mb: 5\n", "  max_file_mb: 5\n  trust_roots: [certs/ca-thu-nghiem.pem" + extra + "]\n"),
        encoding="utf-8",
    )


def _check(root, data, **kw):
    line = cite(root, {"ky-so.pdf": data}, extra=', date: "2025-01-10"', **kw)["ky-so.pdf"]
    result = validation.validate(root)
    return result, at(result, line)


def test_signed_document_verifies_and_names_its_signer(mini_repo, pki, signed):
    _trust(mini_repo, pki)
    result, codes = _check(mini_repo, signed)
    assert codes == set(), [f.message for f in result.findings]
    report = mini_repo_report(result, "ky-so.pdf")
    (sig,) = report.signatures
    assert sig.signer == "Nguyễn Văn A" and sig.time == IN_TIME and sig.trusted is True
    assert sig.time_source == "signer"


def mini_repo_report(result, name):
    """The inspector's report for one evidence file of so-a, as the checks see it (the checks run
    again on the loaded repository, keeping the run's memo to look into)."""
    memo = checks.Run(result.repo)
    checks.run(result.repo, memo=memo)
    return next(r for (rel, *_), r in memo.inspector._memo.items() if rel.endswith(name))


def test_without_trust_roots_the_chain_is_said_to_be_unchecked(mini_repo, signed):
    result, codes = _check(mini_repo, signed)
    assert codes == {"evidence-signature-chain-unverified"}
    f = next(f for f in result.findings if f.line and f.code == "evidence-signature-chain-unverified")
    assert not f.is_error and "Nguyễn Văn A" in f.message and "chưa kiểm tra" in f.message


def test_a_signer_from_another_ca_is_untrusted(mini_repo, signed):
    _trust(mini_repo, make_pki("Người Lạ"))
    _, codes = _check(mini_repo, signed)
    assert codes == {"evidence-signature-untrusted"}


def test_one_byte_changed_breaks_the_signature(mini_repo, pki, signed):
    _trust(mini_repo, pki)
    data = bytearray(signed)
    data[signed.index(b"KE HOACH")] ^= 0x01  # inside the signed range: 'K' becomes 'J'
    _, codes = _check(mini_repo, bytes(data))
    assert codes == {"evidence-signature-invalid"}


def test_an_incremental_update_after_signing_is_reported(mini_repo, pki, signed):
    _trust(mini_repo, pki)
    result, codes = _check(mini_repo, append_update(signed))
    assert codes == {"evidence-signature-modified"}
    assert any("sau khi" in f.message for f in result.findings if f.code == "evidence-signature-modified")


def test_bytes_appended_after_signing_are_reported(mini_repo, pki, signed):
    _trust(mini_repo, pki)
    _, codes = _check(mini_repo, signed + b"\n% them vao sau khi ky\n")
    assert codes == {"evidence-signature-appended"}


def test_a_second_signature_after_the_first_is_fine(mini_repo, pki, signed):
    _trust(mini_repo, pki)
    twice = sign_pdf(signed, pki, when=IN_TIME + dt.timedelta(hours=2), field="ChuKy2")
    result, codes = _check(mini_repo, twice)
    assert codes == set(), [f.message for f in result.findings]
    assert len(mini_repo_report(result, "ky-so.pdf").signatures) == 2


def test_a_corrupted_signature_blob_is_a_finding(mini_repo, pki, signed):
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    broken = signed[:start] + b"0" * 64 + signed[start + 64 :]
    _, codes = _check(mini_repo, broken)
    assert codes & {"evidence-signature-broken", "evidence-signature-invalid"}


def test_signed_after_the_deadline(mini_repo, pki):
    _trust(mini_repo, pki)
    late = sign_pdf(text_pdf(1), pki, when=dt.datetime(2026, 1, 2, 9, 0, tzinfo=UTC))
    result, codes = _check(mini_repo, late)
    assert codes == {"evidence-signed-after-deadline", "evidence-signature-date-mismatch"}
    f = next(f for f in result.findings if f.code == "evidence-signed-after-deadline")
    assert f.is_error and "16:00 ngày 02/01/2026" in f.message


def test_the_extension_moves_the_deadline(mini_repo, pki):
    """so-b has an extension to 10/01/2026 in the plan: a document signed on 02/01 is in time."""
    import shutil

    from evidence.dossier import ANCHOR

    _trust(mini_repo, pki)
    b = mini_repo / "submissions/2025/so-b"
    shutil.copytree(mini_repo / "submissions/2025/so-a", b)
    (b / "appraisal.yaml").unlink()
    sa = b / "self-assessment.yaml"
    text = sa.read_text(encoding="utf-8").replace("unit: so-a", "unit: so-b")
    sa.write_text(text.replace(ANCHOR, ANCHOR + "    evidence:\n      - {file: evidence/ky.pdf}\n"), encoding="utf-8")
    (b / "evidence/ky.pdf").write_bytes(sign_pdf(text_pdf(1), pki, when=dt.datetime(2026, 1, 2, 9, 0, tzinfo=UTC)))
    found = [
        f.code
        for f in validation.validate(mini_repo).findings
        if f.file == "submissions/2025/so-b/self-assessment.yaml"
    ]
    assert "evidence-signed-after-deadline" not in found
    assert "evidence-shared-with-other-unit" in found  # the copied scans are so-a's


def test_a_bad_trust_root_entry_is_reported_on_the_plan(mini_repo, pki, signed):
    _trust(mini_repo, pki, extra=", certs/khong-co.pem, ../../etc/ssl/certs/ca-certificates.crt")
    result, _ = _check(mini_repo, signed)
    bad = [f for f in result.findings if f.code == "plan-trust-root-unreadable"]
    assert {f.file for f in bad} == {"plans/2025.yaml"} and len(bad) == 2
    assert all(f.line > 1 for f in bad)
