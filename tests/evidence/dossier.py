"""Put evidence into the mini repository's dossier of so-a and cite it, for the tests."""

from __future__ import annotations

from pathlib import Path

SA = "submissions/2025/so-a/self-assessment.yaml"
ANCHOR = '  - code: "1.2"\n    score: 0.75\n'


def cite(
    root: Path, files: dict[str, bytes | None], criterion_anchor: str = ANCHOR, page: int | None = None, extra: str = ""
) -> dict[str, int]:
    """Write ``files`` (name -> bytes; None: cite without writing) into so-a/evidence/ and
    cite each under criterion 1.2. Returns name -> line of its reference."""
    ev = root / "submissions/2025/so-a/evidence"
    ev.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        if data is not None:
            (ev / name).write_bytes(data)
    sa = root / SA
    text = sa.read_text(encoding="utf-8")
    assert text.count(criterion_anchor) == 1
    refs = "".join(f'      - {{file: "evidence/{name}"{f", page: {page}" if page else ""}{extra}}}\n' for name in files)
    text = text.replace(criterion_anchor, criterion_anchor + "    evidence:\n" + refs)
    sa.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    return {name: next(i for i, line in enumerate(lines, 1) if f'"evidence/{name}"' in line) for name in files}


def at(result, line: int, file: str = SA) -> set[str]:
    """Codes of the findings at one line of a file."""
    return {f.code for f in result.findings if f.file == file and f.line == line}
