"""One unit's submission folder: self-assessment, evidence PDFs, appraisal, explanation.

Two random streams are used per unit and year: ``srng`` decides everything
that affects points (scores, missing evidence, appraisal changes) and may be
shared by two "twin" units to create an exact tie; ``crng`` decides the
cosmetic rest (which documents, their numbers and dates, names, wording).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..yamlwrite import dump
from . import rules
from .documents import ALWAYS, FALLBACK, KINDS, OPTIONAL, REPORT_FILE, REPORT_TITLE
from .frameworks import Leaf
from .names import person
from .pdf import PdfMaker
from .units import Unit

HEADER = "Dữ liệu mẫu (tỉnh Mẫu là tỉnh giả định), sinh tự động bởi python -m cchc.sample."
ZERO = Decimal(0)
CAUSES = [
    "thiếu nhân lực chuyên trách",
    "chờ hướng dẫn của cơ quan cấp trên",
    "kinh phí chưa được bố trí kịp thời",
    "khối lượng công việc phát sinh lớn",
]
DIFFICULTIES = [
    "Đội ngũ công chức làm công tác CCHC còn kiêm nhiệm nhiều việc.",
    "Hạ tầng công nghệ thông tin chưa đồng bộ; một số phần mềm chuyên ngành chưa kết nối với Hệ thống "
    "thông tin giải quyết TTHC của tỉnh.",
    "Kinh phí bố trí cho công tác CCHC còn hạn chế; việc số hóa hồ sơ gặp khó khăn do thiếu thiết bị.",
    "Một bộ phận người dân chưa quen sử dụng dịch vụ công trực tuyến.",
    "Đề nghị Sở Nội vụ tổ chức tập huấn nghiệp vụ chấm điểm Chỉ số CCHC và hướng dẫn thống nhất cách "
    "xác định tài liệu kiểm chứng.",
    "Đề nghị UBND tỉnh bố trí kinh phí nâng cấp Bộ phận Một cửa.",
]


@dataclass
class Answer:
    leaf: Leaf
    score: Decimal | None
    figures: tuple[int, int] | None
    na: bool
    missing: bool = False
    entry: dict = field(default_factory=dict)


@dataclass
class Folder:
    """Where and how to write one unit's files."""

    root: Path
    unit: Unit
    year: int
    pdf: PdfMaker
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def header(self) -> str:
        return "UBND cấp xã" if self.unit.level == "xa" else self.unit.name

    def add_pdf(self, name: str, number: str, title: str, header: str | None = None) -> str:
        rel = f"evidence/{name}.pdf" if not name.startswith("evidence/") else name
        owner = f"{self.unit.id} {self.year} {rel}"
        self.files[rel] = self.pdf.document(header or self.header, number, title, self.year, owner)
        return rel

    def add_yaml(self, name: str, doc: dict) -> None:
        self.files[name] = dump(doc, HEADER).encode("utf-8")

    def write(self) -> None:
        made = set()
        for rel in sorted(self.files):
            path = self.root / rel
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_bytes(self.files[rel])


def _explain(a: Answer, year: int, crng: random.Random, has_evidence: bool) -> str | None:
    leaf, score = a.leaf, a.score
    if a.missing:
        return "Tài liệu kiểm chứng đang được số hóa; đơn vị sẽ bổ sung trong thời gian giải trình."
    if leaf.kind == "bonus" and score == 0:
        return f"Năm {year}, đơn vị không có nội dung thuộc diện cộng điểm thưởng."
    if leaf.kind == "penalty":
        if score == 0:
            return f"Năm {year}, đơn vị không có trường hợp thuộc diện bị trừ điểm."
        return f"Đơn vị tự nhận trừ điểm do có trường hợp bị phê bình về chấp hành kỷ luật hành chính trong năm {year}."
    if a.figures == (0, 0):
        return f"Năm {year}, đơn vị không phát sinh trường hợp nào thuộc tiêu chí này."
    assert score is not None, "only 'không áp dụng' has no score, and it has no explanation"
    if score < leaf.max and a.figures:
        x, t = a.figures
        return f"Đơn vị đạt {x}/{t} ({rules.pct_text(x, t)}); phần còn lại chưa hoàn thành do {crng.choice(CAUSES)}."
    if score == 0:
        return (
            f"Trong năm {year}, đơn vị chưa thực hiện được nội dung này do {crng.choice(CAUSES)}; "
            f"sẽ khắc phục trong năm {year + 1}."
        )
    if score < leaf.max:
        if leaf.kind == "free":
            return "Kết quả thực hiện ở mức khá, chưa có kết quả nổi bật để đạt điểm tối đa."
        return f"Nhiệm vụ đã thực hiện nhưng chưa đúng thời hạn hoặc chưa đầy đủ do {crng.choice(CAUSES)}."
    if not has_evidence:
        return f"Nội dung đã được thể hiện tại Báo cáo kết quả thực hiện công tác CCHC năm {year} của đơn vị."
    return None


def _documents(folder: Folder, answers: list[Answer], crng: random.Random) -> dict[str, dict]:
    """The unit's documents: kind -> evidence item (file, title, number, date)."""
    unit, year = folder.unit, folder.year
    kinds = list(ALWAYS) + crng.sample(OPTIONAL, crng.randint(1, 4))
    if any(a.leaf.doc == "quyet-dinh-khen-thuong" and a.score for a in answers):
        kinds.append("quyet-dinh-khen-thuong")
    out = {}
    for key in KINDS:
        if key not in kinds:
            continue
        kind = KINDS[key]
        low, high = {"KH": (1, 30), "BC": (100, 130), "QĐ": (10, 40)}[kind.type_code]
        issuer = "UBND" if kind.by_province else unit.abbr
        if kind.by_province:
            low, high = 1000, 1040
        month = crng.randint(*kind.months)
        out[key] = {
            "file": f"evidence/{key}.pdf",
            "title": kind.title.format(year=year),
            "number": f"{crng.randint(low, high)}/{kind.type_code}-{issuer}",
            "date": f"{year}-{month:02d}-{crng.randint(1, 28):02d}",
        }
    return out


def self_assessment(
    folder: Folder,
    leaves: list[Leaf],
    q: float,
    srng: random.Random,
    crng: random.Random,
    report_date: str | None = None,
) -> list[Answer]:
    """Draw the answers, choose the evidence and add self-assessment.yaml and its PDFs."""
    unit, year = folder.unit, folder.year
    answers = _draw(leaves, q, srng)
    docs = _documents(folder, answers, crng)
    used: set[str] = set()
    for a in answers:
        a.entry = _entry(a, folder, docs, crng, used)
    for key in sorted(used):
        folder.add_pdf(
            key, docs[key]["number"], docs[key]["title"], "UBND tỉnh Mẫu" if KINDS[key].by_province else None
        )
    number = f"{crng.randint(170, 190)}/BC-{unit.abbr}"
    date = report_date or f"{year}-12-{crng.randint(10, 28):02d}"
    folder.add_pdf(REPORT_FILE, number, REPORT_TITLE.format(year=year))
    doc = {
        "unit": unit.id,
        "year": year,
        "report": {"file": REPORT_FILE, "number": number, "date": date, "approved_by": f"{person(crng)}, {unit.head}"},
        "difficulties": " ".join(crng.sample(DIFFICULTIES, 2)),
        "scores": [a.entry for a in answers],
    }
    folder.add_yaml("self-assessment.yaml", doc)
    return answers


def _draw(leaves: list[Leaf], q: float, srng: random.Random) -> list[Answer]:
    """The unit's answer for each self-scored leaf; now and then its evidence goes missing."""
    answers = []
    for leaf in leaves:
        if leaf.method != "self":
            continue
        score, figures, na = rules.draw(leaf, q, srng)
        missing = bool(score and leaf.evidence_required and srng.random() < 0.004 + 0.03 * (1 - q))
        answers.append(Answer(leaf, score, figures, na, missing))
    return answers


def _entry(
    a: Answer, folder: Folder, docs: dict[str, dict[str, Any]], crng: random.Random, used: set[str]
) -> dict[str, Any]:
    """The answer as a self-assessment entry; the documents it cites are added to ``used``."""
    e: dict[str, Any] = {"code": a.leaf.code}
    if a.na:
        e.update(na=True, na_reason=(a.leaf.na_reason or "").format(year=folder.year))
        return e
    e["score"] = a.score
    if a.figures:
        e["figures"] = {"achieved": a.figures[0], "total": a.figures[1]}
    evidence = None
    if a.score and a.leaf.evidence_required and not a.missing:
        key = a.leaf.doc if a.leaf.doc in docs else FALLBACK
        item = dict(docs[key])
        if key != a.leaf.doc:
            item["section"] = f"Mục II.{a.leaf.code.split('.')[0]}"
        item["page"] = crng.randint(1, folder.pdf.pages)
        evidence = [item]
        used.add(key)
    explanation = _explain(a, folder.year, crng, bool(evidence))
    if explanation:
        e["explanation"] = explanation
    if evidence:
        e["evidence"] = evidence
    return e
