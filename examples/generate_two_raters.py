"""Writes examples/offices-two-raters.csv: invented offices, each rated by itself and by an external reviewer
for the same period, to try `fidelity agreement` on. Standard library only; the seeds make it reproducible:

    python3 examples/generate_two_raters.py > examples/offices-two-raters.csv
    python3 examples/generate_two_raters.py --with-2024 > examples/offices-two-periods.csv

Model (made up, not from any survey): each office has a level of implementation and each element a
difficulty; the reviewer reports the true state 92% of the time, the office is lenient (it reports 22% of
unmet elements as met) and leaves about 0.6% of its answers blank. Four offices have no external review yet.

With --with-2024, the same offices' previous period comes first (its own seed, so the 2025 rows are those of
offices-two-raters.csv): each office a little further behind (its level 0 to 0.15 lower), and more lenient
with itself (36% of unmet elements reported as met) before the assessor training of 2025; the same four
offices and two more have no review in 2024.
"""

import csv
import random
import sys
from pathlib import Path

OFFICES = 40
WITHOUT_REVIEW = 4
HERE = Path(__file__).resolve().parent


def rows(kind: str, truth: dict[str, bool], lenient: float, rng: random.Random) -> list[str]:
    """One rater's answers: the office's own (lenient, a few blank) or the reviewer's (92% right)."""
    cells = []
    for e, met_truly in truth.items():
        if kind == "self":
            met = met_truly or rng.random() < lenient
            blank = rng.random() < 0.006
        else:
            met = met_truly if rng.random() < 0.92 else not met_truly
            blank = False
        cells.append("" if blank else str(int(met)))
    return cells


def main() -> None:
    with_2024 = "--with-2024" in sys.argv[1:]
    rng = random.Random(20261123)
    earlier = random.Random(20241123)
    with open(HERE / "offices.csv", encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    # Judgement columns only: the element's own column (no `:option` or `:figure` inputs).
    elements = [c for c in header if c[:2] in ("A-", "B-") and ":" not in c]
    # Most elements of middling difficulty; every 17th nearly always met and the 9th after it nearly never.
    difficulty = {e: (-0.8 if i % 17 == 0 else 0.8 if i % 17 == 8 else rng.uniform(-0.3, 0.3)) for i, e in enumerate(elements)}
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["office_id", "office_name", "period", "rater_kind", *elements])
    for n in range(OFFICES):
        office = f"{30001 + n}"
        level = rng.uniform(0.15, 0.9)
        truth = {e: rng.random() < min(max(level - difficulty[e], 0.02), 0.98) for e in elements}
        name = f"架空{n + 1:02d}福祉事務所"
        if with_2024:
            before = level - earlier.uniform(0, 0.15)
            truth_2024 = {e: earlier.random() < min(max(before - difficulty[e], 0.02), 0.98) for e in elements}
            for kind in ("self", "external"):
                if kind == "external" and n >= OFFICES - WITHOUT_REVIEW - 2:
                    continue
                out.writerow([office, name, "2024", kind, *rows(kind, truth_2024, 0.36, earlier)])
        for kind in ("self", "external"):
            if kind == "external" and n >= OFFICES - WITHOUT_REVIEW:
                continue
            out.writerow([office, name, "2025", kind, *rows(kind, truth, 0.22, rng)])


if __name__ == "__main__":
    main()
