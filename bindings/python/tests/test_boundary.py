"""Across the boundary: whatever a caller passes, Python sees a FidelityError (or a TypeError for a value that
is no assessment at all), never a PanicException or a crash, and the module keeps working afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fidelity_scale as fs

from conftest import REPO

BANK = fs.bank("seiho-shuro@1.0.0")
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=30,
)
element_ids = st.sampled_from([e.id for e in BANK.elements] + ["A-9.9", "", "answers"])
assessments = st.fixed_dictionaries(
    {},
    optional={
        "office": st.one_of(json_values, st.fixed_dictionaries({"id": json_values})),
        "period": json_values,
        "rater": st.one_of(json_values, st.fixed_dictionaries({"kind": st.sampled_from(["self", "external", "x"])})),
        "answers": st.dictionaries(element_ids, json_values, max_size=8),
        "bank": json_values,
    },
)


def _only_fidelity_errors(value: Any) -> None:
    try:
        BANK.score(value)
    except fs.FidelityError as e:
        assert e.problems and all(p.code for p in e.problems)
    problems = BANK.validate(value)
    assert all(isinstance(p, fs.Problem) for p in problems)


@settings(max_examples=300, deadline=None)
@given(assessments)
def test_random_assessment_dicts(value: dict[str, Any]) -> None:
    _only_fidelity_errors(value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_random_text(value: str) -> None:
    if "\n" not in value and len(value) < 4096:
        value += "\n"  # a one-line string may name a file; keep this test to text
    _only_fidelity_errors(value)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(BANK.template_columns[:12] + ["memo"]), json_values, max_size=6), max_size=5))
def test_random_tables(rows: list[dict[str, Any]]) -> None:
    try:
        out = BANK.score_frame(rows)
    except fs.FidelityError as e:
        assert e.problems
    else:
        assert len(out) == len(rows)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_bytes_are_a_type_error(value: bytes) -> None:
    with pytest.raises(TypeError):
        BANK.score(value)  # type: ignore[arg-type]


def test_still_works_afterwards() -> None:
    assert BANK.score(REPO / "examples" / "sample-office-2025.yaml").level == "moderate"
