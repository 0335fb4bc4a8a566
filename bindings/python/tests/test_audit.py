"""Year-over-year audit through the Python API: the shared compare and verify vectors (tests/compare,
tests/verify), each also checked against the CLI's JSON, and the objects' frames and HTML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import fidelity_scale as fs

from conftest import REPO, cli, contains

BANKS = REPO / "tests" / "banks"
COMPARE = sorted(p.name.removesuffix(".old.yaml") for p in (REPO / "tests" / "compare").glob("*.old.yaml"))
VERIFY = sorted((REPO / "tests" / "verify").glob("*.json"))


def test_there_are_vectors() -> None:
    assert len(COMPARE) >= 4 and len(VERIFY) >= 6


@pytest.mark.parametrize("name", COMPARE)
def test_compare_vector(name: str) -> None:
    folder = REPO / "tests" / "compare"
    expected = json.loads((folder / f"{name}.expected.json").read_text(encoding="utf-8"))
    old, new = folder / f"{name}.old.yaml", folder / f"{name}.new.yaml"
    if "error" in expected:
        with pytest.raises(fs.AssessmentError) as raised:
            fs.compare(old, new, banks=BANKS)
        assert raised.value.code == expected["error"]["code"]
        return
    comparison = fs.compare(old, new, banks=BANKS)
    contains(expected, comparison.to_dict(), name)
    assert comparison.to_dict() == json.loads(cli("compare", str(old), str(new), "--banks", str(BANKS), "--format", "json"))


def _tamper(report: dict[str, Any], path: str, value: Any) -> None:
    keys: list[Any] = [int(k) if k.isdigit() else k for k in path.split(".")]
    target: Any = report
    for k in keys[:-1]:
        target = target[k]
    target[keys[-1]] = value


@pytest.mark.parametrize("case", VERIFY, ids=lambda p: p.stem)
def test_verify_vector(case: Path) -> None:
    spec = json.loads(case.read_text(encoding="utf-8"))
    report = fs.score(REPO / spec["report_of"]).to_dict()
    for t in spec["tamper"]:
        _tamper(report, t["path"], t["value"])
    result = fs.verify(report, REPO / spec["assessment"])
    contains(spec["expected"], result.to_dict(), case.stem)


def test_compare_objects_give_frames_and_html() -> None:
    c = fs.compare(REPO / "examples/sample-office-2024.yaml", REPO / "examples/sample-office-2025.yaml")
    frame = c.to_frame()
    assert list(frame["id"])[:2] == ["A-1", "A-2"] and int(frame["delta"].sum()) == c.total.delta_sum == 4
    assert "⚠" in c._repr_html_() and "A-1" in c._repr_html_()
    # Each warning in the language asked for, as the CLI shows it; rater kinds and statuses in the core's words.
    ja, en = c.to_html("ja"), c.to_html("en")
    assert "前回は外部評価、今回は自己評価です" in ja and "the old report" not in ja and "(外部評価, 1.0.0)" in ja
    assert "the old report is an external review" in en and "前回" not in en and "採点済" not in en
    # The basis and the levels in words too, as the CLI shows them.
    assert "採点規則が同一" in ja and "水準 低 → 中" in ja and "same_scoring" not in ja and "moderate" not in ja
    assert "Same scoring rules" in en and "Level low → moderate" in en
    assert c.warnings[0].message.ja in cli("compare", *map(str, reports_paths()))
    # One reading of a language in every interface: the core's invalid_value at `lang` (a ValueError too).
    with pytest.raises(fs.AssessmentError) as bad_lang:
        c.to_html("fr")  # type: ignore[arg-type]
    assert (bad_lang.value.code, bad_lang.value.path) == ("invalid_value", "lang")
    reports = [fs.score(REPO / "examples/sample-office-2024.yaml"), fs.score(REPO / "examples/sample-office-2025.yaml")]
    assert fs.compare(*reports).to_dict() == c.to_dict()


def reports_paths() -> list[Path]:
    return [REPO / "examples/sample-office-2024.yaml", REPO / "examples/sample-office-2025.yaml"]


def test_trend_page_in_japanese_has_no_english_warning() -> None:
    page = fs.trend(reports_paths()).to_html("ja")
    assert "自己評価と外部評価が混在しています" in page and "differences may come" not in page
    assert "採点規則のダイジェスト" in page and "scoring digest" not in page


def test_screen_words_are_the_cores() -> None:
    ja, en = fs.words("ja"), fs.words("en")
    assert ja.keys() == en.keys()
    assert (ja["incomplete"], ja["not_applicable"], ja["met_applicable"]) == ("未回答あり", "該当なし", "達成/該当")
    assert (en["self"], en["external"]) == ("self-assessment", "external review")


def test_trend_gives_a_frame_and_the_cli_page(tmp_path: Path) -> None:
    paths = [REPO / "examples/sample-office-2025.yaml", REPO / "examples/sample-office-2024.yaml"]
    t = fs.trend(paths)
    assert [p.period for p in t.offices[0].points] == ["2024", "2025"]
    frame = t.to_frame()
    totals = frame[frame["kind"] == "total"]
    assert list(totals["score"]) == [24, 28]
    page = t.to_html("en")
    assert page == cli("trend", *map(str, paths), "--format", "html", "--lang", "en")
    saved = t.save_html(tmp_path / "trend.html")
    with pytest.raises(FileExistsError):
        t.save_html(saved)
    assert t.to_dict() == json.loads(cli("trend", *map(str, paths), "--format", "json"))


def test_a_tampered_report_is_named() -> None:
    report = fs.score(REPO / "examples/sample-office-2025.yaml")
    assert fs.verify(report, REPO / "examples/sample-office-2025.yaml").matches
    data = report.to_dict()
    data["level"] = "high"
    v = fs.verify(data, REPO / "examples/sample-office-2025.yaml")
    assert (v.matches, v.cause, [f.path for f in v.findings]) == (False, "report_altered", ["level"])
    with pytest.raises(fs.AssessmentError) as raised:
        fs.verify({**data, "report_format": 99}, REPO / "examples/sample-office-2025.yaml")
    assert raised.value.code == "report_format"


def test_left_out_items_are_told_in_the_core_words() -> None:
    old, new = (REPO / f"tests/compare/crosswalk-minor.{side}.yaml" for side in ("old", "new"))
    c = fs.compare(old, new, banks=REPO / "tests/banks")
    assert [x.reason for x in c.excluded] == ["rule_changed"] * 3  # P-2, P-3, P-4 (tests/compare/crosswalk-minor.expected.json)
    ja, en = c.to_html("ja"), c.to_html("en")
    assert "比較から除いた項目:" in ja and "P-3 → P-3: 採点規則の変更" in ja and "rule_changed" not in ja
    assert "Items left out of the comparison:" in en and "P-3 → P-3: scoring changed" in en


def test_text_renderings_are_the_cli_s() -> None:
    """Reports, comparisons, trends and agreement statistics print in Python exactly as the CLI prints them,
    from one rendering crate (fidelity-render), in both languages, as tables and as Markdown."""
    paths = reports_paths()
    report = fs.score(paths[1])
    c = fs.compare(*paths)
    t = fs.trend(paths)
    a = fs.agreement(REPO / "examples/offices-two-raters.csv")
    for lang in ("ja", "en"):
        for fmt, method in (("table", "to_text"), ("markdown", "to_markdown")):
            args = ["--lang", lang, "--format", fmt]
            assert getattr(report, method)(lang) == cli("score", str(paths[1]), *args)
            assert getattr(c, method)(lang) == cli("compare", *map(str, paths), *args)
            assert getattr(t, method)(lang) == cli("trend", *map(str, paths), *args)
            assert getattr(a, method)(lang) == cli("agreement", str(REPO / "examples/offices-two-raters.csv"), *args)
    assert "合計" in report.to_text() and "| Item |" in report.to_markdown("en")
