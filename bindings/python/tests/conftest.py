"""Shared by the Python suite: where the repository's test data is, the Rust CLI to compare against, and
the expected-JSON matcher every runner implements the same way (tests/README.md)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

import fidelity_scale as fs

REPO = Path(__file__).resolve().parents[3]

EXAMPLES_BANK = "seiho-shuro@1.0.0"
"""The bank version the bundled examples and the conformance vectors name (the newest is a later patch)."""


def cli_path() -> Path:
    """The `fidelity` CLI built by the test command (tests/run-all.sh); its absence is a failure, not a skip."""
    path = Path(os.environ.get("FIDELITY_CLI", REPO / "target" / "debug" / "fidelity"))
    if not path.exists():
        pytest.fail(f"{path} is missing: build it with `cargo build -p fidelity-cli` (tests/run-all.sh does)")
    return path


def cli(*args: str) -> str:
    done = subprocess.run([str(cli_path()), *args], capture_output=True, text=True, cwd=REPO)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def files(folder: str, ext: str) -> list[Path]:
    return sorted(p for p in (REPO / folder).glob(f"*.{ext}") if not p.name.endswith(".expected.json"))


def expected_for(path: Path) -> Any:
    return json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))


def bank_for(reference: str) -> fs.Bank:
    """A built-in bank, or a test bank under tests/banks/<id>/<version>."""
    try:
        return fs.bank(reference)
    except fs.BankError:
        bank_id, version = reference.split("@")
        return fs.Bank.from_path(REPO / "tests" / "banks" / bank_id / version)


def contains(expected: Any, actual: Any, path: str = "report") -> None:
    """Every key of an expected object must match; arrays match element-wise with equal lengths; numbers
    compare by value; a string "a/b" where a number is found means the quotient a / b, and "≈x" (x a decimal
    or a/b) within 1e-12 of x (relative above 1)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected an object, found {actual!r}"
        for k, v in expected.items():
            assert k in actual, f"{path}.{k}: missing in the report"
            contains(v, actual[k], f"{path}.{k}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), f"{path}: expected {len(expected)} entries"
        for i, (e, a) in enumerate(zip(expected, actual)):
            contains(e, a, f"{path}[{i}]")
    elif isinstance(expected, str) and expected.startswith("≈") and isinstance(actual, (int, float)):
        text = expected[1:]
        want = int(text.split("/")[0]) / int(text.split("/")[1]) if "/" in text else float(text)
        assert abs(actual - want) <= 1e-12 * max(1.0, abs(want)), f"{path}: expected {expected} = {want}, found {actual}"
    elif isinstance(expected, str) and "/" in expected and isinstance(actual, (int, float)) and not isinstance(actual, bool):
        a, b = expected.split("/")
        assert actual == int(a) / int(b), f"{path}: expected {expected}, found {actual}"
    else:
        assert expected == actual, f"{path}: expected {expected!r}, found {actual!r}"
