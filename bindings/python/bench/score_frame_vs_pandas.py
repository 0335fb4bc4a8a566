"""Benchmark (not a test): scores N generated offices with ``Bank.score_frame`` and with the plain-pandas
implementation in ``pandas_reference.py``, checks that both give identical scores, and prints both times
and the ratio. Both are timed in the same run, on the same DataFrame.

    python bindings/python/bench/score_frame_vs_pandas.py            # 100,000 offices
    python bindings/python/bench/score_frame_vs_pandas.py --rows 2000 # a quick check
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import fidelity_scale as fs

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pandas_reference  # noqa: E402


def generate(bank: fs.Bank, rows: int, seed: int = 7) -> pd.DataFrame:
    """Offices as a spreadsheet would hold them: 1/0 answers (each office with its own tendency), options
    and figures filled for some offices and blank for others, and about 0.3% of answers left blank."""
    rng = np.random.default_rng(seed)
    tendency = rng.uniform(0.2, 0.95, rows)
    data: dict[str, object] = {
        "office_id": [f"{10000 + i}" for i in range(rows)],
        "office_name": "generated",
        "period": rng.choice(["2024", "2025"], rows),
        "rater_kind": rng.choice(["self", "external"], rows),
    }
    for column in bank.template_columns[4:]:
        element, _, key = column.partition(":")
        if column in ("rater_name", "rater_date") or element in ("finding", "sources", "comment"):
            continue  # the review's records: the benchmark measures scoring
        if not key:
            cells = (rng.uniform(size=rows) < tendency).astype(float)
            cells[rng.uniform(size=rows) < 0.003] = np.nan
        elif key in ("sessions_per_month", "activities_past_6_months", "new_users_past_year"):
            cells = rng.integers(0, 5, rows).astype(float)
            cells[rng.uniform(size=rows) < 0.5] = np.nan
        elif key == "capacity":
            cells = rng.integers(1, 20, rows).astype(float)
        else:
            cells = (rng.uniform(size=rows) < tendency + 0.1).astype(float)
            cells[rng.uniform(size=rows) < 0.5] = np.nan
        data[column] = cells
    frame = pd.DataFrame(data)
    # A figure element has both inputs or neither: blank capacity where users is blank.
    frame.loc[frame["B-1.6:new_users_past_year"].isna(), "B-1.6:capacity"] = np.nan
    # Options are all filled or all blank per element and office, as a form would save them.
    for element in ("A-3.4", "A-3.5", "B-1.1"):
        columns = [c for c in frame.columns if c.startswith(element + ":")]
        blank = frame[columns[0]].isna()
        frame.loc[blank, columns] = np.nan
        frame.loc[~blank, columns] = frame.loc[~blank, columns].fillna(0.0)
    return frame


def compare(ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    for column in theirs.columns:
        a = ours[column].astype(object).where(ours[column].notna(), None).tolist()
        b = theirs[column].astype(object).where(theirs[column].notna(), None).tolist()
        if column.startswith("domain_") or column == "total_mean":
            same = all((x is None and y is None) or (x is not None and y is not None and abs(x - y) < 1e-12) for x, y in zip(a, b))
        else:
            def text(v: object) -> str | None:
                return None if v is None else str(int(v) if isinstance(v, float) else v)

            same = [text(x) for x in a] == [text(y) for y in b]
        if not same:
            raise SystemExit(f"scores differ in column {column}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    bank = fs.bank("seiho-shuro@1.0.0")
    frame = generate(bank, args.rows)

    start = time.perf_counter()
    ours = bank.score_frame(frame)
    t_ours = time.perf_counter() - start
    if ours["problems"].notna().any():
        raise SystemExit(f"generated rows have problems: {ours['problems'].dropna().iloc[0]}")

    # The same offices as a list of dicts (one per office, blank cells left out), as JSON or a form gives them.
    records = [{k: v for k, v in row.items() if not (isinstance(v, float) and v != v)} for row in frame.to_dict("records")]
    start = time.perf_counter()
    from_dicts = bank.score_frame(records)
    t_dicts = time.perf_counter() - start

    start = time.perf_counter()
    theirs = pandas_reference.score_frame(frame)
    t_pandas = time.perf_counter() - start

    compare(ours, theirs)
    compare(pd.DataFrame(from_dicts), theirs)
    scored = int(ours["total_sum"].notna().sum())
    print(f"offices: {args.rows:,} ({scored:,} with a total; the rest have an incomplete item)")
    print("scores: identical (items, domain means, total, level)")
    print(f"score_frame:       {t_ours:8.3f} s  ({args.rows / t_ours:,.0f} offices/s)")
    print(f"score_frame(list of dicts): {t_dicts:8.3f} s  ({args.rows / t_dicts:,.0f} offices/s)")
    print(f"pandas (row-wise): {t_pandas:8.3f} s  ({args.rows / t_pandas:,.0f} offices/s)")
    print(f"ratio: score_frame is {t_pandas / t_ours:.1f}x faster; from a list of dicts {t_pandas / t_dicts:.1f}x faster")
    if fs._native.debug_build():
        print("(a debug build of the extension: the scores are checked, the timings are not representative)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
