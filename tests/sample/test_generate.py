"""Tests of the deterministic sample-province generator (cchc.sample)."""

from __future__ import annotations

import filecmp
import functools
import io
import json
import math
from collections import Counter, defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from cchc.sample import generate
from cchc.sample.generate import main as generate_main

pytestmark = pytest.mark.slow  # real-Git scenarios or generators of several seconds: not in the fast loop

ROOT = Path(__file__).resolve().parents[2]

KINDS = {"levels", "pass_fail", "percent_bands", "proportional", "free", "bonus", "penalty", "survey"}
YEARS = (2024, 2025)


class _DecimalLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loader reading every non-integer number as Decimal (no float drift in the checks)."""


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", lambda loader, node: Decimal(loader.construct_scalar(node)))


@functools.cache
def load(path: Path):
    """A YAML file (cached: the tests never modify what they read)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_DecimalLoader)


def _plain(value):
    """Decimals as floats again, for jsonschema."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "a"
    generate(out)
    return out


@pytest.fixture(scope="module")
def schemas() -> dict[str, Draft202012Validator]:
    out = {}
    for path in (ROOT / "schemas").glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        out[path.name.removesuffix(".schema.json")] = Draft202012Validator(schema, format_checker=FormatChecker())
    return out


def schema_for(rel: Path) -> str | None:
    parts = rel.parts
    if rel.name == "province.yaml":
        return "province"
    if parts[0] in ("criteria", "units", "plans", "surveys"):
        return {"criteria": "framework", "units": "units", "plans": "plan", "surveys": "survey"}[parts[0]]
    if parts[0] == "submissions":
        return rel.stem
    return None


def leaves_of(framework: dict) -> list[dict]:
    out = []
    for area in framework["areas"]:
        for crit in area["criteria"]:
            out.extend(crit.get("components") or [crit])
    return out


def frameworks_for(repo: Path, year: int) -> dict[str, dict]:
    plan = load(repo / "plans" / f"{year}.yaml")
    return {level: load(repo / "criteria" / f"{path}.yaml") for level, path in plan["frameworks"].items()}


def registry(repo: Path) -> list[dict]:
    return [u for f in sorted((repo / "units").glob("*.yaml")) for u in load(f)["units"]]


def valid(unit: dict, year: int) -> bool:
    return unit["from"] <= year and (unit.get("until") is None or year <= unit["until"])


def allowed(leaf: dict, entry: dict, score: Decimal) -> bool:
    """Whether a score is one the leaf's rule can give (figures only checked for self entries)."""
    rule, top, score = leaf["rule"], leaf["max"], Decimal(str(score))
    if not 0 <= score <= top:
        return False
    kind = rule["kind"]
    if entry.get("figures"):
        return score == from_figures(leaf, entry["figures"]["achieved"], entry["figures"]["total"])
    if kind == "levels":
        return score in {lv["points"] for lv in rule["levels"]}
    if kind == "pass_fail":
        return score in (0, top)
    if kind == "percent_bands":
        return score in {b["points"] for b in rule["bands"]}
    if kind == "proportional":
        return score == score.quantize(Decimal(1).scaleb(-rule.get("decimals", 2)))
    if kind in ("free", "bonus", "penalty"):
        return (score / Decimal(str(rule.get("step", "0.01")))) % 1 == 0
    return False


def from_figures(leaf: dict, achieved: int, total: int) -> Decimal:
    """Independent re-implementation of percent_bands and proportional."""
    rule = leaf["rule"]
    if rule["kind"] == "percent_bands":
        pct = Fraction(achieved * 100, total)
        for band in rule["bands"]:
            if (
                ("gt" in band and pct > Fraction(str(band["gt"])))
                or ("gte" in band and pct >= Fraction(str(band["gte"])))
                or not ({"gt", "gte"} & band.keys())
            ):
                return Decimal(str(band["points"]))
        return Decimal(0)
    if total == 0:
        return Decimal(str(leaf["max"])) if rule.get("if_no_cases") == "full" else Decimal(0)
    exact = Fraction(achieved) * Fraction(str(leaf["max"])) / total
    scale = 10 ** rule.get("decimals", 2)
    return Decimal(math.floor(exact * scale + Fraction(1, 2))) / scale


def test_deterministic(repo: Path, tmp_path: Path) -> None:
    again = tmp_path / "b"
    generate(again)
    cmp = filecmp.dircmp(repo, again)
    mismatches = []

    def walk(c: filecmp.dircmp, prefix: str) -> None:
        mismatches.extend(prefix + n for n in c.left_only + c.right_only)
        _, diff, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        mismatches.extend(prefix + n for n in diff + errors)
        for name, sub in c.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(cmp, "")
    assert mismatches == []


def test_every_yaml_valid(repo: Path, schemas) -> None:
    files = sorted(repo.rglob("*.yaml"))
    assert len(files) > 100
    errors = []
    for path in files:
        rel = path.relative_to(repo)
        name = schema_for(rel)
        assert name in schemas, rel
        for err in schemas[name].iter_errors(_plain(load(path))):
            errors.append(f"{rel}: {err.message}")
    assert errors == []


def test_framework_sums_and_kinds(repo: Path) -> None:
    paths = sorted((repo / "criteria").rglob("*.yaml"))
    assert len(paths) == 5
    for path in paths:
        fw = load(path)
        off = ("bonus", "penalty")
        for area in fw["areas"]:
            total = Decimal(0)
            for crit in area["criteria"]:
                if "components" in crit:
                    s = sum((c["max"] for c in crit["components"] if c["rule"]["kind"] not in off), Decimal(0))
                    assert crit["max"] == s, (path, crit["code"])
                    total += crit["max"]
                elif crit["rule"]["kind"] not in off:
                    total += crit["max"]
            assert area["max"] == total, (path, area["code"])
        assert fw["max"] == sum(a["max"] for a in fw["areas"]) == 100
        leaves = leaves_of(fw)
        assert 35 <= len(leaves) <= 45, path
        assert {leaf["rule"]["kind"] for leaf in leaves} == KINDS, path
        survey = sum(leaf["max"] for leaf in leaves if leaf["method"] == "survey")
        assert 25 <= survey <= 35, path
        for leaf in leaves:
            assert (leaf["method"] == "survey") == (leaf["rule"]["kind"] == "survey")
            if leaf["rule"]["kind"] == "levels":
                assert leaf["max"] == leaf["rule"]["levels"][0]["points"]
        assert [a["code"] for a in fw["areas"]] == [str(i) for i in range(1, len(fw["areas"]) + 1)]
        assert '"1.1.1"' in path.read_text(encoding="utf-8")


def test_units_and_succession(repo: Path) -> None:
    units = registry(repo)
    ids = [u["id"] for u in units]
    assert len(ids) == len(set(ids))
    assert {"id": "so-tu-phap", "name": "Sở Tư pháp"}.items() <= next(
        u for u in units if u["id"] == "so-tu-phap"
    ).items()
    old = [u for u in units if u["level"] == "xa" and u.get("until") == 2024]
    new = [u for u in units if u["level"] == "xa" and u["from"] == 2025]
    assert len(old) == 40 and len(new) == 16
    preds = Counter(s for u in old for s in u["successors"])
    assert all(len(u["successors"]) == 1 for u in old)
    assert all(2 <= preds[u["id"]] <= 4 for u in new)
    assert all(u["parent"] is None for u in new)


def test_submissions(repo: Path) -> None:
    units = registry(repo)
    for year in YEARS:
        fws = frameworks_for(repo, year)
        plan = load(repo / "plans" / f"{year}.yaml")
        folders = {p.name for p in (repo / "submissions" / str(year)).iterdir()}
        expected = {u["id"] for u in units if valid(u, year)}
        assert folders <= expected
        assert len(expected - folders) == (0 if year == 2024 else 2)
        for uid in sorted(folders):
            unit = next(u for u in units if u["id"] == uid)
            base = repo / "submissions" / str(year) / uid
            leaves = {leaf["code"]: leaf for leaf in leaves_of(fws[unit["level"]])}
            sa = load(base / "self-assessment.yaml")
            codes = [leaf["code"] for leaf in leaves.values() if leaf["method"] == "self"]
            assert [e["code"] for e in sa["scores"]] == codes
            assert (base / sa["report"]["file"]).is_file()
            for e in sa["scores"]:
                leaf = leaves[e["code"]]
                if e.get("na"):
                    assert leaf.get("na_allowed") and "score" not in e and e["na_reason"]
                    continue
                assert allowed(leaf, e, e["score"]), (uid, e)
                if "figures" in e:
                    assert leaf["rule"]["kind"] in ("percent_bands", "proportional")
                for ev in e.get("evidence") or []:
                    assert (base / ev["file"]).is_file()
                if not e.get("evidence") or e["score"] < leaf["max"]:
                    assert e.get("explanation"), (uid, e)
            if (base / "appraisal.yaml").exists():
                ap = load(base / "appraisal.yaml")
                route = next(
                    r
                    for r in plan["routing"]
                    if unit["level"] in r["levels"] and ("parents" not in r or unit.get("parent") in r["parents"])
                )
                for rnd in ap["rounds"]:
                    assert rnd["council"] == route["council"]
                    for item in rnd["items"]:
                        if item.get("score") is not None:
                            assert allowed(leaves[item["code"]], {}, item["score"]), (uid, item)
                if year == 2024:
                    assert [r["round"] for r in ap["rounds"]] == [1, 2]
            if (base / "explanation.yaml").exists():
                for answer in load(base / "explanation.yaml")["answers"]:
                    for ev in answer.get("evidence") or []:
                        assert (base / ev["file"]).is_file()


def test_2025_states(repo: Path) -> None:
    base = repo / "submissions" / "2025"
    rounds = Counter()
    for folder in base.iterdir():
        ap = folder / "appraisal.yaml"
        rounds[len(load(ap)["rounds"]) if ap.exists() else 0] += 1
    assert rounds[0] >= 1 and rounds[1] >= 1 and rounds[2] >= 10


def totals(repo: Path, year: int) -> dict[str, tuple[str, Decimal]]:
    """Final points per appraised unit: appraised self points + survey points."""
    units = {u["id"]: u for u in registry(repo)}
    fws = frameworks_for(repo, year)
    survey = defaultdict(Decimal)
    for row in load(repo / "surveys" / f"{year}.yaml")["points"]:
        survey[row["unit"]] += row["points"]
    out = {}
    for folder in sorted((repo / "submissions" / str(year)).iterdir()):
        ap = folder / "appraisal.yaml"
        if not ap.exists() or len(load(ap)["rounds"]) < 2:
            continue
        unit = units[folder.name]
        kinds = {leaf["code"]: leaf["rule"]["kind"] for leaf in leaves_of(fws[unit["level"]])}
        scores = {e["code"]: e.get("score") for e in load(folder / "self-assessment.yaml")["scores"]}
        for rnd in load(ap)["rounds"]:
            for item in rnd["items"]:
                if item.get("score") is not None:
                    scores[item["code"]] = item["score"]
        total = survey[folder.name]
        for code, score in scores.items():
            if score is not None:
                total += -score if kinds[code] == "penalty" else score
        out[folder.name] = (unit["group"], total)
    return out


def test_ties_exist(repo: Path) -> None:
    for year in YEARS:
        final = totals(repo, year)
        seen = Counter(final.values())
        assert any(n >= 2 for n in seen.values()), year
        spread = [t for _, t in final.values()]
        assert max(spread) - min(spread) > 15


def test_surveys(repo: Path) -> None:
    units = registry(repo)
    for year in YEARS:
        fws = frameworks_for(repo, year)
        rows = load(repo / "surveys" / f"{year}.yaml")["points"]
        got = {(r["unit"], r["code"]): r["points"] for r in rows}
        for u in units:
            if not valid(u, year):
                continue
            for leaf in leaves_of(fws[u["level"]]):
                if leaf["method"] == "survey":
                    p = got.pop((u["id"], leaf["code"]))
                    assert 0 <= p <= leaf["max"] and Decimal(str(p)) == Decimal(str(p)).quantize(Decimal("0.01"))
        assert got == {}


def test_pdfs(repo: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    pdfs = sorted((repo / "submissions").rglob("*.pdf"))
    assert len(pdfs) > 300
    for path in pdfs[::25]:
        data = path.read_bytes()
        assert b"CreationDate" not in data and b"ModDate" not in data
        reader = pypdf.PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 1
        assert len(data) < 20000


def test_no_districts_routes_communes_to_province(tmp_path: Path, schemas) -> None:
    out = tmp_path / "flat"
    generate(out, seed=7, n_so=3, n_huyen=0, n_xa=6, n_xa_2025=6, evidence_pages=2)
    plan = load(out / "plans" / "2024.yaml")
    assert plan["routing"] == [{"council": "hd-tinh", "levels": ["so", "huyen", "xa"]}]
    for path in sorted(out.rglob("*.yaml")):
        name = schema_for(path.relative_to(out))
        assert not list(schemas[name].iter_errors(_plain(load(path)))), path
    pypdf = pytest.importorskip("pypdf")
    some = next((out / "submissions").rglob("*.pdf"))
    assert len(pypdf.PdfReader(some).pages) == 2


def test_committed_sample_is_what_the_generator_writes(tmp_path):
    """The bundled province is exactly `python -m cchc.sample` with default arguments."""
    import filecmp

    from cchc.sample import generate

    repo = Path(__file__).resolve().parents[2]
    out = tmp_path / "regen"
    generate(out)
    for name in ("province.yaml", "criteria", "units", "plans", "surveys", "submissions"):
        a, b = repo / name, out / name
        if a.is_file():
            assert a.read_bytes() == b.read_bytes(), name
            continue
        left = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
        right = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
        assert left == right, name
        _, mismatch, errors = filecmp.cmpfiles(a, b, left, shallow=False)
        assert not mismatch and not errors, mismatch[:5]


def test_command_line_generates_and_says_where(tmp_path, capsys):
    """`python -m cchc.sample --out DIR` as the benchmarks call it: a province, then one line naming DIR."""
    out = tmp_path / "tinh"
    assert generate_main(["--out", str(out), "--so", "2", "--huyen", "1", "--xa", "2", "--xa-2025", "1"]) == 0
    assert (out / "province.yaml").is_file()
    assert capsys.readouterr().out.strip() == f"Đã sinh dữ liệu mẫu vào {out}"
