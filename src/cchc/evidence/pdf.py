"""Inspect evidence PDFs: cheap checks here, parsing in the sandbox, facts cached by blob id.

``Inspector(rel, max_bytes, roots)`` returns a ``PdfReport``: page count, problems (with
Vietnamese messages) and the signatures found. Checks that need nothing but the file's
size and first bytes (empty, too large, Git LFS pointer, not a PDF: precheck.py) run here; everything
that parses untrusted bytes runs in a worker process under hard limits (sandbox.py), in
batches (``prefetch``), and its facts are cached by Git blob id (cache.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .. import codes
from . import problems, sandbox
from .blobs import BlobIds
from .cache import FactsCache, cache_dir
from .precheck import precheck
from .problems import Problem


@dataclass(frozen=True)
class Signature:
    field: str
    signer: str
    time: datetime | None
    time_source: str  # "timestamp" (a TSA token) or "signer" (the signer's clock, forgeable)
    trusted: bool | None  # None: no trust roots configured, chain not checked


@dataclass(frozen=True)
class PdfReport:
    pages: int | None
    problems: tuple[Problem, ...] = field(default=())
    signatures: tuple[Signature, ...] = field(default=())
    blob: str | None = None


class Inspector:
    """Inspects evidence files for one run: memoised, batched, sandboxed, cached."""

    def __init__(
        self,
        source,
        limits: sandbox.Limits | None = None,
        cache: FactsCache | None = None,
        blobs: BlobIds | None = None,
    ):
        self.source = source
        self.limits = limits or sandbox.Limits.from_env()
        self.cache = cache if cache is not None else FactsCache(cache_dir(source.root))
        self.blobs = blobs or BlobIds(source)
        self._memo: dict = {}
        self._early: dict = {}  # (rel, max_bytes) -> precheck's answer
        self._facts: dict = {}  # (blob, roots) -> facts dict, or sandbox.Failure
        self._analysed: set[str] = set()  # blob ids, from the Git index, whose facts are kept

    def _precheck(self, rel: str, max_bytes: int) -> PdfReport | None:
        """What can be told without parsing (precheck.py); None when the file must be parsed."""
        key = (rel, max_bytes)
        if key not in self._early:
            analysed = bool(self._analysed) and self.blobs.indexed(rel) in self._analysed
            found = precheck(self.source, rel, max_bytes, analysed)
            self._early[key] = None if found is None else PdfReport(None, found)
        return self._early[key]

    def _recall(self, items: list) -> None:
        """The kept facts of the files whose content the Git index gives (nothing is read)."""
        keys = {}
        for rel, _, roots in items:
            try:
                blob = self.blobs.indexed(rel)
            except (OSError, ValueError):
                continue
            if blob and (blob, roots) not in self._facts:
                keys[(blob, roots)] = FactsCache.key(blob, roots)
        cached = self.cache.get_many(keys.values())
        for k, key in keys.items():
            if key in cached:
                self._facts[k] = cached[key]
                self._analysed.add(k[0])

    def prefetch(self, items) -> None:
        """Analyse many (rel, max_bytes, roots) at once: cache first, then the sandbox pool."""
        items = list(dict.fromkeys(items))  # a file is often cited by several criteria
        self._recall(items)
        wanted: dict = {}
        for rel, max_bytes, roots in items:
            try:
                if self._precheck(rel, max_bytes) is not None:
                    continue
                blob = self.blobs.of(rel)
            except (OSError, ValueError):
                continue
            if blob and (blob, roots) not in self._facts:
                wanted.setdefault((blob, roots), rel)
        if not wanted:
            return
        keys = {k: FactsCache.key(*k) for k in wanted}
        cached = self.cache.get_many(keys.values())
        todo = {}
        for k, rel in wanted.items():
            if keys[k] in cached:
                self._facts[k] = cached[keys[k]]
            else:
                todo[k] = (str(self.source._path(rel)), k[1])
        if not todo:
            return
        done = _analyse(todo, self.limits)
        self._facts.update(done)
        # Only what does not depend on the limits is kept: a timeout or a memory cap may be the machine's.
        self.cache.put_many(
            {
                keys[k]: v
                for k, v in done.items()
                if not isinstance(v, sandbox.Failure) and v.get("status") != "too-complex"
            }
        )

    def __call__(self, rel: str, max_bytes: int, roots: tuple[bytes, ...] = ()) -> PdfReport:
        key = (rel, max_bytes, roots)
        if key not in self._memo:
            self._memo[key] = self._inspect(rel, max_bytes, roots)
        return self._memo[key]

    def _inspect(self, rel: str, max_bytes: int, roots: tuple[bytes, ...]) -> PdfReport:
        try:
            early = self._precheck(rel, max_bytes)
            if early is not None:
                return early
            blob = self.blobs.of(rel)
        except (OSError, ValueError):
            return PdfReport(None, (problems.make(codes.EVIDENCE_PDF_UNREADABLE),))
        if (blob, roots) not in self._facts:
            self.prefetch([(rel, max_bytes, roots)])
        facts = self._facts.get((blob, roots), sandbox.Failure("error"))
        return report_of(facts, blob, self.limits)


def _analyse(todo: dict, limits: sandbox.Limits) -> dict:
    """key -> facts (or a sandbox failure) for key -> (absolute path, trust roots): every file read
    first, then the signed ones again with their signatures checked, by workers that load pyHanko
    (0.8 s) for that; what the two steps give is what one ``analyse`` of each file gives."""
    from .worker import SIGNATURES, analyse, scan, signed  # imports the PDF reader: only when a file must be parsed

    done = sandbox.run(scan, {k: (path,) for k, (path, _) in todo.items()}, limits)
    again = {k: todo[k] for k, facts in done.items() if not isinstance(facts, sandbox.Failure) and signed(facts)}
    done.update(sandbox.run(analyse, again, limits, imports=SIGNATURES))
    return done


def _refused(facts: dict[str, Any] | sandbox.Failure, blob: str | None, limits: sandbox.Limits) -> PdfReport:
    """The report of a file that could not be read to the end."""
    if isinstance(facts, sandbox.Failure) or facts.get("status") == "too-complex":
        return PdfReport(None, (problems.too_complex(limits),), blob=blob)
    return PdfReport(None, (problems.of_status(facts.get("status", "")),), blob=blob)


def _problems(facts: dict[str, Any], pages: int, sigs: list[dict[str, Any]]) -> list[Problem]:
    found = []
    if facts.get("repaired"):
        found.append(problems.make(codes.EVIDENCE_PDF_REPAIRED))
    for kind in facts.get("active") or ():
        found.append(problems.make(problems.ACTIVE[kind]))
    if pages == 0:
        found.append(problems.make(codes.EVIDENCE_PDF_EMPTY))
    found += problems.of_signatures(sigs)
    if not sigs and pages and not _looks_scanned(facts.get("page_kinds") or []):
        found.append(problems.make(codes.EVIDENCE_NOT_SCAN_OR_SIGNED))
    return found


def _signatures(sigs: list[dict[str, Any]]) -> tuple[Signature, ...]:
    """The unbroken signatures (not timestamps), as the site and the checks show them."""
    return tuple(
        Signature(
            s.get("field", ""),
            problems.clean(s.get("signer", "")),
            datetime.fromisoformat(s["time"]) if s.get("time") else None,
            s.get("time_source", "signer"),
            s.get("trusted"),
        )
        for s in sigs
        if s.get("kind") == "signature" and not s.get("broken")
    )


def report_of(facts: dict[str, Any] | sandbox.Failure, blob: str | None, limits: sandbox.Limits) -> PdfReport:
    """Facts (or a sandbox failure) → the report the checks use."""
    if isinstance(facts, sandbox.Failure) or facts.get("status") != "ok":
        return _refused(facts, blob, limits)
    pages = int(facts.get("pages") or 0)
    sigs = facts.get("signatures") or []
    return PdfReport(pages, tuple(_problems(facts, pages, sigs)), _signatures(sigs), blob)


def _looks_scanned(kinds: list[str]) -> bool:
    """A scan of a paper document: at least half of its non-blank pages are page images.

    (A typed cover page before a scanned annex still passes; a word-processor export
    with one picture does not.) A document of blank pages only is left to the council.
    """
    content = [k for k in kinds if k != "blank"]
    if not content:
        return True
    return 2 * sum(k == "scan" for k in content) >= len(content)
