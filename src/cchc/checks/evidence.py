"""Evidence references of a dossier: inside the unit's folder, present, readable PDFs."""

from __future__ import annotations

from ..evidence import paths
from ..evidence.pdf import Inspector
from ..findings import Finding, Severity, error, warning


def _inspector(repo, checker):
    if checker is None:
        checker = getattr(repo, "_pdf_inspector", None)
        if checker is None:
            checker = repo._pdf_inspector = Inspector(repo.source)
    return checker


def _check_one(repo, plan, sa, written: str, line: int, column: int, criterion, checker, page=None) -> list:
    out: list[Finding] = []

    def err(code, msg, hint, sev=Severity.ERROR):
        make = error if sev is Severity.ERROR else warning
        out.append(make(code, sa.file, msg, hint, line=line, column=column, criterion=criterion))

    try:
        rel = paths.resolve(sa.folder, written)
    except paths.BadPath as bad:
        err(bad.code, bad.message, bad.hint)
        return out
    if repo.source.is_symlink(rel):
        err("evidence-symlink", f"'{written}' là liên kết (symlink), không phải tệp thật.",
            "Thay liên kết bằng chính tệp PDF.")
        return out
    if not repo.source.is_file(rel):
        folder = rel.rsplit("/", 1)[0]
        names = repo.source.listdir(folder)
        import difflib
        close = difflib.get_close_matches(rel.rsplit("/", 1)[-1], names, n=1)
        err("evidence-not-found", f"Không tìm thấy tệp '{written}'.",
            (f"Có phải là '{close[0]}'? " if close else "") +
            "Tải tệp vào thư mục evidence/ của đơn vị và ghi đúng tên (phân biệt chữ hoa, chữ thường).")
        return out
    if not rel.lower().endswith(".pdf"):
        err("evidence-not-pdf", f"'{written}' không phải tệp PDF.",
            "Tài liệu kiểm chứng phải là bản chụp PDF của văn bản giấy hoặc văn bản điện tử có chữ ký số.")
        return out
    report = _inspector(repo, checker)(rel, int(plan.max_file_mb * 1048576))
    for p in report.problems:
        err(p.code, f"'{written}': {p.message}", p.hint, p.severity)
    if page is not None and report.pages is not None and page > report.pages:
        err("evidence-page-out-of-range", f"'{written}' chỉ có {report.pages} trang, không có trang {page}.",
            "Sửa số trang dẫn chứng cho đúng.")
    return out


def check_refs(repo, plan, sa, checker=None) -> list:
    out = []
    for e in sa.entries:
        for ref in e.evidence:
            out += _check_one(repo, plan, sa, ref.file, ref.line, ref.column, e.code, checker, ref.page)
    return out


def check_report(repo, plan, sa, checker=None) -> list:
    if sa.report is None:
        return [error("report-missing", sa.file,
                      "Hồ sơ chưa có Báo cáo tự đánh giá đã được lãnh đạo phê duyệt.",
                      "Thêm mục 'report:' với file (PDF trong evidence/), number, date, approved_by.", line=1)]
    r = sa.report
    return _check_one(repo, plan, sa, r.file, r.line, r.file_column, None, checker)


def unreferenced(repo, dossier, sa) -> list:
    cited = set()
    for e in sa.entries:
        for ref in e.evidence:
            try:
                cited.add(paths.resolve(sa.folder, ref.file))
            except paths.BadPath:
                pass
    if sa.report:
        try:
            cited.add(paths.resolve(sa.folder, sa.report.file))
        except paths.BadPath:
            pass
    if dossier.explanation:
        for a in dossier.explanation.answers:
            for ref in a.evidence:
                try:
                    cited.add(paths.resolve(sa.folder, ref.file))
                except paths.BadPath:
                    pass
    out = []
    for rel in repo.source.walk_files(f"{dossier.folder}/evidence"):
        if rel not in cited:
            out.append(warning("evidence-unreferenced", rel, "Tệp không được dẫn chứng cho tiêu chí nào.",
                               "Dẫn tệp này trong 'evidence' của tiêu chí liên quan, hoặc xoá tệp."))
    return out
