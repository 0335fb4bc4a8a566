"""Scoring properties through the Python API (hypothesis), as the Rust property tests check them in the core:
on random valid assessments, scores stay 1..5 or None, meeting one more element never lowers an item's score,
and the order answers are given in never matters."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import fidelity_scale as fs

BANK = fs.bank("seiho-shuro@1.0.0")


def _answer(element: fs.types.Element) -> st.SearchStrategy[Any]:
    forms: list[st.SearchStrategy[Any]] = [st.booleans()]
    c = element.criterion
    if isinstance(c, fs.types.CriterionOptions):
        keys = [o.key for o in c.options]
        forms.append(st.lists(st.sampled_from(keys), unique=True))
    if isinstance(c, fs.types.CriterionFigure):
        forms.append(st.fixed_dictionaries({i.key: st.integers(min_value=i.min, max_value=i.min + 40) for i in c.inputs}))
    return st.one_of(*forms)


answers = st.fixed_dictionaries({}, optional={e.id: _answer(e) for e in BANK.elements})


def _assessment(a: dict[str, Any]) -> dict[str, Any]:
    return {"office": {"id": "1"}, "period": "2025", "rater": {"kind": "self"}, "answers": a}


@settings(max_examples=150, deadline=None)
@given(answers)
def test_scores_stay_in_range_and_order_does_not_matter(a: dict[str, Any]) -> None:
    report = BANK.score(_assessment(a))
    assert all(i.score is None or 1 <= i.score <= 5 for i in report.items)
    shuffled = {k: (list(reversed(v)) if isinstance(v, list) else v) for k, v in reversed(list(a.items()))}
    assert BANK.score(_assessment(shuffled)).to_dict() == report.to_dict()


@settings(max_examples=100, deadline=None)
@given(answers, st.data())
def test_meeting_one_more_element_never_lowers_a_score(a: dict[str, Any], data: st.DataObject) -> None:
    unmet = [k for k, v in a.items() if v is False]
    if not unmet:
        return
    element = data.draw(st.sampled_from(unmet))
    before = BANK.score(_assessment(a))
    after = BANK.score(_assessment({**a, element: True}))
    for x, y in zip(before.items, after.items):
        if x.score is not None:
            assert y.score is not None and y.score >= x.score, (element, x.id)
