"""The Decap CMS configuration (admin/config.yml) for one year, generated from the data.

One entry per active unit: a ``files`` collection per unit holding its one file
(submissions/<year>/<unit>/self-assessment.yaml), whose form is its level's framework.
Units of a level share their field objects (only the hidden unit id differs): the YAML
dump writes each once and refers to it with aliases (Decap reads aliases), so the file
stays small for hundreds of units.
"""

from __future__ import annotations

from datetime import datetime

import yaml

from .. import clock
from ..model.numbers import fmt
from . import appraisal, data, fields
from .openyear import open_year
from .settings import Settings

FORMAT = "cchc-tu-danh-gia"  # registered by assets/format.js

# {{collection}}: the collection's label_singular ("hồ sơ tự đánh giá", "kết quả thẩm định", "giải trình").
COMMIT_MESSAGES = {
    "create": "Tạo {{collection}} {{path}}",
    "update": "Cập nhật {{collection}} {{path}}",
    "delete": "Xoá {{collection}} {{path}}",
    "uploadMedia": "Tải lên tài liệu kiểm chứng {{path}}",
    "deleteMedia": "Xoá tài liệu kiểm chứng {{path}}",
    "openAuthoring": "{{message}}",
}


class EditorError(Exception):
    """Why no editor configuration can be made, in Vietnamese."""


def _backend(s: Settings) -> dict:
    if not s.backend:  # local use only: Decap talks to decap-server directly
        return {"name": "proxy", "proxy_url": s.local_backend, "branch": s.branch, "commit_messages": COMMIT_MESSAGES}
    out: dict[str, object] = {"name": s.backend, "repo": s.repo, "branch": s.branch, "commit_messages": COMMIT_MESSAGES}
    optional = {
        "base_url": s.base_url,
        "auth_endpoint": s.auth_endpoint,
        "auth_scope": s.auth_scope,
        "api_root": s.api_root,
        "app_id": s.app_id,
    }
    out.update({k: v for k, v in optional.items() if v})
    if s.open_authoring:  # every clerk works in a fork: the draft stays there, Gửi đi opens the PR
        out.update(open_authoring=True, always_fork=True)
    return out


def units_of(repo, year: int) -> list:
    """Active units of ``year`` with a framework, by level (province order), then id."""
    order = list(repo.province.levels) if repo.province else []
    found = [u for u in repo.units_in(year) if repo.framework_for(year, u.level) is not None]
    return sorted(found, key=lambda u: (order.index(u.level) if u.level in order else len(order), u.id))


def choose_year(repo, settings: Settings, now: datetime | None = None) -> int:
    year = settings.year or open_year(repo, now)
    if year is None:
        raise EditorError("chưa có kế hoạch năm nào (plans/<năm>.yaml) nên chưa mở nhập liệu.")
    if year not in repo.plans:
        raise EditorError(f"không có kế hoạch năm {year} (plans/{year}.yaml).")
    return year


def collection_name(year: int, unit_id: str) -> str:
    """One collection per unit: Decap names the unit's branch cms/<collection>/<unit>, and the
    page narrows the editor to the clerk's own collection (assets/editor.js)."""
    return f"{year}-{unit_id}"


def _collection(repo, year: int, unit, forms: dict, texts: dict) -> dict:
    fw = repo.framework_for(year, unit.level)
    return {
        "name": collection_name(year, unit.id),
        "label": unit.name,
        "label_singular": "hồ sơ tự đánh giá",
        "description": texts[fw.ref],
        "format": FORMAT,
        "extension": "yaml",
        "delete": False,
        "publish": False,  # the council merges on the forge, after its review; never the clerk
        "editor": {"preview": True},
        "files": [
            {
                "name": unit.id,
                "label": f"Hồ sơ tự đánh giá năm {year}",
                "file": f"submissions/{year}/{unit.id}/self-assessment.yaml",
                "media_folder": "evidence",
                "public_folder": "evidence",
                "fields": [
                    {"label": "Mã đơn vị", "name": "unit", "widget": "hidden", "default": unit.id},
                    *forms[fw.ref],
                ],
            }
        ],
    }


def _head(year: int, max_bytes: int, unit_fields: list) -> list[dict]:
    return [
        {"label": "Năm đánh giá", "name": "year", "widget": "hidden", "default": year},
        {
            "label": "Báo cáo tự đánh giá đã được lãnh đạo phê duyệt",
            "name": "report",
            "widget": "object",
            "required": False,
            "collapsed": False,
            "hint": "Điền đủ cả bốn mục khi đã có báo cáo được lãnh đạo đơn vị ký duyệt.",
            "fields": [
                fields.pdf_input("Tệp báo cáo (PDF)", max_bytes),
                {
                    "label": "Số báo cáo",
                    "name": "number",
                    "widget": "string",
                    "required": False,
                    "hint": "Ví dụ: 125/BC-STP",
                },
                fields.date_input("Ngày báo cáo"),
                {
                    "label": "Người phê duyệt (họ tên, chức vụ)",
                    "name": "approved_by",
                    "widget": "string",
                    "required": False,
                },
            ],
        },
        {"label": "Khó khăn, vướng mắc, kiến nghị", "name": "difficulties", "widget": "text", "required": False},
        *unit_fields,
    ]


def build(repo, settings: Settings, now: datetime | None = None) -> tuple[dict, dict]:
    """(Decap config, browser rule data) for the year the settings choose, at ``now`` (the
    generation time: it decides which appraisal round is open; default: the clock)."""
    problem = settings.problem()
    if problem:
        raise EditorError(problem)
    year = choose_year(repo, settings, now)
    units = units_of(repo, year)
    if not units:
        raise EditorError(f"năm {year} không có đơn vị nào có bộ tiêu chí để tự đánh giá.")
    forms, texts = {}, {}
    max_bytes = int(repo.plans[year].max_file_mb * 1024 * 1024)
    for u in units:
        fw = repo.framework_for(year, u.level)
        if fw.ref not in forms:
            forms[fw.ref] = _head(year, max_bytes, fields.form(fw, max_bytes))
            texts[fw.ref] = (
                f"Hồ sơ tự đánh giá năm {year} theo {fw.title} ({fw.legal_number}, tổng điểm tối đa "
                f"{fmt(fw.max)}). Bấm Lưu để lưu bản nháp; khi khung xem trước báo đã đủ, chọn "
                "Trạng thái → Gửi đi."
            )
    config = {
        "locale": "vi",
        "publish_mode": "editorial_workflow",
        "backend": _backend(settings),
        # Every file sets its own (its unit's evidence/); the page points the global one, behind the
        # "Tệp đã tải lên" tab, at the same folder once the clerk's unit is known (assets/editor.js).
        "media_folder": "evidence",
        "public_folder": "evidence",
        "show_preview_links": False,
        "search": True,
        "slug": upload_names(),
        "collections": [_collection(repo, year, u, forms, texts) for u in units],
    }
    if settings.site_url:
        config["site_url"] = config["display_url"] = settings.site_url
    if settings.local_backend:
        config["local_backend"] = {"url": settings.local_backend}
    rules = data.build(repo, year, units)
    add_appraisal(config, rules, repo, settings, now)
    return config, rules


def add_appraisal(config: dict, rules: dict, repo, settings: Settings, now: datetime | None) -> None:
    """The council's and the explanation round's collections, after the self-assessments, and
    their rule data (``rules["appraisal"]``) when an appraisal period is open at ``now``."""
    collections, index = appraisal.build(repo, now or clock.now(), settings.year)
    if index is not None:
        config["collections"] += collections
        rules["appraisal"] = index


def upload_names() -> dict:
    """Decap's own clean-up of uploaded file names: ASCII, accents removed, hyphens. The page
    renames every upload before Decap sees it (assets/upload.js); this is the fallback."""
    return {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}


class _Dumper(yaml.SafeDumper):
    pass


def dump(config: dict) -> str:
    """YAML text; shared field lists become anchors and aliases (PyYAML does it by identity)."""
    head = "# Cấu hình trình nhập liệu (Decap CMS), sinh tự động bởi 'cchc editor-config'. Không sửa tay.\n"
    return head + yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
