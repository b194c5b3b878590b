"""Results data files: JSON (full detail), CSV (one row per unit), XLSX (one sheet per group).

Deterministic: the same repository state gives byte-identical files (no clock, stable
order, a fixed date in the XLSX: workbook.py). Decimals are written as text in JSON so no
reader turns 85.10 into a float.

A CSV opens right in Excel: a UTF-8 byte order mark, then the header as its first row. What
the numbers stand on (provisional or published, data version, date) is in a sidecar text
file beside each CSV and in the XLSX's own "Thông tin" sheet. A criterion that does not apply
to a unit reads "Không áp dụng", never 0, and every points column has its applicable maximum.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import secrets
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from .. import celltext
from ..buildcache import Store
from ..model.numbers import fmt
from ..model.registry import index_names
from ..score.unit import STATUS_NAMES
from . import standing as standing_mod
from . import workbook

if TYPE_CHECKING:
    from ..score.results import Group, Results, Year
    from ..score.unit import NodeScore, UnitScore

NOT_APPLICABLE = "Không áp dụng"
BOM = "\ufeff"


def _d(value: Decimal | None, places: int | None = None) -> str | None:
    if places is None:
        return _plain(value)
    return None if value is None else fmt(value, places)


@functools.lru_cache(maxsize=1 << 16, typed=True)
def _plain(value: Decimal | None) -> str | None:
    """_d(value): points repeat (a few thousand values over millions of cells). Equal Decimals
    (1.0, 1.00) share an entry, which is right: their plain text is the same, normalised."""
    return None if value is None else fmt(value)


def _node(n) -> dict:
    d = _plain  # hundreds of thousands of nodes: one call a number, not two
    out = {
        "code": n.code,
        "title": n.title,
        "max": d(n.max),
        "full_max": d(n.full_max),
        "self": d(n.self),
        "appraised": d(n.appraised),
        "survey": d(n.survey),
        "achieved": d(n.achieved),
        "na": n.na,
    }
    if n.reason:
        out["reason"], out["round"] = n.reason, n.round
    if n.children:
        out["children"] = [_node(c) for c in n.children]
    return out


def _row(row) -> dict:
    s = row.score
    p = s.framework.precision
    ch = row.change
    return {
        "unit": s.unit.id,
        "name": s.unit.name,
        "group": s.unit.group,
        "level": s.unit.level,
        "status": s.status,
        "status_name": STATUS_NAMES[s.status],
        "place": row.place,
        "self": _d(s.self_total),
        "appraised": _d(s.appraised_total),
        "survey": _d(s.survey_total),
        "total": _d(s.total),
        "max": _d(s.max),
        "index": _d(s.index, p),
        "class": s.classification,
        "change": None
        if ch is None
        else {
            "index": _d(ch.index, p),
            "points": _d(ch.points),
            "place": ch.place,
            "previous_index": _d(ch.previous_index, p),
            "previous_place": ch.previous_place,
            "compared_with": list(ch.predecessors),
        },
        "appraised_final": s.appraised_final,
        "scaled_from": None if s.unscaled is None else {"total": _d(s.unscaled[0]), "max": _d(s.unscaled[1])},
        "area_places": row.area_places,
        "criterion_places": row.criterion_places,
        "areas": [_node(a) for a in s.areas],
    }


def _imported(y) -> dict:
    """A year brought in from its publication decision says so, and which decision."""
    history = getattr(y.plan, "history", None)
    if history is None:
        return {}
    return {"imported": {"decision": history.decision, "source": history.source, "file": history.file}}


def _standing(st: standing_mod.Standing) -> dict[str, Any]:
    return {
        "final": st.final,
        "text": st.text,
        "corrections": [
            {"number": c.number, "date": c.date, "what": c.what, "units": list(c.scope)} for c in st.corrections
        ],
    }


def to_json(results) -> str:
    return "".join(json_chunks(results))


def json_chunks(results) -> Iterator[str]:
    """ket-qua.json in pieces, one unit at a time: a national roll-up's document is about 100 MB
    as text and several times that as Python objects, which are never all made at once. The
    pieces join into exactly what ``json.dumps`` gives for the whole document."""
    hole = f"cchc-units-{secrets.token_hex(8)}"  # where each group's units go
    groups: list[Group] = []

    def later(g: Group) -> str:
        groups.append(g)
        return hole

    doc = {
        "title": f"Kết quả {index_names(results.province).name}",
        "province": results.province.name if results.province else "",
        "sample": bool(results.province and results.province.sample),
        "commit": results.commit,
        "data_version": standing_mod.version(results.commit, results.date),
        "rounding": "Chỉ số (%) = điểm đạt ÷ điểm tối đa áp dụng × 100, làm tròn nửa lên (half-up) "
        "theo số chữ số thập phân của bộ tiêu chí; xếp hạng theo chỉ số đã làm tròn, "
        "bằng chỉ số thì đồng hạng.",
        "years": [
            {
                "year": y.year,
                "frameworks": y.plan.frameworks,
                **_imported(y),
                "standing": _standing(standing_mod.of_whole_year(results, y)),
                "groups": [
                    {
                        "id": g.id,
                        "name": g.name,
                        "standing": _standing(standing_mod.of_group(results, y, g)),
                        "units": later(g),
                    }
                    for g in y.groups
                ],
            }
            for y in results.years
        ],
    }
    # No indent: the C encoder is ~20x faster than the indenting pure-Python one.
    skeleton = _dumps(doc).split(_dumps(hole))
    for text, group in zip(skeleton, groups, strict=False):
        yield text + "["
        for i, r in enumerate(group.rows):  # a row at a time: a national group's are 50 MB of text
            yield ("," if i else "") + _dumps(_row(r))
        yield "]"
    yield skeleton[-1] + "\n"


# msgspec writes what json.dumps(value, ensure_ascii=False, separators=(",", ":")) writes for
# these documents (dicts, lists, text, integers, booleans, null: tests/property/test_data_json.py),
# several times faster: a national ket-qua.json is about 100 MB.
_JSON = msgspec.json.Encoder()


def _dumps(value: Any) -> str:
    return _JSON.encode(value).decode("utf-8")


def _columns(group) -> list:
    """Area and criterion codes of a group's framework(s), in framework order."""
    codes, seen = [], set()
    for r in group.rows:
        for n in _shallow(r.score.areas):
            if n.code not in seen:
                seen.add(n.code)
                codes.append((n.code, n.depth))
    return codes


def _shallow(nodes: Iterable[NodeScore]) -> Iterator[NodeScore]:
    """The areas and criteria (depth 1 and 2) under ``nodes``, in framework order; the
    components below them are never visited (a node's children are one level deeper)."""
    for n in nodes:
        if n.depth <= 2:
            yield n
            yield from _shallow(n.children)


HEADERS = [
    "Hạng",
    "Mã đơn vị",
    "Tên đơn vị",
    "Tình trạng",
    "Thẩm định",
    "Điểm tự chấm",
    "Điểm thẩm định",
    "Điểm điều tra XHH",
    "Tổng điểm",
    "Điểm tối đa áp dụng",
    "Chỉ số (%)",
    "Xếp loại",
    "Thay đổi chỉ số",
    "Thay đổi hạng",
]


def _appraisal(score: UnitScore) -> str:
    return "Đã thẩm định" if score.appraised_final else "Chưa thẩm định"


def _node_cells(node: NodeScore | None) -> list[str | None]:
    """A node's points and applicable maximum; "Không áp dụng" for both where it does not apply."""
    if node is None:
        return [None, None]
    if node.na:
        return [NOT_APPLICABLE, NOT_APPLICABLE]
    return [_d(node.achieved), _d(node.max)]


def table(group) -> tuple[list[str], list[list]]:
    cols = _columns(group)
    header = HEADERS + [
        f"{'Lĩnh vực' if d == 1 else 'Tiêu chí'} {c}{part}" for c, d in cols for part in ("", " (tối đa áp dụng)")
    ]
    rows = []
    for r in group.rows:
        s = r.score
        p = s.framework.precision
        by_code = s.by_code
        ch = r.change
        rows.append(
            [
                r.place,
                s.unit.id,
                s.unit.name,
                STATUS_NAMES[s.status],
                _appraisal(s),
                _d(s.self_total),
                _d(s.appraised_total),
                _d(s.survey_total),
                _d(s.total),
                _d(s.max),
                _d(s.index, p),
                s.classification,
                _d(ch.index, p) if ch else None,
                ch.place if ch else None,
            ]
            + [v for c, _ in cols for v in _node_cells(by_code.get(c))]
        )
    return header, rows


def to_csv(results, year: int, group_id: str) -> str:
    y = results.year(year)
    group = next(g for g in y.groups if g.id == group_id)
    return csv_text(*table(group))


def csv_text(header: list[str], rows: list[list]) -> str:
    """A group's table (``table``) as its CSV file."""
    buf = io.StringIO()
    buf.write(BOM)  # Excel reads the file as UTF-8 only with it
    w = csv.writer(buf, lineterminator="\n", quoting=celltext.CSV_QUOTING)
    w.writerow(celltext.csv_row(header))
    w.writerows(celltext.csv_row(row) for row in rows)
    return buf.getvalue()


def to_xlsx(results, year: int) -> bytes:
    return workbook.render(xlsx_content(results, year))


def xlsx_content(results, year: int, tables: dict[str, tuple[list[str], list[list]]] | None = None) -> dict[str, Any]:
    """Everything the year's workbook holds, as plain values: its sheets' titles, headings and
    rows, and the "Thông tin" sheet. The workbook is made from this alone (workbook.render), so
    equal contents give equal files (workbook.py): the build cache keeps workbooks by it. ``tables``: the
    groups' tables (group id → ``table``), where the caller has them already."""
    y = results.year(year)
    province = results.province.name if results.province else ""
    sheets = []
    for g in y.groups:
        header, rows = tables[g.id] if tables else table(g)
        sheets.append(
            {
                "title": celltext.sheet_title(g.name),
                "heading": f"KẾT QUẢ {index_names(results.province).name.upper()} NĂM {year} — {g.name.upper()}",
                "standing": f"{province}. {standing_mod.of_group(results, y, g).text}.",
                "header": header,
                "rows": rows,
            }
        )
    return {"sheets": sheets, "info": info_lines(results, y)}


def info_lines(results: Results, y: Year, group: Group | None = None) -> list[tuple[str, str]]:
    """What a download's numbers stand on: (label, text) lines for the sidecar file and the
    XLSX's "Thông tin" sheet."""
    st = standing_mod.of_group(results, y, group) if group else standing_mod.of_whole_year(results, y)
    lines = [
        ("Kết quả", f"{index_names(results.province).name} năm {y.year}" + (f", {group.name}" if group else "")),
        ("Đơn vị công bố", results.province.name if results.province else ""),
        ("Tình trạng", st.headline),
        ("Chi tiết", st.detail),
        ("Phiên bản dữ liệu", standing_mod.version(results.commit, results.date)),
    ]
    lines += [
        ("Đính chính", f"Quyết định số {c.number} ngày {standing_mod.vn_date(c.date)}: {c.what}")
        for c in st.corrections
    ]
    lines.append(
        (
            "Ghi chú",
            "Cột 'Thẩm định' cho biết đơn vị đã có kết quả thẩm định cuối cùng hay chưa; "
            "'Không áp dụng' là tiêu chí không áp dụng cho đơn vị (không tính vào điểm tối đa).",
        )
    )
    return [(k, v) for k, v in lines if v]


def sidecar(results: Results, y: Year, group: Group) -> str:
    """The text file beside a CSV: what its numbers stand on."""
    return "".join(f"{label}: {text}\n" for label, text in info_lines(results, y, group))


def write_all(results, out_dir: Path, store: Store | None = None) -> list[Path]:
    """Write every data file into ``out_dir``; returns the paths written. With a build cache,
    a workbook whose content did not change is copied from it rather than made again."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []

    def put(name: str, data):
        path = out_dir / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        written.append(path)

    used: set[str] = set()
    with open(out_dir / "ket-qua.json", "w", encoding="utf-8", newline="") as fh:
        fh.writelines(json_chunks(results))
    written.append(out_dir / "ket-qua.json")
    for y in results.years:
        tables = {g.id: table(g) for g in y.groups}  # each group's table made once: its CSV and its sheet
        for g in y.groups:
            put(f"ket-qua-{y.year}-{g.id}.csv", csv_text(*tables[g.id]))
            put(f"ket-qua-{y.year}-{g.id}.thong-tin.txt", sidecar(results, y, g))
        put(f"ket-qua-{y.year}.xlsx", _cached_xlsx(xlsx_content(results, y.year, tables), store, used))
    if store is not None:
        store.keep_only("data", used)
    return written


def _cached_xlsx(content: dict[str, Any], store: Store | None, used: set[str]) -> bytes:
    if store is None or not store.enabled:
        return workbook.render(content)
    key = hashlib.sha256(json.dumps(content, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()
    used.add(key)
    data = store.get("data", key)
    if data is None:
        data = workbook.render(content)
        store.put("data", key, data)
    return data
