"""Hand-built PDFs for the hostile corpus: objects written as bytes, the cross-reference
table computed, so each trick sits exactly where a parser will meet it."""

from __future__ import annotations

import zlib


def build(objects: dict[int, bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF with ``objects`` (number -> body between 'obj' and 'endobj') and a valid xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[num]) if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer_extra, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    body = zlib.compress(data, 9) if compress else data
    filt = b"/Filter /FlateDecode " if compress else b""
    return b"<< /Length %d %s%s>>\nstream\n" % (len(body), filt, extra) + body + b"\nendstream"


def one_page(
    contents: bytes, catalog_extra: bytes = b"", page_extra: bytes = b"", more: dict[int, bytes] | None = None
) -> bytes:
    """Catalog 1, pages 2, page 3, contents 4, font 5; ``more`` adds objects from 6."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 420] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b">>",
        4: stream(contents),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    objects.update(more or {})
    return build(objects)
