"""The shared conformance vectors (tests/conformance): the Python report must equal the Rust CLI's JSON
exactly, and contain the hand-worked expectation."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pandas as pd
import pytest

import fidelity_scale as fs

from conftest import EXAMPLES_BANK, REPO, bank_for, cli, contains, expected_for, files

YAML_VECTORS = files("tests/conformance", "yaml")
CSV_VECTORS = files("tests/conformance", "csv")


def test_vectors_are_there() -> None:
    assert len(YAML_VECTORS) >= 12 and CSV_VECTORS


@pytest.mark.parametrize("path", YAML_VECTORS, ids=lambda p: p.stem)
def test_yaml_vector(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    reference = fs._native.declared_bank(text)
    bank = bank_for(reference)
    report = bank.score(path)
    contains(expected_for(path), report.to_dict())
    args = ["score", str(path), "--format", "json"]
    if bank.id != "seiho-shuro":
        args += ["--bank-dir", str(REPO / "tests" / "banks" / bank.id / bank.version)]
    assert report.to_dict() == json.loads(cli(*args))


@pytest.mark.parametrize("path", CSV_VECTORS, ids=lambda p: p.stem)
def test_csv_vector_reports(path: Path) -> None:
    bank = fs.bank(EXAMPLES_BANK)
    reports = bank.score_rows(fs.read_csv(path))
    contains(expected_for(path), [r.to_dict() for r in reports], "rows")
    assert [r.to_dict() for r in reports] == json.loads(cli("score", str(path), "--bank", EXAMPLES_BANK, "--format", "json"))


def _cli_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(cli("score", str(path), "--bank", EXAMPLES_BANK, "--format", "csv"))))


def _same(frame_value: object, cli_value: str) -> bool:
    if frame_value is None or frame_value is pd.NA or (isinstance(frame_value, float) and math.isnan(frame_value)):
        return cli_value == ""
    if isinstance(frame_value, float):
        return cli_value != "" and float(cli_value) == frame_value
    return str(frame_value) == cli_value


@pytest.mark.parametrize("path", [*CSV_VECTORS, REPO / "examples" / "offices.csv"], ids=lambda p: p.stem)
@pytest.mark.parametrize("reader", ["text", "pandas-default"])
def test_score_frame_equals_cli_csv(path: Path, reader: str) -> None:
    """score_frame gives the CLI's CSV output, cell for cell, whether cells arrive as text or as pandas'
    numbers and NaN."""
    bank = fs.bank(EXAMPLES_BANK)
    frame = fs.read_csv(path) if reader == "text" else pd.read_csv(path)
    out = bank.score_frame(frame)
    rows = _cli_csv(path)
    assert list(out.columns) == list(rows[0].keys())
    for i, row in enumerate(rows):
        for column in bank._native.output_columns()[4:]:
            got = out.iloc[i][column]
            assert _same(None if got is pd.NA else got, row[column]), f"row {i} {column}: {got!r} vs {row[column]!r}"
