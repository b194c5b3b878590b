"""Inspect one PDF file: is it a readable PDF, how many pages.

Runs in-process with pypdf; results are memoised per path for one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Severity

LFS_POINTER = b"version https://git-lfs.github.com/spec/"


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    hint: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class PdfReport:
    pages: int | None
    problems: tuple[Problem, ...] = field(default=())


def inspect(source, rel: str, max_bytes: int) -> PdfReport:
    size = source.size(rel)
    if size > max_bytes:
        return PdfReport(None, (Problem(
            "evidence-too-large", f"Tệp {size / 1048576:.1f} MB, vượt giới hạn {max_bytes / 1048576:.0f} MB của kế hoạch.",
            "Quét lại với độ phân giải thấp hơn (150–200 dpi, đen trắng) hoặc tách tài liệu."),))
    head = source.read(rel, limit=1024)
    if head.startswith(LFS_POINTER):
        return PdfReport(None, (Problem(
            "evidence-lfs-missing", "Tệp mới chỉ là con trỏ Git LFS, nội dung chưa được tải về.",
            "Chạy 'git lfs pull' (hoặc bật 'lfs: true' khi checkout trong CI) rồi kiểm tra lại."),))
    if b"%PDF-" not in head:
        return PdfReport(None, (Problem(
            "evidence-not-pdf", "Tệp không phải PDF (dù có thể mang đuôi .pdf).",
            "Xuất hoặc quét tài liệu ra định dạng PDF rồi tải lại."),))
    try:
        from pypdf import PdfReader

        with source.open(rel) as fh:
            reader = PdfReader(fh, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                return PdfReport(None, (Problem(
                    "evidence-encrypted", "Tệp PDF có mật khẩu, hội đồng không mở được.",
                    "Lưu lại bản PDF không đặt mật khẩu."),))
            pages = len(reader.pages)
    except Exception:  # any parser failure on untrusted input is a finding, not a crash
        return PdfReport(None, (Problem(
            "evidence-pdf-unreadable", "Tệp PDF bị hỏng hoặc không đọc được.",
            "Mở thử tệp trên máy; quét hoặc xuất lại PDF rồi tải lên."),))
    if pages == 0:
        return PdfReport(0, (Problem("evidence-pdf-empty", "Tệp PDF không có trang nào.",
                                     "Quét hoặc xuất lại tài liệu."),))
    return PdfReport(pages)


class Inspector:
    """Memoises inspections within one run (one file may be cited many times)."""

    def __init__(self, source):
        self.source = source
        self._memo: dict = {}

    def __call__(self, rel: str, max_bytes: int) -> PdfReport:
        key = (rel, max_bytes)
        if key not in self._memo:
            self._memo[key] = inspect(self.source, rel, max_bytes)
        return self._memo[key]
