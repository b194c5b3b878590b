"""The hostile corpus: inputs an attacker (or an unlucky scanner) sends, each with the
finding it must produce. Generated here, never downloaded.

    python tests/hostile/corpus.py OUT     # writes a repository with every case, and OUT/expected.yaml

The repository is the small valid one of the tests (tests/fixtures/mini) with:
- hostile PDFs in so-a's evidence/, each cited under criterion 1.2 (one line each);
- hostile evidence paths cited there too, and links (to /etc/passwd, /dev/zero and a FIFO
  outside the repository: opening the FIFO would block, so a run that ends proves it was
  never opened);
- hostile YAML, one unit folder per file (h-<name>/self-assessment.yaml);
- legitimate variants that must pass: so-a's own file saved with a BOM and CRLF line
  ends, a macOS (NFD) file name cited in NFC.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
# also run as a script (python tests/hostile/corpus.py OUT), where pytest's pythonpath is not set
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from evidence.makers import (
    append_update,
    make_pki,
    sign_pdf,
    text_pdf,
    with_attachment,
    with_javascript,
    with_open_action,
)
from pdfs import encrypt_pdf, scan_pdf, write_scan

from hostile import rawpdf

SO_A = "submissions/2025/so-a"
SA = f"{SO_A}/self-assessment.yaml"
ANCHOR = '  - code: "1.2"\n    score: 0.75\n'


@dataclass
class Case:
    name: str
    code: str | None  # the finding it must produce; None: a legitimate variant, no finding at all
    file: str  # where the finding is reported
    line: int | None = None  # None: any line (YAML files report where the parser stopped)


def _dag_bomb() -> bytes:
    """A page tree where every node lists the next one twice: 2^40 pages by reference."""
    objects = {1: b"<< /Type /Catalog /Pages 42 0 R >>", 2: b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 10 10] >>"}
    for n in range(3, 43):
        objects[n] = b"<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count %d >>" % (n - 1, n - 1, 2 ** (n - 2))
    return rawpdf.build(objects)


def _hostile_pdfs() -> dict[str, tuple[bytes, str, dict]]:
    """name -> (bytes, expected code, extra reference fields)."""
    scan = scan_pdf(2, "QUYET DINH")
    text = "BT /F1 12 Tf 20 380 Td (Ke hoach) Tj ET"
    pki = make_pki()
    in_time = dt.datetime(2025, 3, 1, 2, 0, tzinfo=dt.UTC)
    signed = sign_pdf(text_pdf(1, "KE HOACH"), pki, when=in_time)
    tampered = bytearray(signed)
    tampered[signed.index(b"KE HOACH")] ^= 1
    blob = signed.index(b"/Contents <") + len(b"/Contents <")
    big = bytearray(b"%PDF-1.4\n")
    return {
        "zip-doi-ten.pdf": (b"PK\x03\x04\x14\x00" + bytes(300), "evidence-not-pdf", {}),
        "trang-web.pdf": (b"<!DOCTYPE html><html><body>Ke hoach</body></html>", "evidence-not-pdf", {}),
        "rong.pdf": (b"", "evidence-file-empty", {}),
        "cat-cut.pdf": (scan[: len(scan) // 2], "evidence-pdf-unreadable", {}),
        "rac.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n", "evidence-pdf-unreadable", {}),
        "mat-khau.pdf": (encrypt_pdf(scan, "123456"), "evidence-encrypted", {}),
        "javascript.pdf": (with_javascript(scan), "evidence-pdf-javascript", {}),
        "javascript-an.pdf": (
            rawpdf.one_page(
                text.encode(), catalog_extra=b"/OpenAction << /S /J#61vaScript /J#53 (app.launchURL\\('x'\\)) >> "
            ),
            "evidence-pdf-javascript",
            {},
        ),
        "mo-chuong-trinh.pdf": (with_open_action(scan, {"/S": "/Launch", "/F": "cmd.exe"}), "evidence-pdf-launch", {}),
        "dinh-kem.pdf": (with_attachment(scan), "evidence-pdf-embedded-file", {}),
        "khong-trang.pdf": (
            rawpdf.build({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>"}),
            "evidence-pdf-empty",
            {},
        ),
        "cay-trang.pdf": (_dag_bomb(), "evidence-pdf-too-complex", {}),
        "bom-nen.pdf": (rawpdf.one_page(b"0" * 80_000_000), "evidence-pdf-too-complex", {}),
        "lenh-vo-tan.pdf": (rawpdf.one_page(b"0 0 m 1 1 l S\n" * 2_000_000), "evidence-pdf-too-complex", {}),
        "do-dai-vong.pdf": (
            rawpdf.build(
                {
                    1: b"<< /Type /Catalog /Pages 2 0 R >>",
                    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] /Contents 4 0 R >>",
                    4: b"<< /Length 4 0 R >>\nstream\nBT ET\nendstream",
                }
            ),
            "evidence-pdf-too-complex",
            {},
        ),
        "long-sau.pdf": (
            rawpdf.one_page(text.encode(), catalog_extra=b"/X " + b"[" * 50000 + b"]" * 50000 + b" "),
            "evidence-pdf-unreadable",
            {},
        ),
        "vong-lap.pdf": (
            rawpdf.build({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"}),
            "evidence-pdf-unreadable",
            {},
        ),
        "xuat-tu-word.pdf": (text_pdf(3), "evidence-not-scan-or-signed", {}),
        "ky-so-sua-1-byte.pdf": (bytes(tampered), "evidence-signature-invalid", {}),
        "ky-so-luu-them.pdf": (append_update(signed), "evidence-signature-modified", {}),
        "ky-so-ghi-them.pdf": (signed + b"\n% them sau khi ky\n", "evidence-signature-appended", {}),
        "ky-so-hong.pdf": (signed[:blob] + b"0" * 64 + signed[blob + 64 :], "evidence-signature-broken", {}),
        "ky-so-muon.pdf": (
            sign_pdf(text_pdf(1), pki, when=dt.datetime(2026, 2, 1, tzinfo=dt.UTC)),
            "evidence-signed-after-deadline",
            {},
        ),
        "ky-so-lui-ngay.pdf": (signed, "evidence-signature-date-mismatch", {"date": "2025-01-02"}),
        "qua-lon.pdf": (bytes(big), "evidence-too-large", {"_size": 5 * 1048576 + 1}),
        "lfs.pdf": (
            b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"ab" * 32 + b"\nsize 99999\n",
            "evidence-lfs-missing",
            {},
        ),
        "trang-9.pdf": (scan, "evidence-page-out-of-range", {"page": 9}),
    }


_BAD_PATHS = {
    "../../../../etc/passwd": "evidence-path-outside",
    "evidence/../../so-b/evidence/ke-hoach.pdf": "evidence-path-outside",
    "submissions/2025/so-b/evidence/ke-hoach.pdf": "evidence-path-outside",
    "/etc/passwd": "evidence-path-absolute",
    "C:/Users/vanthu/Desktop/ke-hoach.pdf": "evidence-path-absolute",
    "evidence\\ke-hoach.pdf": "evidence-path-backslash",
    "evidence/ke-hoach\u001b[2J.pdf": "evidence-path-control",
    "evidence/ke-hoach\u0000.pdf": "evidence-path-control",
    "https://drive.google.com/file/d/1abc/view": "evidence-path-url",
    "evidence/khong-co-tep-nay.pdf": "evidence-not-found",
}

_LINKS = {  # evidence/<name> -> target; each is cited
    "lien-ket-passwd.pdf": "/etc/passwd",
    "lien-ket-zero.pdf": "/dev/zero",
    "lien-ket-fifo.pdf": "{fifo}",
    "lien-ket-don-vi-khac.pdf": "../../so-b/evidence/ke-hoach.pdf",
}


def _yaml_bombs() -> dict[str, tuple[bytes, str]]:
    laughs = 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
        f"*a{i - 1}]\n"
        for i in range(1, 10)
    )
    head = "unit: h-x\nyear: 2025\n"
    return {
        "bom-bi-danh": (laughs.encode(), "yaml-alias"),
        "long-sau": ((head + "scores: " + "[" * 10000 + "]" * 10000 + "\n").encode(), "yaml-too-deep"),
        "long-sau-khoi": (
            (head + "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n").encode(),
            "yaml-too-deep",
        ),
        "gia-tri-khong-lo": ((head + 'difficulties: "' + "a" * 1_500_000 + '"\n').encode(), "yaml-too-large"),
        "tep-khong-lo": ((head + "# " + "x" * 3_000_000 + "\n").encode(), "yaml-too-large"),
        "khong-phai-utf8": ((head + "difficulties: Thi\xeau nh\xe2n l\xf1c\n").encode("latin-1"), "yaml-encoding"),
        "the-python": ((head + "difficulties: !!python/object/apply:os.system ['id']\n").encode(), "yaml-tag"),
        "the-tu-dat": ((head + "difficulties: !ruby/object:Gem::Installer {a: 1}\n").encode(), "yaml-tag"),
        "ky-tu-nul": ((head + "difficulties: a\x00b\n").encode(), "yaml-encoding"),
        "trung-khoa": ((head + "year: 2024\n").encode(), "yaml-duplicate-key"),
        "nhieu-tai-lieu": ((head + "---\nunit: h-y\n").encode(), "yaml-multiple-documents"),
        "dieu-khien": ((head + 'difficulties: "\x1b[31m"\n').encode(), "yaml-syntax"),
    }


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=True)  # a JSON string is a valid YAML double-quoted scalar


def build_mini(target: Path) -> Path:
    """The tests' small valid repository (as tests/conftest.py builds it)."""
    shutil.copytree(TESTS / "fixtures" / "mini", target)
    ev = target / SO_A / "evidence"
    write_scan(ev / "ke-hoach.pdf", pages=2, text="KE HOACH 5/KH-SA")
    write_scan(ev / "bao-cao.pdf", pages=1, text="BAO CAO 10/BC-SA")
    return target


def build(root: Path) -> list[Case]:
    """Write the corpus repository at ``root``; return the expected findings."""
    build_mini(root)
    cases: list[Case] = []
    ev = root / SO_A / "evidence"
    refs: list[tuple[str, str, str | None, dict]] = []  # (case name, written path, code, extra fields)
    for name, (data, code, extra) in _hostile_pdfs().items():
        path = ev / name
        path.write_bytes(data)
        if "_size" in extra:
            with open(path, "r+b") as fh:
                fh.truncate(extra.pop("_size"))  # sparse: large on paper, cheap on disk
        refs.append((name, f"evidence/{name}", code, extra))
    for written, code in _BAD_PATHS.items():
        refs.append((f"duong-dan {written!r}", written, code, {}))
    outside = root.parent / f"{root.name}-ngoai-kho"
    outside.mkdir(exist_ok=True)
    fifo = outside / "fifo"
    if not fifo.exists():
        os.mkfifo(fifo)
    (root / "submissions/2025/so-b/evidence").mkdir(parents=True, exist_ok=True)
    (root / "submissions/2025/so-b/evidence/ke-hoach.pdf").write_bytes(scan_pdf(1, "SO B"))
    # so-a's plan, filed again by so-b under another name: same content, another unit
    (root / "submissions/2025/so-b/evidence/kh-2025.pdf").write_bytes((ev / "ke-hoach.pdf").read_bytes())
    for name, target in _LINKS.items():
        os.symlink(target.format(fifo=fifo), ev / name)
        refs.append((name, f"evidence/{name}", "evidence-symlink", {}))
    nfd = unicodedata.normalize("NFD", "kế-hoạch-năm-macos.pdf")
    (ev / nfd).write_bytes(scan_pdf(1, "MACOS"))
    refs.append(("ten-nfd", "evidence/" + unicodedata.normalize("NFC", nfd), None, {}))

    sa = root / SA
    text = sa.read_text(encoding="utf-8")
    lines = ["    evidence:\n"] + [
        "      - {file: "
        + _quote(written)
        + "".join(f", {k}: {_quote(v) if isinstance(v, str) else v}" for k, v in extra.items())
        + "}\n"
        for _, written, _, extra in refs
    ]
    text = text.replace(ANCHOR, ANCHOR + "".join(lines))
    first = text[: text.index(ANCHOR)].count("\n") + 3 + 1  # line of the first reference
    for i, (name, _, code, _) in enumerate(refs):
        cases.append(Case(name, code, SA, first + i))
    # Legitimate variant: the whole file as a Windows editor saves it (BOM, CRLF).
    sa.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    cases.append(Case("bom-crlf", None, SA, 1))

    # Names on disk: control characters, bytes that are not UTF-8; a link as a dossier file.
    os.close(os.open(os.path.join(os.fsencode(ev), b"ten\nxuong-dong.pdf"), os.O_CREAT | os.O_WRONLY))
    os.close(os.open(os.path.join(os.fsencode(ev), b"ten-\xff\xfe.pdf"), os.O_CREAT | os.O_WRONLY))
    cases.append(Case("ten-xuong-dong", "path-control-character", f"{SO_A}/evidence/ten\\x0axuong-dong.pdf"))
    cases.append(Case("ten-khong-utf8", "path-control-character", f"{SO_A}/evidence/ten-\\xff\\xfe.pdf"))
    (root / "submissions/2025/h-lien-ket").mkdir()
    os.symlink("/etc/passwd", root / "submissions/2025/h-lien-ket/self-assessment.yaml")
    cases.append(Case("ho-so-lien-ket", "path-symlink", "submissions/2025/h-lien-ket/self-assessment.yaml"))
    os.symlink(str(outside), root / "units-ngoai")  # outside the data folders: never looked at
    cases.append(Case("cung-noi-dung-don-vi-khac", "evidence-shared-with-other-unit", SA, 13))

    for name, (data, code) in _yaml_bombs().items():
        folder = root / f"submissions/2025/h-{name}"
        folder.mkdir()
        (folder / "self-assessment.yaml").write_bytes(data)
        cases.append(Case(f"yaml-{name}", code, f"submissions/2025/h-{name}/self-assessment.yaml"))
    return cases


def main(out: str) -> int:
    root = Path(out) / "repo"
    cases = build(root)
    manifest = Path(out) / "expected.yaml"
    manifest.write_text(
        "".join(
            f"- {{name: {_quote(c.name)}, code: {c.code or 'null'}, file: {_quote(c.file)}, "
            f"line: {c.line if c.line is not None else 'null'}}}\n"
            for c in cases
        ),
        encoding="utf-8",
    )
    print(f"{len(cases)} cases in {root}; expectations in {manifest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus"))
