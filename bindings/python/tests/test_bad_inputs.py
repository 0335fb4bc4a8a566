"""The shared bad-input corpus (tests/bad-inputs): Python reports the same codes, paths and positions as
Rust, as data from validate() and as exceptions from score()."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest

import fidelity_scale as fs

from conftest import expected_for, files

INPUTS = [*files("tests/bad-inputs", "yaml"), *files("tests/bad-inputs", "json"), *files("tests/bad-inputs", "csv")]
BANK = fs.bank("seiho-shuro@1.0.0")


def test_corpus_is_there() -> None:
    assert len(INPUTS) >= 60


def _match(expected: list[dict[str, object]], actual: list[fs.Problem]) -> None:
    left = list(actual)
    for e in expected:
        hit = next(
            (
                p
                for p in left
                if p.code == e["code"]
                and p.path == e["path"]
                and e.get("line", p.line) == p.line
                and e.get("column", p.column) == p.column
                and e.get("element", p.element) == p.element
            ),
            None,
        )
        assert hit is not None, f"expected but not reported: {e}; reported: {[str(p) for p in actual]}"
        left.remove(hit)
    assert not left, f"reported but not expected: {[str(p) for p in left]}"


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_bad_input(path: Path) -> None:
    expected = expected_for(path)["problems"]
    if path.suffix == ".csv":
        problems = BANK.validate_frame(fs.read_csv(path))
    else:
        problems = BANK.validate(path)
        with pytest.raises(fs.AssessmentError) as raised:
            BANK.score(path)
        assert raised.value.code == expected[0]["code"] or any(p.code == expected[0]["code"] for p in raised.value.problems)
        assert [p.to_dict() for p in raised.value.problems] == [p.to_dict() for p in problems]
        assert all(p.file == str(path) for p in problems)
    _match(expected, problems)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_problems_are_told_as_the_cli_tells_them(lang: Literal["ja", "en"]) -> None:
    """Each YAML/JSON input's problems, told in Japanese or English, are the lines `fidelity validate --lang`
    prints, character for character: one catalogue of messages for every interface."""
    import subprocess

    from conftest import REPO, cli_path

    told = 0
    for path in INPUTS:
        if path.suffix == ".csv":
            continue
        rel = path.relative_to(REPO)
        with pytest.raises(fs.AssessmentError) as raised:
            BANK.score(path)
        done = subprocess.run(
            [str(cli_path()), "validate", str(rel), "--bank", "seiho-shuro@1.0.0", "--lang", lang],
            capture_output=True,
            text=True,
            cwd=REPO,
        )
        assert done.returncode == 1, done.stderr
        ours = raised.value.to_text(lang).replace(str(path), str(rel))
        assert ours == done.stderr.rstrip("\n"), path.name
        told += 1
    assert told >= 40
