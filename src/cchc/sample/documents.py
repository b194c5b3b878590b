"""Kinds of evidence documents (tài liệu kiểm chứng) a sample unit may hold.

Each kind has a file name, a title for a given year, the document-type code
used in its number ("12/KH-STP"), the months in which it is usually issued and
the hint shown in the framework's list of suggested evidence.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocKind:
    key: str
    title: str  # may contain {year}
    type_code: str  # KH, BC, QĐ
    months: tuple[int, int]
    hint: str
    by_province: bool = False  # issued by UBND tỉnh, not by the unit


KINDS = {
    k.key: k
    for k in [
        DocKind("ke-hoach-cchc", "Kế hoạch cải cách hành chính năm {year}", "KH", (1, 1), "Kế hoạch CCHC năm"),
        DocKind(
            "bao-cao-cchc",
            "Báo cáo kết quả thực hiện công tác cải cách hành chính năm {year}",
            "BC",
            (11, 11),
            "Báo cáo kết quả thực hiện công tác CCHC năm",
        ),
        DocKind(
            "ke-hoach-kiem-tra",
            "Kế hoạch kiểm tra công tác cải cách hành chính năm {year}",
            "KH",
            (2, 3),
            "Kế hoạch kiểm tra CCHC và báo cáo kết quả kiểm tra",
        ),
        DocKind(
            "ke-hoach-tuyen-truyen",
            "Kế hoạch tuyên truyền cải cách hành chính năm {year}",
            "KH",
            (1, 2),
            "Kế hoạch tuyên truyền CCHC và báo cáo kết quả thực hiện",
        ),
        DocKind(
            "bao-cao-vbqppl",
            "Báo cáo công tác xây dựng, rà soát văn bản quy phạm pháp luật năm {year}",
            "BC",
            (11, 11),
            "Báo cáo công tác xây dựng, rà soát văn bản QPPL",
        ),
        DocKind(
            "bao-cao-tthc",
            "Báo cáo tình hình tiếp nhận, giải quyết thủ tục hành chính năm {year}",
            "BC",
            (11, 11),
            "Báo cáo tình hình giải quyết TTHC; số liệu trên Hệ thống thông tin giải quyết TTHC",
        ),
        DocKind(
            "quyet-dinh-to-chuc",
            "Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức",
            "QĐ",
            (3, 6),
            "Quyết định quy định chức năng, nhiệm vụ, cơ cấu tổ chức; đề án vị trí việc làm",
        ),
        DocKind(
            "ke-hoach-dao-tao",
            "Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức năm {year}",
            "KH",
            (1, 2),
            "Kế hoạch đào tạo, bồi dưỡng và báo cáo kết quả",
        ),
        DocKind(
            "quy-che-chi-tieu",
            "Quy chế chi tiêu nội bộ và quản lý, sử dụng tài sản công năm {year}",
            "QĐ",
            (1, 3),
            "Quy chế chi tiêu nội bộ; báo cáo công khai ngân sách",
        ),
        DocKind(
            "bao-cao-cds",
            "Báo cáo kết quả chuyển đổi số, ứng dụng công nghệ thông tin năm {year}",
            "BC",
            (10, 11),
            "Báo cáo kết quả chuyển đổi số; số liệu trên Hệ thống quản lý văn bản",
        ),
        DocKind(
            "quyet-dinh-khen-thuong",
            "Quyết định khen thưởng thành tích trong công tác cải cách hành chính",
            "QĐ",
            (4, 10),
            "Quyết định khen thưởng của cấp có thẩm quyền",
            by_province=True,
        ),
    ]
}

ALWAYS = ("ke-hoach-cchc", "bao-cao-cchc")
OPTIONAL = tuple(k for k in KINDS if k not in ALWAYS and k != "quyet-dinh-khen-thuong")
FALLBACK = "bao-cao-cchc"

REPORT_TITLE = "Báo cáo tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year}"
REPORT_FILE = "evidence/bao-cao-tu-danh-gia.pdf"

HINTS = {k.key: k.hint for k in KINDS.values()}
