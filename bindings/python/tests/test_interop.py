"""Other tools' formats through the Python API: the REDCap data dictionary equal to ``fidelity export redcap``'s,
and the hand-made REDCap raw export (tests/redcap) read by ``read_csv`` and scored as the CLI scores it."""

from __future__ import annotations

import io
import json

import fidelity_scale as fs

from conftest import REPO, cli, contains


def test_the_redcap_dictionary_is_the_clis() -> None:
    frame = fs.redcap_dictionary("seiho-shuro@1.1.0", "en")
    assert len(frame.columns) == 18 and frame.iloc[0, 0] == "record_id"
    out = io.StringIO()
    frame.to_csv(out, index=False, lineterminator="\n")
    assert out.getvalue() == cli("export", "redcap", "--bank", "seiho-shuro@1.1.0", "--lang", "en")


def test_a_redcap_export_reads_as_the_wide_layout_and_scores_as_the_cli() -> None:
    path = REPO / "tests" / "redcap" / "export.csv"
    frame = fs.read_csv(path)
    assert list(frame.columns[:4]) == ["office_id", "office_name", "period", "rater_kind"]
    assert frame.loc[0, "A-1.1"] == "" and frame.loc[0, "B-3.3"] == "na"  # UNK → unanswered, NA → na
    bank = fs.bank_for_table(frame)
    assert bank.reference == "seiho-shuro@1.1.0"
    reports = [r.to_dict() for r in bank.score_rows(frame)]
    expected = json.loads((REPO / "tests" / "redcap" / "export.expected.json").read_text(encoding="utf-8"))
    contains(expected, reports, "export")
    from_cli = json.loads(cli("score", str(path), "--format", "json"))
    assert [r["items"] for r in reports] == [r["items"] for r in from_cli]
