"""Property test: the fast schema path (jsonschema-rs) and jsonschema agree on valid/invalid.

The loader asks jsonschema-rs for the yes/no answer and only walks an invalid document with
jsonschema for the located Vietnamese findings. If the two ever disagreed, an invalid file
could pass unseen (rs says valid) or a valid one could fail with no finding (rs says invalid,
jsonschema finds nothing). Documents are real files of the sample province, mutated at random
the way a clerk's typing would: a key dropped or added, a value replaced by another type, a
date or a code mistyped.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from minirepo import REPO_ROOT

from cchc.load import schema
from cchc.load.yamlfile import parse

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SAMPLES = {
    "province": REPO_ROOT / "province.yaml",
    "units": next((REPO_ROOT / "units").glob("*.yaml")),
    "plan": next((REPO_ROOT / "plans").glob("*.yaml")),
    "framework": next((REPO_ROOT / "criteria").glob("*/*.yaml")),
    "survey": next((REPO_ROOT / "surveys").glob("*.yaml")),
    "self-assessment": next((REPO_ROOT / "submissions").glob("*/*/self-assessment.yaml")),
    "appraisal": next((REPO_ROOT / "submissions").glob("*/*/appraisal.yaml")),
    "explanation": next((REPO_ROOT / "submissions").glob("*/*/explanation.yaml")),
}


def _load(path: Path) -> Any:
    return parse(path.read_bytes()).data


DOCUMENTS = {name: _load(path) for name, path in SAMPLES.items()}

_replacements = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 200),
    st.sampled_from([Decimal("0.5"), Decimal("-1"), Decimal("1e3")]),
    st.sampled_from(
        [
            "",
            "1.1",
            "1.10",
            "x",
            "2025-13-45T00:00:00+07:00",
            "2025-01-15T08:00:00+07:00",
            "so-tu-phap",
            "Sở Tư pháp",
            "15/01/2025",
            "K/AD",
            "23:59:60",
        ]
    ),
    st.just([]),
    st.just({}),
    st.just({"x": 1}),
)


def _paths(doc: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside ``doc`` (keys and indexes)."""
    out = [prefix]
    if isinstance(doc, dict):
        for key, value in doc.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            out += _paths(value, (*prefix, i))
    return out


def _copy(doc: Any) -> Any:
    if isinstance(doc, dict):
        return {k: _copy(v) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_copy(v) for v in doc]
    return doc


def _mutate(doc: Any, path: tuple, how: str, value: Any) -> Any:
    doc = _copy(doc)
    if not path:
        return value if how == "replace" else doc
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "drop":
        del parent[last]
    elif how == "add" and isinstance(parent, dict):
        parent["truong-la"] = value
    elif how == "add" and isinstance(parent, list):
        parent.append(value)
    else:
        parent[last] = value
    return doc


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    name = draw(st.sampled_from(sorted(DOCUMENTS)))
    doc = DOCUMENTS[name]
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(doc)))
        how = draw(st.sampled_from(["replace", "drop", "add"]))
        doc = _mutate(doc, path, how, draw(_replacements))
    return name, doc


def test_the_samples_are_valid_for_both() -> None:
    for name, doc in DOCUMENTS.items():
        assert schema.fast_validator(name).is_valid(doc), name
        assert schema.validator(name).is_valid(doc), name


@FAST
@given(mutated())
def test_fast_and_full_validators_agree(case: tuple[str, Any]) -> None:
    name, doc = case
    fast = schema.fast_validator(name).is_valid(doc)
    full = schema.validator(name).is_valid(doc)
    assert fast == full, (name, doc)
