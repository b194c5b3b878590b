"""Load a whole repository (or part of it) into the model, gathering load findings.

Layout (see README): province.yaml, units/*.yaml, criteria/<folder>/<level>.yaml,
plans/<year>.yaml, surveys/<year>.yaml, history/<year>.yaml, submissions/<year>/<unit>/{self-assessment,
appraisal,explanation}.yaml and submissions/<year>/<unit>/evidence/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding, error
from ..model import framework as fw_model
from ..model import history as history_model
from ..model import plan as plan_model
from ..model import registry, submission
from ..model import survey as survey_model
from . import schema
from .source import FileSource, OutsideRepository
from .yamlfile import MAX_BYTES, Parsed, YamlError, parse, too_large

DOSSIER_FILES = {
    "self-assessment.yaml": "self-assessment",
    "appraisal.yaml": "appraisal",
    "explanation.yaml": "explanation",
}
_YEAR = re.compile(r"[0-9]{4}")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass
class Dossier:
    year: int
    unit: str
    folder: str
    self_assessment: submission.SelfAssessment | None = None
    appraisal: submission.Appraisal | None = None
    explanation: submission.Explanation | None = None
    present: set = field(default_factory=set)  # dossier file names that exist (even if invalid)


@dataclass
class Repository:
    source: FileSource
    province: registry.Province | None = None
    units: dict = field(default_factory=dict)  # id -> Unit
    frameworks: dict = field(default_factory=dict)  # ref -> Framework
    plans: dict = field(default_factory=dict)  # year -> Plan
    surveys: dict = field(default_factory=dict)  # year -> Survey
    histories: dict = field(default_factory=dict)  # year -> History (published results brought in)
    dossiers: dict = field(default_factory=dict)  # (year, unit) -> Dossier
    findings: list = field(default_factory=list)
    duplicate_units: list = field(default_factory=list)  # (Unit, first Unit)
    broken: set = field(default_factory=set)  # files that failed to load
    scope: list | None = None  # repo-relative paths a limited run checks (None: everything)

    @property
    def root(self) -> Path:
        return self.source.root

    def framework_for(self, year: int, level: str) -> fw_model.Framework | None:
        plan = self.plans.get(year)
        ref = plan.frameworks.get(level) if plan else None
        return self.frameworks.get(ref) if ref else None

    def units_in(self, year: int) -> list:
        return [u for u in self.units.values() if u.active(year)]

    def broken_in(self, folder: str) -> bool:
        """True if a file under ``folder`` failed to load. Its own findings say why; checks
        that depend on it stay silent rather than repeat the problem elsewhere."""
        return any(f.startswith(folder.rstrip("/") + "/") for f in self.broken)


# A dossier file holds one unit's scores; the registry and survey files of a national
# roll-up (3,300 units) legitimately grow larger.
SIZE_LIMITS = {"units": 32 * 1024 * 1024, "survey": 32 * 1024 * 1024, "history": 32 * 1024 * 1024}


def read_document(source: FileSource, rel: str, schema_name: str) -> tuple[Parsed | None, list[Finding]]:
    """Parse and schema-check one YAML file. Returns (parsed or None if unusable, findings)."""
    limit = SIZE_LIMITS.get(schema_name, MAX_BYTES)
    try:
        size = source.size(rel)
        if size > limit:  # never read a hostile multi-gigabyte file into memory
            raise too_large(size, limit)
        parsed = parse(source.read(rel, limit=limit + 1), limit)
    except YamlError as exc:
        return None, [error(exc.code, rel, exc.message, exc.hint, line=exc.line, column=exc.column)]
    except OutsideRepository:
        return None, [error("file-outside", rel, "Tệp là liên kết (symlink) trỏ ra ngoài kho dữ liệu nên không được đọc.",
                            "Thay liên kết bằng chính tệp YAML.")]
    except OSError:
        return None, [error("file-unreadable", rel, "Không đọc được tệp (có thể là thư mục hoặc bị khoá).",
                            "Kiểm tra đây là một tệp văn bản YAML và có quyền đọc.")]
    found = schema.validate(parsed, schema_name, rel)
    return (None if found else parsed), found


class _Loader:
    def __init__(self, repo: Repository, surveys: bool = True):
        self.repo = repo
        self.surveys = surveys  # dossiers need neither survey points nor past results: a one-unit check skips them

    def doc(self, rel: str, schema_name: str) -> Parsed | None:
        if self.repo.source.is_symlink(rel):  # never read through a link: checks.evidence.check_tree
            self.repo.broken.add(rel)         # reports it (path-symlink), once, by its own path
            return None
        parsed, found = read_document(self.repo.source, rel, schema_name)
        self.repo.findings.extend(found)
        if parsed is None:
            self.repo.broken.add(rel)
        return parsed

    def context(self) -> None:
        src = self.repo.source
        if src.is_file("province.yaml"):
            p = self.doc("province.yaml", "province")
            if p:
                self.repo.province = registry.build_province(p.data)
        else:
            self.repo.findings.append(error(
                "missing-province", "province.yaml", "Thiếu tệp province.yaml (thông tin tỉnh, cấp đơn vị, nhóm xếp hạng).",
                "Tạo tệp province.yaml theo mẫu trong schemas/province.schema.json."))
        for name in src.listdir("units"):
            if name.endswith(".yaml"):
                p = self.doc(f"units/{name}", "units")
                if p:
                    for unit in registry.build_units(p.data, f"units/{name}", p.where):
                        first = self.repo.units.setdefault(unit.id, unit)
                        if first is not unit:
                            self.repo.duplicate_units.append((unit, first))
        for folder in src.listdir("criteria"):
            for name in src.listdir(f"criteria/{folder}"):
                if name.endswith(".yaml"):
                    rel = f"criteria/{folder}/{name}"
                    p = self.doc(rel, "framework")
                    if p:
                        ref = f"{folder}/{name[:-5]}"
                        self.repo.frameworks[ref] = fw_model.build(p.data, ref, rel, p.where)
        self.yearly("plans", "plan", plan_model.build, self.repo.plans, "plan-year-mismatch", "kế hoạch")
        if self.surveys:
            self.yearly("surveys", "survey", survey_model.build, self.repo.surveys, "survey-year-mismatch",
                        "điểm điều tra")
            self.yearly("history", "history", history_model.build, self.repo.histories, "history-year-mismatch",
                        "kết quả đã công bố")

    def yearly(self, folder: str, schema_name: str, build, by_year: dict, code: str, what: str) -> None:
        """One document per year in ``folder`` (plans, surveys, history)."""
        for name in self.repo.source.listdir(folder):
            if name.endswith(".yaml"):
                p = self.doc(f"{folder}/{name}", schema_name)
                if p:
                    self.one_per_year(by_year, build(p.data, f"{folder}/{name}", p.where), code, what, folder)

    def one_per_year(self, by_year: dict, doc, code: str, what: str, folder: str) -> None:
        """Keep one document per year (the one named <year>.yaml); report the other."""
        other = by_year.get(doc.year)
        if other is not None:
            keep, drop = (doc, other) if doc.file == f"{folder}/{doc.year}.yaml" else (other, doc)
            self.repo.findings.append(error(
                code, drop.file, f"Tệp {drop.file} ghi năm {doc.year}, trùng năm với {keep.file}; tệp này bị bỏ qua.",
                f"Mỗi năm chỉ một tệp {what}, tên là {folder}/<năm>.yaml: sửa năm trong tệp hoặc xoá tệp thừa.",
                line=getattr(drop, "year_line", 1) or 1))
            doc = keep
        by_year[doc.year] = doc

    def dossiers(self, wanted=None) -> None:
        src = self.repo.source
        for year in src.listdir("submissions"):
            if not (_YEAR.fullmatch(year) and src.is_dir(f"submissions/{year}")):
                continue
            for unit in src.listdir(f"submissions/{year}"):
                folder = f"submissions/{year}/{unit}"
                if not src.is_dir(folder) or (wanted is not None and not wanted(folder)):
                    continue
                self.dossier(int(year), unit, folder)

    def dossier(self, year: int, unit: str, folder: str) -> Dossier:
        d = Dossier(year, unit, folder)
        self.repo.dossiers[(year, unit)] = d
        for name, kind in DOSSIER_FILES.items():
            rel = f"{folder}/{name}"
            if not (self.repo.source.is_file(rel) or self.repo.source.is_symlink(rel)):
                continue  # a link counts as present (never read: see doc()), so nothing goes silent
            d.present.add(name)
            p = self.doc(rel, kind)
            if not p:
                continue
            if kind == "self-assessment":
                d.self_assessment = submission.build_self_assessment(p.data, rel, folder, p.where)
            elif kind == "appraisal":
                d.appraisal = submission.build_appraisal(p.data, rel, p.where)
            else:
                d.explanation = submission.build_explanation(p.data, rel, p.where)
        return d


def load(root: Path | str, wanted=None, *, surveys: bool = True) -> Repository:
    """Load the repository at ``root``. ``wanted(folder) -> bool`` limits which dossiers load;
    ``surveys=False`` skips survey points and past results (not needed to check a dossier)."""
    repo = Repository(FileSource(Path(root)))
    loader = _Loader(repo, surveys)
    loader.context()
    loader.dossiers(wanted)
    return repo
