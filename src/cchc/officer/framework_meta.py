"""What a framework says about itself (id, level, title, decision, bands): the "Thông tin"
sheet written by `cchc criteria export`, overridden by command-line options."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import findings
from . import cells
from .sheets import problem

# (field, label on the "Thông tin" sheet), in the order the sheet lists them.
FIELDS = (
    ("id", "Mã bộ tiêu chí"),
    ("level", "Cấp đơn vị"),
    ("title", "Tên bộ tiêu chí"),
    ("number", "Số quyết định ban hành"),
    ("date", "Ngày ban hành"),
    ("issuer", "Cơ quan ban hành"),
    ("precision", "Số chữ số thập phân của chỉ số"),
    ("sample", "Dữ liệu mẫu"),
)
BANDS_LABEL = "Xếp loại (tên mức, chỉ số tối thiểu %)"
OPTIONS = {
    "id": "--ref",
    "level": "--ref",
    "title": "--title",
    "number": "--decision",
    "date": "--date",
    "issuer": "--issuer",
    "bands": "--bands",
}
_BY_LABEL = {cells.fold(label): name for name, label in FIELDS}
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
REF = re.compile(r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*")  # how plans name a framework


@dataclass
class Meta:
    values: dict = field(default_factory=dict)  # field -> value
    findings: list = field(default_factory=list)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


def is_info(grid) -> bool:
    """The "Thông tin" sheet, or a two-column Word table that starts with its labels."""
    firsts = [cells.fold(values[0]) for _, values in grid.rows[:3] if values]
    return cells.fold(grid.name) == "thong tin" or any(f in _BY_LABEL for f in firsts)


def parse_date(value) -> str:
    """'2025-09-12' or '12/9/2025' → '2025-09-12'; ValueError otherwise."""
    text = cells.text(value) or ""
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    iso = f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}" if m else text
    date.fromisoformat(iso)  # raises ValueError for 2025-02-30
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        raise ValueError(text)
    return iso


def parse_bands(text: str) -> list:
    """'Xuất sắc:90, Tốt:80, Khá:70, Trung bình:50, Yếu:0' → [(label, min), …]; ValueError if not."""
    out = []
    for part in re.split(r"[;,]\s*(?=[^\d\s])", text):
        label, _, minimum = part.rpartition(":")
        if not label.strip():
            raise ValueError(part)
        out.append((label.strip(), cells.number(minimum.strip())))
    return out


def _value(name, value):
    if name == "date":
        return parse_date(value)
    if name == "precision":
        number = cells.number(value)
        if number is None or number != int(number) or not 0 <= number <= 4:
            raise ValueError(value)
        return int(number)
    if name == "sample":
        return cells.flag(value)
    return cells.text(value)


def read_info(grid) -> Meta:
    meta, bands = Meta(), []
    in_bands = False
    for row, values in grid.rows:
        key = cells.fold(values[0]) if values else ""
        if key in (cells.fold(BANDS_LABEL), "xep loai"):
            in_bands = True
            continue
        value = values[1] if len(values) > 1 else None
        if in_bands and key:
            try:
                bands.append((cells.text(values[0]), cells.number(value)))
                if bands[-1][1] is None:
                    raise ValueError(value)
            except ValueError:
                meta.findings.append(
                    problem(
                        "officer-info-format",
                        grid,
                        row,
                        2,
                        f"ngưỡng xếp loại '{cells.text(value)}' không phải một số.",
                        "Ghi chỉ số tối thiểu (%) của mức, ví dụ 90.",
                    )
                )
            continue
        name = _BY_LABEL.get(key)
        if name is None or value is None:
            continue
        try:
            meta.values[name] = _value(name, value)
        except ValueError:
            meta.findings.append(
                problem(
                    "officer-info-format",
                    grid,
                    row,
                    2,
                    f"giá trị '{cells.text(value)}' của mục '{values[0]}' không hợp lệ.",
                    _HINTS.get(name, "Sửa lại giá trị."),
                )
            )
    if bands:
        meta.values["bands"] = bands
    return meta


_HINTS = {
    "date": "Ghi ngày dạng 12/09/2025 hoặc 2025-09-12.",
    "precision": "Ghi một số từ 0 đến 4 (thường là 2).",
    "sample": "Ghi 'Có' hoặc để trống.",
}


def _place(meta: Meta, options: dict[str, Any]) -> None:
    """id, level and ref (folder/level) from one another: --ref wins over the sheet."""
    ref = options.get("ref")
    if ref:  # where it is written names it: the sheet's own id and level give way
        folder, _, level = ref.partition("/")
        meta.values["level"] = level
        meta.values["id"] = options.get("id") or f"{folder}-{level}"
        meta.values["ref"] = ref
    elif meta.get("id") and meta.get("level"):
        level = meta.get("level")
        folder = meta.get("id").removesuffix(f"-{level}") or meta.get("id")
        meta.values["ref"] = f"{folder}/{level}"


def _copy_bands(meta: Meta, file: str, fallback_bands: Callable[[str], list[Any]] | None) -> None:
    """Bands the sheet leaves out: the latest framework of the same level has them."""
    if "bands" in meta.values or not fallback_bands or not meta.get("level"):
        return
    bands = fallback_bands(meta.get("level"))
    if bands:
        meta.values["bands"] = bands
        meta.findings.append(
            findings.warning(
                "officer-bands-copied",
                file,
                "Bảng không ghi các mức xếp loại; dùng các mức của bộ tiêu chí gần "
                "nhất cùng cấp: " + ", ".join(f"{label} từ {cells.vn(m)}%" for label, m in bands) + ".",
                "Nếu quyết định mới quy định khác, dùng tùy chọn --bands 'Xuất sắc:90, Tốt:80, …'.",
            )
        )


def _check(meta: Meta, file: str) -> None:
    for name, option in OPTIONS.items():
        if not meta.get(name):
            meta.findings.append(
                findings.error(
                    "officer-info-missing",
                    file,
                    f"Thiếu thông tin bộ tiêu chí: {_LABELS[name]}.",
                    f"Dùng tùy chọn {option} của lệnh, hoặc điền trang 'Thông tin' của tệp Excel.",
                )
            )
    for name in ("id", "level"):
        if meta.get(name) and not _SLUG.fullmatch(meta.get(name)):
            meta.findings.append(
                findings.error(
                    "officer-info-format",
                    file,
                    f"{_LABELS[name]} '{meta.get(name)}' không hợp lệ.",
                    "Chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ 'qd-1868-2025/so'.",
                )
            )


def resolve(
    info: Meta, options: dict[str, Any], file: str, fallback_bands: Callable[[str], list[Any]] | None = None
) -> Meta:
    """Options beat the sheet; id and level follow from --ref (folder/level) when not given."""
    meta = Meta(dict(info.values), list(info.findings))
    meta.values.update({k: v for k, v in options.items() if v is not None and k != "ref"})
    _place(meta, options)
    _copy_bands(meta, file, fallback_bands)
    _check(meta, file)
    return meta


_LABELS = dict(FIELDS) | {"bands": "các mức xếp loại", "level": "cấp đơn vị (thư mục/cấp, ví dụ qd-2027/so)"}
