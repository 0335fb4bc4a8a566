"""The Python types come from the core's schemas: the generated module is current, and every report field
the core emits is declared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import fidelity_scale as fs
from fidelity_scale import _types
from fidelity_scale._record import Record

from conftest import EXAMPLES_BANK, REPO

HERE = Path(__file__).resolve().parents[1]


def test_generated_types_are_current() -> None:
    done = subprocess.run([sys.executable, str(HERE / "tools" / "gen_types.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_installed_package_has_the_current_types() -> None:
    assert Path(_types.__file__).read_text(encoding="utf-8") == (HERE / "python" / "fidelity_scale" / "_types.py").read_text(encoding="utf-8")


def test_every_report_field_is_declared() -> None:
    report = fs.bank(EXAMPLES_BANK).score(REPO / "examples" / "sample-office-2025.yaml")

    def walk(record: object) -> None:
        if isinstance(record, Record):
            declared = type(record).__annotations_all__()
            assert set(record._data) <= declared, (type(record).__name__, set(record._data) - declared)
            for key in record._data:
                walk(getattr(record, key))
        elif isinstance(record, list):
            for v in record:
                walk(v)

    walk(report)
