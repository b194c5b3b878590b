"""A list file in its plain written shape, read line by line, is what the libyaml reader reads:
the same data, and every value and key at the same line and column; any other file, however
close, is left to the libyaml reader (None), never read otherwise."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from minirepo import REPO_ROOT

from cchc.load import plainlist, yamlfile

LIMIT = 32 * 1024 * 1024
ENTRY = "  - id: xa-a\n    name: UBND xã A\n    level: xa\n    parent: null\n    from: 2020\n    accounts: [a, '1b']\n"


def _same_or_none(raw: bytes) -> plainlist.Parsed | None:
    """What the line reader gives, checked against the libyaml reader."""
    fast = plainlist.parse(raw, LIMIT)
    try:
        full = yamlfile.parse(raw, LIMIT)
    except yamlfile.YamlError:
        assert fast is None, raw
        return None
    if fast is not None:
        assert (fast.data, fast.positions, fast.key_positions) == (full.data, full.positions, full.key_positions), raw
    return fast


def test_the_registries_read_alike():
    files = sorted((REPO_ROOT / "units").glob("*.yaml")) + sorted((REPO_ROOT / "tests/fixtures").rglob("units/*.yaml"))
    files += sorted(Path(REPO_ROOT, "bench", "out").glob("p*/units/*.yaml"))
    read = [f for f in files if _same_or_none(f.read_bytes()) is not None]
    assert len(read) >= 3


@pytest.mark.parametrize(
    "text",
    [
        "# ghi chú\n\nunits:\n" + ENTRY + "  # giữa\n" + ENTRY.replace("xa-a", "xa-b"),
        "units:\n- id: a\n  name: b\n",  # the list at the key's indentation
        "\ufeffunits:\n" + ENTRY,  # a byte order mark
        "units:\n" + ENTRY + '    successors: []\n    until: ~\n    group: "x: y # z"\n    x_y: a#b:c\n',
        "units:\n  - id: 2020\n    true: 1.50\n    name: 012\n",  # values and keys resolved as the reader does
        "units:\n  - id: a\n    name: 'x, y'\n    accounts: [\"@a b\", 'c, d', e.f]\n",
        "units:\n  - id: Thọ\n    name: Cafe\u0301\n",  # NFC
    ],
)
def test_plain_files_read_alike(text):
    assert _same_or_none(text.encode()) is not None


@pytest.mark.parametrize(
    "text",
    [
        "units:\n" + ENTRY + "      continued\n",  # a plain value continued on the next line
        'units:\n  - id: a\n    name: "x\n    level: y"\n',  # a quoted value over two lines
        "units:\n  - id: a\n    name: x # a comment\n",
        "units:\n  - id: a\n    name: |\n      x\n",  # a block scalar
        "units:\n  - {id: a, name: b}\n",  # entries in flow style
        "units:\n  - id: a\n    id: b\n",  # a duplicate key
        "units:\n  - id: a\n    null: 1\n    ~: 2\n",  # two keys read as the same
        "units:\n  - id: a\n   name: b\n",  # another indentation
        "units:\n  - id: a\n  - id: b\n name: c\n",
        "units:\n  - id: a\n\tname: b\n",
        "units:\r\n  - id: a\r\n",
        "units:\n  - id: a\n    name: a\u0085b\n",
        "units:\n  - id: a\n    name: a\u2028b\n    level: x\n",  # a line break libyaml counts
        "units:\n  - id: a\n    name: a\u2029b\n",
        "units:\n  - id: a\n    name: x\x07\n",
        "units: []\n",
        "units:\n",
        "units:\nother: 1\n  - id: a\n",
        "units:\n  - id: a\nother: 1\n",
        "---\nunits:\n  - id: a\n",
        "units:\n  - id: a\n---\nunits:\n  - id: b\n",
        "units:\n  - id: a\n    name: &x b\n",
        "units:\n  - id: a\n    name: *x\n",
        "units:\n  - id: a\n    name: !!str b\n",
        'units:\n  - id: a\n    name: "a\\nb"\n',  # an escape
        "units:\n  - id: a\n    name: 'it''s'\n",
        "units:\n  - id: a\n    accounts: [a, [b]]\n",
        "units:\n  - id: a\n    accounts: [a,b]\n",
        "units:\n  - id: a\n    name: a: b\n",
        "units:\n  - id: a\n    name: x  \n",
        "units:\n  - id: a\n    name: ? x\n",
        "units:\n  - id: a\n    name: " + "x" * 100_001 + "\n",
    ],
)
def test_any_other_file_is_left_to_the_reader(text):
    assert plainlist.parse(text.encode(), LIMIT) is None
    _same_or_none(text.encode())


def test_over_the_node_limit_is_left_to_the_reader(monkeypatch):
    raw = ("units:\n" + ENTRY * 3).encode()
    assert _same_or_none(raw) is not None
    monkeypatch.setattr(yamlfile, "MAX_NODES", 3 + 3 * 15 - 1)  # the document, its key, the list; 3 entries of 15 nodes
    assert plainlist.parse(raw, LIMIT) is None
    monkeypatch.setattr(yamlfile, "MAX_NODES", 3 + 3 * 15)
    assert _same_or_none(raw) is not None


_FRAGMENTS = st.sampled_from(
    [
        "a",
        "b-c",
        "1",
        "0.5",
        "null",
        "~",
        "true",
        "Thọ",
        "x y",
        ":",
        ": ",
        "#",
        " #",
        "'",
        '"',
        ",",
        "[",
        "]",
        "{",
        "-",
        "- ",
        "? ",
        "&",
        "*",
        "!",
        "|",
        ">",
        "%",
        "@",
        "`",
        "\t",
        " ",
        "  ",
        "\\",
        "é",
        "e\u0301",
        "\u2028",
        "\x85",
        "\ufeff",
        "\xa0",
    ]
)
_VALUES = st.lists(_FRAGMENTS, min_size=0, max_size=5).map("".join)
_LINES = st.tuples(
    st.sampled_from(["  - ", "    ", "   ", "- ", "  -", ""]),
    st.sampled_from(["id", "name", "x", "null", "id "]),
    _VALUES,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINES, min_size=1, max_size=6), st.sampled_from(["units:\n", "# c\nunits:\n", "units: \n"]))
def test_generated_files_read_alike_or_are_left_to_the_reader(lines, head):
    text = head + "".join(f"{lead}{key}: {value}\n" for lead, key, value in lines)
    _same_or_none(unicodedata.normalize("NFC", text).encode())
    _same_or_none(text.encode())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["id", "name", "x", "y"]), _VALUES), min_size=1, max_size=8))
def test_entries_of_generated_values_read_alike_or_are_left_to_the_reader(lines):
    """Entries in the plain shape whose values are anything: the values decide alone."""
    text = "units:\n" + "".join(
        f"{'  - ' if new or not k else '    '}{key}: {value}\n" for k, (new, key, value) in enumerate(lines)
    )
    _same_or_none(text.encode())


def test_a_registry_loads_alike_either_way(tmp_path, monkeypatch):
    """The sample province's registry with a unit twice, then with an invalid entry: the units,
    the duplicates and the findings of a load are the same with the line reader and without it."""
    from minirepo import copy_sample

    from cchc import checks
    from cchc.load import repository

    root = copy_sample(tmp_path / "tinh", ("province.yaml", "criteria", "units", "plans"))
    so = root / "units" / "so.yaml"
    text = so.read_text(encoding="utf-8")
    first = text[text.index("  - id: ") : text.index("  - id: ", text.index("  - id: ") + 1)]
    reader = plainlist.parse

    def loaded(fast: bool) -> tuple:
        monkeypatch.setattr(plainlist, "parse", reader if fast else lambda raw, limit: None)
        repo = repository.load(root, surveys=False)
        wide = sorted(set(checks.registry_wide(repo)))
        return dict(repo.units), repo.duplicate_units, sorted(set(repo.findings)), wide

    for added, found in ((first, 1), (first.replace("from: ", "from: 1800\n    until: ", 1), 2)):
        so.write_text(text + added, encoding="utf-8")
        assert reader(so.read_bytes(), LIMIT) is not None
        fast = loaded(True)
        assert fast == loaded(False)
        assert fast[found]  # the duplicate; the finding of the invalid entry
