"""province.yaml, the framework files and the yearly plans of the sample province."""

from __future__ import annotations

from . import criteria, frameworks
from .documents import HINTS
from .units import Unit

LEVELS = [("so", "Sở, ban, ngành"), ("huyen", "UBND huyện, thị xã, thành phố"), ("xa", "UBND xã, phường, thị trấn")]

# framework path -> (level, version, decision number, date, level wording)
FRAMEWORKS = {
    "sample-2023/so": ("so", "2023", "101/QĐ-UBND", "2023-05-26", "các sở, ban, ngành"),
    "sample-2023/huyen": ("huyen", "2023", "101/QĐ-UBND", "2023-05-26", "UBND các huyện, thị xã, thành phố"),
    "sample-2023/xa": ("xa", "2023", "101/QĐ-UBND", "2023-05-26", "UBND các xã, phường, thị trấn"),
    "sample-2025/so": ("so", "2025", "1868/QĐ-UBND", "2025-09-12", "các sở, ban, ngành"),
    "sample-2025/xa": ("xa", "2025", "1868/QĐ-UBND", "2025-09-12", "UBND các xã, phường"),
}

PLAN_FRAMEWORKS = {
    2024: {"so": "sample-2023/so", "huyen": "sample-2023/huyen", "xa": "sample-2023/xa"},
    2025: {"so": "sample-2025/so", "xa": "sample-2025/xa"},
}


def province() -> dict:
    return {
        "name": "Tỉnh Mẫu (dữ liệu mẫu)",
        "authority": "Sở Nội vụ tỉnh Mẫu",
        "sample": True,
        "timezone": "+07:00",
        "levels": [{"id": i, "name": n} for i, n in LEVELS],
        "groups": [{"id": i, "name": n} for i, n in LEVELS],
        "admins": ["snv-admin"],
    }


def framework(path: str) -> tuple[dict, list[frameworks.Leaf]]:
    """The framework document for a path like "sample-2023/so" and its leaves."""
    level, version, number, date, wording = FRAMEWORKS[path]
    areas = criteria.build(level, version)
    head = {
        "id": path.replace("/", "-"),
        "level": level,
        "title": f"Bộ tiêu chí xác định Chỉ số cải cách hành chính của {wording} tỉnh Mẫu (dữ liệu mẫu)",
        "sample": True,
        "legal_basis": {"number": number, "date": date, "issuer": "UBND tỉnh Mẫu"},
    }
    return frameworks.render(areas, head, HINTS), frameworks.leaves(areas)


def _deadlines(year: int) -> dict:
    nxt = year + 1
    return {
        "entry_opens": f"{year}-11-10T00:00:00+07:00",
        "self_assessment_closes": f"{year}-12-31T23:59:59+07:00",
        "appraisal_round1_closes": f"{nxt}-02-15T23:59:59+07:00",
        "explanation_closes": f"{nxt}-03-01T23:59:59+07:00",
        "appraisal_round2_closes": f"{nxt}-03-20T23:59:59+07:00",
        "publication": f"{nxt}-04-30T00:00:00+07:00",
    }


def plan(year: int, huyen: list[Unit], extension_unit: str | None) -> dict:
    """plans/<year>.yaml; 2024 routes communes to their district's council when districts exist."""
    councils = [
        {
            "id": "hd-tinh",
            "name": "Hội đồng thẩm định Chỉ số CCHC tỉnh Mẫu",
            "decision": f"{212 + year - 2024}/QĐ-UBND ngày 01/11/{year} của UBND tỉnh Mẫu",
            "accounts": ["hdtd-tinh-1", "hdtd-tinh-2"],
        }
    ]
    levels = list(PLAN_FRAMEWORKS[year])
    districts = huyen if year == 2024 else []
    main = [lv for lv in levels if not (districts and lv == "xa")]
    routing = [{"council": "hd-tinh", "levels": main}]
    for h in districts:
        place = h.name.removeprefix("UBND ")
        councils.append(
            {
                "id": f"hd-{h.id}",
                "name": f"Hội đồng thẩm định Chỉ số CCHC {place}",
                "decision": f"45/QĐ-UBND ngày 05/11/{year} của {h.name}",
                "accounts": [f"hdtd-{h.id}"],
            }
        )
        routing.append({"council": f"hd-{h.id}", "levels": ["xa"], "parents": [h.id]})
    doc = {
        "year": year,
        "title": (
            f"Kế hoạch xác định Chỉ số cải cách hành chính năm {year} của các cơ quan, đơn vị, "
            "địa phương trên địa bàn tỉnh Mẫu (dữ liệu mẫu)"
        ),
        "decision": f"{150 + year - 2024}/KH-UBND ngày 15/10/{year} của UBND tỉnh Mẫu",
        "frameworks": dict(PLAN_FRAMEWORKS[year]),
        "deadlines": _deadlines(year),
    }
    if extension_unit:
        doc["extensions"] = [
            {
                "unit": extension_unit,
                "decision": "25/SNV-CCHC",
                "self_assessment_closes": f"{year + 1}-01-10T23:59:59+07:00",
            }
        ]
    doc.update({"councils": councils, "routing": routing, "evidence": {"max_file_mb": 20}})
    return doc


def council_for(plan_doc: dict, unit: Unit) -> str:
    """The council that appraises `unit` under a plan's routing (first match)."""
    for route in plan_doc["routing"]:
        if unit.level in route["levels"] and ("parents" not in route or unit.parent in route["parents"]):
            return route["council"]
    raise LookupError(f"no council for {unit.id}")
