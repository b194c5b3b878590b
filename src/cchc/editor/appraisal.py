"""The council's appraisal and the unit's explanation round in the editor (Decap collections).

For the year whose appraisal period holds the generation time (``rounds.appraisal_year``):

- one collection per council with a dossier to appraise now: one file per unit routed to it
  (``submissions/<year>/<unit>/appraisal.yaml``), whose form holds, per self-scored criterion,
  one ``cchc-tham-dinh`` input (assets/appraisal-widget.js: the unit's self-score, figures,
  explanation and evidence, then the appraised score bound to the criterion's rule, the
  reason and the request for explanation). Decap names the branch cms/<collection>/<unit>:
  one pull request per unit and round, as the council guide asks;
- one collection per unit whose explanation round is open (``explanation.yaml``): the
  council's requests, then one answer per request with its new evidence;
- hidden, read-only collections through which the browser reads, with the signed-in
  account's access, what the form shows beside the inputs: the unit's self-assessment and
  explanation (for the council), the council's round 1 (for the unit). Dossier contents never
  go into the public files under /admin/: only who is routed where and which round is open.

The rule data (``index``) says, per unit, which round is open and until when; per council,
its units. Names and statuses only, for the page's chooser and the forms.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..model.framework import Framework
from ..model.plan import Council
from ..model.registry import Unit
from ..model.repository import Repository
from ..rules import KINDS
from . import data, fields
from .rounds import Stage, appraisal_year, stage

APPRAISAL_FORMAT = "cchc-tham-dinh"  # registered by assets/appraisal-format.js
EXPLANATION_FORMAT = "cchc-giai-trinh"
DOC_FORMAT = "cchc-doc"
EXPLANATION_FILE = "giai-trinh"  # the explanation's file name in its collection (also its preview's name)
APPRAISAL_DOC, SELF_DOC, EXPLANATION_DOC = "tham-dinh", "tu-danh-gia", "giai-trinh"

Json = dict[str, Any]


def council_collection(year: int, council: str) -> str:
    return f"tham-dinh-{year}-{council}"


def explanation_collection(year: int, unit: str) -> str:
    return f"giai-trinh-{year}-{unit}"


def docs_collection(year: int, owner: str) -> str:
    return f"doc-{year}-{owner}"


def _criterion(node: Any) -> Json:
    kind = KINDS[node.rule.kind]
    return {
        "label": f"{node.code}. {node.title} — tối đa {fields.vn(node.max)} điểm",
        "name": fields.key("c", node.code),
        "widget": "cchc-tham-dinh",
        "required": False,
        "hint": "Cách chấm: " + fields.hint_text(kind.describe(node)),
    }


def _area(node: Any) -> Json | None:
    leaves = [n for n in node.walk() if n.is_leaf and fields.score_inputs(n)]
    if not leaves:
        return None
    total = f"tối đa {fields.vn(node.max)} điểm" if node.max else "ngoài tổng điểm"
    return {
        "label": f"Lĩnh vực {node.code}. {node.title} — {total}",
        "name": fields.key("a", node.code),
        "widget": "object",
        "required": False,
        "collapsed": True,
        "summary": f"Lĩnh vực {node.code}: {len(leaves)} tiêu chí (bấm để mở)",
        "fields": [_criterion(n) for n in leaves],
    }


def appraisal_form(fw: Framework) -> list[Json]:
    """The fields after the unit's id: the round's date and note, then every self-scored criterion."""
    date = {**fields.date_input("Ngày thẩm định"), "required": True}
    note = {"label": "Nhận xét chung của Hội đồng", "name": "note", "widget": "text", "required": False}
    return [date, note, *[a for a in (_area(n) for n in fw.areas) if a is not None]]


def _unit_field(unit: Unit) -> Json:
    return {"label": "Mã đơn vị", "name": "unit", "widget": "hidden", "default": unit.id}


DOC_FIELDS = [{"label": "Nội dung", "name": "doc", "widget": "hidden"}]


def _docs(name: str, files: list[tuple[str, str]]) -> Json:
    """A hidden collection the browser reads files through (never shown, never saved)."""
    return {
        "name": name,
        "label": "Hồ sơ (chỉ đọc)",
        "hide": True,
        "format": DOC_FORMAT,
        "extension": "yaml",
        "delete": False,
        "publish": False,
        "files": [{"name": n, "label": n, "file": path, "fields": DOC_FIELDS} for n, path in files],
    }


def _council(year: int, council: Council, units: list[tuple[Unit, Stage]], forms: dict[str, list[Json]]) -> Json:
    folder = f"submissions/{year}"
    return {
        "name": council_collection(year, council.id),
        "label": f"Thẩm định năm {year}",
        "label_singular": "kết quả thẩm định",
        "description": (
            f"{council.name}: hồ sơ đang mở thẩm định. Mở từng đơn vị, ghi điểm thẩm định, lý do, yêu cầu giải "
            "trình; bấm Lưu để tạo yêu cầu gộp của Hội đồng cho đơn vị đó."
        ),
        "format": APPRAISAL_FORMAT,
        "extension": "yaml",
        "delete": False,
        "publish": False,  # merged on the forge after another member's or the administrators' review
        "editor": {"preview": True},
        "files": [
            {
                "name": u.id,
                "label": f"{u.name} — vòng {s.round}",
                "file": f"{folder}/{u.id}/appraisal.yaml",
                "media_folder": "evidence",
                "public_folder": "evidence",
                "fields": [_unit_field(u), *forms[u.level]],
            }
            for u, s in units
        ],
    }


def _explanation(year: int, unit: Unit, max_bytes: int) -> Json:
    evidence = {
        "label": "Tài liệu bổ sung",
        "label_singular": "tài liệu bổ sung",
        "name": "evidence",
        "widget": "list",
        "required": False,
        "collapsed": False,
        "summary": "{{fields.title}} {{fields.file}}",
        "fields": [
            fields.pdf_input("Tệp PDF", max_bytes, "Bản chụp PDF văn bản đã ký, hoặc văn bản điện tử có chữ ký số."),
            {"label": "Tên tài liệu", "name": "title", "widget": "string", "required": False},
            {"label": "Trang", "name": "page", "widget": "number", "value_type": "int", "min": 1, "required": False},
        ],
    }
    answer = [
        {"label": "Tiêu chí được yêu cầu giải trình", "name": "code", "widget": "cchc-ma-yeu-cau", "required": True},
        {"label": "Nội dung giải trình", "name": "text", "widget": "text", "required": True},
        evidence,
    ]
    return {
        "name": explanation_collection(year, unit.id),
        "label": f"Giải trình năm {year}",
        "label_singular": "giải trình",
        "description": "Trả lời từng yêu cầu giải trình của Hội đồng thẩm định, kèm tài liệu bổ sung.",
        "format": EXPLANATION_FORMAT,
        "extension": "yaml",
        "delete": False,
        "publish": False,
        "editor": {"preview": False},
        "files": [
            {
                "name": EXPLANATION_FILE,
                "label": f"Giải trình theo yêu cầu của Hội đồng thẩm định năm {year}",
                "file": f"submissions/{year}/{unit.id}/explanation.yaml",
                "media_folder": "evidence",
                "public_folder": "evidence",
                "fields": [
                    _unit_field(unit),
                    {"label": "Năm đánh giá", "name": "year", "widget": "hidden", "default": year},
                    {
                        "label": "Yêu cầu của Hội đồng thẩm định",
                        "name": "requests",
                        "widget": "cchc-yeu-cau",
                        "required": False,
                    },
                    {
                        "label": "Nội dung giải trình",
                        "label_singular": "nội dung giải trình",
                        "name": "answers",
                        "widget": "list",
                        "required": False,
                        "collapsed": False,
                        "summary": "Tiêu chí {{fields.code}}",
                        "fields": answer,
                    },
                ],
            }
        ],
    }


def _routed(repo: Repository, year: int, now: datetime) -> list[tuple[Unit, Council, Stage]]:
    """Every unit of ``year`` with a framework and a council, in the editor's order, with its stage."""
    from .config import units_of  # config imports this module

    plan = repo.plans[year]
    tz = repo.province.timezone if repo.province else "+07:00"
    out = []
    for unit in units_of(repo, year):
        council = plan.council_for(unit)
        if council is not None:
            out.append((unit, council, stage(plan, unit.id, repo.dossiers.get((year, unit.id)), now, tz)))
    return out


def _index_unit(year: int, unit: Unit, council: Council, s: Stage, framework: str) -> Json:
    return {
        "name": unit.name,
        "council": council.id,
        "framework": framework,
        "round": s.round,
        "explanation": s.explanation,
        "deadline": s.deadline.isoformat() if s.deadline else None,
        "status": s.status,
        "collection": explanation_collection(year, unit.id) if s.explanation else None,
        "docs": docs_collection(year, unit.id),
    }


def _index(repo: Repository, year: int, now: datetime, routed: list[tuple[Unit, Council, Stage]]) -> Json:
    plan = repo.plans[year]
    councils: Json = {}
    for council in {c.id: c for _, c, _ in routed}.values():
        mine = [(u, s) for u, c, s in routed if c.id == council.id]
        councils[council.id] = {
            "name": council.name,
            "collection": council_collection(year, council.id) if any(s.round for _, s in mine) else None,
            "docs": docs_collection(year, council.id),
            "units": [u.id for u, _ in mine],
        }
    refs = sorted({plan.frameworks[u.level] for u, _, _ in routed})
    return {
        "year": year,
        "at": now.isoformat(),
        "tz": repo.province.timezone if repo.province else "+07:00",
        "councils": councils,
        "units": {u.id: _index_unit(year, u, c, s, plan.frameworks[u.level]) for u, c, s in routed},
        "frameworks": {ref: data.framework(repo.frameworks[ref]) for ref in refs},
    }


def _council_collections(repo: Repository, year: int, routed: list[tuple[Unit, Council, Stage]]) -> list[Json]:
    plan = repo.plans[year]
    forms = {level: appraisal_form(fw) for level in plan.frameworks if (fw := repo.framework_for(year, level))}
    folder = f"submissions/{year}"
    out = []
    for council in {c.id: c for _, c, _ in routed}.values():
        units = [(u, s) for u, c, s in routed if c.id == council.id and s.round]
        if not units:
            continue
        reads = [(f"{u.id}--{SELF_DOC}", f"{folder}/{u.id}/self-assessment.yaml") for u, _ in units]
        reads += [(f"{u.id}--{EXPLANATION_DOC}", f"{folder}/{u.id}/explanation.yaml") for u, _ in units]
        out += [_council(year, council, units, forms), _docs(docs_collection(year, council.id), reads)]
    return out


def _explanation_collections(repo: Repository, year: int, routed: list[tuple[Unit, Council, Stage]]) -> list[Json]:
    max_bytes = int(repo.plans[year].max_file_mb * 1024 * 1024)
    out = []
    for unit, _, s in routed:
        if s.explanation:
            path = f"submissions/{year}/{unit.id}/appraisal.yaml"
            out += [_explanation(year, unit, max_bytes), _docs(docs_collection(year, unit.id), [(APPRAISAL_DOC, path)])]
    return out


def build(repo: Repository, now: datetime, year: int | None = None) -> tuple[list[Json], Json | None]:
    """(collections, index) for the appraisal year at ``now``; ([], None) outside every appraisal period."""
    found = appraisal_year(repo, now, year)
    if found is None:
        return [], None
    routed = _routed(repo, found, now)
    collections = _council_collections(repo, found, routed) + _explanation_collections(repo, found, routed)
    return collections, _index(repo, found, now, routed)
