"""Real PDFs and certificates for the evidence tests, made with pypdf, Pillow and cryptography.

Nothing is downloaded: the CA and the signer are throwaway keys made here, and pyHanko
signs with them.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject, TextStringObject

UTC = dt.UTC


def text_pdf(pages: int = 1, text: str = "KE HOACH CCHC", render: int = 0, image: bytes | None = None) -> bytes:
    """A born-digital PDF (what a word processor exports): pages showing text with Helvetica.

    ``render=3`` makes the text invisible (as OCR software does); ``image`` (a scan PDF's
    bytes) puts that scan's first page image behind the text on every page.
    """
    writer = PdfWriter()
    scan_page = PdfReader(io.BytesIO(image)).pages[0] if image else None
    for n in range(pages):
        page = writer.add_page(scan_page) if scan_page is not None else writer.add_blank_page(300, 420)
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        resources[NameObject("/Font")] = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
        page[NameObject("/Resources")] = resources
        body = f"BT /F1 12 Tf {render} Tr 20 380 Td ({text} {n + 1}) Tj ET".encode()
        stream = DecodedStreamObject()
        old = page.get_contents()
        stream.set_data((old.get_data() + b"\n" if old is not None else b"") + body)
        page[NameObject("/Contents")] = writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def rewrite(data: bytes, edit) -> bytes:
    """Clone a PDF with pypdf, let ``edit(writer)`` change it, and write it out again."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    edit(writer)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def with_javascript(data: bytes) -> bytes:
    """Document-level JavaScript (the /Names /JavaScript tree), run by a viewer on opening."""

    def edit(w):
        action = w._add_object(
            DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject("app.alert('xin chao');"),
                }
            )
        )
        tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("mo-tep"), action])})
        w._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): w._add_object(tree)})

    return rewrite(data, edit)


def with_open_action(data: bytes, action: dict) -> bytes:
    def edit(w):
        w._root_object[NameObject("/OpenAction")] = w._add_object(
            DictionaryObject(
                {
                    NameObject(k): (NameObject(v) if isinstance(v, str) and v.startswith("/") else TextStringObject(v))
                    for k, v in action.items()
                }
            )
        )

    return rewrite(data, edit)


def with_attachment(data: bytes) -> bytes:
    return rewrite(data, lambda w: w.add_attachment("bang-tinh.xlsx", b"PK\x03\x04 not really"))


@dataclass
class Pki:
    """A throwaway CA and a signer certificate issued by it."""

    ca_cert: object  # cryptography certificate
    signer_cert: object
    signer_key: object

    def ca_pem(self) -> bytes:
        from cryptography.hazmat.primitives import serialization

        return self.ca_cert.public_bytes(serialization.Encoding.PEM)

    def ca_der(self) -> bytes:
        from cryptography.hazmat.primitives import serialization

        return self.ca_cert.public_bytes(serialization.Encoding.DER)


def make_pki(signer: str = "Nguyễn Văn A", valid_from: dt.datetime | None = None, days: int = 3650) -> Pki:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    start = valid_from or dt.datetime(2020, 1, 1, tzinfo=UTC)
    end = start + dt.timedelta(days=days)

    def name(cn):
        return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ca_key = ec.generate_private_key(ec.SECP256R1())

    def issued(subject, issuer, public_key, ca: bool):
        """A certificate signed with the CA's key: the CA's own (signs certificates) or a signer's
        (signs documents, non-repudiation)."""
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
        )
        if ca:
            builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        unused = ("key_encipherment", "data_encipherment", "key_agreement", "encipher_only", "decipher_only")
        usage = x509.KeyUsage(
            digital_signature=True,
            content_commitment=not ca,
            key_cert_sign=ca,
            crl_sign=ca,
            **dict.fromkeys(unused, False),
        )
        return builder.add_extension(usage, critical=True).sign(ca_key, hashes.SHA256())

    ca = issued(name("CA Thu Nghiem"), name("CA Thu Nghiem"), ca_key.public_key(), ca=True)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = issued(name(signer), ca.subject, key.public_key(), ca=False)
    return Pki(ca, cert, key)


def sign_pdf(data: bytes, pki: Pki, when: dt.datetime | None = None, field: str = "ChuKy1") -> bytes:
    """Sign ``data`` with pyHanko's SimpleSigner; ``when`` sets the signer's clock (the
    signer-reported signing time), as a signing computer with that date would."""
    from asn1crypto import keys as akeys
    from asn1crypto import x509 as ax509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der = serialization.Encoding.DER
    signer = signers.SimpleSigner(
        signing_cert=ax509.Certificate.load(pki.signer_cert.public_bytes(der)),
        signing_key=akeys.PrivateKeyInfo.load(
            pki.signer_key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        ),
        cert_registry=SimpleCertificateStore.from_certs([ax509.Certificate.load(pki.ca_cert.public_bytes(der))]),
    )

    class ClockSigner(signers.PdfSigner):
        def init_signing_session(self, *args, **kwargs):
            session = super().init_signing_session(*args, **kwargs)
            if when is not None:
                session.system_time = when
            return session

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    meta = signers.PdfSignatureMetadata(field_name=field, location="Tỉnh Mẫu")
    return ClockSigner(meta, signer).sign_pdf(writer).getvalue()


def append_update(data: bytes, edit=None) -> bytes:
    """An incremental update after signing (what 'Save' in a PDF editor does)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    if edit is None:
        writer.root["/Lang"] = generic.TextStringObject("vi")
        writer.update_root()
    else:
        edit(writer)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


__all__ = [
    "ArrayObject",
    "NumberObject",
    "Pki",
    "append_update",
    "make_pki",
    "rewrite",
    "sign_pdf",
    "text_pdf",
    "with_attachment",
    "with_javascript",
    "with_open_action",
]
