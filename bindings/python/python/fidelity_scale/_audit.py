"""Year-over-year audit: compare two reports of an office, follow an office across periods, and verify that a
report is reproduced by its assessment. Every rule is the core's (``fidelity compare``, ``trend``,
``verify``); this module turns inputs into the core's JSON and its results into typed objects and frames."""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from . import _native, _types
from ._input import as_text
from ._report import ScoreReport
from ._errors import Lang

if TYPE_CHECKING:
    import pandas

ReportInput = Union[ScoreReport, Mapping[str, Any], str, "os.PathLike[str]"]
"""A ``ScoreReport``, a report's or an assessment's dict, YAML/JSON text, or a path to either."""


class Library:
    """The banks and crosswalks a comparison may use: the built-in ones, plus a folder laid out like
    ``fidelity-items/`` (``<id>/<version>/`` and ``<id>/crosswalks/``)."""

    def __init__(self, banks: str | os.PathLike[str] | None = None) -> None:
        self._native = _native.NativeLibrary(None if banks is None else os.fspath(banks))

    def report_json(self, item: ReportInput) -> str:
        """The core's report JSON for any ``ReportInput``: reports pass as they are, assessments are scored
        with the bank they name."""
        if isinstance(item, ScoreReport):
            return json.dumps(item.to_dict(), ensure_ascii=False)
        text, positioned, file = as_text(item)
        return self._native.report_json(text, positioned, file)


def _library(banks: str | os.PathLike[str] | Library | None) -> Library:
    return banks if isinstance(banks, Library) else Library(banks)


class Comparison(_types.Comparison):
    """Two reports of one office compared: item deltas, recomputed domain and total means, level change,
    elements newly met and no longer met, excluded items and warnings. ``to_dict()`` is the core's JSON
    (``fidelity compare --format json``)."""

    def __init__(self, data: dict[str, Any], library: Library) -> None:
        super().__init__(data)
        object.__setattr__(self, "_library", library)

    def to_frame(self) -> pandas.DataFrame:
        """One row per comparable item: ids, domain, statuses, scores and delta."""
        import pandas

        return pandas.DataFrame([i.to_dict() for i in self.items]).astype({"old_score": "Int64", "new_score": "Int64", "delta": "Int64"})

    def to_text(self, lang: Lang = "ja") -> str:
        """The comparison as ``fidelity compare`` prints it: terminal tables, with the notice."""
        return self._library._native.comparison_text(json.dumps(self.to_dict()), lang, False)  # type: ignore[no-any-return]

    def to_markdown(self, lang: Lang = "ja") -> str:
        """The comparison as ``fidelity compare --format markdown`` prints it."""
        return self._library._native.comparison_text(json.dumps(self.to_dict()), lang, True)  # type: ignore[no-any-return]

    def to_html(self, lang: Lang = "ja") -> str:
        """The comparison as an HTML fragment in ``lang``: warnings, item changes, total and level (the
        rendering crate's fragment, in the core's words)."""
        return self._library._native.comparison_html(json.dumps(self.to_dict()), lang)  # type: ignore[no-any-return]

    def _repr_html_(self) -> str:
        return self.to_html()


class Trend(_types.Trend):
    """Each office's scores across its periods. ``to_dict()`` is the core's JSON (``fidelity trend
    --format json``); ``to_html()`` is the self-contained page with charts of ``--format html``."""

    def __init__(self, data: dict[str, Any], reports: list[str], library: Library) -> None:
        super().__init__(data)
        object.__setattr__(self, "_reports", reports)
        object.__setattr__(self, "_library", library)

    def to_frame(self) -> pandas.DataFrame:
        """Long form: one row per office, point and item (``score``), plus domain and total rows with
        ``mean``."""
        import pandas

        rows: list[dict[str, Any]] = []
        for o in self.offices:
            for k, p in enumerate(o.points):
                base = {"office_id": o.office.id, "period": p.period, "rater_kind": p.rater.kind, "bank_version": p.bank.version}
                rows += [{**base, "kind": "item", "id": r.id, "score": r.values[k], "mean": None} for r in o.items]
                rows += [{**base, "kind": "domain", "id": r.id, "score": None, "mean": r.values[k]} for r in o.domains]
                rows.append({**base, "kind": "total", "id": "total", "score": o.total_sum[k], "mean": o.total_mean[k]})
        return pandas.DataFrame(rows).astype({"score": "Int64", "mean": "Float64"})

    def to_text(self, lang: Lang = "ja") -> str:
        """The trend as ``fidelity trend`` prints it: terminal tables, with the notice."""
        library: Library = self._library
        return library._native.trend_text(self._reports, lang, False)

    def to_markdown(self, lang: Lang = "ja") -> str:
        """The trend as ``fidelity trend --format markdown`` prints it."""
        library: Library = self._library
        return library._native.trend_text(self._reports, lang, True)

    def to_html(self, lang: Lang = "ja") -> str:
        library: Library = self._library
        return library._native.trend_html(self._reports, lang)

    def save_html(self, path: str | os.PathLike[str], lang: Lang = "ja") -> Path:
        """Writes the page to a new file (never over an existing one)."""
        target = Path(path)
        with open(target, "x", encoding="utf-8") as f:
            f.write(self.to_html(lang))
        return target

    def _repr_html_(self) -> str:
        return self.to_html()


class Verification(_types.Verification):
    """Whether a report is reproduced by its assessment, and every difference with its likely cause."""

    def _repr_html_(self) -> str:
        head = "matches" if self.matches else f"does not match ({self.cause})"
        rows = "".join(
            f"<tr><td>{html.escape(f.code)}</td><td>{html.escape(f.path)}</td><td>{html.escape(json.dumps(f.recorded))}</td>"
            f"<td>{html.escape(json.dumps(f.recomputed))}</td></tr>"
            for f in self.findings
        )
        return f"<p>The report {head} ({html.escape(self.bank)}, engine {html.escape(self.engine)}).</p><table>{rows}</table>"


def compare(old: ReportInput, new: ReportInput, banks: str | os.PathLike[str] | Library | None = None) -> Comparison:
    """Compares two reports (or assessments) of one office. Versions with different scoring compare only
    through a crosswalk; without one, ``AssessmentError`` with code ``not_comparable``."""
    lib = _library(banks)
    return Comparison(json.loads(lib._native.compare_json(lib.report_json(old), lib.report_json(new))), lib)


def trend(reports: Iterable[ReportInput], banks: str | os.PathLike[str] | Library | None = None) -> Trend:
    """Each office's reports (or assessments) ordered by period."""
    lib = _library(banks)
    texts = [lib.report_json(r) for r in reports]
    return Trend(json.loads(lib._native.trend_json(texts)), texts, lib)


def verify(report: ReportInput, assessment: Any, banks: str | os.PathLike[str] | Library | None = None) -> Verification:
    """Rescores ``assessment`` with the bank version ``report`` records and compares."""
    lib = _library(banks)
    text, positioned, file = as_text(assessment)
    return Verification(json.loads(lib._native.verify_json(lib.report_json(report), text, positioned, file)))
