"""Writes examples/offices-two-raters.csv: invented offices, each rated by itself and by an external reviewer
for the same period, to try `fidelity agreement` on. Standard library only; the seed makes it reproducible:

    python3 examples/generate_two_raters.py > examples/offices-two-raters.csv

Model (made up, not from any survey): each office has a level of implementation and each element a
difficulty; the reviewer reports the true state 92% of the time, the office is lenient (it reports 22% of
unmet elements as met) and leaves about 0.6% of its answers blank. Four offices have no external review yet.
"""

import csv
import random
import sys
from pathlib import Path

OFFICES = 40
WITHOUT_REVIEW = 4
HERE = Path(__file__).resolve().parent


def main() -> None:
    rng = random.Random(20261123)
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
        for kind in ("self", "external"):
            if kind == "external" and n >= OFFICES - WITHOUT_REVIEW:
                continue
            cells = []
            for e in elements:
                if kind == "self":
                    met = truth[e] or rng.random() < 0.22
                    blank = rng.random() < 0.006
                else:
                    met = truth[e] if rng.random() < 0.92 else not truth[e]
                    blank = False
                cells.append("" if blank else str(int(met)))
            out.writerow([office, f"架空{n + 1:02d}福祉事務所", "2025", kind, *cells])


if __name__ == "__main__":
    main()
