"""fidelity_scale: score 生活保護就労支援プログラム fidelity assessments (and any bank in the same format)
from Python. A thin layer over the Rust core ``fidelity-core``: scores, problems and reports are the core's,
identical to the ``fidelity`` CLI's.

    import fidelity_scale as fs
    report = fs.score("examples/sample-office-2025.yaml")        # with the bank version it names
    offices = pandas.read_csv("examples/offices.csv")
    frame = fs.bank_for_table(offices).score_frame(offices)      # the version its columns are written for
    change = fs.compare("examples/sample-office-2024.yaml", "examples/sample-office-2025.yaml")
    stats = fs.agreement("examples/offices-two-raters.csv")   # self vs external: kappa, ICC, alpha

``fidelity_scale.types`` holds the report and bank classes (generated from the core's JSON Schemas).

The scoring rules of the built-in bank are the project's provisional decisions: the manual publishes none.
"""

from __future__ import annotations

import json
import os
from typing import Any

from . import _native
from . import _types as types
from ._analysis import Analysis, agreement
from ._audit import Comparison, Library, Trend, Verification, compare, trend, verify
from ._bank import Bank
from ._frame import _header_and_columns, read_csv, redcap_dictionary, table_bank
from ._errors import AssessmentError, BankError, FidelityError, FidelityIOError, Problem
from ._input import AssessmentInput, as_text
from ._report import ScoreReport, plot_reports, words
from ._review import Consensus, OfficeReport, consensus, office_report

__version__: str = _native.engine_version()


def banks() -> list[tuple[str, str]]:
    """``(id, version)`` of every built-in bank, oldest version first."""
    return list(_native.banks())


def bank(reference: str = "seiho-shuro") -> Bank:
    """A built-in bank: ``"seiho-shuro"`` (latest version) or ``"seiho-shuro@1.0.0"``."""
    return Bank.builtin(reference)


def bank_for_table(data: Any, reference: str = "seiho-shuro") -> Bank:
    """The built-in bank a wide table (a DataFrame or a list of row dicts) is written for: the newest
    version of ``reference`` whose columns the table's header fits, as ``fidelity score FILE.csv`` picks it
    (a table made from the 1.0.0 template is read with 1.0.x, one from the 1.1.0 template with 1.1.0)."""
    header, _, _ = _header_and_columns(data)
    return Bank.builtin(table_bank(reference, header))


def score(assessment: AssessmentInput) -> ScoreReport:
    """Scores an assessment with the built-in bank it names (``bank:``), or the default bank."""
    text, positioned, file = as_text(assessment)
    report, reference = _native.score_declared_json(text, positioned, file)
    return ScoreReport(json.loads(report), bank(reference))


def score_excel(path: str | os.PathLike[str]) -> list[ScoreReport]:
    """Scores an Excel workbook as ``fidelity score FILE.xlsx`` does: the office template
    (``Bank.excel_template``), or a workbook whose first sheet is the wide layout (one office per row), with
    the built-in bank version it names or its columns are written for. Problems raise ``AssessmentError``,
    each with its sheet and cell (``problem.cell``, e.g. ``回答!C14``)."""
    reports, reference = _native.score_workbook_json(os.fspath(path))
    used = bank(reference)
    return [ScoreReport(json.loads(r), used) for r in reports]


def fhir_questionnaire(reference: str = "seiho-shuro") -> dict[str, Any]:
    """The FHIR R4 Questionnaire of a built-in bank version (``fidelity export fhir``): one group per item,
    ``linkId`` the element id, texts in Japanese with English translations. A QuestionnaireResponse to it is
    read by ``fs.score`` like any assessment."""
    return json.loads(_native.fhir_questionnaire_json(reference))  # type: ignore[no-any-return]


def schema(name: str) -> dict[str, Any]:
    """A JSON Schema generated from the core's types: ``bank``, ``assessment``, ``report``, ..."""
    text = _native.schema_json(name)
    if text is None:
        raise KeyError(name)
    return json.loads(text)  # type: ignore[no-any-return]


__all__ = [
    "Analysis",
    "Consensus",
    "OfficeReport",
    "consensus",
    "office_report",
    "redcap_dictionary",
    "fhir_questionnaire",
    "score_excel",
    "AssessmentError",
    "AssessmentInput",
    "Bank",
    "BankError",
    "Comparison",
    "Library",
    "Trend",
    "Verification",
    "agreement",
    "compare",
    "FidelityError",
    "FidelityIOError",
    "Problem",
    "ScoreReport",
    "bank",
    "banks",
    "plot_reports",
    "read_csv",
    "bank_for_table",
    "schema",
    "score",
    "trend",
    "types",
    "verify",
    "words",
]
