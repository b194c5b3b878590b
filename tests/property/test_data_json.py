"""The data files' JSON (cchc.publish.data._dumps, written by msgspec) is what the standard
library writes with the same settings, byte for byte, for any document of the kinds the data
files hold: any text (control characters, quotes, markup, every plane), integers of any size,
booleans and null, in lists and objects."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.publish.data import _dumps

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
