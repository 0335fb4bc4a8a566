"""The hostile corpus (tests/hostile): inputs built to exhaust a reader are refused with exactly their expected
problems through the Python API — workbooks by ``fs.score_excel``, a QuestionnaireResponse by ``fs.score``,
REDCap exports by ``fs.read_csv`` and ``validate_frame`` — as the Rust suite and the CLI refuse them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import fidelity_scale as fs

from conftest import REPO

HOSTILE = sorted(p for p in (REPO / "tests" / "hostile").iterdir() if p.suffix in (".xlsx", ".json", ".csv") and not p.name.endswith(".expected.json"))


def test_the_corpus_is_there() -> None:
    assert len(HOSTILE) == 6


def _problems(path: Path) -> list[fs.Problem]:
    if path.suffix == ".csv":
        frame = fs.read_csv(path)
        return fs.bank_for_table(frame).validate_frame(frame)
    with pytest.raises(fs.FidelityError) as raised:
        if path.suffix == ".xlsx":
            fs.score_excel(path)
        else:
            fs.score(path)
    return raised.value.problems


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_a_hostile_input_is_refused_with_its_problems(path: Path) -> None:
    expected: list[dict[str, Any]] = json.loads(path.with_name(path.stem + ".expected.json").read_text())["problems"]
    problems = _problems(path)
    assert len(problems) == len(expected), [str(p) for p in problems]
    for e, p in zip(expected, problems):
        got = p.to_dict()
        assert {k: got.get(k) for k in e} == e, str(p)
        assert len(p.message) < 400 and len(p.message_ja) < 400
