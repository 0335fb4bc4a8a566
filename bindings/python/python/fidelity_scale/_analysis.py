"""Research analytics: agreement between two raters of each office and period, internal consistency, and
item and element statistics (``fidelity agreement``). Every statistic is the core's; this module turns
inputs into the core's calls and its result into typed objects and pandas DataFrames."""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Sequence, Union

from . import _native, _types
from ._audit import Library, ReportInput, _library
from ._bank import Bank
from ._frame import _header_and_columns, _problems, raise_row_problems, read_csv, table_bank
from ._errors import Lang

if TYPE_CHECKING:
    import pandas

Data = Union["pandas.DataFrame", "os.PathLike[str]", str, Iterable[Any]]
"""A wide table (DataFrame, list of row dicts with ``office_id``, or a ``.csv`` path), or score reports,
assessments or paths to either."""


def _icc_columns(prefix: str, icc: _types.Icc | None) -> dict[str, float | None]:
    if icc is None:
        return {prefix: None, f"{prefix}_low": None, f"{prefix}_high": None}
    return {prefix: icc.value, f"{prefix}_low": icc.ci95[0], f"{prefix}_high": icc.ci95[1]}


class Analysis(_types.Analysis):
    """Agreement, reliability and item statistics over assessments of one bank version. ``to_dict()`` is the
    core's JSON (``fidelity agreement --format json``); each ``*_frame()`` is one of its tables. The scoring
    rules are provisional (``notice``), and so is every statistic computed from their scores."""

    def item_agreement_frame(self) -> pandas.DataFrame:
        """One row per item, then ``total``: pairs, exact and within-one agreement, quadratic weighted
        kappa, ICC(2,1) and ICC(3,1) with 95% bounds, ordinal Krippendorff's alpha."""
        import pandas

        rows = [
            {
                "id": i.id,
                "domain": i.domain,
                "pairs": i.pairs,
                "percent_agreement": i.percent_agreement,
                "within_one": i.within_one,
                "weighted_kappa": i.weighted_kappa,
                **_icc_columns("icc2", i.icc2),
                **_icc_columns("icc3", i.icc3),
                "alpha": i.alpha,
            }
            for i in self.agreement.items
        ]
        t = self.agreement.total
        rows.append({"id": "total", "domain": None, "pairs": t.pairs, **_icc_columns("icc2", t.icc2), **_icc_columns("icc3", t.icc3)})
        return pandas.DataFrame(rows).astype({"pairs": "int64"})

    def element_agreement_frame(self) -> pandas.DataFrame:
        """One row per element: pairs, percent agreement, Cohen's kappa, nominal Krippendorff's alpha, Gwet's
        AC1, Fleiss' kappa, Brennan–Prediger, and the prevalence and bias indices (values only: their errors
        and intervals are in ``coefficients_frame``)."""
        import pandas

        def flat(e: dict[str, Any]) -> dict[str, Any]:
            return {k: (v["value"] if isinstance(v, dict) else v) for k, v in e.items() if k != "kappa_estimate"}

        return pandas.DataFrame([flat(e.to_dict()) for e in self.agreement.elements]).astype({"pairs": "int64"})

    def coefficients_frame(self) -> pandas.DataFrame:
        """Every coefficient in one long table, as ``fidelity agreement --format csv`` writes it: ``scope``
        (element, item, total, scale), ``id``, ``raters`` (2 for the two-rater tables, k for ``many_raters``,
        missing for internal consistency), ``coefficient`` (``ac1``, ``cohen_kappa``, ``icc2_1``, ...),
        ``value``, ``se``, ``ci95_lower``, ``ci95_upper`` (analytic), ``percentile_lower`` … ``bca_upper``
        (the bootstrap's, when asked for), ``n``."""
        import pandas

        rows = [
            {
                "scope": r.scope,
                "id": r.id,
                "raters": r.raters,
                "coefficient": r.coefficient,
                "value": r.value,
                "se": r.se,
                **_bounds(ci95=r.ci95, percentile=r.ci95_percentile, bca=r.ci95_bca),
                "n": r.n,
            }
            for r in self.coefficients
        ]
        bounds = ["ci95_lower", "ci95_upper", "percentile_lower", "percentile_upper", "bca_lower", "bca_upper"]
        columns = ["scope", "id", "raters", "coefficient", "value", "se", *bounds, "n"]
        types = {"raters": "Int64", "n": "int64", "se": "float64", **{b: "float64" for b in bounds}}
        return pandas.DataFrame(rows, columns=columns).astype(types)

    def difference_frame(self) -> pandas.DataFrame:
        """The period difference (``periods=``) as ``fidelity agreement --periods A,B --format csv`` writes it:
        ``scope``, ``id``, ``raters``, ``coefficient``, ``first`` and ``second`` (the periods' values),
        ``difference`` (second − first), ``percentile_lower`` … ``bca_upper`` (the bootstrap's, over offices),
        ``offices``. Raises ``ValueError`` when the analysis compared no periods."""
        import pandas

        d = self.period_difference
        if d is None:
            raise ValueError("no period difference: pass periods=(first, second) to agreement()")
        rows = [
            {
                "scope": r.scope,
                "id": r.id,
                "raters": r.raters,
                "coefficient": r.coefficient,
                "first": r.values[0],
                "second": r.values[1],
                "difference": r.difference,
                **_bounds(percentile=r.ci95_percentile, bca=r.ci95_bca),
                "offices": d.offices,
            }
            for r in d.rows
        ]
        bounds = ["percentile_lower", "percentile_upper", "bca_lower", "bca_upper"]
        columns = ["scope", "id", "raters", "coefficient", "first", "second", "difference", *bounds, "offices"]
        types = {"raters": "Int64", "offices": "int64", **{b: "float64" for b in bounds}}
        return pandas.DataFrame(rows, columns=columns).astype(types)

    def reliability_frame(self) -> pandas.DataFrame:
        """One row per domain, then ``total``: Cronbach's alpha and the rows it used."""
        import pandas

        return pandas.DataFrame(
            [
                {"scale": s.id, "items": len(s.items), "alpha": s.alpha, "alpha_rows": s.alpha_rows, "complete_rows": s.complete_rows}
                for s in self.reliability.scales
            ]
        )

    def item_rest_frame(self) -> pandas.DataFrame:
        """Item-rest correlations: one row per scale and item."""
        import pandas

        return pandas.DataFrame([{"scale": s.id, "id": x.id, "r": x.r} for s in self.reliability.scales for x in s.item_rest])

    def item_frame(self) -> pandas.DataFrame:
        """Item score distributions: counts of 1..5, mean, SD, floor and ceiling shares."""
        import pandas

        rows = []
        for i in self.items:
            d = i.to_dict()
            counts = d.pop("counts")
            rows.append({**d, **{f"n{k + 1}": c for k, c in enumerate(counts)}})
        return pandas.DataFrame(rows)

    def element_frame(self) -> pandas.DataFrame:
        """Element outcomes: met, not met, na, unanswered, met share and flag (almost_all / almost_none)."""
        import pandas

        return pandas.DataFrame([e.to_dict() for e in self.elements])

    def to_text(self, lang: Lang = "ja") -> str:
        """The statistics as ``fidelity agreement`` prints them: terminal tables, with the notice."""
        return _native.analysis_text(json.dumps(self.to_dict()), lang, False)

    def to_markdown(self, lang: Lang = "ja") -> str:
        """The statistics as ``fidelity agreement --format markdown`` prints them."""
        return _native.analysis_text(json.dumps(self.to_dict()), lang, True)

    def _repr_html_(self) -> str:
        g = self.agreement
        head = (
            f"<p><b>{html.escape(self.bank.id)}@{html.escape(self.bank.version)}</b>: {self.assessments} assessments; "
            f"raters {html.escape(' × '.join(g.raters))}: {g.pairs} pairs of {g.units} offices × periods. "
            f"Cronbach's alpha {html.escape(self.reliability.missing)}.</p>"
        )
        notice = f"<p>※ {html.escape(self.notice.en or self.notice.ja)}</p>"
        frames = (self.item_agreement_frame(), self.reliability_frame(), self.item_frame())
        return head + "".join(f.to_html(index=False, float_format=lambda x: f"{x:.3f}", na_rep="—") for f in frames) + notice


def _is_wide_rows(data: object) -> bool:
    return isinstance(data, Sequence) and not isinstance(data, str) and bool(data) and all(
        isinstance(r, Mapping) and "office_id" in r for r in data
    )


def _bounds(**intervals: list[float] | None) -> dict[str, float | None]:
    """Intervals as ``NAME_lower`` and ``NAME_upper`` columns, missing where there is none."""
    return {f"{name}_{side}": (c[i] if c else None) for name, c in intervals.items() for i, side in enumerate(("lower", "upper"))}


def agreement(
    data: Data,
    bank: str | Bank = "seiho-shuro",
    *,
    by: Literal["kind", "name"] = "kind",
    raters: Sequence[str] | None = None,
    only: str | None = None,
    missing: Literal["listwise", "pairwise"] = "listwise",
    bootstrap: int | None = None,
    seed: int = 1,
    periods: Sequence[str] | None = None,
    banks: str | os.PathLike[str] | Library | None = None,
) -> Analysis:
    """Agreement between two raters of each office and period, internal consistency and item statistics.

    ``data`` is a wide table (a DataFrame, a list of row dicts, or a ``.csv`` path; rows scored with
    ``bank``, without a version the built-in version the table's columns are written for, as the CLI reads a
    CSV) or score reports / assessments / their paths, all of one bank version. Reports pair by office
    id and period; ``by`` says whether a rater is its kind (``self`` / ``external``) or its name, ``raters``
    which to compare: two, or three or more for ``many_raters`` (Fleiss, Conger, AC1/AC2, Brennan–Prediger,
    Krippendorff's alpha and the k-rater ICCs; the two-rater tables then compare the first two). ``only`` restricts reliability and item statistics to one rater's reports.
    ``missing`` is how Cronbach's alpha treats a row with a missing item. ``bootstrap`` (a number of
    resamples, e.g. 2000) adds percentile and BCa intervals to every agreement coefficient of the long table,
    reproducibly from ``seed``. ``periods`` (two, e.g. ``("2024", "2025")``) adds ``period_difference``: every
    agreement coefficient in each period and the second's minus the first's, with bootstrap intervals over
    offices when ``bootstrap`` is given (``difference_frame()``). Raises ``AssessmentError`` for
    invalid rows (every row's problems) and for reports that cannot be paired (code ``rater_pairing``)."""
    resampling = None if bootstrap is None else {"resamples": bootstrap, "seed": seed}
    if periods is not None and (isinstance(periods, str) or len(periods) != 2):
        raise ValueError(f"periods takes two periods, e.g. ('2024', '2025'); found {periods!r}")
    options = json.dumps(
        {
            "rater_key": by,
            "raters": list(raters) if raters else None,
            "only": only,
            "missing": missing,
            "bootstrap": resampling,
            "periods": list(periods) if periods is not None else None,
        }
    )
    if isinstance(data, (str, os.PathLike)) and Path(data).suffix.lower() == ".csv":
        data = read_csv(data)
    if hasattr(data, "columns") and hasattr(data, "iloc") or _is_wide_rows(data):
        header, columns, rows = _header_and_columns(data)
        scorer = bank if isinstance(bank, Bank) else Bank.builtin(table_bank(bank, header))
        result = scorer._native.analyze_columns(header, columns, options)
        raise_row_problems(_problems(result["problems"]), rows)
        return Analysis(json.loads(result["analysis"]))
    if isinstance(data, (str, os.PathLike)):
        raise TypeError("agreement takes a .csv path, a DataFrame, or an iterable of reports or assessments")
    lib = _library(banks)
    reports: Iterable[ReportInput] = data  # type: ignore[assignment]
    return Analysis(json.loads(lib._native.analyze_json([lib.report_json(r) for r in reports], options)))
