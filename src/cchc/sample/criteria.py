"""The sample criteria trees: 2023 (sở, huyện, xã) and 2025 (sở, xã).

Shaped like a real provincial decision: 8 areas worth 100 points, about 31 of
them by social survey (mostly area 8), plus a zero-point area of bonus and
penalty points. ``build(level, version)`` returns numbered ``Area`` objects.
"""

from __future__ import annotations

from .frameworks import (
    Area,
    Group,
    Leaf,
    bonus,
    free,
    levels,
    number_codes,
    pass_fail,
    penalty,
    percent_bands,
    proportional,
    survey,
)

# The criteria are data laid out as a table, a criterion to a line or two, as a decision's annex
# reads; the formatter would spread each over a dozen lines.
# fmt: off
ON_TIME = [("Ban hành đúng thời hạn", 1), ("Ban hành chậm", "0.5"), ("Không ban hành", 0)]
TASKS = ("Số nhiệm vụ hoàn thành", "Tổng số nhiệm vụ trong kế hoạch")
NA_NO_CASE = "Năm {year}, đơn vị không phát sinh nội dung thuộc tiêu chí này."


def _area1(level: str, new: bool) -> Area:
    scope = "đơn vị trực thuộc" if level != "xa" else "bộ phận chuyên môn"
    return Area("Công tác chỉ đạo, điều hành CCHC", [
        Group("Kế hoạch CCHC năm", [
            levels("Ban hành Kế hoạch CCHC năm", ON_TIME, doc="ke-hoach-cchc"),
            percent_bands("Mức độ hoàn thành Kế hoạch CCHC năm", *TASKS,
                          [("gt", 90, 1), ("gte", 70, "0.5"), (None, 0, 0)], doc="bao-cao-cchc"),
        ]),
        Group("Báo cáo và kiểm tra công tác CCHC", [
            levels("Thực hiện chế độ báo cáo CCHC định kỳ",
                   [("Đầy đủ, đúng thời hạn", 1), ("Đầy đủ nhưng chậm thời hạn", "0.5"), ("Không đầy đủ", 0)],
                   doc="bao-cao-cchc"),
            proportional(f"Tỷ lệ vấn đề phát hiện qua kiểm tra CCHC tại các {scope} được xử lý", 2,
                         "Số vấn đề đã xử lý hoặc kiến nghị xử lý", "Tổng số vấn đề phát hiện qua kiểm tra",
                         na_allowed=True, doc="ke-hoach-kiem-tra",
                         na_reason=f"Năm {{year}}, đơn vị không có {scope} thuộc diện kiểm tra."),
        ]),
        Group("Tuyên truyền CCHC và sáng kiến, giải pháp mới", [
            percent_bands("Mức độ thực hiện Kế hoạch tuyên truyền CCHC", *TASKS,
                          [("gt", 90, 2), ("gte", 70, 1), (None, 0, 0)], doc="ke-hoach-tuyen-truyen"),
            free("Sáng kiến, giải pháp mới trong chỉ đạo, điều hành CCHC", 3, "0.25", doc="bao-cao-cchc"),
        ]),
        survey("Đánh giá của cán bộ, công chức về công tác chỉ đạo, điều hành CCHC", 1),
    ])


def _area2(level: str, new: bool) -> Area:
    issuer = "HĐND, UBND xã" if level == "xa" else ("HĐND, UBND huyện" if level == "huyen" else "đơn vị")
    na = level == "so" or (level == "xa" and not new)
    return Area("Xây dựng và tổ chức thực hiện văn bản QPPL", [
        proportional(f"Tỷ lệ văn bản QPPL của {issuer} được ban hành đúng kế hoạch", 3,
                     "Số văn bản ban hành đúng kế hoạch", "Tổng số văn bản trong kế hoạch",
                     na_allowed=na, doc="bao-cao-vbqppl",
                     na_reason="Năm {year}, đơn vị không được giao chủ trì soạn thảo văn bản QPPL."),
        Group("Rà soát văn bản QPPL và theo dõi thi hành pháp luật", [
            levels("Ban hành Kế hoạch rà soát, hệ thống hóa văn bản QPPL", ON_TIME, doc="bao-cao-vbqppl"),
            percent_bands("Xử lý văn bản sau rà soát", "Số văn bản đã được xử lý sau rà soát",
                          "Tổng số văn bản phải xử lý sau rà soát",
                          [("gte", 100, 2), ("gte", 50, 1), (None, 0, 0)], doc="bao-cao-vbqppl"),
            pass_fail("Kiểm tra, theo dõi tình hình thi hành pháp luật", 1,
                      "Có kế hoạch và thực hiện đầy đủ", doc="bao-cao-vbqppl"),
        ]),
    ])


def _area3(level: str, new: bool) -> Area:
    return Area("Cải cách thủ tục hành chính", [
        Group("Rà soát, đơn giản hóa và công khai TTHC", [
            percent_bands("Mức độ hoàn thành kế hoạch rà soát, đơn giản hóa TTHC", *TASKS,
                          [("gt", 90, "2.5"), ("gte", 70, "1.5"), (None, 0, 0)], doc="bao-cao-tthc"),
            pass_fail("Công khai TTHC đầy đủ, đúng quy định trên Cổng Dịch vụ công và tại Bộ phận Một cửa", 2,
                      "Công khai đầy đủ, đúng quy định", doc="bao-cao-tthc"),
        ]),
        Group("Thực hiện cơ chế một cửa, một cửa liên thông", [
            proportional("Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn", 3,
                         "Số hồ sơ giải quyết đúng hạn", "Tổng số hồ sơ đã giải quyết", doc="bao-cao-tthc"),
            proportional("Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi người dân, tổ chức", 1,
                         "Số hồ sơ trễ hạn có văn bản xin lỗi", "Tổng số hồ sơ trễ hạn",
                         na_allowed=True, doc="bao-cao-tthc", na_reason=NA_NO_CASE),
            percent_bands("Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC", "Số hồ sơ được số hóa",
                          "Tổng số hồ sơ tiếp nhận", [("gte", 80, 2), ("gte", 50, 1), (None, 0, 0)],
                          doc="bao-cao-tthc"),
        ]),
        proportional("Tỷ lệ phản ánh, kiến nghị về TTHC được xử lý đúng hạn", "1.5",
                     "Số phản ánh, kiến nghị xử lý đúng hạn", "Tổng số phản ánh, kiến nghị tiếp nhận",
                     doc="bao-cao-tthc"),
        survey("Mức độ hài lòng của người dân, tổ chức đối với việc giải quyết TTHC", 3),
    ])


def _area4(level: str, new: bool) -> Area:
    org = levels("Ban hành quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức",
                 [("Ban hành đầy đủ, đúng thời hạn", 3 if not new else 2),
                  ("Ban hành chậm hoặc chưa đầy đủ", "1.5" if not new else 1), ("Không ban hành", 0)],
                 doc="quyet-dinh-to-chuc")
    if level == "xa":
        staff = pass_fail("Bố trí cán bộ, công chức cấp xã trong số lượng được giao", 4 if not new else 3,
                          "Bố trí trong số lượng được giao", doc="quyet-dinh-to-chuc")
    else:
        staff = percent_bands("Thực hiện chỉ tiêu tinh giản biên chế được giao", "Số biên chế đã tinh giản",
                              "Chỉ tiêu tinh giản được giao",
                              [("gte", 100, 3 if not new else 2), ("gte", 50, "1.5" if not new else 1),
                               (None, 0, 0)], doc="quyet-dinh-to-chuc")
    components = [org, staff]
    if new:
        components.append(levels("Thực hiện sắp xếp, tinh gọn tổ chức bộ máy theo chủ trương của Trung ương",
                                 [("Hoàn thành đúng tiến độ", 2), ("Hoàn thành chậm tiến độ", 1),
                                  ("Chưa hoàn thành", 0)], doc="quyet-dinh-to-chuc"))
    items: list[Group | Leaf] = [Group("Tổ chức bộ máy và quản lý biên chế", components)]
    if level != "xa":
        items.append(pass_fail("Thực hiện phân cấp, ủy quyền giải quyết công việc", 1, "Thực hiện đúng quy định",
                               na_allowed=level == "so", doc="quyet-dinh-to-chuc",
                               na_reason="Năm {year}, đơn vị không được phân cấp, ủy quyền nhiệm vụ nào."))
    return Area("Cải cách tổ chức bộ máy", items)


def _area5(level: str, new: bool) -> Area:
    training = percent_bands("Thực hiện kế hoạch đào tạo, bồi dưỡng cán bộ, công chức",
                             "Số lượt cán bộ, công chức được đào tạo, bồi dưỡng", "Số lượt theo kế hoạch",
                             [("gt", 90, 2), ("gte", 70, 1), (None, 0, 0)], doc="ke-hoach-dao-tao")
    discipline = levels("Chấp hành kỷ luật, kỷ cương hành chính",
                        [("Không có cán bộ, công chức bị xử lý kỷ luật", 2),
                         ("Có cán bộ, công chức bị kỷ luật khiển trách hoặc cảnh cáo", 1),
                         ("Có cán bộ, công chức bị kỷ luật từ hạ bậc lương trở lên", 0)], evidence_required=False)
    return Area("Cải cách chế độ công vụ", [
        Group("Vị trí việc làm và đánh giá cán bộ, công chức", [
            proportional("Tỷ lệ cán bộ, công chức được bố trí đúng vị trí việc làm", "2.5",
                         "Số cán bộ, công chức bố trí đúng vị trí việc làm", "Tổng số cán bộ, công chức",
                         doc="quyet-dinh-to-chuc"),
            levels("Đánh giá, xếp loại chất lượng cán bộ, công chức",
                   [("Thực hiện đầy đủ, đúng quy định", "1.5"), ("Thực hiện chưa đầy đủ", "0.75"),
                    ("Không thực hiện", 0)], doc="bao-cao-cchc"),
        ]),
        training if new else Group("Đào tạo, bồi dưỡng và kỷ luật, kỷ cương hành chính", [training, discipline]),
        survey("Đánh giá của người dân, tổ chức về tinh thần, thái độ phục vụ của cán bộ, công chức", 2),
    ])


def _area6(level: str, new: bool) -> Area:
    if level == "xa":
        budget = percent_bands("Tỷ lệ thu ngân sách xã so với dự toán được giao", "Số thu ngân sách (triệu đồng)",
                               "Dự toán được giao (triệu đồng)", [("gte", 100, 3), ("gte", 90, "1.5"), (None, 0, 0)],
                               doc="quy-che-chi-tieu")
    else:
        budget = percent_bands("Tỷ lệ giải ngân kế hoạch vốn đầu tư công được giao", "Số vốn đã giải ngân (triệu đồng)",
                               "Kế hoạch vốn được giao (triệu đồng)",
                               [("gte", 95, 3), ("gte", 80, "1.5"), (None, 0, 0)],
                               na_allowed=level == "so", doc="quy-che-chi-tieu",
                               na_reason="Năm {year}, đơn vị không được giao kế hoạch vốn đầu tư công.")
    return Area("Cải cách tài chính công", [
        Group("Quản lý, sử dụng ngân sách và tài sản công", [
            budget,
            levels("Ban hành và thực hiện Quy chế chi tiêu nội bộ, quy chế quản lý tài sản công",
                   [("Ban hành đầy đủ, đúng thời hạn", 2), ("Ban hành chậm hoặc chưa đầy đủ", 1),
                    ("Không ban hành", 0)], doc="quy-che-chi-tieu"),
        ]),
        proportional("Tỷ lệ kết luận thanh tra, kiểm toán về tài chính được thực hiện", 2,
                     "Số kết luận, kiến nghị đã thực hiện", "Tổng số kết luận, kiến nghị",
                     na_allowed=True, doc="quy-che-chi-tieu",
                     na_reason="Năm {year}, đơn vị không có cuộc thanh tra, kiểm toán về tài chính."),
    ])


def _area7(level: str, new: bool) -> Area:
    internal = [
        proportional("Tỷ lệ văn bản đi được ký số và gửi dưới dạng điện tử", 2 if not new else "3.5",
                     "Số văn bản đi được ký số", "Tổng số văn bản đi", doc="bao-cao-cds"),
        pass_fail("Sử dụng Hệ thống quản lý văn bản và điều hành trong xử lý công việc", "1.5",
                  "Sử dụng thường xuyên, đúng quy định", doc="bao-cao-cds"),
    ]
    if not new:
        internal.append(levels("Báo cáo định kỳ qua Hệ thống thông tin báo cáo của tỉnh",
                               [("Đầy đủ, đúng hạn", "1.5"), ("Đầy đủ nhưng chậm", "0.75"), ("Không đầy đủ", 0)],
                               doc="bao-cao-cds"))
    services = [
        percent_bands("Tỷ lệ hồ sơ TTHC được tiếp nhận, giải quyết trực tuyến toàn trình",
                      "Số hồ sơ trực tuyến toàn trình", "Tổng số hồ sơ tiếp nhận",
                      [("gte", 80, 5), ("gte", 50, 3), ("gte", 30, 1), (None, 0, 0)], doc="bao-cao-cds"),
        free("Bảo đảm an toàn thông tin mạng", 4, "0.5", doc="bao-cao-cds"),
    ]
    if new:
        services.append(percent_bands("Triển khai Đề án phát triển ứng dụng dữ liệu dân cư, định danh điện tử",
                                      *TASKS, [("gte", 90, 2), ("gte", 70, 1), (None, 0, 0)], doc="bao-cao-cds"))
    return Area("Xây dựng, phát triển Chính phủ điện tử, Chính phủ số", [
        Group("Ứng dụng công nghệ thông tin trong hoạt động nội bộ", internal),
        Group("Cung cấp dịch vụ công trực tuyến và bảo đảm an toàn thông tin", services),
        survey("Mức độ hài lòng đối với dịch vụ công trực tuyến", 1),
    ])


def _area8(level: str, new: bool) -> Area:
    return Area("Tác động của CCHC đến người dân, tổ chức và phát triển KT-XH", [
        survey("Tác động đến chất lượng thể chế, cơ chế, chính sách", 5),
        survey("Tác động đến chất lượng giải quyết thủ tục hành chính", 6),
        Group("Tác động đến tổ chức bộ máy và đội ngũ cán bộ, công chức", [
            survey("Tác động đến tổ chức bộ máy", "2.5"),
            survey("Tác động đến đội ngũ cán bộ, công chức", "2.5"),
        ]),
        Group("Tác động đến phát triển kinh tế - xã hội", [
            percent_bands("Thực hiện các chỉ tiêu phát triển kinh tế - xã hội được giao",
                          "Số chỉ tiêu đạt và vượt", "Tổng số chỉ tiêu được giao",
                          [("gte", 100, 4), ("gte", 80, 2), (None, 0, 0)], doc="bao-cao-cchc"),
            survey("Mức độ hài lòng về tác động của CCHC đến phát triển kinh tế - xã hội", 4),
        ]),
        survey("Sự hài lòng chung của người dân, tổ chức", 4),
    ])


def _area9(level: str, new: bool) -> Area:
    return Area("Điểm thưởng, điểm trừ", [
        Group("Điểm thưởng", [
            bonus("Được cấp có thẩm quyền khen thưởng về thành tích trong công tác CCHC", 1, "0.5",
                  "Mỗi hình thức khen thưởng từ cấp tỉnh trở lên", doc="quyet-dinh-khen-thuong"),
            bonus("Có sáng kiến, mô hình CCHC được cấp tỉnh công nhận", 1, "0.5",
                  "Mỗi sáng kiến, mô hình được công nhận", doc="bao-cao-cchc"),
        ]),
        penalty("Vi phạm kỷ luật, kỷ cương hành chính bị cấp có thẩm quyền phê bình, xử lý", 2, "0.5",
                "Mỗi trường hợp bị phê bình, xử lý"),
    ])
# fmt: on


AREAS = (_area1, _area2, _area3, _area4, _area5, _area6, _area7, _area8, _area9)


def build(level: str, version: str) -> list[Area]:
    """Numbered areas of the framework for a level ("so", "huyen", "xa") and version ("2023", "2025")."""
    new = version >= "2025"
    areas = [make(level, new) for make in AREAS]
    number_codes(areas)
    return areas
