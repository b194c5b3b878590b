"""Evidence references of a dossier: inside the unit's folder, present, trustworthy PDFs.

Per reference: the path is safe (evidence/paths.py), the file exists, and the PDF passes
the inspector (evidence/pdf.py: sandboxed, cached). Signatures are compared with the
deadline of the phase the document was filed for and with the date the unit declared.
Per dossier: the same content filed by another unit, one document stretched over
unrelated areas. Per repository (``check_tree``): symbolic links and unreadable names in
the shared data folders, and the plan's trust roots (a dossier's own entries: entries.py).
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .. import codes
from ..evidence import crosscheck, files, paths, trust
from ..evidence.blobs import BlobIds
from ..evidence.pdf import Inspector, PdfReport
from ..evidence.problems import Problem
from ..findings import Finding
from ..model import repository as listing
from ..model.plan import Plan
from ..model.repository import Dossier
from ..model.submission import EvidenceRef, Explanation, Report, SelfAssessment
from . import entries
from .memo import EvidenceChecker, Located, Run

VN = timezone(timedelta(hours=7))
DATE_SLACK = timedelta(days=3)  # signing and the date on the document may differ by a few days

Ref = EvidenceRef | Report  # a reference to an evidence file: under a criterion, or the approved report
Doc = SelfAssessment | Explanation  # a document that cites evidence


def _inspector(run: Run) -> EvidenceChecker:
    if run.checker is not None:
        return run.checker
    if run.inspector is None:
        run.inspector = Inspector(run.repo.source, blobs=run.blob_ids)
        run.inspector.prefetch(_everything_cited(run))
    return run.inspector


def prepare(run: Run) -> None:
    """Inspect every PDF the run's dossiers cite, in one sandboxed batch, and work out the
    blob ids and the same-content groups: what checking the dossiers later reads (e.g. in
    forked processes, which then share it) is made once, here."""
    _inspector(run)
    if run.content_groups is None:
        run.content_groups = crosscheck.by_content(_blob_ids(run).under("submissions"))


def locate(run: Run, folder: str, written: str) -> Located:
    """(path as stored or None, BadPath or None) for a reference; memoised per run, since
    the same reference is looked at by several checks."""
    key = (folder, written)
    if key not in run.located:
        try:
            run.located[key] = (paths.on_disk(run.repo.source, paths.resolve(folder, written)), None)
        except paths.BadPath as bad:
            run.located[key] = (None, bad)
    return run.located[key]


def _is_link(run: Run, rel: str) -> bool:
    """source.is_symlink, memoised per run (it checks every folder on the way)."""
    if rel not in run.links:
        run.links[rel] = run.repo.source.is_symlink(rel)
    return run.links[rel]


def _refs(dossier: Dossier) -> Iterator[tuple[Doc, Ref]]:
    """(document, reference) for every evidence reference of a dossier."""
    sa, ex = dossier.self_assessment, dossier.explanation
    if sa is not None:
        if sa.report is not None:
            yield sa, sa.report
        for e in sa.entries:
            for ref in e.evidence:
                yield sa, ref
    if ex is not None:
        for a in ex.answers:
            for ref in a.evidence:
                yield ex, ref


def _max_bytes(plan: Plan) -> int:
    return int(plan.max_file_mb * 1048576)


def _everything_cited(run: Run) -> Iterator[tuple[str, int, tuple[bytes, ...]]]:
    """(rel, max_bytes, roots) of every cited file, for one sandboxed batch up front."""
    for d in run.repo.dossiers.values():
        plan = run.repo.plans.get(d.year)
        if plan is None:
            continue
        roots = trust_roots(run, plan)[0]
        for written in dict.fromkeys(ref.file for _, ref in _refs(d)):  # a file cited again: once
            rel = locate(run, d.folder, written)[0]
            if rel and rel.lower().endswith(".pdf") and not _is_link(run, rel):
                yield rel, _max_bytes(plan), roots


def trust_roots(run: Run, plan: Plan) -> tuple[tuple[bytes, ...], list[Finding]]:
    """The plan's trust-root certificates and findings for bad entries; memoised per run."""
    if plan.year not in run.trust_roots:
        roots, bad = trust.load(run.repo.source, plan.trust_roots)
        run.trust_roots[plan.year] = (
            roots,
            [
                codes.PLAN_TRUST_ROOT_UNREADABLE.at(
                    plan.file, line=plan.line("evidence", "trust_roots", i), root=paths.shown(written)
                )
                for i, written in bad
            ],
        )
    return run.trust_roots[plan.year]


def _vn(when: datetime) -> str:
    return when.astimezone(VN).strftime("%H:%M ngày %d/%m/%Y")


@dataclass(frozen=True)
class _Cited:
    """A reference as written in a document: where its findings stand, and what they quote."""

    file: str  # the citing document
    written: str
    line: int
    column: int
    criterion: str | None

    def at(self, code: codes.Code, **fields: object) -> Finding:
        return code.made(
            self.file, {"written": self.written, **fields}, line=self.line, column=self.column, criterion=self.criterion
        )

    def worded(self, code: str, message: str, hint: str, problem: Problem | None = None) -> Finding:
        """A finding worded before the citation was known (a refused path, a problem of the file)."""
        severity = problem.severity if problem is not None else codes.named(code).severity
        return Finding(self.file, self.line, self.column, code, message, severity, hint, self.criterion)


def _check_one(
    run: Run,
    plan: Plan,
    doc: Doc,
    ref: Ref,
    criterion: str | None,
    unit_folder: str,
    phase: str = "self_assessment_closes",
) -> list[Finding]:
    """Check one reference ``ref`` written in ``doc`` (a self-assessment or an explanation) of the
    dossier in ``unit_folder``."""
    column = ref.column if isinstance(ref, EvidenceRef) else ref.file_column
    cited = _Cited(doc.file, ref.file, ref.line, column, criterion)
    found, refused = _stored(run, unit_folder, cited)
    if found is None:
        return refused
    roots = trust_roots(run, plan)[0]
    report = _inspector(run)(found, _max_bytes(plan), roots)
    out = [cited.worded(p.code, f"'{cited.written}': {p.message}", p.hint, p) for p in report.problems]
    page = ref.page if isinstance(ref, EvidenceRef) else None
    if page is not None and report.pages and page > report.pages:
        out.append(cited.at(codes.EVIDENCE_PAGE_OUT_OF_RANGE, pages=report.pages, page=page))
    deadline = plan.deadline(phase, unit_folder.rsplit("/", 1)[-1])
    return out + _signatures(cited, report, _declared(ref), deadline)


def _stored(run: Run, folder: str, cited: _Cited) -> tuple[str | None, list[Finding]]:
    """The cited PDF as stored, or None and why the reference leads to no PDF to inspect."""
    found, bad = locate(run, folder, cited.written)
    if bad is not None:
        return None, [cited.worded(bad.code, bad.message, bad.hint)]
    if found is not None and _is_link(run, found):
        return None, [cited.at(codes.EVIDENCE_SYMLINK)]
    if found is None:
        rel = paths.resolve(folder, cited.written)
        parent = rel.rsplit("/", 1)[0]
        names = run.repo.source.listdir(paths.on_disk_dir(run.repo.source, parent) or parent)
        close = difflib.get_close_matches(rel.rsplit("/", 1)[-1], names, n=1)
        return None, [
            cited.at(
                codes.EVIDENCE_NOT_FOUND,
                written=paths.shown(cited.written),
                did_you_mean=f"Có phải là '{paths.shown(close[0])}'? " if close else "",
            )
        ]
    if not found.lower().endswith(".pdf"):
        return None, [cited.at(codes.EVIDENCE_NOT_PDF_NAME)]
    return found, []


def _signatures(cited: _Cited, report: PdfReport, declared: date | None, deadline: datetime) -> list[Finding]:
    """Signatures against the deadline of the document's phase and the date the unit declared."""
    out = []
    for sig in report.signatures:
        if sig.time is None:
            continue
        if sig.time > deadline:
            out.append(
                cited.at(
                    codes.EVIDENCE_SIGNED_AFTER_DEADLINE,
                    signer=sig.signer,
                    signed=_vn(sig.time),
                    deadline=_vn(deadline),
                )
            )
        signed_on = sig.time.astimezone(VN).date()
        if declared is not None and abs(signed_on - declared) > DATE_SLACK:
            out.append(cited.at(codes.EVIDENCE_SIGNATURE_DATE_MISMATCH, declared=declared, signed=signed_on))
    return out


def _declared(ref: Ref) -> date | None:
    try:
        return date.fromisoformat(str(ref.date or ""))
    except ValueError:
        return None


def check_refs(run: Run, plan: Plan, sa: SelfAssessment) -> list[Finding]:
    out = []
    for e in sa.entries:
        for ref in e.evidence:
            out += _check_one(run, plan, sa, ref, e.code, sa.folder)
    out += _reuse(run, sa)
    return out


def check_answers(run: Run, plan: Plan, dossier: Dossier) -> list[Finding]:
    """Evidence added with the explanation answers: same rules, in the unit's own folder,
    judged against the explanation deadline."""
    ex = dossier.explanation
    if ex is None:
        return []
    return [
        f
        for a in ex.answers
        for ref in a.evidence
        for f in _check_one(run, plan, ex, ref, a.code, dossier.folder, phase="explanation_closes")
    ]


def check_report(run: Run, plan: Plan, sa: SelfAssessment) -> list[Finding]:
    if sa.report is None:
        return [codes.REPORT_MISSING.at(sa.file, line=1)]
    return _check_one(run, plan, sa, sa.report, None, sa.folder)


def _blob_ids(run: Run) -> BlobIds:
    if run.blob_ids is None:
        run.blob_ids = run.inspector.blobs if run.inspector is not None else BlobIds(run.repo.source)
    return run.blob_ids


def _reuse(run: Run, sa: SelfAssessment) -> list[Finding]:
    """Same content filed by another unit; one document cited across unrelated areas."""
    ids = _blob_ids(run)
    groups = _content_groups(run, ids)
    out: list[Finding] = []
    citations: list[crosscheck.Citation] = []
    shared: set[str] = set()
    for e in sa.entries:
        for ref in e.evidence:
            rel = locate(run, sa.folder, ref.file)[0]
            blob = ids.of(rel) if rel and not _is_link(run, rel) else None
            if blob is None:
                continue
            citations.append(
                crosscheck.Citation(
                    e.code, blob, ref.file, ref.line, ref.column, bool(ref.section) or ref.page is not None
                )
            )
            others = crosscheck.elsewhere(blob, sa.folder, groups)
            if others and blob not in shared:
                shared.add(blob)
                out.append(_shared(_Cited(sa.file, ref.file, ref.line, ref.column, e.code), others))
    for later, first in crosscheck.unrelated(citations):
        cited = _Cited(sa.file, later.written, later.line, later.column, later.criterion)
        out.append(cited.at(codes.EVIDENCE_REUSED_UNRELATED, first=first.criterion, first_line=first.line))
    return out


def _shared(cited: _Cited, others: list[str]) -> Finding:
    """The cited content is filed by other units too: name them and up to three of their files."""
    units = ", ".join(sorted({_unit_of(o) for o in others}))
    shown = ", ".join(paths.shown(o) for o in others[:3])
    return cited.at(codes.EVIDENCE_SHARED_WITH_OTHER_UNIT, units=units, others=shown)


def _content_groups(run: Run, ids: BlobIds) -> dict[str, list[str]]:
    """blob id → evidence files holding it: of every file (a full run), or of the files whose
    content a checked dossier cites (a limited run: the same groups for the ids it asks about,
    without reading the ids of every other unit's files)."""
    if run.content_groups is None:
        if run.repo.scope is None:
            held = ids.under("submissions")
        else:
            held = ids.holding({b for d in run.repo.dossiers.values() for b in _cited_blobs(run, ids, d)})
        run.content_groups = crosscheck.by_content(held)
    return run.content_groups


def _cited_blobs(run: Run, ids: BlobIds, dossier: Dossier) -> Iterator[str]:
    """The blob ids of the files a dossier's self-assessment cites as evidence (what ``_reuse`` looks up)."""
    sa = dossier.self_assessment
    if sa is None:
        return
    for ref in (r for e in sa.entries for r in e.evidence):
        rel = locate(run, sa.folder, ref.file)[0]
        blob = ids.of(rel) if rel and not _is_link(run, rel) else None
        if blob is not None:
            yield blob


def _unit_of(rel: str) -> str:
    """'<year>/<unit>' of an evidence file inside a unit's folder."""
    folder = crosscheck.unit_folder(rel) or ""
    return folder.rsplit("/", 2)[-2] + "/" + folder.rsplit("/", 1)[-1]


def unreferenced(run: Run, dossier: Dossier) -> list[Finding]:
    cited = set()
    for _, ref in _refs(dossier):
        with contextlib.suppress(paths.BadPath):  # a refused path cites nothing
            cited.add(paths.nfc(paths.resolve(dossier.folder, ref.file)))
    if "explanation.yaml" in dossier.present and dossier.explanation is None:
        return []  # the explanation failed to load: what it cites is unknown
    out = []
    start = f"{dossier.folder}/evidence/"
    for entry in entries.entries(run, dossier.folder):
        rel, name = entry.path, entry.path.rsplit("/", 1)[-1]
        if entry.kind != listing.FILE or not rel.startswith(start):
            continue  # links, gitlinks and special entries are errors of their own (checks/entries.py)
        if paths.nfc(rel) in cited or name.startswith(".") or name in ("Thumbs.db", "desktop.ini"):
            continue
        if paths.shown(rel) != rel:
            continue  # reported by check_tree
        out.append(codes.EVIDENCE_UNREFERENCED.at(rel))
    return out


def check_tree(run: Run) -> list[Finding]:
    """Links and badly named entries in the data folders; the plans' trust roots. Links in
    a dossier's folder are reported by checks/entries.py, which sees a pull request's tree."""
    repo = run.repo
    out = []
    tops: tuple[str, ...] = files.DATA
    if repo.scope is not None:
        # A limited run (one pull request's dossiers) scans the shared folders and only the
        # dossiers it checks: the findings for those dossiers are the same as a full run's.
        tops = tuple(t for t in files.DATA if t != "submissions") + tuple(
            sorted(d.folder for d in repo.dossiers.values())
        )
    dossiers = {d.folder for d in repo.dossiers.values()}
    for code, rel in files.scan(repo.source.root, tops):
        if code == codes.PATH_SYMLINK.name and "/".join(rel.split("/")[:3]) in dossiers:
            continue
        if code == codes.PATH_SYMLINK.name:
            out.append(entries.symlink(rel))
        else:
            out.append(codes.PATH_CONTROL_CHARACTER.at(rel))
    for plan in repo.plans.values():
        out += trust_roots(run, plan)[1]
    return out
