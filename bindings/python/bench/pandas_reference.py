"""The v1 rules of seiho-shuro@1.0.0 written in plain pandas, the way a researcher would: one function
per row, applied with ``DataFrame.apply``. Used only by the benchmark, as the baseline ``score_frame`` is
measured against and as an independent check of its scores."""

from __future__ import annotations

from typing import Any

import pandas as pd

ITEMS = {
    "A-1": 5, "A-2": 10, "A-3": 8, "A-4": 5, "A-5": 8, "A-6": 4,
    "B-1": 6, "B-2": 7, "B-3": 4,
}
A34 = ["relationship", "intake_assessment", "plan", "job_development", "training", "plan_review",
       "workplace_support", "retention_review", "employer_support"]
A35 = ["outreach", "placement_npo", "new_partners", "partner_liaison", "employer_liaison", "hellowork_liaison",
       "municipality_liaison", "employment_resources", "employment_network", "living_resources", "health_liaison",
       "living_network", "advocacy", "staff_motivation"]
B11 = ["hellowork", "npo", "minsei_council", "hospital", "school", "park", "other"]


def filled(v: Any) -> bool:
    return not pd.isna(v) and str(v).strip() != ""


def element_met(row: pd.Series, element: str) -> bool | None:
    """True/False, or None when unanswered. Evidence columns, when any is filled, decide."""
    if element in ("A-3.4", "A-3.5", "B-1.1"):
        keys = {"A-3.4": A34, "A-3.5": A35, "B-1.1": B11}[element]
        cells = [row[f"{element}:{k}"] for k in keys]
        if any(filled(c) for c in cells):
            selected = sum(1 for c in cells if filled(c) and int(c) == 1)
            return selected >= 1 if element == "B-1.1" else selected == len(keys)
    if element == "A-2.3" and filled(row["A-2.3:sessions_per_month"]):
        return int(row["A-2.3:sessions_per_month"]) >= 2
    if element == "B-2.1" and filled(row["B-2.1:activities_past_6_months"]):
        return int(row["B-2.1:activities_past_6_months"]) >= 1
    if element == "B-1.6":
        users, capacity = row["B-1.6:new_users_past_year"], row["B-1.6:capacity"]
        if filled(users) or filled(capacity):
            return int(users) * 2 >= int(capacity)
    v = row[element]
    if not filled(v):
        return None
    return int(v) == 1


def item_score(met: int, n: int) -> int:
    rate = met / n
    if rate >= 1:
        return 5
    if rate >= 0.75:
        return 4
    if rate >= 0.5:
        return 3
    if rate >= 0.25:
        return 2
    return 1


def score_row(row: pd.Series) -> pd.Series:
    out: dict[str, object] = {}
    items: dict[str, int | None] = {}
    for item, n in ITEMS.items():
        answers = [element_met(row, f"{item}.{i}") for i in range(1, n + 1)]
        items[item] = None if any(a is None for a in answers) else item_score(sum(1 for a in answers if a), n)
    out.update(items)
    for domain in ("A", "B"):
        in_domain = [items[i] for i in ITEMS if i.startswith(domain)]
        out[f"domain_{domain}"] = None if None in in_domain else sum(s or 0 for s in in_domain) / len(in_domain)
    scores = [items[i] for i in ITEMS]
    if None in scores:
        out["total_sum"] = out["total_mean"] = out["level"] = None
    else:
        total = sum(s or 0 for s in scores)
        out["total_sum"] = total
        out["total_mean"] = total / len(scores)
        out["level"] = "high" if total >= 4 * len(scores) else "moderate" if total >= 3 * len(scores) else "low"
    return pd.Series(out)


def score_frame(df: pd.DataFrame) -> pd.DataFrame:
    return df.apply(score_row, axis=1)
