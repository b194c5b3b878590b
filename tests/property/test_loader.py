"""Property-based tests of the strict YAML loader: it never crashes, it reads back what a
YAML writer wrote, and what Windows or macOS editors add changes nothing."""

from __future__ import annotations

import contextlib
import unicodedata

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.load.yamlfile import Parsed, YamlError, parse, place

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), blacklist_characters="\ufeff\u2028\u2029\x85"),
    max_size=30,
).map(lambda s: unicodedata.normalize("NFC", s))
_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10**12), 10**12), _text)
_keys = _text.filter(lambda k: k.strip() == k and k != "")
_data = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=25,
)
_documents = st.dictionaries(_keys, _data, min_size=1, max_size=5)


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_give_data_or_a_finding(raw):
    try:
        parsed = parse(raw)
    except YamlError as exc:
        assert exc.code.startswith("yaml-") and exc.message and exc.hint
    else:
        assert isinstance(parsed, Parsed) and isinstance(parsed.data, dict)


@FAST
@given(st.text(max_size=300))
def test_any_text_gives_data_or_a_finding(text):
    with contextlib.suppress(YamlError):
        parse(text.encode("utf-8", "surrogatepass"))


@FAST
@given(_documents, st.booleans())
def test_reads_back_what_a_yaml_writer_wrote(data, flow):
    raw = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, sort_keys=False).encode("utf-8")
    parsed = parse(raw)
    assert parsed.data == data
    lines = raw.count(b"\n") + 1
    assert all(1 <= line <= lines and column >= 1 for line, column in map(place, parsed.positions.values()))


@FAST
@given(_documents, st.booleans())
def test_the_marks_the_reader_keeps_place_every_path_as_a_place_per_path_would(data, flow):
    """The reader keeps marks beside the containers; asked for a path (one that is there, or
    one under it that is not), they answer as a place per path answers."""
    raw = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, sort_keys=False).encode("utf-8")
    parsed = parse(raw)
    per_path = Parsed(parsed.data, dict(parsed.positions), dict(parsed.key_positions))
    for path in parsed.positions:
        for asked in (path, (*path, "không có"), (*path, 99), (*path, -1)):
            assert parsed.where(asked) == per_path.where(asked)
            assert parsed.key_where(asked) == per_path.key_where(asked)


@FAST
@given(_documents)
def test_bom_crlf_and_nfd_change_nothing(data):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    plain = parse(text.encode("utf-8")).data
    windows = parse(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")).data
    macos = parse(unicodedata.normalize("NFD", text).encode("utf-8")).data
    assert plain == windows == macos == data


@FAST
@given(st.integers(1, 30), st.sampled_from(["[", "{", "- "]))
def test_nesting_is_capped_without_recursion(depth, opener):
    if opener == "- ":
        text = "a:\n" + "".join("  " * i + "- \n" for i in range(depth * 3))
    else:
        closer = {"[": "]", "{": "}"}[opener]
        text = "a: " + (opener if opener == "[" else "{b: ") * (depth * 3) + "1" + (closer * depth * 3) + "\n"
    try:
        parse(text.encode())
    except YamlError as exc:
        assert exc.code in ("yaml-too-deep", "yaml-syntax")


def _resolved_by_the_rules(value: str) -> object:
    """The loader's plain-scalar rules, stated on their own: null, booleans, integers, decimals,
    otherwise the text as written."""
    import re
    from decimal import Decimal

    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if re.fullmatch(r"[-+]?(0|[1-9][0-9]*)", value):
        return int(value)
    if re.fullmatch(r"[-+]?(0|[1-9][0-9]*)\.[0-9]+", value):
        return Decimal(value)
    return value


_PLAIN = st.text(st.sampled_from("0123456789+-.~eEnNtTfFuralsxyz _"), max_size=8) | st.sampled_from(
    [
        "",
        "~",
        "null",
        "Null",
        "NULL",
        "nULL",
        "true",
        "True",
        "TRUE",
        "tRUE",
        "false",
        "FALSE",
        "-0",
        "+1.50",
        "012",
        ".5",
    ]
)


@settings(max_examples=400, deadline=None)
@given(_PLAIN | _text)
def test_a_plain_scalar_resolves_by_the_rules(value):
    from cchc.load.yamlfile import _resolve

    got, expected = _resolve(value), _resolved_by_the_rules(value)
    assert type(got) is type(expected) and got == expected
