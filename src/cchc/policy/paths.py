"""What a changed path is: part of a unit's dossier (and which part), or a shared file.

``submissions/<year>/<unit>/`` holds one dossier: ``self-assessment.yaml`` and ``evidence/``
and ``explanation.yaml`` belong to the unit, ``appraisal.yaml`` to the council. Anything else
(criteria, units, plans, schemas, surveys, code, workflows, the site) is shared and belongs
to the administrators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.repository import dossier_folder

SELF, EVIDENCE, EXPLANATION, APPRAISAL, DOSSIER_OTHER, SHARED = (
    "self-assessment",
    "evidence",
    "explanation",
    "appraisal",
    "dossier-other",
    "shared",
)
UNIT_CONTENT = (SELF, EVIDENCE)  # what the self-assessment deadline locks

_DOSSIER = re.compile(r"submissions/([0-9]{4})/([a-z0-9][a-z0-9-]*)/(.+)")
_FILES = {"self-assessment.yaml": SELF, "explanation.yaml": EXPLANATION, "appraisal.yaml": APPRAISAL}

# Shared areas as users know them, for messages (first matching prefix wins).
AREAS = (
    ("criteria/", "bộ tiêu chí"),
    ("units/", "danh sách đơn vị"),
    ("plans/", "kế hoạch năm"),
    ("schemas/", "cấu trúc dữ liệu (schemas)"),
    ("surveys/", "điểm điều tra xã hội học"),
    ("history/", "kết quả đã công bố các năm trước"),
    ("province.yaml", "thông tin tỉnh và tài khoản quản trị"),
    ("submissions/", "thư mục hồ sơ"),
    (".github/", "quy trình kiểm tra tự động (workflows, CODEOWNERS)"),
    (".gitea/", "quy trình kiểm tra tự động"),
    (".forgejo/", "quy trình kiểm tra tự động"),
    (".cchc/", "danh sách khoá ký thẻ tiếp nhận"),
    ("src/", "mã nguồn bộ kiểm tra"),
    ("hooks/", "mã nguồn trang kết quả"),
    ("scripts/", "mã nguồn"),
    ("pyproject.toml", "mã nguồn"),
    ("docs/", "trang hướng dẫn"),
    ("mkdocs.yml", "cấu hình trang kết quả"),
)


@dataclass(frozen=True)
class Changed:
    path: str
    status: str
    kind: str
    year: int | None = None
    unit: str | None = None

    @property
    def folder(self) -> str | None:
        return dossier_folder(self.year, self.unit) if self.year is not None and self.unit else None

    @property
    def area(self) -> str:
        return next((label for prefix, label in AREAS if self.path.startswith(prefix)), "tệp dùng chung")


def classify(path: str, status: str = "M") -> Changed:
    m = _DOSSIER.fullmatch(path)
    if not m:
        return Changed(path, status, SHARED)
    year, unit, rest = int(m[1]), m[2], m[3]
    kind = _FILES.get(rest) or (EVIDENCE if rest.startswith("evidence/") else DOSSIER_OTHER)
    return Changed(path, status, kind, year, unit)


def dossiers(changed: list[Changed]) -> list[tuple[int, str]]:
    """The (year, unit) dossiers a set of changes touches, sorted."""
    return sorted({(c.year, c.unit) for c in changed if c.year is not None and c.unit})
