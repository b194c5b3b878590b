"""The strict YAML reader: what plain scalars become, where values stand, every refusal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from minirepo import looks_vietnamese

from cchc.load import yamlfile
from cchc.load.yamlfile import Parsed, YamlError, parse


def data(text: str):
    return parse(text.encode("utf-8")).data


def refused(raw: bytes | str) -> YamlError:
    with pytest.raises(YamlError) as info:
        parse(raw.encode("utf-8") if isinstance(raw, str) else raw)
    err = info.value
    assert looks_vietnamese(err.message) and looks_vietnamese(err.hint), (err.message, err.hint)
    return err


# ---------------------------------------------------------------- resolution


@pytest.mark.parametrize(
    "written, value",
    [
        ("NO", "NO"),  # YAML 1.1 would make these booleans
        ("yes", "yes"),
        ("off", "off"),
        ("012", "012"),  # ... and this an octal 10
        ("2025-01-15", "2025-01-15"),  # ... and this a date
        ("12:30", "12:30"),  # ... and this a base-60 number
        ("1e5", "1e5"),  # no float, ever
        (".5", ".5"),
        ("5/KH-SA", "5/KH-SA"),
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("0", 0),
        ("42", 42),
        ("-3", -3),
    ],
)
def test_plain_scalars_resolve_strictly(written, value):
    got = data(f"v: {written}\n")["v"]
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("written, exact", [("1.10", "1.10"), ("0.75", "0.75"), ("-0.5", "-0.5"), ("2.0", "2.0")])
def test_decimal_points_make_exact_decimals_that_keep_their_digits(written, exact):
    got = data(f"v: {written}\n")["v"]
    assert isinstance(got, Decimal) and str(got) == exact  # "1.10" stays 1.10 (a criterion code)


def test_quoted_and_tagged_str_scalars_stay_text():
    assert data('a: "5"\nb: \'1.10\'\nc: !!str 7\nd: "true"\n') == {"a": "5", "b": "1.10", "c": "7", "d": "true"}


def test_block_scalars_and_nesting():
    assert data("a: |\n  x\n  y\nb:\n  - 1\n  - {c: d}\n") == {"a": "x\ny\n", "b": [1, {"c": "d"}]}


def test_bom_crlf_and_nfc():
    raw = "\ufeffa: Nguye\u0302\u0303n\r\nb: 2\r\n".encode("utf-8")  # decomposed ễ, as macOS may write
    parsed = parse(raw)
    assert parsed.data == {"a": "Nguyễn", "b": 2}
    assert parsed.where(("b",)) == (2, 4)


# ---------------------------------------------------------------- positions


def test_positions_of_values_and_keys():
    parsed = parse(b'unit: so-a\nscores:\n  - code: "1.1"\n    score: 1\n  - {code: "1.2", score: 0.5}\n')
    assert parsed.where(("unit",)) == (1, 7)
    assert parsed.where(("scores",)) == (3, 3)
    assert parsed.where(("scores", 0)) == (3, 5)
    assert parsed.where(("scores", 0, "score")) == (4, 12)
    assert parsed.key_where(("scores", 0, "score")) == (4, 5)
    assert parsed.where(("scores", 1, "score")) == (5, 26)


def test_position_of_a_missing_path_is_its_nearest_ancestor():
    parsed = parse(b"a:\n  b: 1\n")
    assert parsed.where(("a", "nope", 3)) == parsed.where(("a",)) == (2, 3)
    assert parsed.where(()) == (1, 1)


def test_places_given_per_path_answer_as_they_are_given():
    """A document made elsewhere (an officer's framework sheet) gives its places per path; a
    path without a key place falls back to its value's, and asking never loses the others."""
    parsed = Parsed({"a": {"b": 1}}, {(): (1, 1), ("a",): (2, 3), ("a", "b"): (4, 5)})
    assert parsed.key_where(("a", "b")) == (4, 5)
    assert parsed.where(("a", "b")) == (4, 5)
    assert parsed.where(("a", "nope")) == (2, 3)
    assert dict(parsed.key_positions) == {}


def test_key_where_falls_back_to_the_value():
    parsed = parse(b"- x\n".replace(b"- x", b"k: [x]"))
    assert parsed.key_where(("k", 0)) == parsed.where(("k", 0)) == (1, 5)


# ---------------------------------------------------------------- refusals, each with its code and place


def test_duplicate_key():
    err = refused("unit: so-a\nyear: 2025\nunit: so-b\n")
    assert (err.code, err.line, err.column) == ("yaml-duplicate-key", 3, 1)
    assert "'unit'" in err.message


def test_duplicate_key_in_a_nested_flow_mapping():
    err = refused("scores:\n  - {code: 1, code: 2}\n")
    assert (err.code, err.line) == ("yaml-duplicate-key", 2)


def test_the_same_key_in_two_mappings_is_fine():
    assert data("a: {x: 1}\nb: {x: 2}\n") == {"a": {"x": 1}, "b": {"x": 2}}


def test_tab_indentation():
    err = refused("a:\n\tb: 1\n")
    assert (err.code, err.line, err.column) == ("yaml-tab", 2, 1)


def test_alias_bomb_is_refused_before_it_expands():
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=False)
    )
    err = refused(bomb)
    assert (err.code, err.line) == ("yaml-alias", 1)


def test_alias_alone_is_refused():
    assert refused("a: *nothing\n").code == "yaml-alias"


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system [ls]\n",
        "a: !!binary aGVsbG8=\n",
        "a: !custom x\n",
        "a: !!int '5'\n",
        "a: !!set {x}\n",
    ],
)
def test_tags_other_than_str_are_refused(text):
    err = refused(text)
    assert (err.code, err.line, err.column) == ("yaml-tag", 1, 4)


@pytest.mark.parametrize(
    "text, line, wording",
    [
        ("difficulties: Khó khăn: thiếu người\n", 1, "dấu hai chấm"),
        ("a: 1\nb\nc: 2\n", 3, "dấu hai chấm"),
        ("s:\n  - a: 1\n - b: 2\n", 3, "thụt lề"),
        ("a: [1, 2\nb: 3\n", 2, "ngoặc"),
        ("a: @x\n", 1, "dấu nháy kép"),
        ('a: "x\n', 2, "dấu nháy"),
    ],
)
def test_syntax_errors_are_located_and_explained(text, line, wording):
    err = refused(text)
    assert (err.code, err.line) == ("yaml-syntax", line)
    assert wording in err.message


def test_control_character_is_located():
    err = refused("a: 1\nb: x\x1by\n")
    assert (err.code, err.line, err.column) == ("yaml-syntax", 2, 5)


def test_too_large_by_size():
    err = refused(b"a: 1\n" + b"#" * yamlfile.MAX_BYTES)
    assert err.code == "yaml-too-large" and "2,097,152" in err.message


def test_too_large_by_node_count(monkeypatch):
    # The real limit (500 000 values) is reached by files well under 2 MB ("[0,0,0,…]");
    # a smaller one here keeps the test fast.
    assert 2 * yamlfile.MAX_NODES < yamlfile.MAX_BYTES
    monkeypatch.setattr(yamlfile, "MAX_NODES", 1000)
    assert data("a: [" + "0," * 996 + "0]\n")["a"] == [0] * 997  # 1000 values: the table, 'a', the list, 997
    err = refused("a: [" + "0," * 997 + "0]\n")
    assert (err.code, err.line) == ("yaml-too-large", 1)


def test_too_deep():
    err = refused("a: " + "[" * (yamlfile.MAX_DEPTH + 1) + "]" * (yamlfile.MAX_DEPTH + 1) + "\n")
    assert (err.code, err.line) == ("yaml-too-deep", 1)


@pytest.mark.parametrize(
    "raw, line",
    [
        (b"a: 1\nb: Thi\xea\xfa\n", 2),  # windows-1258 bytes
        ("a: ế\n".encode("utf-16"), 1),  # Notepad's "Unicode"
        (b"a: 1\n\x00\x00", 2),  # a binary file
    ],
)
def test_encoding(raw, line):
    err = refused(raw)
    assert (err.code, err.line) == ("yaml-encoding", line)


def test_multiple_documents():
    err = refused("a: 1\n---\na: 2\n")
    assert (err.code, err.line) == ("yaml-multiple-documents", 2)


def test_a_leading_document_marker_is_fine():
    assert data("---\na: 1\n...\n") == {"a": 1}


@pytest.mark.parametrize("text", ["", "# chỉ có ghi chú\n", "\n\n"])
def test_empty(text):
    assert refused(text).code == "yaml-empty"


@pytest.mark.parametrize("text", ["- a\n", "chỉ một dòng chữ\n", "42\n", "null\n"])
def test_not_a_mapping(text):
    assert refused(text).code == "yaml-not-mapping"


def test_complex_key():
    err = refused("? [a, b]\n: c\n")
    assert (err.code, err.line) == ("yaml-complex-key", 1)
