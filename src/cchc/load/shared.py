"""What the shared files say, kept by their content: how a one-dossier check skips the registry.

A check limited to some dossiers (a pull request's) reports their findings and the blocking
errors of the shared files — province, registry, frameworks, plans — and reads the registry
entries of its units. Both come from the whole registry: its load and the registry-wide checks
(``checks.context``) cost 0.5 s or more for a national registry. After a run that loaded the
registry whole, ``remember`` keeps in the cache folder the findings of those checks, and that
each registry file holds its entries one per "- " line as the full load found them
(``entries.faithful``), under a key made of the code's digest and the Git blob ids of every shared
file, hashed from the bytes read. A later run whose files and code hash to the same key
(``recall``) takes the findings as they were and finds the entries it needs in the bytes
(``entries.spans``): a stale record is never found, a damaged one (its digest) is not used, and
each entry read is checked on its own (``entries.entry``: exactly one valid entry with the id
asked for, or the registry is read whole). Survey files get the same record, on their own
(``remember_surveys``, ``recall_surveys``), for the rows of the units a pull request touches.

Like the evidence facts, these findings are trusted as the cache folder is trusted: the folder
belongs to whoever runs the check.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import Finding, Severity
from ..model.registry import Unit
from ..model.repository import Repository
from ..model.survey import Survey
from .entries import LIMIT, RegistryFile, canonical_survey, faithful, layout, survey_of, survey_year
from .source import FileSource

FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent.parent


@functools.cache
def code_digest() -> str:
    """A digest of the running package's code and schemas: another version finds no record."""
    h = hashlib.sha256(f"format {FORMAT}".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts and path.is_file():
            h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _blob(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # Git's object id


@dataclass(frozen=True)
class Inputs:
    """The shared files as this run reads them: path → blob id, and the registry files' bytes."""

    blobs: dict[str, str]
    registry: dict[str, bytes]

    @property
    def key(self) -> str:
        text = code_digest() + "".join(f"\n{rel}\0{blob}" for rel, blob in sorted(self.blobs.items()))
        return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _yaml_in(source: FileSource, folder: str) -> list[str]:
    return [f"{folder}/{name}" for name in source.listdir(folder) if name.endswith(".yaml")]


def inputs(source: FileSource) -> Inputs | None:
    """The files a limited run shares with every other (what ``load.repository`` reads for the
    context, surveys and past results aside); None when one is a link or cannot be read as a
    file, which only a full load reports properly."""
    names = [*(["province.yaml"] if source.exists("province.yaml") else []), *_yaml_in(source, "units")]
    names += [r for folder in source.listdir("criteria") for r in _yaml_in(source, f"criteria/{folder}")]
    names += _yaml_in(source, "plans")
    blobs, units = {}, {}
    for rel in names:
        if source.is_symlink(rel):
            return None
        try:
            if source.size(rel) > LIMIT:
                return None
            data = source.read(rel)
        except (OSError, ValueError):
            return None
        blobs[rel] = _blob(data)
        if rel.startswith("units/"):
            units[rel] = data
    return Inputs(blobs, units)


@dataclass(frozen=True)
class Known:
    """What a record says: the registry-wide checks' findings, and the registry files to read from."""

    findings: tuple[Finding, ...]
    registry: tuple[RegistryFile, ...]


def _record_path(folder: Path, key: str) -> Path:
    return Path(folder) / "shared" / f"{key}.json"


def _body_digest(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def recall(folder: Path, found: Inputs) -> Known | None:
    """The record for exactly these files and this code, if one was kept and checks out."""
    body = _read(_record_path(folder, found.key))
    try:
        if body is None or body["key"] != found.key or body["blobs"] != found.blobs:
            return None
        if body["registry"] != sorted(found.registry):
            return None
        files = [RegistryFile(rel, raw) for rel, raw in sorted(found.registry.items())]
        findings = tuple(_finding(f) for f in body["findings"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Known(findings, tuple(files))


def _finding(d: dict[str, Any]) -> Finding:
    return Finding(
        d["file"], d["line"], d["column"], d["code"], d["message"], Severity(d["severity"]), d["hint"], d["criterion"]
    )


def _units_by_file(repo: Repository) -> dict[str, list[Unit]]:
    """Each registry file's units in file order, duplicates included (a full load's)."""
    out: dict[str, list[Unit]] = {}
    for unit in [*repo.units.values(), *(dup for dup, _ in repo.duplicate_units)]:
        out.setdefault(unit.file, []).append(unit)
    return {rel: sorted(units, key=lambda u: u.line) for rel, units in out.items()}


def _laid_out(found: Inputs, repo: Repository) -> bool:
    """True when every registry file loaded and holds its entries one per "- " line (``entries``)."""
    if repo.broken_in("units"):
        return False
    by_file = _units_by_file(repo)
    for rel, raw in found.registry.items():
        shape = layout(raw)
        if shape is None or not faithful(shape, raw, [(u.id, u.line) for u in by_file.get(rel, [])]):
            return False
    return True


def remember(folder: Path, found: Inputs, repo: Repository, findings: list[Finding]) -> None:
    """Keep ``findings`` (the registry-wide checks' of ``repo``, loaded whole from the files
    ``found`` describes) and the registry's layout, when a later run can use them."""
    if not _laid_out(found, repo) or any(f.file.startswith("units/") for f in repo.findings):
        return
    body = {
        "key": found.key,
        "blobs": found.blobs,
        "registry": sorted(found.registry),
        "findings": [f.as_dict() for f in sorted(set(findings))],
    }
    _write(_record_path(folder, found.key), body)


# Survey points: a year's file (66,000 rows at national scale) for the rows of a few units.


def _survey_key(rel: str, blob: str) -> str:
    return hashlib.sha256(f"{code_digest()}\nsurvey\n{rel}\0{blob}".encode("utf-8", "surrogateescape")).hexdigest()


def _survey_files(source: FileSource) -> dict[str, bytes] | None:
    out = {}
    for rel in _yaml_in(source, "surveys"):
        try:
            if source.is_symlink(rel) or source.size(rel) > LIMIT:
                return None
            out[rel] = source.read(rel)
        except (OSError, ValueError):
            return None
    return out


def remember_surveys(folder: Path, source: FileSource, repo: Repository) -> None:
    """Keep, for each survey file ``repo`` loaded whole and without a finding, that its rows are
    its lines (``entries.layout``), so that a later load can read one unit's rows."""
    files = _survey_files(source)
    loaded = {s.file: s for s in repo.surveys.values()}
    for rel, raw in (files or {}).items():
        survey = loaded.get(rel)
        shape = layout(raw, "unit")
        if survey is None or shape is None or any(f.file == rel for f in repo.findings):
            continue
        if survey_year(raw) != (survey.year, survey.year_line):
            continue
        if not faithful(shape, raw, [(r.unit, r.line) for r in survey.rows]):
            continue
        key = _survey_key(rel, _blob(raw))
        _write(_record_path(folder, key), {"key": key})


def recall_surveys(folder: Path, source: FileSource, units: set[str]) -> dict[str, Survey] | None:
    """Every survey file with only the rows of ``units``, when each has a record for its exact
    content or is in the shape whose rows are provably its lines (``entries.canonical_survey``:
    no record needed), and its rows check out; None otherwise (the files are then read whole)."""
    files = _survey_files(source)
    if files is None:
        return None
    out = {}
    for rel, raw in files.items():
        key = _survey_key(rel, _blob(raw))
        body = _read(_record_path(folder, key))
        if body is None or body.get("key") != key:
            if not canonical_survey(raw, rel):
                return None
            _write(_record_path(folder, key), {"key": key})  # proven once: a later run reads the record
        survey = survey_of(raw, units, rel)
        if survey is None:
            return None
        out[rel] = survey
    return out


def _write(path: Path, body: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"digest": _body_digest(body), "body": body}, ensure_ascii=False), "utf-8")
        temporary.replace(path)


def _read(path: Path) -> dict[str, Any] | None:
    """A record's body, if the file holds one intact."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        body = record["body"]
        return body if isinstance(body, dict) and record["digest"] == _body_digest(body) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None
