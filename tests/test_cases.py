"""Run every example folder in tests/cases/ through `cchc validate`.

Each case folder holds a ``case.yaml``:

    description: what the case shows
    edit:            # text substitutions applied to files of the base repository
      - file: submissions/2025/so-a/self-assessment.yaml
        old: "score: 1\n"
        new: "score: 7\n"
        count: 1     # optional: how many occurrences must be replaced (default 1)
    write:           # files created or replaced, as text ...
      - {file: ..., text: "..."}
    write_bytes:     # ... or as bytes: hex, a PDF, or repeated text
      - {file: ..., hex: "ffd8"} | {file: ..., repeat: "a: 1\n", times: 100000, prefix: "…"}
      - {file: ..., scan_pages: 2}     # a scan (tests/pdfs.py); same pages and text, same bytes
      - {file: ..., text_pages: 2}     # a born-digital PDF, text set in a font (tests/evidence/makers.py)
      - {file: ..., pdf_objects: {1: "<< /Type /Catalog … >>", …}}  # objects as written, xref computed
      # scan_pages/text_pages may say something (text: "…"); then, in this order, any PDF may get
      #   active: javascript | launch | embedded-file (or a list): content a viewer would run or open
      #   password: "…": locked with a user password
      #   signed: {signing_time: "2025-01-10T10:00:00+07:00", signer: "…"}: a digital signature
      #     (pyHanko), the signer's certificate issued by a throwaway CA (one per signer name)
      #   incremental_update: true: saved again after signing, as a PDF editor does
      #   replace: [{old: "…", new: "…", count: 1}]: bytes changed (each must occur count times)
      #   append: "…" / prefix: "…": bytes written after the end / before the header
      #   truncate: N: cut short after N bytes
      - {file: certs/ca.pem, ca_of: "Nguyễn Văn A"}  # that throwaway CA's certificate (PEM)
    remove: [path, ...]
    symlink:         # symbolic links created last; target is written as is (relative to the link)
      - {file: submissions/2025/so-a/evidence/x.pdf, target: /etc/passwd}
    fifo: [path, ...]  # named pipes (what Git cannot store, but a disk can hold)
    expect:          # the exact set of blocking findings (code, file, line)
      - {code: score-above-max, file: submissions/2025/so-a/self-assessment.yaml, line: 11}
    warnings:        # optional: warnings that must be present (code, file, line)
      - {...}

A case with an empty ``expect`` is a positive case: it must validate with no error.
Files under the case folder's ``repo/`` are copied over the base repository as they are.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
from pathlib import Path

import pytest
import yaml
from evidence import makers
from hostile import rawpdf
from minirepo import build_mini, looks_vietnamese
from pdfs import encrypt_pdf, scan_pdf

from cchc import codes, validation

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if (p / "case.yaml").is_file())


def _apply(case_dir: Path, spec: dict, root: Path) -> None:
    if (case_dir / "repo").is_dir():
        shutil.copytree(case_dir / "repo", root, dirs_exist_ok=True)
    for ed in spec.get("edit") or []:
        path = root / ed["file"]
        text = path.read_text(encoding="utf-8")
        count = ed.get("count", 1)
        assert text.count(ed["old"]) == count, f"{case_dir.name}: '{ed['old']}' found {text.count(ed['old'])}×"
        path.write_text(text.replace(ed["old"], ed["new"]), encoding="utf-8")
    for wr in spec.get("write") or []:
        path = root / wr["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wr["text"], encoding="utf-8")
    for wr in spec.get("write_bytes") or []:
        path = root / wr["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        if "hex" in wr:
            data = bytes.fromhex(wr["hex"])
        elif "ca_of" in wr:
            data = _pki(wr["ca_of"]).ca_pem()
        elif "repeat" in wr:
            data = (wr.get("prefix", "") + wr["repeat"] * wr["times"]).encode("utf-8")
        else:
            data = _pdf(case_dir, wr)
        path.write_bytes(data)
    for rel in spec.get("remove") or []:
        target = root / rel
        shutil.rmtree(target) if target.is_dir() and not target.is_symlink() else target.unlink()
    _not_files(spec, root)


def _not_files(spec: dict, root: Path) -> None:
    """The case's symbolic links and named pipes, made last (over whatever was there)."""
    for ln in spec.get("symlink") or []:
        path = root / ln["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        os.symlink(ln["target"], path)
    for rel in spec.get("fifo") or []:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(root / rel)


@functools.cache
def _pki(signer: str):
    """A throwaway CA and a certificate it issued to ``signer``: one per name for the session."""
    return makers.make_pki(signer)


_ACTIVE = {
    "javascript": makers.with_javascript,
    "launch": lambda data: makers.with_open_action(data, {"/S": "/Launch", "/F": "cmd.exe"}),
    "embedded-file": makers.with_attachment,
}


def _pdf(case_dir: Path, wr: dict) -> bytes:
    """A PDF for ``write_bytes`` (see the module's docstring)."""
    if "scan_pages" in wr:
        data = scan_pdf(wr["scan_pages"], wr.get("text", "SCAN"))
    elif "text_pages" in wr:
        data = makers.text_pdf(wr["text_pages"], wr.get("text", "KE HOACH CCHC"))
    else:
        data = rawpdf.build({int(k): v.encode("utf-8") for k, v in wr["pdf_objects"].items()})
    active = wr.get("active") or []
    for kind in [active] if isinstance(active, str) else active:
        data = _ACTIVE[kind](data)
    if "password" in wr:
        data = encrypt_pdf(data, wr["password"])
    if "signed" in wr:
        when = dt.datetime.fromisoformat(str(wr["signed"]["signing_time"]))
        assert when.tzinfo is not None, f"{case_dir.name}: signing_time needs its UTC offset"
        data = makers.sign_pdf(data, _pki(wr["signed"].get("signer", "Nguyễn Văn A")), when=when)
    if wr.get("incremental_update"):
        data = makers.append_update(data)
    for rp in wr.get("replace") or []:
        old, new, count = rp["old"].encode("utf-8"), rp["new"].encode("utf-8"), rp.get("count", 1)
        assert data.count(old) == count, f"{case_dir.name}: {old!r} found {data.count(old)}× in {wr['file']}"
        data = data.replace(old, new)
    data = wr.get("prefix", "").encode("utf-8") + data + wr.get("append", "").encode("utf-8")
    return data[: wr.get("truncate")]


def _key(f) -> tuple:
    return (f["code"], f["file"], f["line"])


def case_repo(case_dir: Path, folder: Path) -> tuple[Path, dict]:
    """The base repository in ``folder`` with the case applied, and the case's spec."""
    spec = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    root = build_mini(folder)
    _apply(case_dir, spec, root)
    return root, spec


@pytest.mark.usefixtures("shared_evidence_cache")
@pytest.mark.parametrize("case_dir", CASES, ids=[c.name for c in CASES])
def test_case(case_dir: Path, tmp_path: Path) -> None:
    root, spec = case_repo(case_dir, tmp_path / "repo")
    result = validation.validate(root)
    got_errors = {(f.code, f.file, f.line) for f in result.findings if f.is_error}
    expected = {_key(e) for e in spec.get("expect") or []}
    assert got_errors == expected, "\n".join(f"{f.file}:{f.line} {f.code} {f.message}" for f in result.findings)
    got_warnings = {(f.code, f.file, f.line) for f in result.findings if not f.is_error}
    for w in spec.get("warnings") or []:
        assert _key(w) in got_warnings, f"missing warning {w}; got {sorted(got_warnings)}"
    for f in result.findings:  # every finding a user sees is Vietnamese and actionable
        assert f.message and f.hint, f
        assert looks_vietnamese(f.message) and looks_vietnamese(f.hint), f


def test_every_finding_code_has_a_case() -> None:
    """Each code `cchc validate` can emit (declared in cchc.codes for Tool.VALIDATE) is shown by
    at least one example folder, or names the test of its own that shows it (``shown_by``, for a
    code no repository can produce; tests/test_codes.py checks that test exists)."""
    shown = set()
    for case_dir in CASES:
        spec = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
        shown |= {f["code"] for f in (spec.get("expect") or []) + (spec.get("warnings") or [])}
    declared = {c.name: c for c in codes.catalogue()}
    unshown = {
        name
        for name, c in declared.items()
        if c.tool is codes.Tool.VALIDATE and name not in shown and c.shown_by is None
    }
    assert unshown == set(), "finding codes without an example folder in tests/cases/ (or a shown_by test)"
    assert {name for name in shown if name not in declared} == set(), (
        "example folders expecting codes cchc.codes does not declare"
    )
