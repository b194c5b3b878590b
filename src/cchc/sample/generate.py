"""Write a complete fictional province repository ("Tỉnh Mẫu"), deterministic from a seed.

    python -m cchc.sample --out DIR [--seed 2025] [--so 20] [--huyen 6] [--xa 40] [--xa-2025 16]

Same arguments give byte-identical files: all randomness comes from
``random.Random`` objects seeded from the seed, nothing reads the clock, and
every collection is walked in a fixed order.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..yamlwrite import dump
from . import province, surveys, units
from .appraisal import appraise
from .frameworks import Leaf
from .pdf import PdfMaker
from .submissions import HEADER, Folder, self_assessment

YEARS = (2024, 2025)


def _write(path: Path, doc: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(dump(doc, HEADER).encode("utf-8"))


def _prepare(out: Path) -> None:
    """Refuse to overwrite a real province; drop submission folders of earlier sample runs."""
    existing = out / "province.yaml"
    if existing.exists():
        data = yaml.safe_load(existing.read_text(encoding="utf-8")) or {}
        if data.get("sample") is not True:
            raise RuntimeError(f"{existing} không phải dữ liệu mẫu (thiếu sample: true), không ghi đè")
    for year in YEARS:
        folder = out / "submissions" / str(year)
        if folder.exists():
            shutil.rmtree(folder)


def _quality(rng: random.Random, everyone: list[units.Unit], twins: dict[str, str]) -> dict:
    """(unit id, year) -> quality in [0.4, 1]; 2025 follows 2024, merged communes average."""
    q: dict[tuple[str, int], float] = {}
    for u in everyone:
        if u.valid(2024):
            q[u.id, 2024] = 0.6 + 0.4 * rng.random()
    preds: dict[str, list[str]] = {}
    for u in everyone:
        for s in u.successors:
            preds.setdefault(s, []).append(u.id)
    for u in everyone:
        if not u.valid(2025):
            continue
        if (u.id, 2024) in q:
            base = q[u.id, 2024]
        elif preds.get(u.id):
            base = sum(q[p, 2024] for p in preds[u.id]) / len(preds[u.id])
        else:
            base = 0.6 + 0.4 * rng.random()
        q[u.id, 2025] = max(0.55, min(1.0, base + (rng.random() - 0.5) * 0.12))
    for copy, source in twins.items():
        for year in YEARS:
            if (source, year) in q:
                q[copy, year] = q[source, year]
    return q


def _twins(rng: random.Random, registry: dict[str, list[units.Unit]]) -> dict[str, str]:
    """Pairs of units (same group) that get identical points: copy id -> source id."""
    twins = {}
    old = [u for u in registry["xa"] if u.valid(2024)]
    new = [u for u in registry["xa"] if u.start == 2025]
    for group in (registry["so"], old, new):
        if len(group) >= 2:
            a, b = sorted(rng.sample(range(len(group)), 2))
            twins[group[b].id] = group[a].id
    return twins


def _states(rng: random.Random, valid: list[units.Unit], twins: dict[str, str]) -> dict[str, str]:
    """2025: which units are missing, only submitted, or only appraised in round 1."""
    protected = set(twins) | set(twins.values())
    free = [u for u in valid if u.id not in protected]
    states = {u.id: "missing" for u in _missing(rng, free)}
    rest = [u for u in free if u.id not in states]
    share = max(1, len(valid) // 12)
    for state in ("submitted", "round1"):
        for u in rng.sample(rest, min(share, len(rest))):
            states[u.id] = state
        rest = [u for u in rest if u.id not in states]
    return states


def _missing(rng: random.Random, free: list[units.Unit]) -> list[units.Unit]:
    """Two units that submit nothing: a department and a commune where there are both."""
    so = [u for u in free if u.level == "so"]
    xa = [u for u in free if u.level != "so"]
    return [rng.choice(so), rng.choice(xa)] if so and xa else rng.sample(free, min(2, len(free)))


@dataclass(frozen=True)
class _Province:
    """What every unit's folder is made from."""

    out: Path
    seed: int
    frameworks: dict[str, list[Leaf]]  # framework path -> its leaves
    plans: dict[int, dict[str, Any]]  # year -> plan document
    twins: dict[str, str]
    quality: dict[tuple[str, int], float]
    extension: str | None  # the unit whose 2024 self-assessment deadline is extended
    pdf: PdfMaker


def generate(
    out_dir: Path,
    *,
    seed: int = 2025,
    n_so: int = 20,
    n_huyen: int = 6,
    n_xa: int = 40,
    n_xa_2025: int = 16,
    evidence_pages: int = 1,
    realistic_scans: bool = False,
) -> None:
    """Write province.yaml, criteria/, units/, plans/, submissions/ and surveys/ into out_dir."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _prepare(out)
    rng = random.Random(seed)
    registry = units.build(rng, n_so, n_huyen, n_xa, n_xa_2025)
    everyone = registry["so"] + registry["huyen"] + registry["xa"]
    _write(out / "province.yaml", province.province())
    for name, members in registry.items():
        _write(out / "units" / f"{name}.yaml", {"units": [u.doc() for u in members]})
    frameworks = _frameworks(out)
    twins = _twins(rng, registry)
    quality = _quality(rng, everyone, twins)
    communes = [u for u in registry["xa"] if u.valid(2024)] or registry["so"]
    extension = rng.choice(communes).id if communes else None
    plans = {y: province.plan(y, registry["huyen"], extension if y == 2024 else None) for y in YEARS}
    for year, doc in plans.items():
        _write(out / "plans" / f"{year}.yaml", doc)
    states = {2024: {}, 2025: _states(rng, [u for u in everyone if u.valid(2025)], twins)}
    made = _Province(out, seed, frameworks, plans, twins, quality, extension, PdfMaker(evidence_pages, realistic_scans))
    for year in YEARS:
        rows = []
        for unit in everyone:
            if unit.valid(year):
                rows.append(_unit_year(made, unit, year, states[year].get(unit.id, "final")))
        _write(out / "surveys" / f"{year}.yaml", surveys.survey(year, rows))


def _frameworks(out: Path) -> dict[str, list[Leaf]]:
    """Write criteria/; return each framework's leaves by its path."""
    frameworks = {}
    for path in province.FRAMEWORKS:
        doc, leaves = province.framework(path)
        frameworks[path] = leaves
        _write(out / "criteria" / f"{path}.yaml", doc)
    return frameworks


def _unit_year(
    made: _Province, unit: units.Unit, year: int, state: str
) -> tuple[units.Unit, list[Leaf], float, random.Random]:
    """Write the unit's folder for ``year`` as ``state`` says; return what its survey points are drawn from."""
    leaves = made.frameworks[province.PLAN_FRAMEWORKS[year][unit.level]]
    profile = made.twins.get(unit.id, unit.id)
    q = made.quality[unit.id, year]
    survey_row = (unit, leaves, q, random.Random(f"{made.seed}:survey:{year}:{profile}"))
    if state == "missing":
        return survey_row
    srng = random.Random(f"{made.seed}:score:{year}:{profile}")
    crng = random.Random(f"{made.seed}:text:{year}:{unit.id}")
    folder = Folder(made.out / "submissions" / str(year) / unit.id, unit, year, made.pdf)
    late = f"{year + 1}-01-08" if year == 2024 and unit.id == made.extension else None
    answers = self_assessment(folder, leaves, q, srng, crng, late)
    if state != "submitted":
        council = province.council_for(made.plans[year], unit)
        appraise(folder, answers, q, srng, crng, council, 1 if state == "round1" else 2)
    folder.write()
    return survey_row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cchc.sample", description="Sinh dữ liệu mẫu (tỉnh Mẫu) cho hệ thống Chỉ số CCHC."
    )
    parser.add_argument("--out", type=Path, required=True, help="thư mục đích")
    parser.add_argument("--seed", type=int, default=2025)
    # dest: generate()'s keyword; metavar: the option's own name in the help
    parser.add_argument("--so", dest="n_so", metavar="SO", type=int, default=20, help="số sở, ban, ngành")
    parser.add_argument("--huyen", dest="n_huyen", metavar="HUYEN", type=int, default=6, help="số huyện (đến năm 2024)")
    parser.add_argument("--xa", dest="n_xa", metavar="XA", type=int, default=40, help="số xã năm 2024")
    parser.add_argument(
        "--xa-2025",
        dest="n_xa_2025",
        metavar="XA_2025",
        type=int,
        default=16,
        help="số xã, phường sau sắp xếp (từ 2025)",
    )
    parser.add_argument("--evidence-pages", type=int, default=1, help="số trang mỗi tệp PDF")
    parser.add_argument(
        "--realistic-scans",
        action="store_true",
        help="bản quét cỡ thật (A4 150 dpi, ảnh xám, khoảng 150 KB mỗi trang) để đo hiệu năng",
    )
    args = parser.parse_args(argv)
    try:
        options = dict(vars(args))  # every option but --out is one of generate()'s keywords
        generate(options.pop("out"), **options)
    except RuntimeError as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 1
    print(f"Đã sinh dữ liệu mẫu vào {args.out}")
    return 0
