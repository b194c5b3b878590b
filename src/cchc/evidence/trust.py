"""Trust roots for digital signatures: the certificates a plan names (``evidence.trust_roots``).

Read only from inside the repository (no ``..``, no links, at most 1 MB each) and only if
they parse as X.509 certificates (PEM or DER); anything else is reported, never guessed.
"""

from __future__ import annotations

MAX_BYTES = 1024 * 1024


def load(source, written: tuple[str, ...]) -> tuple[tuple[bytes, ...], list[tuple[int, str]]]:
    """(certificate bytes, sorted) and (index, path as written) for each unusable entry."""
    roots, bad = [], []
    for i, text in enumerate(written):
        rel = text.strip().lstrip("/")
        data = None
        if (
            rel
            and ".." not in rel.split("/")
            and source.is_file(rel)
            and not source.is_symlink(rel)
            and source.size(rel) <= MAX_BYTES
        ):
            data = source.read(rel)
        if data is not None and is_certificate(data):
            roots.append(data)
        else:
            bad.append((i, text))
    return tuple(sorted(roots)), bad


def is_certificate(data: bytes) -> bool:
    from cryptography import x509  # 0.2 s to import: only for a plan that names trust roots

    for parse in (x509.load_pem_x509_certificate, x509.load_der_x509_certificate):
        try:
            parse(data)
            return True
        except ValueError:
            continue
    return False
