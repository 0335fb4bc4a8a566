"""Research analytics checked against established implementations on the same data: scikit-learn's
``cohen_kappa_score`` (unweighted and quadratic), pingouin's ``intraclass_corr`` and ``cronbach_alpha``, the
``krippendorff`` package, and numpy / pandas / scipy for the rest. Everything agrees within 1e-9 where the
definitions match; the reference data are built here from the reports' own outcomes and scores, not from
the analysis."""

from __future__ import annotations

import json
import math
import random
import warnings
from pathlib import Path
from typing import Any, Literal

import krippendorff
import numpy as np
import pandas as pd
import pingouin  # type: ignore[import-untyped]
import pytest
from conftest import EXAMPLES_BANK, REPO, cli, contains, expected_for, files
from scipy import stats as scipy_stats  # type: ignore[import-untyped]
from sklearn.metrics import cohen_kappa_score  # type: ignore[import-untyped]

import fidelity_scale as fs

TOL = 1e-9
EXAMPLE = REPO / "examples" / "offices-two-raters.csv"
RATERS = ("self", "external")


def close(ours: float | None, reference: float) -> bool:
    """Ours is None exactly where the reference is undefined (NaN), else equal within TOL."""
    if ours is None:
        return math.isnan(reference)
    return not math.isnan(reference) and abs(ours - reference) <= TOL


@pytest.mark.parametrize("path", files("tests/agreement", "csv"), ids=lambda p: p.stem)
def test_agreement_vectors(path: Any) -> None:
    """The hand-worked vectors (tests/agreement, with NAME.options.json where there is one), also equal to
    the CLI's JSON."""
    options_path = path.with_suffix(".options.json")
    options = json.loads(options_path.read_text()) if options_path.exists() else {}
    by, raters, periods, boot = options.get("rater_key", "kind"), options.get("raters"), options.get("periods"), options.get("bootstrap")
    resampling = {"bootstrap": boot["resamples"], "seed": boot["seed"]} if boot else {}
    analysis = fs.agreement(path, by=by, raters=raters, periods=periods, **resampling)
    contains(expected_for(path), analysis.to_dict(), "analysis")
    args = ["--by", by] + (["--raters", ",".join(raters)] if raters else []) + (["--periods", ",".join(periods)] if periods else [])
    args += ["--bootstrap", str(boot["resamples"]), "--seed", str(boot["seed"])] if boot else []
    assert analysis.to_dict() == json.loads(cli("agreement", str(path), *args, "--format", "json"))


def holey(seed: int) -> pd.DataFrame:
    """The example with more missing data: about 0.4% of every rater's answers blanked (so items go
    incomplete on both sides) and three more external reviews removed."""
    frame = fs.read_csv(EXAMPLE)
    rng = random.Random(seed)
    answers = [c for c in frame.columns if c[:2] in ("A-", "B-")]
    for row in range(len(frame)):
        for column in answers:
            if rng.random() < 0.004:
                frame.at[row, column] = ""
    dropped = frame[(frame["rater_kind"] == "external")].index[:3]
    return frame.drop(index=dropped).reset_index(drop=True)


DATASETS = {"example": lambda: fs.read_csv(EXAMPLE), "holey": lambda: holey(7)}


@pytest.fixture(scope="module", params=list(DATASETS))
def case(request: pytest.FixtureRequest) -> tuple[pd.DataFrame, list[fs.ScoreReport], fs.Analysis]:
    frame = DATASETS[request.param]()
    reports = fs.bank(EXAMPLES_BANK).score_rows(frame)
    return frame, reports, fs.agreement(frame)


def units(reports: list[fs.ScoreReport]) -> dict[tuple[str, str], dict[str, fs.ScoreReport]]:
    out: dict[tuple[str, str], dict[str, fs.ScoreReport]] = {}
    for r in reports:
        out.setdefault((r.office.id, r.period), {})[r.rater.kind] = r
    return out


def element_value(r: fs.ScoreReport | None, item: int, element: int) -> float:
    if r is None:
        return math.nan
    return {"met": 1.0, "not_met": 0.0}.get(r.items[item].elements[element].outcome, math.nan)


def item_value(r: fs.ScoreReport | None, item: int) -> float:
    score = None if r is None else r.items[item].score
    return math.nan if score is None else float(score)


def reliability_data(reports: list[fs.ScoreReport], value: Any) -> np.ndarray:
    """Raters × units, NaN for a missing rating: the krippendorff package's layout."""
    us = units(reports)
    return np.array([[value(us[u].get(kind)) for u in sorted(us)] for kind in RATERS])


def kripp(data: np.ndarray, level: Literal["nominal", "ordinal"]) -> float:
    try:
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    except ValueError:  # one value in the whole domain, or nothing pairable: undefined
        return math.nan


def sklearn_kappa(a: np.ndarray, b: np.ndarray, **kw: Any) -> float:
    if len(a) == 0:
        return math.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn warns, and returns NaN, when kappa is undefined
        return float(cohen_kappa_score(a, b, **kw))


def test_element_agreement_matches_sklearn_and_krippendorff(case: Any) -> None:
    _, reports, analysis = case
    shape = reports[0].items
    rows = [(i, e) for i, item in enumerate(shape) for e in range(len(item.elements))]
    assert len(analysis.agreement.elements) == len(rows)
    checked_kappa = 0
    for ours, (i, e) in zip(analysis.agreement.elements, rows):
        assert ours.id == shape[i].elements[e].id
        data = reliability_data(reports, lambda r: element_value(r, i, e))
        both = data[:, ~np.isnan(data).any(axis=0)]
        assert ours.pairs == both.shape[1]
        assert close(ours.percent_agreement, float(np.mean(both[0] == both[1])) if both.shape[1] else math.nan)
        reference = sklearn_kappa(both[0], both[1])
        assert close(ours.kappa, reference), (ours.id, ours.kappa, reference)
        checked_kappa += not math.isnan(reference)
        assert close(ours.alpha, kripp(data, "nominal")), ours.id
    assert checked_kappa > 50  # most elements have a defined kappa: the comparison is not vacuous


def test_item_agreement_matches_sklearn_pingouin_and_krippendorff(case: Any) -> None:
    _, reports, analysis = case
    for i, ours in enumerate(analysis.agreement.items):
        data = reliability_data(reports, lambda r: item_value(r, i))
        both = data[:, ~np.isnan(data).any(axis=0)]
        assert ours.pairs == both.shape[1] >= 10
        assert close(ours.percent_agreement, float(np.mean(both[0] == both[1])))
        assert close(ours.within_one, float(np.mean(np.abs(both[0] - both[1]) <= 1)))
        # The full 1..5 scale as labels, so quadratic weights are on the scores themselves.
        reference = sklearn_kappa(both[0].astype(int), both[1].astype(int), weights="quadratic", labels=[1, 2, 3, 4, 5])
        assert close(ours.weighted_kappa, reference), (ours.id, ours.weighted_kappa, reference)
        assert close(ours.alpha, kripp(data, "ordinal")), ours.id
        check_icc(ours.icc2, ours.icc3, both)


def test_total_icc_matches_pingouin(case: Any) -> None:
    _, reports, analysis = case
    us = units(reports)
    both = np.array(
        [
            [us[u][k].total.sum for k in RATERS]
            for u in sorted(us)
            if all(k in us[u] and us[u][k].total.sum is not None for k in RATERS)
        ],
        dtype=float,
    ).T
    assert analysis.agreement.total.pairs == both.shape[1] >= 8
    check_icc(analysis.agreement.total.icc2, analysis.agreement.total.icc3, both)


def check_icc(icc2: Any, icc3: Any, both: np.ndarray) -> None:
    """Against pingouin's ICC(A,1) and ICC(C,1): value, F, degrees of freedom, p and the 95% interval
    (pingouin rounds the interval to 2 decimals by default; its documented option turns that off)."""
    k, n = both.shape
    long = pd.DataFrame({"target": np.tile(np.arange(n), k), "rater": np.repeat([f"r{j}" for j in range(k)], n), "rating": both.reshape(-1)})
    pingouin.options["round.column.CI95"] = None
    try:
        table = pingouin.intraclass_corr(data=long, targets="target", raters="rater", ratings="rating").set_index("Type")
    finally:
        pingouin.set_default_options()
    for ours, kind in ((icc2, "ICC(A,1)"), (icc3, "ICC(C,1)")):
        ref = table.loc[kind]
        assert ours is not None
        assert abs(ours.value - ref["ICC"]) <= TOL, (kind, ours.value, ref["ICC"])
        assert abs(ours.f - ref["F"]) <= TOL * max(1.0, ref["F"])
        assert (ours.df1, ours.df2) == (ref["df1"], ref["df2"])
        assert abs(ours.p - ref["pval"]) <= TOL
        assert abs(ours.ci95[0] - ref["CI95"][0]) <= TOL and abs(ours.ci95[1] - ref["CI95"][1]) <= TOL, (kind, ours.ci95, ref["CI95"])


@pytest.mark.parametrize("missing", ["listwise", "pairwise"])
def test_cronbach_alpha_matches_pingouin(case: Any, missing: Literal["listwise", "pairwise"]) -> None:
    frame, reports, _ = case
    analysis = fs.agreement(frame, missing=missing)
    scores = pd.DataFrame([{i.id: i.score for i in r.items} for r in reports], dtype=float)
    assert analysis.reliability.missing == missing
    assert scores.isna().any().any()  # the data have missing items, so the two policies differ
    for scale in analysis.reliability.scales:
        table = scores[scale.items]
        reference, _ = pingouin.cronbach_alpha(data=table, nan_policy=missing)
        assert close(scale.alpha, float(reference)), (scale.id, scale.alpha, reference)
        expected_rows = len(table.dropna()) if missing == "listwise" else int(table.notna().any(axis=1).sum())
        assert scale.alpha_rows == expected_rows
        # Feldt's interval over the rows alpha used, as pingouin computes it (which, though, counts every row
        # before dropping incomplete ones, and rounds to 3 decimals): scipy's F quantiles to 1e-9.
        n, k = scale.alpha_rows, len(scale.items)
        f = scipy_stats.f(n - 1, (n - 1) * (k - 1))
        lower, upper = 1 - (1 - reference) * f.isf(0.025), 1 - (1 - reference) * f.isf(0.975)
        assert scale.alpha_ci95 is not None
        assert abs(scale.alpha_ci95[0] - lower) <= TOL and abs(scale.alpha_ci95[1] - upper) <= TOL, (scale.id, scale.alpha_ci95, lower, upper)
        if n == len(table):
            _, ci = pingouin.cronbach_alpha(data=table, nan_policy=missing)
            assert abs(scale.alpha_ci95[0] - ci[0]) <= 5e-4 and abs(scale.alpha_ci95[1] - ci[1]) <= 5e-4


def test_item_rest_correlations_match_numpy(case: Any) -> None:
    _, reports, analysis = case
    scores = pd.DataFrame([{i.id: i.score for i in r.items} for r in reports], dtype=float)
    for scale in analysis.reliability.scales:
        complete = scores[scale.items].dropna()
        assert scale.complete_rows == len(complete)
        for rest in scale.item_rest:
            other = complete.drop(columns=[rest.id]).sum(axis=1)
            assert close(rest.r, float(np.corrcoef(complete[rest.id], other)[0, 1])), (scale.id, rest.id)


def test_item_and_element_statistics_match_pandas(case: Any) -> None:
    _, reports, analysis = case
    for i, ours in enumerate(analysis.items):
        scores = pd.Series([r.items[i].score for r in reports], dtype=float).dropna()
        statuses = pd.Series([r.items[i].status for r in reports])
        assert ours.scored == len(scores)
        assert ours.incomplete == (statuses == "incomplete").sum()
        assert ours.not_applicable == (statuses == "not_applicable").sum()
        assert ours.counts == [int((scores == k).sum()) for k in range(1, 6)]
        assert close(ours.mean, float(scores.mean())) and close(ours.sd, float(scores.std(ddof=1)))
        assert close(ours.floor, float((scores == 1).mean())) and close(ours.ceiling, float((scores == 5).mean()))
    flat = [(i, e) for i, item in enumerate(reports[0].items) for e in range(len(item.elements))]
    flagged = 0
    for ours, (i, e) in zip(analysis.elements, flat):
        outcomes = pd.Series([r.items[i].elements[e].outcome for r in reports])
        met, not_met = int((outcomes == "met").sum()), int((outcomes == "not_met").sum())
        assert (ours.met, ours.not_met, ours.unanswered) == (met, not_met, int((outcomes == "unanswered").sum()))
        share = met / (met + not_met)
        assert close(ours.met_share, share)
        assert ours.flag == ("almost_all" if share > 0.9 else "almost_none" if share < 0.1 else None)
        flagged += ours.flag is not None
    assert flagged >= 1


def test_agreement_with_scipy_intervals_on_hand_data() -> None:
    """The ICC interval's F quantiles (non-integer degrees of freedom for ICC(2,1)) against scipy, on the
    four-target table worked by hand in the core's unit tests: ICC(3,1) = 20/22, ICC(2,1) = 20/23."""
    both = np.array([[1, 3, 4, 2], [2, 3, 5, 2]], dtype=float)
    f_r = 21.0
    lower = (f_r / scipy_stats.f.ppf(0.975, 3, 3) - 1) / (f_r / scipy_stats.f.ppf(0.975, 3, 3) + 1)
    reports = []
    for office, (a, b) in enumerate(both.T.astype(int)):
        for kind, score in (("self", a), ("external", b)):
            # A-6 has four elements scored by rate: 0..4 met give 1, 2, 3, 4, 5 (0, 0.25, 0.5, 0.75, 1.0).
            answers = {f"A-6.{k}": k < score for k in range(1, 5)}
            reports.append({"office": {"id": str(office)}, "period": "2025", "rater": {"kind": kind}, "answers": answers})
    analysis = fs.agreement(reports)
    a6 = next(i for i in analysis.agreement.items if i.id == "A-6")
    assert a6.icc3 is not None and a6.icc2 is not None
    assert abs(a6.icc3.value - 20 / 22) < 1e-12 and abs(a6.icc2.value - 20 / 23) < 1e-12
    assert abs(a6.icc3.ci95[0] - lower) <= TOL
    check_icc(a6.icc2, a6.icc3, both)


def test_pairing_by_name_and_its_errors() -> None:
    def assessment(office: str, name: str, met: bool) -> dict[str, Any]:
        return {
            "office": {"id": office},
            "period": "2025",
            "rater": {"kind": "external", "name": name},
            "answers": {"A-6.1": met, "A-6.2": True, "A-6.3": False, "A-6.4": met},
        }

    data = [assessment(o, n, (o == "1") == (n == "Sato")) for o in ("1", "2", "3") for n in ("Sato", "Tanaka")]
    analysis = fs.agreement(data, by="name")
    assert analysis.agreement.raters == ["Sato", "Tanaka"]
    assert analysis.agreement.pairs == 3
    a61 = next(e for e in analysis.agreement.elements if e.id == "A-6.1")
    assert (a61.pairs, a61.percent_agreement) == (3, 0.0)
    # By kind both reviewers are `external`: one office rated twice by one rater is refused, not guessed at.
    with pytest.raises(fs.AssessmentError) as e:
        fs.agreement(data)
    assert e.value.problems[0].code == "rater_pairing" and e.value.problems[0].path == "reports[1]"
    # Only external reviews, by kind: no pairs, and nothing is computed rather than something made up.
    alone = fs.agreement(data[::2])
    assert (alone.agreement.pairs, alone.agreement.units, alone.agreement.items[5].icc2, alone.agreement.items[5].alpha) == (0, 3, None, None)
    with pytest.raises(fs.AssessmentError) as e:
        fs.agreement([*data, assessment("1", "Sato", True)], by="name")
    assert e.value.problems[0].code == "rater_pairing" and e.value.problems[0].path == "reports[6]"
    with pytest.raises(fs.AssessmentError) as e:
        fs.agreement([*data, assessment("1", "Suzuki", True)], by="name")
    assert e.value.problems[0].code == "rater_pairing" and "3 rater names" in e.value.problems[0].message


def test_invalid_rows_are_reported_with_their_rows() -> None:
    frame = fs.read_csv(EXAMPLE)
    frame.at[3, "A-1.2"] = "maybe"
    with pytest.raises(fs.AssessmentError) as e:
        fs.agreement(frame)
    assert [(p.row, p.code, p.path) for p in e.value.problems] == [(3, "wrong_type", "answers.A-1.2")]


def test_python_and_cli_agree_exactly() -> None:
    ours = fs.agreement(EXAMPLE)
    assert ours.to_dict() == json.loads(cli("agreement", str(EXAMPLE), "--format", "json"))
    assert fs.agreement(EXAMPLE, only="external", missing="pairwise").to_dict() == json.loads(
        cli("agreement", str(EXAMPLE), "--only", "external", "--missing", "pairwise", "--format", "json")
    )


def test_frames_and_html() -> None:
    analysis = fs.agreement(str(EXAMPLE))
    items = analysis.item_agreement_frame()
    assert list(items["id"]) == [*(i.id for i in analysis.agreement.items), "total"]
    assert {"weighted_kappa", "icc2", "icc2_low", "icc2_high", "icc3", "alpha"} <= set(items.columns)
    assert len(analysis.element_agreement_frame()) == len(analysis.agreement.elements)
    assert list(analysis.reliability_frame()["scale"]) == ["A", "B", "total"]
    assert list(analysis.item_frame().columns[-5:]) == ["n1", "n2", "n3", "n4", "n5"]
    assert set(analysis.element_frame()["flag"].dropna()) <= {"almost_all", "almost_none"}
    assert len(analysis.item_rest_frame()) == 6 + 3 + 9
    page = analysis._repr_html_()
    assert "<table" in page and "provisional" in page


def irrcac_python() -> str:
    """irrCAC's own venv (tests/run-all.sh builds it); its absence is a failure, not a skip."""
    import os

    path = os.environ.get("FIDELITY_IRRCAC_PYTHON", str(REPO / "target" / "irrcac-venv" / "bin" / "python"))
    if not os.path.exists(path):
        pytest.fail(f"{path} is missing: tests/run-all.sh installs irrCAC 0.4.4 in target/irrcac-venv")
    return path


def compare_with_irrcac(tables: list[dict[str, Any]], ours: list[tuple[str, dict[str, Any]]]) -> int:
    """Runs irrCAC on ``tables`` and compares each of ``ours`` (key, {method: Coefficient}) with its results:
    value, se, p_a and p_e to 1e-9; the interval to 1e-9 against value ± t·se with this environment's scipy,
    and to 5e-8 against irrCAC's own, whose pinned scipy 1.12 misplaces t quantiles by up to 8e-9
    (2.022690911734728 for 39 degrees of freedom, where mpmath gives 2.022690920036761). Returns how many
    coefficients were compared."""
    import subprocess

    done = subprocess.run([irrcac_python(), str(REPO / "bindings" / "python" / "tests" / "irrcac_reference.py")],
                          input=json.dumps(tables), capture_output=True, text=True, check=True, timeout=600)
    checked = 0
    for (key, fields), reference in zip(ours, json.loads(done.stdout)):
        for method, coefficient in fields.items():
            ref = reference[method]
            if coefficient is None or ref is None:
                assert coefficient is None and (ref is None or ref["pa"] == 1 and ref["pe"] >= 1 - 1e-12), (key, method, coefficient, ref)
                continue
            got = [coefficient.value, coefficient.se, coefficient.pa, coefficient.pe]
            want = [ref["value"], ref["se"], ref["pa"], ref["pe"]]
            for name, a, b in zip(("value", "se", "pa", "pe"), got, want):
                assert abs(a - b) <= TOL, (key, method, name, a, b)
            t = scipy_stats.t.ppf(0.975, coefficient.units - 1)
            lower, upper = ref["value"] - t * ref["se"], min(1.0, ref["value"] + t * ref["se"])
            assert abs(coefficient.ci95[0] - lower) <= TOL and abs(coefficient.ci95[1] - upper) <= TOL, (key, method)
            assert abs(coefficient.ci95[0] - ref["lower"]) <= 5e-8 and abs(coefficient.ci95[1] - ref["upper"]) <= 5e-8, (key, method)
            checked += 1
    return checked


def raw_ratings(us: dict[tuple[str, str], dict[str, fs.ScoreReport]], raters: tuple[str, ...], value: Any) -> list[list[float | None]]:
    """Units × raters, None where a rater gave no value: irrCAC's layout."""
    return [[None if math.isnan(v := value(us[u].get(r))) else v for r in raters] for u in sorted(us)]


def test_gwet_coefficients_match_irrcac(case: Any) -> None:
    """AC1/AC2, Fleiss, Conger (Cohen's with two raters) and Brennan–Prediger with Gwet's standard errors and
    intervals, for every element (identity weights, over every unit either rater answered) and every item
    (AC2 quadratic and linear, BP quadratic), against irrCAC at 15 decimals on the same raw ratings."""
    _, reports, analysis = case
    us = units(reports)
    tables: list[dict[str, Any]] = []
    ours: list[tuple[str, dict[str, Any]]] = []
    for (i, item), item_agreement in zip(enumerate(reports[0].items), analysis.agreement.items):
        for e, element in enumerate(item.elements):
            theirs = next(x for x in analysis.agreement.elements if x.id == element.id)
            tables.append({"ratings": raw_ratings(us, RATERS, lambda r: element_value(r, i, e)), "categories": [0, 1], "weights": "identity"})
            ours.append((element.id, {"gwet": theirs.ac1, "fleiss": theirs.fleiss_kappa, "bp": theirs.brennan_prediger}))
        for weights, fields in (("quadratic", {"gwet": item_agreement.ac2_quadratic, "bp": item_agreement.brennan_prediger}), ("linear", {"gwet": item_agreement.ac2_linear})):
            tables.append({"ratings": raw_ratings(us, RATERS, lambda r: item_value(r, i)), "categories": [1, 2, 3, 4, 5], "weights": weights})
            ours.append((f"{item.id} {weights}", fields))
    assert compare_with_irrcac(tables, ours) > 150  # most elements and items have defined coefficients


THREE = ("A", "B", "C")


def three_raters() -> pd.DataFrame:
    """The example as three named raters: the offices' own ratings (A), the reviews (B), and the reviews with
    about one answer in ten flipped and a few reviews left out (C), seeded."""
    frame = fs.read_csv(EXAMPLE)
    own = frame[frame["rater_kind"] == "self"].assign(rater_name="A")
    reviews = frame[frame["rater_kind"] == "external"].assign(rater_name="B")
    third = reviews.assign(rater_name="C").iloc[3:].copy()
    rng = random.Random(11)
    answers = [c for c in frame.columns if c[:2] in ("A-", "B-") and ":" not in c]
    for row in third.index:
        for column in answers:
            if third.at[row, column] in ("0", "1") and rng.random() < 0.1:
                third.at[row, column] = "1" if third.at[row, column] == "0" else "0"
    return pd.concat([own, reviews, third], ignore_index=True)


def test_many_raters_match_irrcac_krippendorff_and_pingouin() -> None:
    """Three raters at once: Fleiss, Conger, AC1 and Brennan–Prediger for every element, AC2, weighted Fleiss,
    Conger and BP for every item against irrCAC; Krippendorff's alpha against the krippendorff package; the
    three-rater ICCs of the items and the total against pingouin; and the CLI gives the same analysis."""
    frame = three_raters()
    analysis = fs.agreement(frame, by="name", raters=list(THREE))
    many = analysis.many_raters
    assert many is not None and many.raters == list(THREE) and analysis.agreement.raters == ["A", "B"]
    reports = fs.bank(EXAMPLES_BANK).score_rows(frame)
    us: dict[tuple[str, str], dict[str, fs.ScoreReport]] = {}
    for r in reports:
        us.setdefault((r.office.id, r.period), {})[r.rater.name or ""] = r
    assert many.units == len(us) and many.complete == sum(all(n in u for n in THREE) for u in us.values())
    tables: list[dict[str, Any]] = []
    ours: list[tuple[str, dict[str, Any]]] = []
    for (i, item), theirs_item in zip(enumerate(reports[0].items), many.items):
        for e, element in enumerate(item.elements):
            theirs = next(x for x in many.elements if x.id == element.id)
            def value(r: fs.ScoreReport | None, i: int = i, e: int = e) -> float:
                return element_value(r, i, e)

            tables.append({"ratings": raw_ratings(us, THREE, value), "categories": [0, 1], "weights": "identity"})
            ours.append((element.id, {"gwet": theirs.ac1, "fleiss": theirs.fleiss_kappa, "conger": theirs.conger_kappa, "bp": theirs.brennan_prediger}))
            data = np.array([[value(us[u].get(n)) for u in sorted(us)] for n in THREE])
            assert close(theirs.alpha, kripp(data, "nominal")), element.id
        def score(r: fs.ScoreReport | None, i: int = i) -> float:
            return item_value(r, i)

        tables.append({"ratings": raw_ratings(us, THREE, score), "categories": [1, 2, 3, 4, 5], "weights": "quadratic"})
        ours.append((f"{item.id} quadratic", {"gwet": theirs_item.ac2_quadratic, "fleiss": theirs_item.fleiss_kappa, "conger": theirs_item.conger_kappa, "bp": theirs_item.brennan_prediger}))
        tables.append({"ratings": raw_ratings(us, THREE, score), "categories": [1, 2, 3, 4, 5], "weights": "linear"})
        ours.append((f"{item.id} linear", {"gwet": theirs_item.ac2_linear}))
        data = np.array([[score(us[u].get(n)) for u in sorted(us)] for n in THREE])
        assert close(theirs_item.alpha, kripp(data, "ordinal")), item.id
        complete = data[:, ~np.isnan(data).any(axis=0)]
        assert theirs_item.complete == complete.shape[1]
        if complete.shape[1] >= 2 and theirs_item.icc2 is not None:
            check_icc(theirs_item.icc2, theirs_item.icc3, complete)
    assert compare_with_irrcac(tables, ours) > 200
    totals = np.array([[us[u][n].total.sum for u in sorted(us) if all(n in us[u] and us[u][n].total.sum is not None for n in THREE)] for n in THREE], dtype=float)
    assert many.total.complete == totals.shape[1] >= 8
    check_icc(many.total.icc2, many.total.icc3, totals)
    cli_args = ["--by", "name", "--raters", ",".join(THREE), "--format", "json"]
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "three.csv"
        frame.to_csv(path, index=False)
        assert analysis.to_dict() == json.loads(cli("agreement", str(path), *cli_args))


def test_the_long_table_is_the_clis_csv() -> None:
    """``coefficients_frame()`` is ``fidelity agreement --format csv`` read by pandas, row for row."""
    import io

    frame = fs.agreement(EXAMPLE).coefficients_frame()
    cli_frame = pd.read_csv(io.StringIO(cli("agreement", str(EXAMPLE), "--format", "csv")), dtype={"raters": "Int64"})
    assert list(frame.columns) == list(cli_frame.columns)
    assert len(frame) == len(cli_frame) > 500
    pd.testing.assert_frame_equal(frame, cli_frame, check_dtype=False, rtol=0, atol=1e-15)
    paradox = frame[(frame["id"] == "A-1.1") & frame["coefficient"].isin(["cohen_kappa", "ac1", "prevalence_index"])]
    assert list(paradox["coefficient"]) == ["cohen_kappa", "ac1", "prevalence_index"]
    assert set(frame["raters"].dropna()) == {2} and frame[frame["scope"] == "scale"]["raters"].isna().all()


def second_bootstrap(statistic: Any, n: int, indices: list[list[int]]) -> tuple[float, list[float], list[float]]:
    """The statistic on the data, on every resample (units drawn by ``indices``), and leaving each unit out."""
    estimate = statistic(list(range(n)))
    resampled = [statistic(rows) for rows in indices]
    jackknife = [statistic([u for u in range(n) if u != left]) for left in range(n)]
    return estimate, resampled, jackknife


def second_intervals(estimate: float, resampled: list[float], jackknife: list[float]) -> tuple[list[float], list[float]]:
    """Percentile (numpy's linear interpolation) and BCa (Efron & Tibshirani 1993, §14.3, with scipy's
    mid-rank count for the bias) 95% intervals, written independently of the Rust ones."""
    values = np.asarray(resampled)
    percentile = list(np.percentile(values, [2.5, 97.5]))
    tie = np.abs(values - estimate) <= 1e-12 * max(1.0, abs(estimate))
    z0 = scipy_stats.norm.ppf((np.sum((values < estimate) & ~tie) + 0.5 * np.sum(tie)) / len(values))
    jack = np.asarray(jackknife)
    d = jack.mean() - jack
    a = np.sum(d**3) / (6 * np.sum(d**2) ** 1.5)
    z = scipy_stats.norm.ppf([0.025, 0.975])
    levels = scipy_stats.norm.cdf(z0 + (z0 + z) / (1 - a * (z0 + z)))
    return percentile, list(np.percentile(values, 100 * levels))


def test_bootstrap_intervals_match_a_second_implementation_with_the_same_resamples() -> None:
    """The seeded bootstrap: the same resamples (from the core's ChaCha stream) given to numpy, scikit-learn and
    scipy give the same percentile and BCa intervals for percent agreement, the prevalence index, Cohen's kappa,
    the quadratic weighted kappa and within-one agreement; the seed makes them reproducible, and the CLI agrees."""
    resamples, seed = 200, 5
    frame = fs.read_csv(EXAMPLE)
    reports = fs.bank(EXAMPLES_BANK).score_rows(frame)
    analysis = fs.agreement(frame, bootstrap=resamples, seed=seed)
    assert analysis.bootstrap is not None and (analysis.bootstrap.resamples, analysis.bootstrap.seed) == (resamples, seed)
    us = units(reports)
    keys = sorted(us)
    n = analysis.bootstrap.units
    assert n == len(keys)
    indices = fs._native.bootstrap_indices(n, resamples, seed)
    row: dict[tuple[str, str, str], Any] = {(r.scope, r.id, r.coefficient): r for r in analysis.coefficients if r.raters == 2}
    shape = reports[0].items
    element_ids = [e.id for item in shape for e in item.elements]

    def element_pairs(rows: list[int], e_id: str) -> np.ndarray:
        i, e = next((i, e) for i, item in enumerate(shape) for e, x in enumerate(item.elements) if x.id == e_id)
        out = [[element_value(us[keys[u]].get(k), i, e) for k in RATERS] for u in rows]
        arr: np.ndarray = np.array(out, dtype=float).reshape(-1, 2)
        complete: np.ndarray = arr[~np.isnan(arr).any(axis=1)]
        return complete

    def item_pairs(rows: list[int], item_id: str) -> np.ndarray:
        i = next(i for i, item in enumerate(shape) if item.id == item_id)
        arr: np.ndarray = np.array([[item_value(us[keys[u]].get(k), i) for k in RATERS] for u in rows], dtype=float).reshape(-1, 2)
        complete: np.ndarray = arr[~np.isnan(arr).any(axis=1)]
        return complete

    statistics = {
        ("element", "A-1.1", "percent_agreement"): lambda rows: float(np.mean((p := element_pairs(rows, "A-1.1"))[:, 0] == p[:, 1])),
        ("element", "A-1.1", "prevalence_index"): lambda rows: float(np.mean(((p := element_pairs(rows, "A-1.1"))[:, 0] == 1) & (p[:, 1] == 1)) - np.mean((p[:, 0] == 0) & (p[:, 1] == 0))),
        ("element", "A-2.5", "cohen_kappa"): lambda rows: sklearn_kappa((p := element_pairs(rows, "A-2.5"))[:, 0], p[:, 1]),
        ("item", "B-1", "weighted_kappa_quadratic"): lambda rows: sklearn_kappa((p := item_pairs(rows, "B-1"))[:, 0].astype(int), p[:, 1].astype(int), weights="quadratic", labels=[1, 2, 3, 4, 5]),
        ("item", "A-6", "within_one"): lambda rows: float(np.mean(np.abs((p := item_pairs(rows, "A-6"))[:, 0] - p[:, 1]) <= 1)),
    }
    assert "A-2.5" in element_ids
    for key, statistic in statistics.items():
        ours = row[key]
        estimate, resampled, jackknife = second_bootstrap(statistic, n, indices)
        assert abs(estimate - ours.value) <= TOL, key
        assert not any(math.isnan(v) for v in resampled), key  # every resample defines it, so ours has intervals
        percentile, bca = second_intervals(estimate, resampled, jackknife)
        assert ours.ci95_percentile is not None and ours.ci95_bca is not None, key
        assert all(abs(a - b) <= TOL for a, b in zip(ours.ci95_percentile, percentile)), (key, ours.ci95_percentile, percentile)
        assert all(abs(a - b) <= 1e-7 for a, b in zip(ours.ci95_bca, bca)), (key, ours.ci95_bca, bca)
    # The seed makes it reproducible, and the CLI gives the same table.
    again = fs.agreement(frame, bootstrap=resamples, seed=seed)
    assert again.to_dict() == analysis.to_dict()
    assert fs.agreement(frame, bootstrap=resamples, seed=seed + 1).to_dict() != analysis.to_dict()
    cli_json = json.loads(cli("agreement", str(EXAMPLE), "--bootstrap", str(resamples), "--seed", str(seed), "--format", "json"))
    assert cli_json == analysis.to_dict()


def test_many_rater_bootstrap_matches_a_second_implementation() -> None:
    """Three raters: the many-rater rows get bootstrap intervals too, from resamples of every unit any of them
    rated; Krippendorff's alpha among the three (the krippendorff package, given the core's resamples) gives
    the same percentile and BCa intervals."""
    resamples, seed = 200, 3
    frame = three_raters()
    analysis = fs.agreement(frame, by="name", raters=list(THREE), bootstrap=resamples, seed=seed)
    reports = fs.bank(EXAMPLES_BANK).score_rows(frame)
    us: dict[tuple[str, str], dict[str, fs.ScoreReport]] = {}
    for r in reports:
        us.setdefault((r.office.id, r.period), {})[r.rater.name or ""] = r
    keys = sorted(us)
    assert analysis.bootstrap is not None and analysis.bootstrap.units == len(keys)
    indices = fs._native.bootstrap_indices(len(keys), resamples, seed)
    row: dict[tuple[str, str, str], Any] = {(r.scope, r.id, r.coefficient): r for r in analysis.coefficients if r.raters == 3}
    shape = reports[0].items
    i = next(i for i, item in enumerate(shape) if item.id == "A-3")
    e = next(e for e, x in enumerate(shape[i].elements) if x.id == "A-3.2")

    def element_alpha(rows: list[int]) -> float:
        return kripp(np.array([[element_value(us[keys[u]].get(k), i, e) for u in rows] for k in THREE]), "nominal")

    def item_alpha(rows: list[int]) -> float:
        return kripp(np.array([[item_value(us[keys[u]].get(k), i) for u in rows] for k in THREE]), "ordinal")

    checked = 0
    for key, statistic in {("element", "A-3.2", "krippendorff_alpha_nominal"): element_alpha, ("item", "A-3", "krippendorff_alpha_ordinal"): item_alpha}.items():
        ours = row[key]
        estimate, resampled, jackknife = second_bootstrap(statistic, len(keys), indices)
        assert abs(estimate - ours.value) <= TOL, key
        assert not any(math.isnan(v) for v in resampled + jackknife), key
        percentile, bca = second_intervals(estimate, resampled, jackknife)
        assert ours.ci95_percentile is not None and ours.ci95_bca is not None, key
        assert all(abs(a - b) <= TOL for a, b in zip(ours.ci95_percentile, percentile)), (key, ours.ci95_percentile, percentile)
        assert all(abs(a - b) <= 1e-7 for a, b in zip(ours.ci95_bca, bca)), (key, ours.ci95_bca, bca)
        checked += 1
    assert checked == 2
    many_with_intervals = [r for r in analysis.coefficients if r.raters == 3 and r.ci95_percentile is not None]
    assert len(many_with_intervals) > 200


TWO_PERIODS = REPO / "examples" / "offices-two-periods.csv"


def test_period_difference_matches_a_second_implementation() -> None:
    """Agreement in 2024 against 2025 on the two-period example: each period's values are those of the period
    analysed alone, the difference is their difference, and its percentile and BCa intervals — offices
    resampled with both their periods, the core's resamples given to numpy, scikit-learn and pingouin — agree;
    the CLI's CSV is ``difference_frame()``."""
    resamples, seed = 200, 2
    frame = fs.read_csv(TWO_PERIODS)
    analysis = fs.agreement(frame, periods=("2024", "2025"), bootstrap=resamples, seed=seed)
    d = analysis.period_difference
    assert d is not None and d.periods == ["2024", "2025"] and d.bootstrap is not None
    alone = [fs.agreement(frame[frame["period"] == p]) for p in ("2024", "2025")]
    values: list[dict[tuple[Any, ...], float]] = [{(r.scope, r.id, r.coefficient, r.raters): r.value for r in a.coefficients if r.raters} for a in alone]
    assert len(d.rows) == len(set(values[0]) & set(values[1])) > 400
    for r in d.rows:
        which = (r.scope, r.id, r.coefficient, r.raters)
        # Equal to the last bits: the same sums in another order.
        assert np.allclose(r.values, [values[0][which], values[1][which]], rtol=0, atol=1e-12), which
        assert abs(r.difference - (values[1][which] - values[0][which])) <= 1e-12, which
    reports = fs.bank(EXAMPLES_BANK).score_rows(frame)
    us = units(reports)
    offices = sorted({o for o, p in us})
    assert (d.offices, d.units) == (len(offices), [sum(p == x for _, p in us) for x in ("2024", "2025")])
    indices = fs._native.bootstrap_indices(len(offices), resamples, seed)
    shape = reports[0].items

    def pairs(drawn: list[int], period: str, value: Any) -> np.ndarray:
        rows = [[value(us[(offices[o], period)].get(k)) for k in RATERS] for o in drawn if (offices[o], period) in us]
        arr: np.ndarray = np.array(rows, dtype=float).reshape(-1, 2)
        complete: np.ndarray = arr[~np.isnan(arr).any(axis=1)]
        return complete

    i = next(i for i, item in enumerate(shape) if item.id == "B-1")

    def change(statistic: Any, value: Any) -> Any:
        return lambda drawn: statistic(pairs(drawn, "2025", value)) - statistic(pairs(drawn, "2024", value))

    def total(r: fs.ScoreReport | None) -> float:
        return math.nan if r is None or r.total.sum is None else float(r.total.sum)

    def icc2(p: np.ndarray) -> float:
        long = pd.DataFrame([(t, k, p[t, k]) for t in range(len(p)) for k in range(2)], columns=["t", "r", "x"])
        with warnings.catch_warnings():  # pingouin's own use of a deprecated pandas keyword, 400 times over
            warnings.simplefilter("ignore")
            icc = pingouin.intraclass_corr(data=long, targets="t", raters="r", ratings="x").set_index("Type")
        return float(icc.loc["ICC(A,1)", "ICC"])

    statistics = {
        ("element", "A-1.1", "percent_agreement"): change(lambda p: float(np.mean(p[:, 0] == p[:, 1])), lambda r: element_value(r, 0, 0)),
        ("item", "B-1", "weighted_kappa_quadratic"): change(lambda p: sklearn_kappa(p[:, 0].astype(int), p[:, 1].astype(int), weights="quadratic", labels=[1, 2, 3, 4, 5]), lambda r: item_value(r, i)),
        ("total", "total", "icc2_1"): change(icc2, total),
    }
    assert shape[0].elements[0].id == "A-1.1"
    row: dict[tuple[str, str, str], Any] = {(r.scope, r.id, r.coefficient): r for r in d.rows if r.raters == 2}
    for key, statistic in statistics.items():
        ours = row[key]
        estimate, resampled, jackknife = second_bootstrap(statistic, len(offices), indices)
        assert abs(estimate - ours.difference) <= TOL, key
        percentile, bca = second_intervals(estimate, resampled, jackknife)
        assert ours.ci95_percentile is not None and ours.ci95_bca is not None, key
        assert all(abs(a - b) <= TOL for a, b in zip(ours.ci95_percentile, percentile)), (key, ours.ci95_percentile, percentile)
        assert all(abs(a - b) <= 1e-7 for a, b in zip(ours.ci95_bca, bca)), (key, ours.ci95_bca, bca)
    import io

    cli_frame = pd.read_csv(io.StringIO(cli("agreement", str(TWO_PERIODS), "--periods", "2024,2025", "--bootstrap", str(resamples), "--seed", str(seed), "--format", "csv")), dtype={"raters": "Int64"})
    pd.testing.assert_frame_equal(analysis.difference_frame(), cli_frame, check_dtype=False, rtol=0, atol=1e-15)
    with pytest.raises(ValueError, match="two periods"):
        fs.agreement(frame, periods=("2024",))
    with pytest.raises(fs.AssessmentError) as bad:
        fs.agreement(frame, periods=("2023", "2025"))
    assert bad.value.problems[0].code == "invalid_value" and "2024, 2025" in bad.value.problems[0].text("en")
