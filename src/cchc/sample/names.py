"""Fictional Vietnamese names for the sample province: departments, places, people.

Everything here is invented for "Tỉnh Mẫu"; department names follow the usual
provincial list so that the data looks familiar, places are built from common
syllables, and any further units get numbered names.
"""

from __future__ import annotations

import random
import unicodedata

# (id, name, abbreviation used in document numbers, title of the head)
DEPARTMENTS = [
    ("so-noi-vu", "Sở Nội vụ", "SNV", "Giám đốc"),
    ("so-tu-phap", "Sở Tư pháp", "STP", "Giám đốc"),
    ("so-tai-chinh", "Sở Tài chính", "STC", "Giám đốc"),
    ("so-xay-dung", "Sở Xây dựng", "SXD", "Giám đốc"),
    ("so-y-te", "Sở Y tế", "SYT", "Giám đốc"),
    ("so-giao-duc-dao-tao", "Sở Giáo dục và Đào tạo", "SGDĐT", "Giám đốc"),
    ("van-phong-ubnd-tinh", "Văn phòng UBND tỉnh", "VP", "Chánh Văn phòng"),
    ("ban-quan-ly-cac-kcn", "Ban Quản lý các khu công nghiệp", "BQL", "Trưởng ban"),
    ("so-cong-thuong", "Sở Công Thương", "SCT", "Giám đốc"),
    ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường", "SNNMT", "Giám đốc"),
    ("so-van-hoa-the-thao-du-lich", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "Giám đốc"),
    ("so-khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ", "SKHCN", "Giám đốc"),
    ("so-dan-toc-ton-giao", "Sở Dân tộc và Tôn giáo", "SDTTG", "Giám đốc"),
    ("thanh-tra-tinh", "Thanh tra tỉnh", "TTr", "Chánh Thanh tra"),
    ("so-ngoai-vu", "Sở Ngoại vụ", "SNgV", "Giám đốc"),
    ("dai-phat-thanh-truyen-hinh", "Đài Phát thanh và Truyền hình tỉnh", "ĐPTTH", "Giám đốc"),
    ("ban-quan-ly-du-an-xay-dung", "Ban Quản lý dự án đầu tư xây dựng tỉnh", "BQLDA", "Giám đốc"),
]

# (id prefix, kind as written in names)
DISTRICT_KINDS = [("huyen", "huyện")] * 4 + [("thi-xa", "thị xã"), ("thanh-pho", "thành phố")]

FIRST = [
    "An",
    "Bình",
    "Hòa",
    "Phú",
    "Tân",
    "Long",
    "Hưng",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Vĩnh",
    "Phúc",
    "Mỹ",
    "Quang",
    "Minh",
    "Thanh",
    "Hải",
    "Trung",
    "Khánh",
    "Thái",
    "Đức",
    "Hồng",
    "Xuân",
    "Kim",
    "Ngọc",
    "Phong",
    "Thuận",
    "Lạc",
    "Thịnh",
    "Cẩm",
    "Gia",
    "Hiệp",
    "Lương",
    "Tường",
    "Yên",
    "Quỳnh",
    "Diên",
    "Hoài",
    "Sơn",
]
SECOND = [
    "An",
    "Bình",
    "Hòa",
    "Phú",
    "Lộc",
    "Long",
    "Hưng",
    "Thành",
    "Lợi",
    "Thịnh",
    "Phong",
    "Sơn",
    "Lâm",
    "Hải",
    "Tiến",
    "Nghĩa",
    "Trung",
    "Mỹ",
    "Đông",
    "Xuân",
    "Thọ",
    "Quý",
    "Lập",
    "Tân",
    "Hiệp",
    "Khánh",
    "Cường",
    "Vinh",
    "Hà",
    "Châu",
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Trịnh", "Đinh"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Hữu", "Quang", "Ngọc", "Xuân", "Thu", "Công", "Hồng"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phương",
    "Quân",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
    "Hiếu",
    "Khoa",
    "Linh",
    "Nga",
    "Thắng",
    "Vân",
]


def ascii_text(text: str) -> str:
    """Text without Vietnamese diacritics (for drawing with the default font)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    """ASCII slug: lower case, words joined by hyphens."""
    words = "".join(c if c.isalnum() else " " for c in ascii_text(text).lower()).split()
    return "-".join(words)


class PlaceNames:
    """Unique two-syllable place names drawn without repetition, then numbered."""

    def __init__(self, rng: random.Random) -> None:
        pairs = sorted({f"{a} {b}" for a in FIRST for b in SECOND if a != b})
        rng.shuffle(pairs)
        self._pairs = pairs
        self._next = 0

    def take(self) -> str:
        index = self._next
        self._next += 1
        base = self._pairs[index % len(self._pairs)]
        rounds = index // len(self._pairs)
        return base if rounds == 0 else f"{base} {rounds + 1}"


def person(rng: random.Random) -> str:
    """A fictional full name."""
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
