"""Benchmark (not a test): the seeded bootstrap of ``fs.agreement`` against a plain Python loop over the
reference packages, on the same resamples (the core's ``bootstrap_indices``), timed in the same run.

The data: the example of two raters copied until there are OFFICES offices, rated by three named raters (the
offices' own ratings A, the reviews B, the reviews with one answer in ten flipped C). Ours: every agreement
coefficient of the long table (two raters and three) with its percentile and BCa intervals, RESAMPLES
resamples and the jackknife. The loop: per resample, what a researcher without this package would call for
the same coefficients — irrCAC's Gwet, Fleiss, Conger and Brennan–Prediger for every element and item (two
raters and three; irrCAC runs in its own venv, target/irrcac-venv, as in the tests), Krippendorff's alpha
(krippendorff) and pingouin's ICCs for every item and the total. The loop is timed on a few resamples and its
time per resample multiplied by ours' number of samples (resamples + jackknife): it would take hours in full.

    python bindings/python/bench/bootstrap_vs_irrcac.py                       # 1,000 offices, 2,000 resamples
    python bindings/python/bench/bootstrap_vs_irrcac.py --offices 200 --loop 1 # a quick check
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import time
import warnings
from pathlib import Path
from typing import Any

import krippendorff
import numpy as np
import pandas as pd
import pingouin  # type: ignore[import-untyped]

import fidelity_scale as fs

REPO = Path(__file__).resolve().parents[3]
IRRCAC = REPO / "target" / "irrcac-venv" / "bin" / "python"
WORKER = REPO / "bindings" / "python" / "tests" / "irrcac_reference.py"
RATERS = ("A", "B", "C")


def three_raters(offices: int) -> pd.DataFrame:
    """The example's offices copied (new office ids) until there are ``offices``, as three named raters."""
    example = fs.read_csv(REPO / "examples" / "offices-two-raters.csv")
    copies = []
    for c in range(math.ceil(offices / example["office_id"].nunique())):
        copy = example.copy()
        copy["office_id"] = [str(int(o) + 1000 * c) for o in copy["office_id"]]
        copies.append(copy)
    frame = pd.concat(copies, ignore_index=True)
    frame = frame[frame["office_id"].isin(sorted(frame["office_id"].unique())[:offices])]
    own = frame[frame["rater_kind"] == "self"].assign(rater_name="A")
    reviews = frame[frame["rater_kind"] == "external"].assign(rater_name="B")
    third = reviews.assign(rater_name="C").copy()
    rng = random.Random(11)
    answers = [c for c in frame.columns if c[:2] in ("A-", "B-") and ":" not in c]
    for row in third.index:
        for column in answers:
            if third.at[row, column] in ("0", "1") and rng.random() < 0.1:
                third.at[row, column] = "1" if third.at[row, column] == "0" else "0"
    return pd.concat([own, reviews, third], ignore_index=True)


def value_arrays(reports: list[fs.ScoreReport]) -> tuple[list[tuple[str, str]], dict[str, np.ndarray], dict[str, np.ndarray], np.ndarray]:
    """Units (office, period) in the core's order; per element and per item a units × raters array of values
    (NaN where missing); the totals likewise."""
    units: dict[tuple[str, str], dict[str, fs.ScoreReport]] = {}
    for r in reports:
        units.setdefault((r.office.id, r.period), {})[r.rater.name or ""] = r
    keys = sorted(units)
    shape = reports[0].items
    nan = math.nan

    def grid(value: Any) -> np.ndarray:
        return np.array([[value(units[u].get(k)) for k in RATERS] for u in keys], dtype=float)

    outcome = {"met": 1.0, "not_met": 0.0}
    elements = {
        e.id: grid(lambda r, i=i, j=j: nan if r is None else outcome.get(r.items[i].elements[j].outcome, nan))
        for i, item in enumerate(shape)
        for j, e in enumerate(item.elements)
    }
    items = {item.id: grid(lambda r, i=i: nan if r is None or r.items[i].score is None else float(r.items[i].score)) for i, item in enumerate(shape)}
    totals = grid(lambda r: nan if r is None or r.total.sum is None else float(r.total.sum))
    return keys, elements, items, totals


def loop_tables(elements: dict[str, np.ndarray], items: dict[str, np.ndarray], rows: list[int]) -> list[dict[str, Any]]:
    """irrCAC's tables for one resample: every element (identity) and item (quadratic, linear), two raters and
    three."""

    def table(grid: np.ndarray, raters: int, categories: list[int], weights: str) -> dict[str, Any]:
        part = grid[rows][:, :raters]
        part = part[~np.isnan(part).all(axis=1)]
        return {"ratings": [[None if math.isnan(v) else v for v in r] for r in part.tolist()], "categories": categories, "weights": weights}

    out = []
    for raters in (2, 3):
        out += [table(g, raters, [0, 1], "identity") for g in elements.values()]
        for g in items.values():
            out += [table(g, raters, [1, 2, 3, 4, 5], w) for w in ("quadratic", "linear")]
    return out


def icc(grid: np.ndarray) -> None:
    complete = grid[~np.isnan(grid).any(axis=1)]
    n, k = complete.shape
    if n < 3:
        return
    long = pd.DataFrame({"t": np.repeat(np.arange(n), k), "r": np.tile(np.arange(k), n), "x": complete.reshape(-1)})
    pingouin.intraclass_corr(data=long, targets="t", raters="r", ratings="x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offices", type=int, default=1000)
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--loop", type=int, default=2, help="resamples the Python loop is timed on")
    args = parser.parse_args()
    frame = three_raters(args.offices)
    options: dict[str, Any] = {"by": "name", "raters": list(RATERS)}

    start = time.perf_counter()
    fs.agreement(frame, **options)
    plain = time.perf_counter() - start
    start = time.perf_counter()
    analysis = fs.agreement(frame, **options, bootstrap=args.resamples, seed=1)
    ours = time.perf_counter() - start
    assert analysis.bootstrap is not None
    n = analysis.bootstrap.units
    samples = args.resamples + n  # resamples and the jackknife's leave-one-out samples
    with_intervals = sum(r.ci95_percentile is not None for r in analysis.coefficients)
    print(
        f"{args.offices} offices × 3 raters ({n} units): fs.agreement {plain:.2f} s without the bootstrap, "
        f"{ours:.2f} s with {args.resamples} resamples ({samples} samples with the jackknife); "
        f"{with_intervals} coefficients get intervals; {(ours - plain) / samples * 1e3:.2f} ms per sample"
    )

    reports = fs.bank("seiho-shuro@1.0.0").score_rows(frame)
    keys, elements, items, totals = value_arrays(reports)
    assert len(keys) == n
    indices = fs._native.bootstrap_indices(n, args.loop, 1)
    tables = [loop_tables(elements, items, rows) for rows in indices]
    # irrCAC in its own venv: the worker's start-up (imports) timed apart and taken off.
    start = time.perf_counter()
    subprocess.run([str(IRRCAC), str(WORKER)], input="[]", text=True, check=True, capture_output=True)
    startup = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([str(IRRCAC), str(WORKER)], input=json.dumps([t for ts in tables for t in ts]), text=True, check=True, capture_output=True)
    irrcac = time.perf_counter() - start - startup
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for rows in indices:
            for raters in (2, 3):
                for grid in elements.values():
                    part = grid[rows][:, :raters].T
                    if len(np.unique(part[~np.isnan(part)])) > 1:
                        krippendorff.alpha(reliability_data=part, level_of_measurement="nominal")
                for grid in items.values():
                    part = grid[rows][:, :raters]
                    if len(np.unique(part[~np.isnan(part)])) > 1:
                        krippendorff.alpha(reliability_data=part.T, level_of_measurement="ordinal")
                    icc(part)
                icc(totals[rows][:, :raters])
    others = time.perf_counter() - start
    per_resample = (irrcac + others) / args.loop
    estimate = per_resample * samples
    print(
        f"the Python loop, timed on {args.loop} resamples: {per_resample:.1f} s per resample "
        f"(irrCAC {irrcac / args.loop:.1f} s, krippendorff and pingouin {others / args.loop:.1f} s); "
        f"{samples} samples would take {estimate / 3600:.1f} h"
    )
    print(f"ratio: {estimate / (ours - plain):,.0f}× (the loop's time per sample over ours)")


if __name__ == "__main__":
    main()
