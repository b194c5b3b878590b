"""Reading the registry and the survey points one entry at a time decides what the whole file
decides: every unit read through the kept layout equals the full load's, a survey restricted to
some units gives those units the same points, and a record that is stale, damaged or altered is
not used (the file is read whole), nor is a layout whose lines do not hold the entry asked for."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from minirepo import REPO_ROOT, copy_sample

from cchc import checks, validation
from cchc.load import entries, repository, shared, yamlfile
from cchc.load.source import FileSource

DATA = ("province.yaml", "criteria", "units", "plans", "surveys")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The bundled sample province's shared files (no dossier)."""
    return copy_sample(tmp_path / "tinh", DATA)


def _remembered(root: Path, cache: Path) -> shared.Known:
    full = repository.load(root, surveys=False)
    found = shared.inputs(FileSource(root))
    assert found is not None
    shared.remember(cache, found, full, checks.registry_wide(full))
    known = shared.recall(cache, found)
    assert known is not None
    return known


def _lazy(root: Path, known: shared.Known) -> repository.Repository:
    return repository.load(root, lambda folder: False, surveys=False, registry=known.registry)


def test_every_unit_read_from_its_own_lines_is_the_full_loads(sample, tmp_path):
    # an entry written differently: quoted id, comments, a blank line, the "-" alone on its line
    xa = sample / "units" / "xa.yaml"
    text = xa.read_text(encoding="utf-8")
    first = text.index("  - id: ")
    quoted = text[first:].replace("  - id: ", '  - id: "', 1).replace("\n", '"\n', 1)
    xa.write_text(text[:first] + "  # một ghi chú\n\n" + quoted.replace("  - id: ", "  -\n    id: ", 2), "utf-8")
    full = repository.load(sample, surveys=False)
    known = _remembered(sample, tmp_path / "cache")
    lazy = _lazy(sample, known)
    assert len(full.units) > 50
    for uid, unit in full.units.items():
        assert lazy.units[uid] == unit
        assert uid in lazy.units
    assert "khong-co-don-vi-nay" not in lazy.units and lazy.units.get("khong-co-don-vi-nay") is None
    assert list(lazy.units) == list(full.units)  # listing them all reads the registry whole
    assert dict(lazy.units) == dict(full.units)


def test_the_first_of_two_entries_with_one_id_wins_as_in_the_full_load(sample, tmp_path):
    so = sample / "units" / "so.yaml"
    text = so.read_text(encoding="utf-8")
    entry = text[text.index("  - id: ") : text.index("  - id: ", text.index("  - id: ") + 1)]
    so.write_text(text + entry.replace("name: ", "name: Bản trùng ", 1), "utf-8")
    full = repository.load(sample, surveys=False)
    assert full.duplicate_units
    known = _remembered(sample, tmp_path / "cache")
    assert any(f.code == "unit-duplicate" for f in known.findings)  # the registry-wide findings kept
    uid = full.duplicate_units[0][0].id
    assert _lazy(sample, known).units[uid] == full.units[uid]


def test_a_record_is_for_exactly_its_files_and_intact(sample, tmp_path):
    cache = tmp_path / "cache"
    _remembered(sample, cache)
    (record,) = (cache / "shared").iterdir()
    stale = sample / "units" / "so.yaml"
    stale.write_text(stale.read_text(encoding="utf-8") + "# sửa\n", "utf-8")
    assert shared.recall(cache, shared.inputs(FileSource(sample))) is None  # other bytes: other key
    stale.write_text(stale.read_text(encoding="utf-8").removesuffix("# sửa\n"), "utf-8")
    found = shared.inputs(FileSource(sample))
    assert shared.recall(cache, found) is not None

    kept = json.loads(record.read_text(encoding="utf-8"))
    damaged = dict(kept, body=dict(kept["body"], key="0" * 64))  # its digest no longer matches
    record.write_text(json.dumps(damaged), "utf-8")
    assert shared.recall(cache, found) is None

    body = dict(kept["body"], registry=["units/so.yaml"])
    record.write_text(json.dumps({"digest": shared._body_digest(body), "body": body}), "utf-8")
    assert shared.recall(cache, found) is None  # not the files found one entry per line


def test_lines_that_do_not_hold_the_entry_are_refused_and_the_file_read_whole(sample, tmp_path):
    known = _remembered(sample, tmp_path / "cache")
    full = repository.load(sample, surveys=False)
    xa = next(f for f in known.registry if f.file == "units/xa.yaml")
    uid = [u.id for u in full.units.values() if u.file == xa.file][3]
    (span,) = entries.spans(xa.raw, "id", uid)
    assert entries.entry(xa.raw, span, uid, xa.file) == full.units[uid]
    neighbour = entries.spans(xa.raw, "id", [u.id for u in full.units.values() if u.file == xa.file][4])[0]
    assert entries.entry(xa.raw, neighbour, uid, xa.file) is None  # another unit's lines
    assert entries.entry(xa.raw, (span[0], span[0] + 40), uid, xa.file) is None  # half an entry is not an entry
    # bytes that are not the file's (its entry broken): refused, then the registry read whole
    broken = xa.raw[: span[0]] + xa.raw[span[0] : span[1]].replace(b"from:", b"tu:", 1) + xa.raw[span[1] :]
    altered = [replace(f, raw=broken) if f.file == xa.file else f for f in known.registry]
    lazy = repository.load(sample, lambda folder: False, surveys=False, registry=altered)
    assert lazy.units[uid] == full.units[uid]


def test_one_line_entries_are_read_alone_and_a_list_on_one_line_is_not(sample, tmp_path):
    so = sample / "units" / "so.yaml"
    so_units = [u for u in repository.load(sample, surveys=False).units.values() if u.file == "units/so.yaml"]
    entry = "{{id: {0.id}, name: '{0.name}', level: {0.level}, group: {0.group}, from: {0.first_year}}}"
    so.write_text("units:\n" + "".join(f"  - {entry.format(u)}\n" for u in so_units), "utf-8")
    full = repository.load(sample, surveys=False)
    lazy = _lazy(sample, _remembered(sample, tmp_path / "one-line"))
    assert all(lazy.units[u.id] == full.units[u.id] for u in so_units)

    so.write_text("units: [" + ", ".join(entry.format(u) for u in so_units) + "]\n", "utf-8")
    full = repository.load(sample, surveys=False)
    found = shared.inputs(FileSource(sample))
    shared.remember(tmp_path / "cache", found, full, checks.registry_wide(full))
    assert shared.recall(tmp_path / "cache", found) is None  # no entry on a line of its own: read whole
    assert entries.layout(b"units:\n  - id: a\n    id: b\n") is None  # two ids in one entry


def test_a_survey_read_for_some_units_gives_them_the_full_loads_points(sample, tmp_path):
    cache = tmp_path / "cache"
    for path in (sample / "surveys").iterdir():  # a comment among the rows: only a record tells the rows
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\n  - ", "\n  # ghi chú\n  - ", 2).replace("\n  # ghi chú", "", 1), "utf-8")
        assert not entries.canonical_survey(path.read_bytes(), "surveys/" + path.name)
    full = repository.load(sample)
    source = FileSource(sample)
    assert shared.recall_surveys(cache, source, {"x"}) is None  # nothing kept yet
    shared.remember_surveys(cache, source, full)
    units = sorted({r.unit for s in full.surveys.values() for r in s.rows})[:3]
    given = shared.recall_surveys(cache, source, set(units))
    assert given is not None and set(given) == {s.file for s in full.surveys.values()}
    partial = repository.load(sample, given_surveys=given)
    for year, survey in full.surveys.items():
        mine = partial.surveys[year]
        assert (mine.year, mine.file, mine.year_line) == (survey.year, survey.file, survey.year_line)
        assert mine.rows == tuple(r for r in survey.rows if r.unit in units)
        for unit in units:
            assert mine.of_unit(unit) == survey.of_unit(unit)
            assert mine.not_applicable(unit) == survey.not_applicable(unit)
    changed = sample / "surveys" / f"{max(full.surveys)}.yaml"
    changed.write_text(changed.read_text(encoding="utf-8") + "# sửa\n", "utf-8")
    assert shared.recall_surveys(cache, source, set(units)) is None  # other bytes: read whole


def test_a_limited_validation_reports_the_same_with_or_without_the_record(sample, tmp_path, monkeypatch):
    """A registry error on the base (an unknown parent) is a blocking error of every limited run:
    still reported, from the record, when the registry is not read."""
    monkeypatch.setenv("CCHC_CACHE_DIR", str(tmp_path / "cache"))
    xa = sample / "units" / "xa.yaml"
    text = xa.read_text(encoding="utf-8")
    xa.write_text(text.replace("    parent: null\n", "    parent: khong-co\n", 1), "utf-8")
    shutil.copytree(REPO_ROOT / "submissions", sample / "submissions")
    folder = sorted(p for p in (sample / "submissions" / "2025").iterdir())[2]
    scope = [folder.relative_to(sample).as_posix()]
    cold = validation.validate(sample, scope)
    assert not isinstance(cold.repo.units, entries.LazyUnits)
    warm = validation.validate(sample, scope)
    assert isinstance(warm.repo.units, entries.LazyUnits)  # read through the record
    assert warm.findings == cold.findings
    assert any(f.code == "unit-parent-unknown" for f in warm.findings)
    full = validation.validate(sample)
    assert [f for f in full.findings if f.file.startswith(scope[0] + "/")] == [
        f for f in warm.findings if f.file.startswith("submissions/")
    ]


HEAD = "year: 2025\nsource: Nguồn\npoints:\n".encode()
ROW = b'  - {unit: xa-a, code: "1.2", points: 0.5}\n'


@pytest.mark.parametrize(
    "raw",
    [
        HEAD + ROW + b'  - {unit: "0-b", code: A1.2, na: true}\n',
        "# ghi chú\n".encode() + HEAD + ROW.rstrip(b"\n"),  # comments above, no final line break
        HEAD + b'- {unit: xa-a, code: "7", points: 999.25}\n',  # the list at the key's indentation
    ],
)
def test_a_survey_in_the_plain_shape_needs_no_record(raw):
    assert entries.canonical_survey(raw, "surveys/2025.yaml")


@pytest.mark.parametrize(
    "raw",
    [
        # a row-like line inside a block scalar of the header: the full load has no such row
        b'year: 2025\nsource: |\n  - {unit: xa-a, code: "1.2", points: 0.5}\n  x\npoints:\n' + ROW,
        HEAD + ROW + b'  - {unit: null, code: "1.2", points: 0.5}\n',  # not a string
        HEAD + ROW + b"  - {unit: '123', code: \"1.2\", points: 0.5}\n",  # a quoting the shape does not know
        HEAD + ROW + b'  - {unit: xa-b, code: "1.2", points: 1000}\n',  # over the maximum
        HEAD + ROW + b'  - {unit: xa-b, code: "1.2", points: 0.5, na: true}\n',  # another shape
        HEAD + ROW + b'  - {unit: xa-b, code: "1.2"}\n',  # no points: invalid
        HEAD + ROW + b'  - {unit: xa-b, unit: xa-c, code: "1.2", points: 1}\n',  # a duplicate key
        HEAD + ROW + b"  # a comment between rows\n" + ROW,
        HEAD + ROW + b"extra: 1\n",  # a key after the rows
        HEAD + ROW + b'    - {unit: xa-b, code: "1.2", points: 1}\n',  # another indentation
        b'year: 2025\nsource: "open\npoints:\n' + ROW + b'"\n',  # rows inside a quoted value
        b"year: 2025\nother: 1\npoints:\n" + ROW,  # the header is not a valid survey
        b"year: 2025\npoints: \n" + ROW,  # not the plain "points:" line
        HEAD + ROW.replace(b"\n", b"\r\n"),
        "year: 2025\nsource: a\u2028b\npoints:\n".encode() + ROW,  # a line break libyaml counts
        b"year: 2025\n...\npoints:\n" + ROW,  # a second document
        HEAD,  # no row
    ],
)
def test_any_other_survey_is_read_whole(raw):
    assert not entries.canonical_survey(raw, "surveys/2025.yaml")


def test_a_survey_over_the_node_limit_is_read_whole(monkeypatch):
    raw = HEAD + ROW * 10
    assert entries.canonical_survey(raw, "surveys/2025.yaml")
    monkeypatch.setattr(yamlfile, "MAX_NODES", 7 + 7 * 10 - 1)  # the full parse would refuse it
    with pytest.raises(yamlfile.YamlError):
        yamlfile.parse(raw)
    assert not entries.canonical_survey(raw, "surveys/2025.yaml")
    monkeypatch.setattr(yamlfile, "MAX_NODES", 7 + 7 * 10)  # the root, two keys and values, "points" and its list
    yamlfile.parse(raw)
    assert entries.canonical_survey(raw, "surveys/2025.yaml")


def test_without_a_record_a_plain_survey_gives_the_units_the_full_loads_points(sample, tmp_path):
    full = repository.load(sample)
    source = FileSource(sample)
    for survey in full.surveys.values():
        assert entries.canonical_survey(source.read(survey.file), survey.file)  # as the generator writes them
    units = sorted({r.unit for s in full.surveys.values() for r in s.rows})[-3:]
    given = shared.recall_surveys(tmp_path / "empty", source, set(units))
    assert given is not None and len(list((tmp_path / "empty" / "shared").iterdir())) == len(full.surveys)
    partial = repository.load(sample, given_surveys=given)
    for year, survey in full.surveys.items():
        mine = partial.surveys[year]
        assert (mine.year, mine.file, mine.year_line) == (survey.year, survey.file, survey.year_line)
        assert mine.rows == tuple(r for r in survey.rows if r.unit in units)
    # one row in another shape, valid for the full load: no proof, no record, read whole
    changed = sample / "surveys" / f"{max(full.surveys)}.yaml"
    changed.write_text(changed.read_text(encoding="utf-8") + "  - {unit: xa-moi, code: '1.2', points: 1}\n", "utf-8")
    assert shared.recall_surveys(tmp_path / "empty", source, set(units)) is None
    assert shared.recall_surveys(tmp_path / "other", source, set(units)) is None
