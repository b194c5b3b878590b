"""Evidence references of a dossier: inside the unit's folder, present, trustworthy PDFs.

Per reference: the path is safe (evidence/paths.py), the file exists, and the PDF passes
the inspector (evidence/pdf.py: sandboxed, cached). Signatures are compared with the
deadline of the phase the document was filed for and with the date the unit declared.
Per dossier: the same content filed by another unit, one document stretched over
unrelated areas. Per repository (``check_tree``): symbolic links and unreadable names in
the shared data folders, and the plan's trust roots (a dossier's own entries: entries.py).
"""

from __future__ import annotations

import difflib
from datetime import date, timedelta, timezone

from ..evidence import crosscheck, files, paths, trust
from ..evidence.blobs import BlobIds
from ..evidence.pdf import Inspector
from ..findings import Finding, Severity, error, warning
from ..model import repository as listing
from . import entries

VN = timezone(timedelta(hours=7))
DATE_SLACK = timedelta(days=3)  # signing and the date on the document may differ by a few days


def _inspector(repo, checker):
    if checker is not None:
        return checker
    inspector = getattr(repo, "_pdf_inspector", None)
    if inspector is None:
        inspector = repo._pdf_inspector = Inspector(repo.source)
        inspector.prefetch(_everything_cited(repo))
    return inspector


def locate(repo, folder: str, written: str):
    """(path as stored or None, BadPath or None) for a reference; memoised per run, since
    the same reference is looked at by several checks."""
    memo = getattr(repo, "_located", None)
    if memo is None:
        memo = repo._located = {}
    key = (folder, written)
    if key not in memo:
        try:
            memo[key] = (paths.on_disk(repo.source, paths.resolve(folder, written)), None)
        except paths.BadPath as bad:
            memo[key] = (None, bad)
    return memo[key]


def _is_link(repo, rel: str) -> bool:
    """source.is_symlink, memoised per run (it checks every folder on the way)."""
    memo = getattr(repo, "_links", None)
    if memo is None:
        memo = repo._links = {}
    if rel not in memo:
        memo[rel] = repo.source.is_symlink(rel)
    return memo[rel]


def _refs(dossier):
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


def _everything_cited(repo):
    """(rel, max_bytes, roots) of every cited file, for one sandboxed batch up front."""
    for d in repo.dossiers.values():
        plan = repo.plans.get(d.year)
        if plan is None:
            continue
        roots = trust_roots(repo, plan)[0]
        for _, ref in _refs(d):
            rel = locate(repo, d.folder, ref.file)[0]
            if rel and rel.lower().endswith(".pdf") and not _is_link(repo, rel):
                yield rel, int(plan.max_file_mb * 1048576), roots


def trust_roots(repo, plan) -> tuple[tuple[bytes, ...], list[Finding]]:
    """The plan's trust-root certificates and findings for bad entries; memoised per run."""
    memo = getattr(repo, "_trust_roots", None)
    if memo is None:
        memo = repo._trust_roots = {}
    if plan.year not in memo:
        roots, bad = trust.load(repo.source, plan.trust_roots)
        memo[plan.year] = (roots, [error("plan-trust-root-unreadable", plan.file,
                                         f"Không đọc được chứng thư gốc '{paths.shown(written)}'.",
                                         "Ghi đường dẫn (tính từ gốc kho) tới tệp chứng thư .pem/.cer/.crt có "
                                         "trong kho.", line=plan.line("evidence", "trust_roots", i))
                                   for i, written in bad])
    return memo[plan.year]


def _vn(when) -> str:
    return when.astimezone(VN).strftime("%H:%M ngày %d/%m/%Y")


def _check_one(repo, plan, doc, ref, criterion, checker, folder: str | None = None,
               phase: str = "self_assessment_closes") -> list:
    """Check one reference ``ref`` written in ``doc`` (a self-assessment or an explanation)."""
    out: list[Finding] = []
    written, line, column = ref.file, ref.line, getattr(ref, "column", getattr(ref, "file_column", 0))

    def err(code, msg, hint, sev=Severity.ERROR):
        make = error if sev is Severity.ERROR else warning
        out.append(make(code, doc.file, msg, hint, line=line, column=column, criterion=criterion))

    unit_folder = folder or doc.folder
    found, bad = locate(repo, unit_folder, written)
    if bad is not None:
        err(bad.code, bad.message, bad.hint)
        return out
    if found is not None and _is_link(repo, found):
        err("evidence-symlink", f"'{written}' là liên kết (symlink), không phải tệp thật; hệ thống không đọc "
            "tệp qua liên kết.", "Thay liên kết bằng chính tệp PDF (sao chép tệp vào thư mục evidence/).")
        return out
    if found is None:
        rel = paths.resolve(unit_folder, written)
        parent = rel.rsplit("/", 1)[0]
        names = repo.source.listdir(paths.on_disk_dir(repo.source, parent) or parent)
        close = difflib.get_close_matches(rel.rsplit("/", 1)[-1], names, n=1)
        err("evidence-not-found", f"Không tìm thấy tệp '{paths.shown(written)}'.",
            (f"Có phải là '{paths.shown(close[0])}'? " if close else "") +
            "Tải tệp vào thư mục evidence/ của đơn vị và ghi đúng tên (phân biệt chữ hoa, chữ thường).")
        return out
    if not found.lower().endswith(".pdf"):
        err("evidence-not-pdf", f"'{written}' không phải tệp PDF.",
            "Tài liệu kiểm chứng phải là bản chụp PDF của văn bản giấy hoặc văn bản điện tử có chữ ký số.")
        return out
    roots = trust_roots(repo, plan)[0]
    report = _inspector(repo, checker)(found, int(plan.max_file_mb * 1048576), roots)
    for p in report.problems:
        err(p.code, f"'{written}': {p.message}", p.hint, p.severity)
    page = getattr(ref, "page", None)
    if page is not None and report.pages and page > report.pages:
        err("evidence-page-out-of-range", f"'{written}' chỉ có {report.pages} trang, không có trang {page}.",
            "Sửa số trang dẫn chứng cho đúng.")
    deadline = plan.deadline(phase, unit_folder.rsplit("/", 1)[-1])
    for sig in getattr(report, "signatures", ()):
        if sig.time is None:
            continue
        if sig.time > deadline:
            err("evidence-signed-after-deadline",
                f"'{written}' được {sig.signer} ký số lúc {_vn(sig.time)}, sau thời hạn ({_vn(deadline)}).",
                "Tài liệu kiểm chứng phải là văn bản đã ban hành trước thời hạn. Nếu đồng hồ máy ký bị sai, "
                "giải trình trong hồ sơ và báo Sở Nội vụ.")
        declared = _declared(ref)
        signed_on = sig.time.astimezone(VN).date()
        if declared is not None and abs(signed_on - declared) > DATE_SLACK:
            err("evidence-signature-date-mismatch",
                f"'{written}' ghi ngày {declared:%d/%m/%Y} nhưng được ký số ngày {signed_on:%d/%m/%Y}.",
                "Sửa 'date' cho đúng ngày ký ban hành văn bản.", Severity.WARNING)
    return out


def _declared(ref) -> date | None:
    try:
        return date.fromisoformat(str(getattr(ref, "date", None) or ""))
    except ValueError:
        return None


def check_refs(repo, plan, sa, checker=None) -> list:
    out = []
    for e in sa.entries:
        for ref in e.evidence:
            out += _check_one(repo, plan, sa, ref, e.code, checker)
    out += _reuse(repo, sa)
    return out


def check_answers(repo, plan, dossier, checker=None) -> list:
    """Evidence added with the explanation answers: same rules, in the unit's own folder,
    judged against the explanation deadline."""
    ex = dossier.explanation
    if ex is None:
        return []
    return [f for a in ex.answers for ref in a.evidence
            for f in _check_one(repo, plan, ex, ref, a.code, checker, folder=dossier.folder,
                                phase="explanation_closes")]


def check_report(repo, plan, sa, checker=None) -> list:
    if sa.report is None:
        return [error("report-missing", sa.file,
                      "Hồ sơ chưa có Báo cáo tự đánh giá đã được lãnh đạo phê duyệt.",
                      "Thêm mục 'report:' với file (PDF trong evidence/), number, date, approved_by.", line=1)]
    return _check_one(repo, plan, sa, sa.report, None, checker)


def _blob_ids(repo) -> BlobIds:
    ids = getattr(repo, "_blob_ids", None)
    if ids is None:
        inspector = getattr(repo, "_pdf_inspector", None)
        ids = repo._blob_ids = inspector.blobs if isinstance(inspector, Inspector) else BlobIds(repo.source)
    return ids


def _reuse(repo, sa) -> list:
    """Same content filed by another unit; one document cited across unrelated areas."""
    ids = _blob_ids(repo)
    groups = getattr(repo, "_content_groups", None)
    if groups is None:
        groups = repo._content_groups = crosscheck.by_content(ids.under("submissions"))
    out, citations, shared = [], [], set()
    for e in sa.entries:
        for ref in e.evidence:
            rel = locate(repo, sa.folder, ref.file)[0]
            blob = ids.of(rel) if rel and not _is_link(repo, rel) else None
            if blob is None:
                continue
            citations.append(crosscheck.Citation(e.code, blob, ref.file, ref.line, ref.column,
                                                 bool(ref.section) or ref.page is not None))
            others = crosscheck.elsewhere(blob, sa.folder, groups)
            if others and blob not in shared:
                shared.add(blob)
                units = sorted({crosscheck.unit_folder(o).rsplit("/", 2)[-2] + "/" +
                                crosscheck.unit_folder(o).rsplit("/", 1)[-1] for o in others})
                out.append(warning("evidence-shared-with-other-unit", sa.file,
                                   f"'{ref.file}' có nội dung trùng với tài liệu của đơn vị khác ({', '.join(units)}): "
                                   + ", ".join(paths.shown(o) for o in others[:3]) + ".",
                                   "Mỗi đơn vị nộp tài liệu của chính mình. Nếu đây là văn bản chung (ví dụ văn bản "
                                   "của UBND tỉnh gửi nhiều đơn vị), ghi rõ trong giải trình.",
                                   line=ref.line, column=ref.column, criterion=e.code))
    for later, first in crosscheck.unrelated(citations):
        out.append(warning("evidence-reused-unrelated", sa.file,
                           f"'{later.written}' được dẫn cho cả tiêu chí {first.criterion} (dòng {first.line}) và "
                           f"tiêu chí {later.criterion}, thuộc hai lĩnh vực khác nhau.",
                           "Nếu mỗi tiêu chí dùng một phần của văn bản, ghi rõ 'section' (mục) hoặc 'page' (trang); "
                           "nếu không, dẫn đúng tài liệu cho từng tiêu chí.",
                           line=later.line, column=later.column, criterion=later.criterion))
    return out


def unreferenced(repo, dossier, sa) -> list:
    cited = set()
    for _, ref in _refs(dossier):
        try:
            cited.add(paths.nfc(paths.resolve(dossier.folder, ref.file)))
        except paths.BadPath:
            pass
    if "explanation.yaml" in dossier.present and dossier.explanation is None:
        return []  # the explanation failed to load: what it cites is unknown
    out = []
    start = f"{dossier.folder}/evidence/"
    for entry in entries.entries(repo, dossier.folder):
        rel, name = entry.path, entry.path.rsplit("/", 1)[-1]
        if entry.kind != listing.FILE or not rel.startswith(start):
            continue  # links, gitlinks and special entries are errors of their own (checks/entries.py)
        if paths.nfc(rel) in cited or name.startswith(".") or name in ("Thumbs.db", "desktop.ini"):
            continue
        if paths.shown(rel) != rel:
            continue  # reported by check_tree
        out.append(warning("evidence-unreferenced", rel, "Tệp không được dẫn chứng cho tiêu chí nào.",
                           "Dẫn tệp này trong 'evidence' của tiêu chí liên quan, hoặc xoá tệp."))
    return out


def check_tree(repo) -> list:
    """Links and badly named entries in the data folders; the plans' trust roots. Links in
    a dossier's folder are reported by checks/entries.py, which sees a pull request's tree."""
    out = []
    tops = files.DATA
    if getattr(repo, "scope", None) is not None:
        # A limited run (one pull request's dossiers) scans the shared folders and only the
        # dossiers it checks: the findings for those dossiers are the same as a full run's.
        tops = tuple(t for t in files.DATA if t != "submissions") + tuple(sorted(
            d.folder for d in repo.dossiers.values()))
    dossiers = {d.folder for d in repo.dossiers.values()}
    for code, rel in files.scan(repo.source.root, tops):
        if code == "path-symlink" and "/".join(rel.split("/")[:3]) in dossiers:
            continue
        if code == "path-symlink":
            out.append(entries.symlink(rel))
        else:
            out.append(error(code, rel, f"Tên '{rel}' chứa ký tự điều khiển hoặc ký tự không đọc được.",
                             "Đổi tên, chỉ dùng chữ, số, dấu gạch ngang và dấu chấm (ví dụ ke-hoach-cchc.pdf)."))
    for plan in repo.plans.values():
        out += trust_roots(repo, plan)[1]
    return out
