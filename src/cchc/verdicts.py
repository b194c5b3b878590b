"""Validation verdicts per dossier, kept between builds (``verdicts.json`` in the build cache).

A dossier's findings depend on its folder (every entry: its kind, and for a file its Git blob
id, its size and whether it is a Git LFS pointer), on the copies of its evidence in other units'
folders (the same-content cross-check), on its unit's registry entry, the province (its levels),
its year's plan and the trust roots the plan names, the framework of its unit's level, which
shared files failed to load, and on the code (the cache is emptied when the code changes). The
digest of all of these is the dossier's key: a key found in the cache gives its findings
without checking it. What belongs to no one dossier (loading, frameworks, registry, plans,
data folders, surveys, past results) is checked on every build.

The dossiers still to check are checked in several processes (``cchc.parallel``); before they
fork, every PDF they cite is inspected in one sandboxed batch, so each worker finds its
reports made. Verdicts that may depend on the machine or the moment (a PDF that hit the time
or memory limit, an unreadable file, Git LFS content not fetched) are not kept.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import checks, codes, parallel
from .buildcache import Store
from .checks import evidence as evidence_checks
from .evidence import crosscheck
from .evidence.blobs import BlobIds
from .evidence.precheck import LFS_POINTER, POINTER_MAX
from .findings import Finding, Severity
from .model.repository import FILE, Dossier, Entry, Listing, Repository

__all__ = ["Outcome", "check"]

CACHE_FILE = "verdicts.json"
# Findings that say more about the machine or the moment than about the dossier.
UNSTABLE = frozenset(
    {codes.EVIDENCE_PDF_TOO_COMPLEX.name, codes.EVIDENCE_PDF_UNREADABLE.name, codes.EVIDENCE_LFS_MISSING.name}
)

DossierKey = tuple[int, str]


@dataclass(frozen=True)
class Outcome:
    findings: list[Finding]  # every finding, sorted, as checks.run gives them
    checked: int  # dossiers checked in this build
    reused: int  # dossiers whose verdict came from the cache
    seconds: float = 0.0  # how long checking took (registry, dossiers, the records kept)


def check(repo: Repository, store: Store, processes: int = 1, known: list[Finding] | None = None) -> Outcome:
    """Every finding for ``repo`` (as ``checks.run(repo)`` gives them), reusing cached verdicts;
    ``known``: what ``checks.registry_wide`` finds for ``repo``, when the caller has it."""
    if repo.listing is not None:  # each folder listed once: for its key, then for its checks
        repo = dataclasses.replace(repo, listing=_ListedOnce(repo.listing))
    run = checks.Run(repo)
    ids = BlobIds(repo.source)
    run.blob_ids = ids
    keyer = _Keys(repo, run, ids.under("submissions"))
    cached = store.read_json(CACHE_FILE)
    cached = cached if isinstance(cached, dict) else {}
    # With no verdict kept (a cold build) every dossier is checked, whatever its key: the keys,
    # only written down then, are worked out in another process meanwhile.
    later = parallel.Background(keyer.all, fork=processes > 1) if not cached else None
    found = checks.shared(run, known)
    if later is None:
        keys = keyer.all()
        todo = [d for k, d in repo.dossiers.items() if keys[k] not in cached]
    else:
        todo = list(repo.dossiers.values())
    fresh = _check_dossiers(repo, run, todo, processes, keyer.groups)
    if later is not None:
        keys = later.wait()
    kept: dict[str, Any] = {}
    for k in repo.dossiers:
        verdict = fresh.get(k)
        if verdict is None:
            verdict = cached[keys[k]]
        found.extend(_finding(f) for f in verdict)
        if not any(f["code"] in UNSTABLE for f in verdict):
            kept[keys[k]] = verdict
    store.write_json(CACHE_FILE, kept)  # only what this build used: the cache does not grow
    return Outcome(sorted(set(found)), len(todo), len(repo.dossiers) - len(todo))


def _check_dossiers(
    repo: Repository, parent: checks.Run, todo: list[Dossier], processes: int, groups: dict[str, list[str]]
) -> dict[DossierKey, list[dict[str, Any]]]:
    """Findings (as dicts, the cache's form) of the dossiers in ``todo``."""
    if not todo:
        return {}
    part = dataclasses.replace(repo, dossiers={(d.year, d.unit): d for d in todo})
    run = checks.Run(part)
    run.blob_ids = parent.blob_ids
    run.trust_roots = parent.trust_roots
    run.content_groups = groups
    evidence_checks.prepare(run)  # one sandboxed batch for every PDF cited, before forking

    def work(batch: list[DossierKey]) -> dict[DossierKey, list[dict[str, Any]]]:
        return {k: [_as_dict(f) for f in checks.of_dossier(run, part.dossiers[k])] for k in batch}

    out: dict[DossierKey, list[dict[str, Any]]] = {}
    batches = parallel.chunks(list(part.dossiers), processes * 4)
    for done in parallel.run(work, batches, processes):
        out.update(done)
    return out


class _ListedOnce:
    """A listing that reads each folder once (the dossier's key and two of its checks ask)."""

    def __init__(self, listing: Listing) -> None:
        self._listing = listing
        self._seen: dict[str, list[Entry]] = {}

    def entries(self, folder: str) -> list[Entry]:
        seen = self._seen.get(folder)
        if seen is None:
            seen = self._seen[folder] = self._listing.entries(folder)
        return list(seen)


def _as_dict(f: Finding) -> dict[str, Any]:
    return f.as_dict()


def _finding(d: dict[str, Any]) -> Finding:
    return Finding(
        d["file"], d["line"], d["column"], d["code"], d["message"], Severity(d["severity"]), d["hint"], d["criterion"]
    )


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


class _Keys:
    """The key of each dossier: a digest of everything its findings depend on."""

    def __init__(self, repo: Repository, run: checks.Run, blobs: dict[str, str]) -> None:
        self.repo, self.run, self.blobs = repo, run, blobs
        self.groups = crosscheck.by_content(blobs)
        broken = sorted(b for b in repo.broken if not b.startswith("submissions/"))
        self.base = _digest(repr(repo.province), broken)
        self._files: dict[str, str] = {}
        self._plans: dict[int, str] = {}
        self._unit_ids: str | None = None

    def all(self) -> dict[DossierKey, str]:
        return {k: self.of(d) for k, d in self.repo.dossiers.items()}

    def of(self, d: Dossier) -> str:
        unit = self.repo.units.get(d.unit)
        fw = self.repo.framework_for(d.year, unit.level) if unit is not None else None
        return _digest(
            self.base,
            d.year,
            d.unit,
            repr(unit) if unit is not None else self._all_unit_ids(),
            self._plan(d.year),
            None if fw is None else (fw.ref, fw.file, self._file(fw.file)),
            list(self._entries(d.folder)),
        )

    def _entries(self, folder: str) -> Iterable[tuple[Any, ...]]:
        listing = self.repo.listing
        for entry in listing.entries(folder) if listing is not None else []:
            if entry.kind != FILE:
                yield entry.path, entry.kind
                continue
            blob = self.blobs.get(entry.path)
            elsewhere = crosscheck.elsewhere(blob, folder, self.groups) if blob else []
            yield entry.path, entry.kind, blob, *_size_and_pointer(self.repo, entry.path), elsewhere

    def _file(self, rel: str) -> str:
        """The digest of a shared file's content (the framework, the plan)."""
        if rel not in self._files:
            try:
                self._files[rel] = hashlib.sha256(self.repo.source.read(rel)).hexdigest()
            except (OSError, ValueError):
                self._files[rel] = "-"
        return self._files[rel]

    def _plan(self, year: int) -> str | None:
        plan = self.repo.plans.get(year)
        if plan is None:
            return None
        if year not in self._plans:
            roots, bad = evidence_checks.trust_roots(self.run, plan)
            self._plans[year] = _digest(
                plan.file, self._file(plan.file), [hashlib.sha256(r).hexdigest() for r in roots], [repr(f) for f in bad]
            )
        return self._plans[year]

    def _all_unit_ids(self) -> str:
        """An unknown unit's findings suggest the closest registered id: they depend on all of them."""
        if self._unit_ids is None:
            self._unit_ids = _digest(sorted(self.repo.units))
        return self._unit_ids


def _size_and_pointer(repo: Repository, rel: str) -> tuple[int, bool]:
    """A file's size, and whether it is a Git LFS pointer (content not fetched): the index
    gives a pointer and its content the same blob id, the checks do not."""
    try:
        path = repo.source._path(rel)
        size = os.lstat(path).st_size
        if size >= POINTER_MAX:
            return size, False
        with open(path, "rb") as fh:
            return size, fh.read(len(LFS_POINTER)) == LFS_POINTER
    except (OSError, ValueError):
        return -1, False
