"""The data files' JSON (cchc.publish.data._dumps, written by msgspec) is what the standard
library writes with the same settings, byte for byte, for any document of the kinds the data
files hold: any text (control characters, quotes, markup, every plane), integers of any size,
booleans and null, in lists and objects."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc import validation
from cchc.publish import data
from cchc.publish.data import _dumps
from cchc.score import results as results_mod

REPO = Path(__file__).resolve().parents[2]  # the sample province

TEXT = st.text(st.characters(exclude_categories=["Cs"]))  # no lone surrogates: no UTF-8 for them
SCALARS = st.none() | st.booleans() | st.integers() | TEXT
DOCUMENTS = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=6) | st.dictionaries(TEXT, inner, max_size=6), max_leaves=40
)


@settings(max_examples=500, deadline=None)
@given(DOCUMENTS)
def test_the_json_is_the_standard_librarys(document):
    assert _dumps(document) == json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def test_the_characters_json_escapes():
    text = "".join(chr(i) for i in range(0x20)) + "\"\\/\x7f\u2028\u2029</script>&<>'\ufeff\U0001f600"
    assert _dumps({text: [text]}) == json.dumps({text: [text]}, ensure_ascii=False, separators=(",", ":"))


def test_ket_qua_json_written_a_row_at_a_time_is_the_whole_documents_json():
    """ket-qua.json is written in pieces (a row at a time); joined, they are the compact JSON
    of one document, as the standard library writes it: every group, with one row, several,
    or none."""
    repo = validation.validate(REPO).repo
    results = results_mod.compute(repo)
    groups = [g for y in results.years for g in y.groups]
    assert {len(g.rows) > 1 for g in groups} == {True}
    emptied = dataclasses.replace(groups[0], rows=())
    single = dataclasses.replace(groups[1], rows=groups[1].rows[:1])
    first = dataclasses.replace(results.years[0], groups=(emptied, single, *results.years[0].groups[2:]))
    for case in (results, dataclasses.replace(results, years=(first, *results.years[1:]))):
        text = data.to_json(case)
        assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")) + "\n"
        assert sum(len(g["units"]) for y in json.loads(text)["years"] for g in y["groups"]) == sum(
            len(g.rows) for y in case.years for g in y.groups
        )
