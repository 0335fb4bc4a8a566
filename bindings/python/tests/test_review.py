"""The review through the Python API: the shared consensus vectors (tests/consensus), each worksheet also
equal to the CLI's JSON; the office report equal to ``fidelity report --format json``; the review's free text
through CSV, YAML, JSON and a DataFrame unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas
import pytest

import fidelity_scale as fs

from conftest import REPO, cli, contains

FOLDER = REPO / "tests" / "consensus"
PAIRS = sorted(p.name.removesuffix(".first.yaml") for p in FOLDER.glob("*.first.yaml"))
RECORDS = sorted(FOLDER.glob("*.consensus.yaml"))


def test_there_are_vectors() -> None:
    assert len(PAIRS) >= 3 and len(RECORDS) >= 4


def _shown(problems: list[Any]) -> list[dict[str, Any]]:
    rows = [{"code": p.code, "path": p.path, "line": p.line, "column": p.column} for p in problems]
    return sorted(rows, key=lambda p: str(p["path"]))


def _same_problems(expected: list[dict[str, Any]], actual: list[dict[str, Any]], name: str) -> None:
    assert len(actual) == len(expected), (name, actual)
    for e, a in zip(expected, actual):
        contains(e, a, name)


@pytest.mark.parametrize("name", PAIRS)
def test_consensus_vector(name: str) -> None:
    expected = json.loads((FOLDER / f"{name}.expected.json").read_text(encoding="utf-8"))
    first, second = FOLDER / f"{name}.first.yaml", FOLDER / f"{name}.second.yaml"
    if "error" in expected:
        with pytest.raises(fs.AssessmentError) as raised:
            fs.consensus(first, second)
        assert (raised.value.code, raised.value.problems[0].path) == (expected["error"]["code"], expected["error"]["path"])
        return
    c = fs.consensus(first, second)
    contains(expected["worksheet"], c.to_dict(), name)
    contains(expected["draft"], c.draft, name)
    assert c.draft["answers"] == expected["draft"]["answers"]
    try:
        fs.score(c.draft_yaml)
        problems: list[dict[str, Any]] = []
    except fs.AssessmentError as e:
        problems = _shown(e.problems)
    _same_problems(expected["draft_problems"], problems, name)
    assert c.to_dict() == json.loads(cli("consensus", str(first), str(second), "--format", "json"))


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_consensus_record(path: Path) -> None:
    expected = json.loads(path.with_name(path.name.removesuffix(".yaml") + ".expected.json").read_text(encoding="utf-8"))
    if "problems" in expected:
        with pytest.raises(fs.AssessmentError) as raised:
            fs.score(path)
        _same_problems(expected["problems"], _shown(raised.value.problems), path.name)
    else:
        contains(expected["report"], fs.score(path).to_dict(), path.name)


def test_the_example_review_worksheet_frame_draft_and_report(tmp_path: Path) -> None:
    reviews = REPO / "examples" / "review"
    c = fs.consensus(reviews / "2026-reviewer-1.yaml", reviews / "2026-reviewer-2.yaml")
    frame = c.to_frame()
    assert list(frame.loc[~frame["agreed"], "element"]) == ["B-3.1", "A-6.4", "B-1.1", "B-1.6", "A-5.1"]
    assert frame.loc[frame["element"] == "B-3.1", ["score_with_1", "score_with_2", "shift"]].values.tolist() == [[5, 3, 2]]
    assert "合意形成ワークシート" in c.to_html() and "Consensus worksheet" in c.to_text("en")
    saved = c.save_draft(tmp_path / "draft.yaml")
    with pytest.raises(FileExistsError):
        c.save_draft(saved)
    report = fs.office_report(reviews / "2026-consensus.yaml", previous=REPO / "examples" / "sample-office-2025.yaml")
    as_cli = cli("report", "examples/review/2026-consensus.yaml", "--previous", "examples/sample-office-2025.yaml", "--format", "json")
    assert report.to_dict() == json.loads(as_cli)
    plan = report.action_plan_frame()
    assert list(plan.columns) == ["item", "item_score", "element", "text", "action", "responsible", "due"]
    assert list(plan["element"][:4]) == ["A-5.1", "A-5.2", "A-5.5", "A-5.7"] and (plan["action"] == "").all()
    assert report.to_frame()["score"].tolist() == [5, 4, 3, 3, 2, 4, 3, 4, 5]
    page = report.to_html("en")
    assert "<h2>Action plan</h2>" in page and "<script" not in page
    assert report.to_markdown() == cli("report", "examples/review/2026-consensus.yaml", "--previous", "examples/sample-office-2025.yaml", "--format", "markdown")


FREE_TEXT = 'カンマ, 引用符 "x" と改行\nあり、末尾の空白 '


def test_free_text_survives_csv_yaml_json_and_frames(tmp_path: Path) -> None:
    bank = fs.bank("seiho-shuro@1.1.0")
    row = {"office_id": "501", "period": "2026", "rater_kind": "external", "rater_name": "評価者A", "rater_date": "2026-09-01",
           "A-6.1": 1, "finding:A-6.1": FREE_TEXT, "sources:A-6": "documents staff_interview", "comment:A-6": FREE_TEXT}
    # CSV written by pandas (quotes doubled, the line break inside quotes), read by the core.
    path = tmp_path / "review.csv"
    pandas.DataFrame([row]).to_csv(path, index=False)
    from_csv = json.loads(cli("score", str(path), "--format", "json"))[0]
    a6 = next(i for i in from_csv["items"] if i["id"] == "A-6")
    assert (a6["elements"][0]["finding"], a6["comment"], a6["sources"]) == (FREE_TEXT, FREE_TEXT, ["staff_interview", "documents"])
    assert from_csv["rater"] == {"kind": "external", "name": "評価者A", "date": "2026-09-01"}
    # The same from a DataFrame, from a dict (JSON) and from YAML text.
    from_frame = bank.score_rows(pandas.DataFrame([row]))[0].to_dict()
    assert from_frame["items"] == from_csv["items"]
    assessment = {"bank": "seiho-shuro@1.1.0", "office": {"id": "501"}, "period": "2026", "rater": {"kind": "external"},
                  "answers": {"A-6.1": True}, "findings": {"A-6.1": FREE_TEXT}, "items": {"A-6": {"comment": FREE_TEXT}}}
    from_dict = fs.score(assessment).to_dict()
    yaml_text = "bank: seiho-shuro@1.1.0\noffice: {id: '501'}\nperiod: '2026'\nrater: {kind: external}\nanswers: {A-6.1: true}\n" \
        f"findings: {{A-6.1: {json.dumps(FREE_TEXT, ensure_ascii=False)}}}\nitems: {{A-6: {{comment: {json.dumps(FREE_TEXT, ensure_ascii=False)}}}}}\n"
    from_yaml = fs.score(yaml_text).to_dict()
    for r in (from_dict, from_yaml):
        item = next(i for i in r["items"] if i["id"] == "A-6")
        assert (item["elements"][0]["finding"], item["comment"]) == (FREE_TEXT, FREE_TEXT)
