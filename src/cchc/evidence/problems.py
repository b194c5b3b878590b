"""The Vietnamese wording of every evidence problem, and the judgement of signatures.

Severity choices:
- a PDF the council cannot open safely or at all (not a PDF, truncated, password,
  JavaScript, launch actions, embedded files, too complex to check) is an error;
- a born-digital PDF without a digital signature is an error: the rule is that evidence
  is a scan of the signed paper document or an electronic document with a digital
  signature, and an unsigned word-processor export is neither. The test is
  conservative — flagged only when there is no signature and fewer than half of the
  pages are page images — so OCR'd scans (invisible text) and typed cover pages pass;
- a repaired file and a signature whose chain could not be checked are warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from ..findings import Severity


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    hint: str
    severity: Severity = Severity.ERROR


_RESCAN = "Quét lại văn bản giấy (định dạng PDF) hoặc xuất lại tệp rồi tải lên."
_REPRINT = (
    "Tài liệu kiểm chứng không được chứa nội dung tự chạy: quét bản giấy đã ký, hoặc dùng bản "
    "điện tử đã ký số nhận từ hệ thống quản lý văn bản."
)

TEXTS = {
    "evidence-file-empty": ("Tệp rỗng (0 byte).", "Tải lại tệp: có thể quá trình tải lên đã bị lỗi."),
    "evidence-too-large": (
        "Tệp {mb} MB, vượt giới hạn {limit_mb} MB của kế hoạch.",
        "Quét lại với độ phân giải thấp hơn (150–200 dpi, đen trắng) hoặc tách tài liệu.",
    ),
    "evidence-not-pdf": (
        "Tệp không phải PDF (dù có thể mang đuôi .pdf).",
        "Xuất hoặc quét tài liệu ra định dạng PDF rồi tải lại.",
    ),
    "evidence-pdf-unreadable": (
        "Tệp PDF bị hỏng hoặc không đọc được.",
        "Mở thử tệp trên máy; " + _RESCAN[0].lower() + _RESCAN[1:],
    ),
    "evidence-pdf-repaired": (
        "Tệp PDF có lỗi cấu trúc; đọc được sau khi tự sửa, nhưng có thể hiển thị không đúng trên máy của hội đồng.",
        _RESCAN,
    ),
    "evidence-encrypted": ("Tệp PDF có mật khẩu, hội đồng không mở được.", "Lưu lại bản PDF không đặt mật khẩu."),
    "evidence-pdf-javascript": ("Tệp PDF chứa mã JavaScript (mã tự chạy khi mở tệp).", _REPRINT),
    "evidence-pdf-launch": ("Tệp PDF chứa lệnh mở chương trình hoặc tệp khác (Launch).", _REPRINT),
    "evidence-pdf-embedded-file": (
        "Tệp PDF có tệp khác đính kèm bên trong.",
        "Bỏ tệp đính kèm; nếu đó cũng là tài liệu kiểm chứng, nộp riêng thành tệp PDF trong thư mục evidence/.",
    ),
    "evidence-pdf-empty": ("Tệp PDF không có trang nào.", "Quét hoặc xuất lại tài liệu."),
    "evidence-not-scan-or-signed": (
        "Tệp không đáp ứng yêu cầu bản chụp văn bản giấy hoặc văn bản điện tử có chữ ký số: đây là tệp "
        "xuất từ phần mềm soạn thảo, không có chữ ký số.",
        "Nộp bản quét (scan) văn bản giấy đã ký, đóng dấu; hoặc bản điện tử đã được ký số.",
    ),
    "evidence-pdf-too-complex": (
        "Không kiểm tra xong tệp PDF trong giới hạn cho phép ({seconds} giây, {memory} MB): tệp quá phức tạp "
        "hoặc có cấu trúc bất thường.",
        "Quét hoặc xuất lại tệp PDF; nếu tệp vẫn bị báo, gửi Sở Nội vụ kiểm tra.",
    ),
    "evidence-signature-broken": (
        "Không đọc được chữ ký số{field} (dữ liệu chữ ký bị hỏng).",
        "Dùng đúng bản đã ký số nhận từ hệ thống quản lý văn bản.",
    ),
    "evidence-signature-invalid": (
        "Chữ ký số của {signer} không hợp lệ: nội dung tệp đã bị thay đổi sau khi ký.",
        "Dùng đúng bản đã ký số nhận từ hệ thống quản lý văn bản; không sửa, không lưu lại tệp sau khi ký.",
    ),
    "evidence-signature-modified": (
        "Tệp bị sửa sau khi {signer} ký số ({what}); phần sửa không được chữ ký bảo đảm.",
        "Nộp đúng bản đã ký, không lưu thêm (kể cả ghi chú, điền biểu mẫu) sau khi ký.",
    ),
    "evidence-signature-appended": (
        "Có {bytes} byte được ghi thêm vào cuối tệp sau khi {signer} ký số.",
        "Nộp đúng bản đã ký nhận từ hệ thống quản lý văn bản, không ghi thêm vào tệp.",
    ),
    "evidence-signature-untrusted": (
        "Chứng thư số của {signer} không thuộc tổ chức chứng thực tin cậy đã khai báo, hoặc không còn hiệu lực lúc ký.",
        "Văn bản phải được ký bằng chứng thư số do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp; liên hệ "
        "văn thư của đơn vị.",
    ),
    "evidence-signature-chain-unverified": (
        "Chữ ký số của {signer} còn nguyên vẹn, nhưng chưa kiểm tra chuỗi chứng thư số: kế hoạch chưa khai báo "
        "chứng thư gốc tin cậy.",
        "Sở Nội vụ khai báo 'evidence: trust_roots:' trong plans/<năm>.yaml (tệp chứng thư gốc của tổ chức "
        "chứng thực chữ ký số).",
    ),
}

_WARNINGS = {"evidence-pdf-repaired", "evidence-signature-chain-unverified", "evidence-signature-appended"}
_MODIFICATIONS = {
    "FORM_FILLING": "điền biểu mẫu hoặc thêm chữ ký",
    "ANNOTATIONS": "thêm ghi chú, chú thích",
    "OTHER": "thay đổi nội dung",
}
_ALLOWED_AFTER = {"NONE", "LTA_UPDATES"}  # later timestamps and validation data only


def make(code: str, **values) -> Problem:
    message, hint = TEXTS[code]
    if "size" in values:
        values.update(mb=f"{values['size'] / 1048576:.1f}", limit_mb=f"{values['limit'] / 1048576:g}")
    severity = Severity.WARNING if code in _WARNINGS else Severity.ERROR
    return Problem(code, message.format(**values), hint.format(**values), severity)


def of_status(status: str) -> Problem:
    """A file the parser could not go through (status other than ok and too-complex)."""
    if status == "truncated":  # same code as any unreadable file; the message says why
        return Problem(
            "evidence-pdf-unreadable",
            "Tệp PDF bị cắt cụt (thiếu phần cuối tệp), thường do tải lên bị gián đoạn.",
            "Tải lại tệp gốc; mở thử tệp trên máy trước khi nộp.",
        )
    code = {"not-pdf": "evidence-not-pdf", "encrypted": "evidence-encrypted"}.get(status, "evidence-pdf-unreadable")
    return make(code)


def too_complex(limits) -> Problem:
    return make("evidence-pdf-too-complex", seconds=f"{limits.timeout:g}", memory=limits.memory_mb)


def lfs_missing(head: bytes) -> Problem:
    size = re.search(rb"\nsize (\d+)", head)
    known = f" (tệp thật {int(size.group(1)) / 1048576:.1f} MB)" if size else ""
    return Problem(
        "evidence-lfs-missing",
        f"Nội dung tệp chưa được tải về: trong kho chỉ có con trỏ Git LFS{known}.",
        "Chạy 'git lfs install' rồi 'git lfs pull' để tải nội dung; trong CI đặt 'lfs: true' ở bước "
        "checkout. Nếu vẫn thiếu, người nộp cần đẩy nội dung lên bằng 'git lfs push --all origin'.",
    )


def clean(text: str, limit: int = 80) -> str:
    """A name taken from a certificate or a PDF, safe to show: no control characters, short."""
    text = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", str(text)).strip()
    return (text[:limit] + "…") if len(text) > limit else (text or "người ký không rõ tên")


def _when(iso: str | None) -> str:
    """' (ký lúc 10:00 ngày 10/01/2025)' in Vietnam time, or nothing when the time is unknown."""
    if iso is None:
        return ""
    try:
        when = datetime.fromisoformat(iso).astimezone(timezone(timedelta(hours=7)))
    except (TypeError, ValueError):
        return ""
    return f" (ký lúc {when:%H:%M} ngày {when:%d/%m/%Y})"


def _coverage(s: dict[str, Any], signer: str, last: int) -> Problem | None:
    """A signature that does not cover the whole file: what was changed or appended after it."""
    if s.get("coverage") == "ENTIRE_FILE":
        return None
    modification = s.get("modification") or "NONE"
    later_signed = s.get("revision", 0) < last
    if modification in _MODIFICATIONS and not (later_signed and modification == "FORM_FILLING"):
        return make("evidence-signature-modified", signer=signer, what=_MODIFICATIONS[modification])
    if not later_signed and modification == "NONE" and s.get("appended"):
        return make("evidence-signature-appended", signer=signer, bytes=s["appended"])
    return None


def _trust(s: dict[str, Any], signer: str) -> Problem | None:
    """A signature (not a timestamp) whose certificate chain is unchecked or untrusted."""
    if s.get("kind") != "signature":
        return None
    if s.get("trusted") is None:
        return make("evidence-signature-chain-unverified", signer=signer)
    if not s["trusted"]:
        return make("evidence-signature-untrusted", signer=signer)
    return None


def _signature(s: dict[str, Any], last: int) -> list[Problem]:
    signer = clean(s.get("signer", "")) + _when(s.get("time"))
    if s.get("broken"):
        name = s.get("field") or ""
        return [make("evidence-signature-broken", field=f" '{clean(name, 40)}'" if name.strip() else "")]
    if not (s.get("intact") and s.get("valid")):
        return [make("evidence-signature-invalid", signer=signer)]
    return [p for p in (_coverage(s, signer, last), _trust(s, signer)) if p is not None]


def of_signatures(sigs: list[dict[str, Any]]) -> list[Problem]:
    """Judge every signature. Bytes after a signature are fine only when they are later
    signatures, timestamps or validation data; the last revision must be signed whole."""
    last = max((s.get("revision", 0) for s in sigs), default=0)
    return [p for s in sorted(sigs, key=lambda s: s.get("revision", 0)) for p in _signature(s, last)]
