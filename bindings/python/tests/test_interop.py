"""Other tools' formats through the Python API: the REDCap data dictionary equal to ``fidelity export redcap``'s,
and the hand-made REDCap raw export (tests/redcap) read by ``read_csv`` and scored as the CLI scores it."""

from __future__ import annotations

import io
import json
from typing import Any

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


# -- Excel -------------------------------------------------------------------------------------------------

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest


def _fill(template: Path, target: Path, answers: dict[str, str | int], office: dict[str, str]) -> Path:
    """Fills the template as an office would: answers in column C by the id in column A, the office sheet."""
    book = openpyxl.load_workbook(template)
    sheet, office_sheet = book.worksheets[0], book.worksheets[1]
    for row in sheet.iter_rows(min_row=2):
        key = str(row[0].value)
        if key in answers:
            row[2].value = answers[key]
    for row in office_sheet.iter_rows():
        key = str(row[0].value)
        if key in office:
            row[2].value = office[key]
    book.save(target)
    return target


ANSWERS: dict[str, str | int] = {"A-6.1": "達成", "A-6.2": "達成", "A-6.3": "達成", "A-6.4": "未達成", "B-3.1": "達成",
                              "B-3.2": "未達成", "B-3.3": "該当なし", "B-3.4": "該当なし",
                              "B-1.6:new_users_past_year": 11, "B-1.6:capacity": 20}
OFFICE = {"office_id": "99001", "office_name": "サンプル市福祉事務所", "period": "2026", "rater_kind": "外部評価",
          "rater_name": "評価者A", "rater_date": "2026-09-01"}
# The same answers as YAML: A-6 3/4 → 4; B-3 1/2 (two na) → 3; B-1.6 11 ≥ 10 met.
YAML = """bank: seiho-shuro@1.1.0
office: {id: "99001", name: "サンプル市福祉事務所"}
period: "2026"
rater: {kind: external, name: "評価者A", date: "2026-09-01"}
answers: {A-6.1: true, A-6.2: true, A-6.3: true, A-6.4: false, B-3.1: true, B-3.2: false, B-3.3: na, B-3.4: na,
          B-1.6: {new_users_past_year: 11, capacity: 20}}
"""


def test_the_excel_template_filled_in_scores_as_the_same_answers_in_yaml(tmp_path: Path) -> None:
    template = fs.bank("seiho-shuro@1.1.0").excel_template(tmp_path / "template.xlsx")
    with pytest.raises(FileExistsError):
        fs.bank().excel_template(template)
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["回答", "事務所", "説明"] and book["回答"].protection.sheet
    filled = _fill(template, tmp_path / "office.xlsx", ANSWERS, OFFICE)
    [report] = fs.score_excel(filled)
    assert report.to_dict()["items"] == fs.score(YAML).to_dict()["items"]
    assert json.loads(cli("score", str(filled), "--format", "json"))[0] == report.to_dict()
    # English: the same answers in the English template's words.
    en = fs.bank("seiho-shuro@1.1.0").excel_template(tmp_path / "en.xlsx", "en")
    words = {"達成": "met", "未達成": "not met", "該当なし": "not applicable"}
    english = {k: words.get(v, v) if isinstance(v, str) else v for k, v in ANSWERS.items()}
    filled_en = _fill(en, tmp_path / "office-en.xlsx", english, {**OFFICE, "rater_kind": "external review"})
    assert fs.score_excel(filled_en)[0].to_dict()["items"] == report.to_dict()["items"]


def test_a_wide_workbook_from_pandas_scores_as_its_csv(tmp_path: Path) -> None:
    frame = fs.read_csv(REPO / "examples" / "offices.csv")
    path = tmp_path / "offices.xlsx"
    frame.to_excel(path, index=False)
    reports = fs.score_excel(path)
    from_csv = json.loads(cli("score", str(REPO / "examples" / "offices.csv"), "--format", "json"))
    assert [r.to_dict()["items"] for r in reports] == [r["items"] for r in from_csv]


def test_an_edited_workbook_gets_its_sheet_and_cell(tmp_path: Path) -> None:
    template = fs.bank("seiho-shuro@1.1.0").excel_template(tmp_path / "template.xlsx")
    filled = _fill(template, tmp_path / "office.xlsx", ANSWERS, OFFICE)

    def problems_of(edit: object) -> list[tuple[str, str | None]]:
        book = openpyxl.load_workbook(filled)
        edit(book)  # type: ignore[operator]
        path = tmp_path / f"edited-{len(list(tmp_path.iterdir()))}.xlsx"
        book.save(path)
        with pytest.raises(fs.AssessmentError) as raised:
            fs.score_excel(path)
        return [(p.code, p.cell) for p in raised.value.problems]

    def cell_of(book: openpyxl.Workbook, key: str) -> Any:
        return next(r[2] for r in book["回答"].iter_rows() if r[0].value == key)

    def wrong_word(book: openpyxl.Workbook) -> None:
        cell_of(book, "A-6.2").value = "たぶん"

    def a_formula(book: openpyxl.Workbook) -> None:
        cell_of(book, "A-6.1").value = '=IF(1=1,"達成","未達成")'

    def a_date(book: openpyxl.Workbook) -> None:
        import datetime

        cell_of(book, "B-1.6:capacity").value = datetime.date(2026, 1, 20)

    def merged(book: openpyxl.Workbook) -> None:
        book["回答"].merge_cells("C3:C4")

    def renamed(book: openpyxl.Workbook) -> None:
        book["回答"].title = "answers (copy)"

    row_of = {r[0].value: r[0].row for r in openpyxl.load_workbook(filled)["回答"].iter_rows()}
    assert problems_of(wrong_word) == [("wrong_type", f"回答!C{row_of['A-6.2']}")]
    assert problems_of(a_formula) == [("wrong_type", f"回答!C{row_of['A-6.1']}")]
    assert problems_of(a_date) == [("wrong_type", f"回答!C{row_of['B-1.6:capacity']}")]
    assert problems_of(merged) == [("wrong_type", "回答!C3")]
    # A renamed answers sheet is no longer the template: its first sheet is read as a wide table and refused.
    assert ("missing_field", "answers (copy)!A1") in problems_of(renamed)

    # Rows moved: the answers are found by their ids, and score the same.
    book = openpyxl.load_workbook(filled)
    sheet = book["回答"]
    sheet.move_range(f"A{row_of['A-6.1']}:D{row_of['A-6.4']}", rows=200, cols=0)
    moved = tmp_path / "moved.xlsx"
    book.save(moved)
    assert fs.score_excel(moved)[0].to_dict()["items"] == fs.score(YAML).to_dict()["items"]


def test_libreoffice_opens_the_template_and_its_saved_workbook_scores(tmp_path: Path) -> None:
    # Debian's libreoffice-calc-nogui, which tests/run-all.sh installs: its absence fails (never a skip).
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: tests/run-all.sh installs libreoffice-calc-nogui"
    template = fs.bank("seiho-shuro@1.1.0").excel_template(tmp_path / "template.xlsx")
    filled = _fill(template, tmp_path / "office.xlsx", ANSWERS, OFFICE)
    # LibreOffice reads the workbook (to CSV: the first sheet) and saves it as its own .xlsx.
    outdir = tmp_path / "lo"
    env = {**__import__("os").environ, "HOME": str(tmp_path)}
    for target in ("csv", "xlsx"):
        subprocess.run([soffice, "--headless", "--convert-to", target, "--outdir", str(outdir), str(filled)],
                       check=True, capture_output=True, timeout=180, env=env)
    csv_text = (outdir / "office.csv").read_text(encoding="utf-8", errors="replace")
    assert csv_text.startswith("ID,") and "A-6.1" in csv_text
    [report] = fs.score_excel(outdir / "office.xlsx")
    assert report.to_dict()["items"] == fs.score(YAML).to_dict()["items"]


def test_libreoffice_fills_the_template_in_and_it_scores_as_the_same_answers_in_yaml(tmp_path: Path) -> None:
    """LibreOffice Calc itself fills the template in (`lo_fill.py`, driven through Debian's python3-uno: the
    drop-down's words typed in the answer cells, the figures as numbers, the office sheet) and saves it; the
    workbook it saved scores as the same answers in YAML."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: tests/run-all.sh installs libreoffice-calc-nogui"
    assert Path("/usr/bin/python3").exists(), "Debian's python3 (with python3-uno) is missing"
    template = fs.bank("seiho-shuro@1.1.0").excel_template(tmp_path / "template.xlsx")
    spec = tmp_path / "fill.json"
    spec.write_text(json.dumps({"answers": ANSWERS, "office": OFFICE}, ensure_ascii=False), encoding="utf-8")
    filled = tmp_path / "filled-by-libreoffice.xlsx"
    subprocess.run(["/usr/bin/python3", str(Path(__file__).with_name("lo_fill.py")), soffice, str(template), str(filled), str(spec)],
                   check=True, capture_output=True, timeout=180)
    [report] = fs.score_excel(filled)
    assert report.to_dict()["items"] == fs.score(YAML).to_dict()["items"]
    assert (report.office.id, report.rater.kind, report.rater.name) == ("99001", "external", "評価者A")


# -- FHIR --------------------------------------------------------------------------------------------------

def test_the_fhir_questionnaire_and_a_response_are_valid_r4_and_score_as_yaml(tmp_path: Path) -> None:
    from fhir.resources.R4B.questionnaire import Questionnaire
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    questionnaire = json.loads(cli("export", "fhir", "--bank", "seiho-shuro@1.1.0"))
    assert fs.fhir_questionnaire("seiho-shuro@1.1.0") == questionnaire
    q = Questionnaire.model_validate(questionnaire)
    assert (q.url, q.version) == ("urn:fidelity:questionnaire:seiho-shuro", "1.1.0")
    response_path = REPO / "tests" / "fhir" / "response.json"
    response = QuestionnaireResponse.model_validate(json.loads(response_path.read_text(encoding="utf-8")))
    assert response.questionnaire == f"{q.url}|{q.version}"
    # Every question the response answers is one the Questionnaire asks.
    def links(items: Any) -> set[str]:
        return {i["linkId"] for i in items} | {l for i in items for l in links(i.get("item", []))}
    answered = links(json.loads(response_path.read_text(encoding="utf-8"))["item"])
    assert answered <= links(questionnaire["item"])
    from_fhir = json.loads(cli("score", str(response_path), "--format", "json"))
    from_yaml = fs.score(REPO / "tests" / "fhir" / "response.yaml").to_dict()
    assert from_fhir["items"] == from_yaml["items"]
    # Python reads a response as it reads an assessment, with the version its Questionnaire names.
    assert fs.score(response_path).to_dict() == from_fhir
