"""Runs irrCAC (PyPI, a port of Gwet's R package) on tables passed as JSON on stdin and prints its results at
full precision: run by its own venv (irrCAC pins older numpy and scipy than the package's tests use; the test
command builds target/irrcac-venv). Input: [{"ratings": units × raters (null = not rated), "categories": [...],
"weights": "identity" | "quadratic" | "linear"}]. Output: per table, per coefficient (gwet, fleiss, conger,
bp), {value, se, lower, upper, pa, pe}, or null where irrCAC fails or gives NaN."""

import json
import math
import sys
import warnings

import numpy as np
import pandas as pd
from irrCAC.raw import CAC  # type: ignore[import-not-found]

warnings.simplefilter("ignore")
out = []
for table in json.load(sys.stdin):
    frame = pd.DataFrame(table["ratings"], dtype=float)
    results = {}
    for method in ("gwet", "fleiss", "conger", "bp"):
        try:
            cac = CAC(frame, weights=table["weights"], categories=table["categories"], digits=15)
            est = getattr(cac, method)()["est"]
            values = [est["coefficient_value"], est["se"], *est["confidence_interval"], est["pa"], est["pe"]]
            values = [float(v) for v in values]
            results[method] = None if any(math.isnan(v) for v in values) else dict(zip(("value", "se", "lower", "upper", "pa", "pe"), values))
        except (ZeroDivisionError, ValueError, FloatingPointError, IndexError):
            results[method] = None
    out.append(results)
json.dump(out, sys.stdout)
