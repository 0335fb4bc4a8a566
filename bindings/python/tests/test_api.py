"""The Python API as a researcher uses it: banks, reports, errors, batches, templates, HTML and plots."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import fidelity_scale as fs

from conftest import EXAMPLES_BANK, REPO, cli, cli_path

EXAMPLE = REPO / "examples" / "sample-office-2025.yaml"


def test_banks_and_bank_content() -> None:
    assert [v for b, v in fs.banks() if b == "seiho-shuro"] == ["1.0.0", "1.0.1", "1.1.0"]
    assert fs.bank("seiho-shuro") == fs.bank("seiho-shuro@1.1.0")  # the newest
    bank = fs.bank("seiho-shuro@1.0.1")
    assert bank.scoring_digest == fs.bank("seiho-shuro@1.0.0").scoring_digest  # a patch release: texts only
    # ... so it scores an assessment written for 1.0.0, and says it scored it; 1.1.0 scores differently
    assert bank.score(EXAMPLE).bank.version == "1.0.1"
    with pytest.raises(fs.AssessmentError) as refused:
        fs.bank().score(EXAMPLE)
    assert refused.value.code == "bank_mismatch"
    # the glossary and the item texts, in both languages, as `fidelity items` prints them
    staff = next(g for g in bank.glossary if g.id == "employment_support_staff")
    assert (staff.term.ja, staff.term.en, staff.source) == ("就労支援スタッフ", "employment support staff", "3.3")
    support = bank.item("A-3").support
    assert support is not None and support.en and support.ja.startswith("就労支援スタッフは")
    assert any(n.kind == "kept_as_written" and n.quote == "ケースケースワーカー" for n in bank.provenance)
    for lang in ("ja", "en"):
        assert bank.checklist(lang) == cli("items", "--lang", lang, "--bank", "seiho-shuro@1.0.1")
        assert bank.checklist(lang, markdown=True) == cli("items", "--lang", lang, "--format", "markdown", "--bank", "seiho-shuro@1.0.1")
    assert "employment support staff (就労支援スタッフ): Who makes up" in bank.checklist("en")
    assert "【具体的な支援内容】" in bank.checklist("ja") and "## 用語集" in bank.checklist("ja", markdown=True)
    assert [d.id for d in bank.domains] == ["A", "B"]
    assert [i.id for i in bank.items] == ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6", "B-1", "B-2", "B-3"]
    assert len(bank.elements) == 57
    b16 = bank.element("B-1.6")
    assert isinstance(b16.criterion, fs.types.CriterionFigure) and b16.criterion.kind == "figure"
    assert [i.key for i in b16.criterion.inputs] == ["new_users_past_year", "capacity"]
    assert "定員" in b16.text.ja and b16.text.en
    a34 = bank.item("A-3").elements[3].criterion
    assert isinstance(a34, fs.types.CriterionOptions) and a34.require == "all"
    assert bank.element("A-1.1").criterion.kind == "check"
    assert "暫定" in bank.scoring.notice.ja
    assert bank.content_digest.startswith("sha256:") and bank.scoring_digest.startswith("sha256:")
    with pytest.raises(KeyError):
        bank.item("C-1")


def test_native_module_reports_its_build() -> None:
    assert isinstance(fs._native.debug_build(), bool)
    assert fs.__version__ == fs._native.engine_version()


def test_unknown_bank_is_a_bank_error() -> None:
    with pytest.raises(fs.BankError) as e:
        fs.bank("no-such-bank")
    assert e.value.code == "bank_not_found" and isinstance(e.value, ValueError)


def test_custom_bank_from_path_and_files(tmp_path: Path) -> None:
    folder = REPO / "tests" / "banks" / "test-rules" / "1.0.0"
    bank = fs.Bank.from_path(folder)
    assert bank.id == "test-rules"
    same = fs.Bank.from_files({p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.yaml")})
    assert same == bank
    (tmp_path / "bank.yaml").write_text("id: broken\n", encoding="utf-8")
    with pytest.raises(fs.BankError) as e:
        fs.Bank.from_path(tmp_path)
    assert e.value.problems and all(p.code for p in e.value.problems)


def test_score_from_path_text_and_dict_agree_with_the_cli() -> None:
    bank = fs.bank(EXAMPLES_BANK)
    text = EXAMPLE.read_text(encoding="utf-8")
    import yaml

    from_path, from_text, from_dict = bank.score(EXAMPLE), bank.score(text), bank.score(yaml.safe_load(text))
    assert from_path.to_dict() == from_text.to_dict() == from_dict.to_dict()
    assert from_path.to_dict() == json.loads(cli("score", str(EXAMPLE), "--format", "json"))
    assert (from_path.total.sum, from_path.level) == (28, "moderate")
    figure = from_path.item("A-2").elements[2].figure
    assert figure is not None and figure.values == {"sessions_per_month": 1}
    assert fs.score(EXAMPLE).to_dict() == from_path.to_dict()


def test_errors_carry_code_path_and_position() -> None:
    bank = fs.bank(EXAMPLES_BANK)
    text = "office: {id: '1'}\nperiod: '2025'\nrater: {kind: self}\nanswers:\n  B-1.6: {capacity: 0, new_users_past_year: 1}\n"
    with pytest.raises(fs.AssessmentError) as e:
        bank.score(text)
    assert (e.value.code, e.value.path, e.value.line) == ("figure_below_minimum", "answers.B-1.6.capacity", 5)
    assert e.value.problems[0].help == "Give at least the minimum the message states (a capacity is at least 1)."
    problems = bank.validate({"office": {"id": "1"}, "period": "2025", "rater": {"kind": "self"}, "answers": {"A-9.1": True}})
    assert [(p.code, p.path, p.line) for p in problems] == [("unknown_element", "answers.A-9.1", None)]
    assert bank.validate(EXAMPLE) == []


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "[",
        "\x00",
        "a: &x 1\nb: *x\n",
        "{" * 10_000,
        {"office": None},
        {"answers": {"A-1.1": float("nan")}},
        {"office": {"id": "1"}, "period": "1", "rater": {"kind": "self"}, "answers": {"B-1.6": {"capacity": 10**30}}},
    ],
)
def test_nothing_a_user_passes_crashes(bad: object) -> None:
    bank = fs.bank(EXAMPLES_BANK)
    with pytest.raises(fs.AssessmentError) as e:
        bank.score(bad)  # type: ignore[arg-type]
    assert e.value.problems and e.value.code


def test_a_file_that_is_not_utf8_is_the_packages_error(tmp_path: Path) -> None:
    sjis = tmp_path / "office.yaml"
    sjis.write_bytes("office: {id: '1', name: 'サンプル市'}\n".encode("cp932"))
    for score in (fs.bank(EXAMPLES_BANK).score, fs.score):
        with pytest.raises(fs.AssessmentError) as e:
            score(sjis)
        p = e.value.problems[0]
        assert (p.code, p.file, p.line, p.column) == ("encoding", str(sjis), 1, 26)
    [p] = fs.bank(EXAMPLES_BANK).validate(str(sjis))  # validate returns problems as data
    assert (p.code, p.line, p.column) == ("encoding", 1, 26)
    # The CLI names the same problem at the same place.
    done = subprocess.run([str(cli_path()), "validate", str(sjis)], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1 and f"{sjis}:1:26: [encoding]" in done.stderr
    with pytest.raises(fs.FidelityIOError) as missing:
        fs.bank(EXAMPLES_BANK).score(tmp_path / "missing.yaml")
    assert missing.value.code == "io"


def test_whole_numbers_written_as_floats_are_whole() -> None:
    # json.dumps writes a Python float 2.0 as "2.0"; a DataFrame column with a blank holds floats.
    answers = {"A-2.3": {"sessions_per_month": 2.0}, "B-1.6": {"new_users_past_year": np.float64(10.0), "capacity": 20.0}}
    report = fs.bank(EXAMPLES_BANK).score({"office": {"id": "1"}, "period": "2025", "rater": {"kind": "self"}, "answers": answers})
    figure = {e.id: e.figure for i in report.items for e in i.elements if e.figure is not None}
    assert figure["A-2.3"].values == {"sessions_per_month": 2} and figure["B-1.6"].values == {"new_users_past_year": 10, "capacity": 20}
    with pytest.raises(fs.AssessmentError) as e:
        fs.bank(EXAMPLES_BANK).score({"office": {"id": "1"}, "period": "2025", "rater": {"kind": "self"}, "answers": {"A-2.3": {"sessions_per_month": 2.5}}})
    assert (e.value.code, e.value.path) == ("wrong_type", "answers.A-2.3.sessions_per_month")


def test_python_objects_are_refused_at_their_path() -> None:
    bad = {"office": {"id": object()}, "period": "2025", "rater": {"kind": "self"}, "answers": {}}
    with pytest.raises(fs.AssessmentError) as e:
        fs.bank(EXAMPLES_BANK).score(bad)
    assert (e.value.code, e.value.path) == ("wrong_type", "office.id")
    problem = e.value.problems[0]
    assert problem.help == fs._native.error_help("wrong_type", "en") and problem.help
    assert problem.help_ja == fs._native.error_help("wrong_type", "ja") and problem.help_ja != problem.help
    assert problem.text("ja") == "[wrong_type] office.id: 文字列・数値・真偽値・リスト・マッピングのいずれかが必要ですが、Python の object です"
    import datetime

    dated = {"office": {"id": "1"}, "period": datetime.date(2025, 4, 1), "rater": {"kind": "self"}, "answers": {}}
    assert fs.bank(EXAMPLES_BANK).score(dated).period == "2025-04-01"


def test_wrong_argument_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        fs.bank(EXAMPLES_BANK).score(42)  # type: ignore[arg-type]


def test_report_html_shows_scores_level_and_notice() -> None:
    report = fs.bank(EXAMPLES_BANK).score(EXAMPLE)
    page = report._repr_html_()
    assert "水準" in page and "中" in page and "暫定" in page and "3.11" in page
    english = report.to_html("en")
    assert "Level" in english and "moderate" in english and "provisional" in english
    assert report.level_label("en") == "moderate"


def test_score_frame_keeps_identity_extras_and_problems() -> None:
    bank = fs.bank(EXAMPLES_BANK)
    frame = pd.read_csv(REPO / "examples" / "offices.csv")
    frame.loc[3, "A-1.1"] = 7
    frame.index = [f"r{i}" for i in range(len(frame))]
    out = bank.score_frame(frame)
    assert list(out.index) == list(frame.index)
    assert list(out.columns[-2:]) == ["prefecture", "memo"] and out["memo"].iloc[0] == frame["memo"].iloc[0]
    bad = out.loc["r3"]
    assert bad["office_id"] == frame.loc["r3", "office_id"] and pd.isna(bad["A-1"]) and pd.isna(bad["total_sum"])
    assert "[wrong_type] answers.A-1.1" in bad["problems"]
    assert out.loc["r1", "total_sum"] == 28 and out.loc["r1", "level"] == "moderate"
    with pytest.raises(fs.AssessmentError) as e:
        bank.score_frame(frame, on_error="raise")
    assert e.value.problems[0].row == 3 and e.value.path == "answers.A-1.1"
    assert [p.row for p in bank.validate_frame(frame)] == [3]


def test_score_frame_header_problems_raise() -> None:
    with pytest.raises(fs.AssessmentError) as e:
        fs.bank(EXAMPLES_BANK).score_frame(pd.DataFrame({"office_id": ["1"], "A-1.9": ["1"]}))
    assert {p.code for p in e.value.problems} == {"unknown_element", "missing_field"}


def test_score_frame_list_of_dicts_without_pandas() -> None:
    """Runs in a fresh interpreter where pandas cannot be imported."""
    code = f"""
import sys, csv
sys.modules["pandas"] = None
import fidelity_scale as fs
rows = list(csv.DictReader(open({str(REPO / "examples" / "offices.csv")!r}, encoding="utf-8")))
out = fs.bank_for_table(rows).score_frame(rows)
print(out[1]["total_sum"], out[1]["level"], out[1]["domain_A"], out[1]["memo"])
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["28", "moderate", "3.0", "2025年度,", "見本データ"]


def test_score_frame_from_threads_agrees() -> None:
    """Batches release the interpreter while scoring; concurrent batches give the same results."""
    bank = fs.bank(EXAMPLES_BANK)
    frame = pd.concat([pd.read_csv(REPO / "examples" / "offices.csv")] * 200, ignore_index=True)
    expected = bank.score_frame(frame)
    results: list[pd.DataFrame] = []
    threads = [threading.Thread(target=lambda: results.append(bank.score_frame(frame))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(r.equals(expected) for r in results)


def test_template_frame_and_files_never_overwrite(tmp_path: Path) -> None:
    bank = fs.bank(EXAMPLES_BANK)
    empty = bank.template()
    assert list(empty.columns) == bank.template_columns and len(empty) == 0
    assert list(empty.columns) == cli("template", "--format", "csv", "--bank", EXAMPLES_BANK).strip().split(",")
    target = tmp_path / "offices.csv"
    bank.template(target)
    assert target.read_text(encoding="utf-8").strip().split(",") == bank.template_columns
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        bank.template(target)
    assert target.read_text(encoding="utf-8") == "mine"
    bank.template(tmp_path / "offices.xlsx")
    assert list(pd.read_excel(tmp_path / "offices.xlsx").columns) == bank.template_columns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["offices.csv", "offices.xlsx"]


def test_plot_overlays_reports() -> None:
    import matplotlib

    matplotlib.use("Agg")
    bank = fs.bank(EXAMPLES_BANK)
    r2024, r2025 = bank.score(REPO / "examples" / "sample-office-2024.yaml"), bank.score(EXAMPLE)
    ax = r2025.plot(r2024)
    assert len(ax.lines) == 2
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["99001 2025 (self)", "99001 2024 (external)"]
    values = np.asarray(ax.lines[0].get_ydata(), dtype=float).tolist()
    assert values[:-1] == [i.score for i in r2025.items]


def test_schemas_are_the_cores() -> None:
    assert fs.schema("report") == json.loads((REPO / "fidelity-items" / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    assert "B-1.6" in json.dumps(fs.bank(EXAMPLES_BANK).assessment_schema())
    with pytest.raises(KeyError):
        fs.schema("nope")


def test_a_table_is_scored_with_the_version_its_columns_are_written_for() -> None:
    """As ``fidelity score FILE.csv`` does: a table made from the 1.0.0 template (A-2.3:sessions_per_month) is
    read with 1.0.x after 1.1.0 (A-2.3 asked as months) is built in; one made from 1.1.0's with 1.1.0."""
    old = fs.read_csv(REPO / "examples" / "offices.csv")
    assert fs.bank_for_table(old).reference == "seiho-shuro@1.0.1"
    assert fs.bank_for_table(old, "seiho-shuro@1.0.0").reference == "seiho-shuro@1.0.0"  # a version is kept
    new = pd.DataFrame([{c: "" for c in fs.bank().template_columns}])
    assert fs.bank_for_table(new).reference == "seiho-shuro@1.1.0"
    with pytest.raises(fs.AssessmentError) as refused:  # the newest bank, given explicitly, is not the table's
        fs.bank().score_frame(old, on_error="raise")
    assert refused.value.code == "unknown_figure"


def test_strict_validation_refuses_judgement_where_evidence_can_be_given() -> None:
    """As ``fidelity validate --strict``: accepted and flagged by default, refused strictly, each problem at its
    answer (line and column for text; the row for a table)."""
    vector = REPO / "tests" / "conformance" / "seiho-1.1-judged-without-evidence.yaml"
    bank = fs.bank("seiho-shuro@1.1.0")
    assert bank.validate(vector) == []
    assert bank.score(vector).judged_without_evidence == ["A-2.3", "A-3.5"]
    strict = bank.validate(vector, strict=True)
    assert [(p.code, p.path, p.line, p.column) for p in strict] == [
        ("evidence_required", "answers.A-2.3", 19, 10),
        ("evidence_required", "answers.A-3.5", 31, 10),
    ]
    assert [p.to_dict() for p in strict] == json.loads(cli("validate", str(vector), "--strict", "--format", "json"))["problems"]
    as_dict = {"office": {"id": "1"}, "period": "2026", "rater": {"kind": "self"}, "answers": {"B-1.6": False, "B-1.1": ["npo"]}}
    assert [(p.path, p.line) for p in bank.validate(as_dict, strict=True)] == [("answers.B-1.6", None)]
    table = pd.DataFrame([{"office_id": "1", "period": "2026", "rater_kind": "self", "A-3.4": "1", "B-1.1:npo": "1"}])
    assert bank.validate_frame(table) == []
    assert [(p.code, p.path, p.row) for p in bank.validate_frame(table, strict=True)] == [("evidence_required", "answers.A-3.4", 0)]
    assert bank.score_frame(table)["judged_without_evidence"].tolist() == ["A-3.4"]


def test_a_cp932_csv_reads_as_its_utf8_twin_and_other_bytes_are_an_encoding_problem(tmp_path: Path) -> None:
    """Excel's "CSV" on Japanese Windows is CP932 (Shift_JIS): read as the CLI reads it, equal to the UTF-8
    file; forced as UTF-8, or in neither encoding, an AssessmentError with code ``encoding`` and the file."""
    example = REPO / "examples" / "offices.csv"
    sjis = tmp_path / "offices.csv"
    sjis.write_bytes(example.read_text(encoding="utf-8").encode("cp932"))
    frame = fs.read_csv(sjis)
    assert frame.equals(fs.read_csv(example)) and frame.equals(fs.read_csv(sjis, encoding="cp932"))
    assert fs.bank_for_table(frame).score_frame(frame)["total_sum"].tolist() == [24, 28, 29, 26, 16, 22, 34, 25]
    with pytest.raises(fs.AssessmentError) as e:
        fs.read_csv(sjis, encoding="utf-8")
    assert e.value.code == "encoding" and e.value.problems[0].file == str(sjis)
    neither = tmp_path / "neither.csv"
    neither.write_bytes(bytes([0xFF, 0xFE, 0xFF, 0x0A]))
    with pytest.raises(fs.AssessmentError) as e:
        fs.read_csv(neither)
    assert e.value.code == "encoding" and "neither UTF-8 nor Shift_JIS" in str(e.value)
    assert e.value.problems[0].help and "UTF-8" in e.value.problems[0].help
