"""The review team's work: reconcile two reviewers' ratings of one office (a worksheet and the consensus
draft), and the report the office receives with its action plan. Every rule is the core's (``fidelity
consensus``, ``fidelity report``); this module turns inputs into the core's JSON and its results into typed
objects and frames."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _types
from ._audit import Library, ReportInput, _library
from ._input import AssessmentInput, as_text
from ._errors import Lang

if TYPE_CHECKING:
    import pandas


def _save(path: str | os.PathLike[str], text: str) -> Path:
    """Writes ``text`` to a new file (never over an existing one)."""
    target = Path(path)
    with open(target, "x", encoding="utf-8") as f:
        f.write(text)
    return target


class Consensus(_types.Worksheet):
    """Two independent ratings of one office and period, reconciled: the worksheet (``to_dict()`` is the
    core's JSON, as ``fidelity consensus --format json``), and the consensus draft (``draft``, an assessment
    of rater kind ``consensus`` as a dict; ``draft_yaml``, the file the reviewers edit)."""

    draft: dict[str, Any]
    draft_yaml: str

    def __init__(self, data: dict[str, Any], draft: dict[str, Any], draft_yaml: str, library: Library) -> None:
        super().__init__(data)
        object.__setattr__(self, "draft", draft)
        object.__setattr__(self, "draft_yaml", draft_yaml)
        object.__setattr__(self, "_library", library)

    def to_frame(self) -> pandas.DataFrame:
        """One row per element, in the worksheet's order (largest disagreement first): item, element,
        agreed, each rating's answer (as YAML writes it), outcome and finding, the item score with each answer
        and the shift."""
        import pandas

        def shown(a: Any) -> str | None:
            return None if a is None else json.dumps(a, ensure_ascii=False)

        rows = []
        for item in self.to_dict()["items"]:
            for e in item["elements"]:
                with_ = e.get("scores_with") or [None, None]
                rows.append(
                    {
                        "item": item["id"],
                        "element": e["id"],
                        "agreed": e["agreed"],
                        "answer_1": shown(e["answers"][0]),
                        "answer_2": shown(e["answers"][1]),
                        "outcome_1": e["outcomes"][0],
                        "outcome_2": e["outcomes"][1],
                        "score_with_1": with_[0],
                        "score_with_2": with_[1],
                        "shift": e["shift"],
                        "finding_1": e["findings"][0],
                        "finding_2": e["findings"][1],
                    }
                )
        return pandas.DataFrame(rows).astype({"score_with_1": "Int64", "score_with_2": "Int64"})

    def to_text(self, lang: Lang = "ja") -> str:
        """The worksheet as ``fidelity consensus`` prints it."""
        return self._text(lang, "table")

    def to_markdown(self, lang: Lang = "ja") -> str:
        return self._text(lang, "markdown")

    def to_html(self, lang: Lang = "ja") -> str:
        """The worksheet as the printable page of ``fidelity consensus --format html``."""
        return self._text(lang, "html")

    def save_draft(self, path: str | os.PathLike[str]) -> Path:
        """Writes the consensus draft's YAML to a new file (never over an existing one)."""
        return _save(path, self.draft_yaml)

    def _text(self, lang: Lang, format: str) -> str:
        library: Library = self._library
        return library._native.worksheet_text(json.dumps(self.to_dict(), ensure_ascii=False), lang, format)

    def _repr_html_(self) -> str:
        return self.to_html()


class OfficeReport(_types.OfficeReport):
    """The report an office receives after a review. ``to_dict()`` is the core's JSON (``fidelity report
    --format json``); ``to_html()`` the printable page, ``to_markdown()`` the Markdown."""

    def __init__(self, data: dict[str, Any], library: Library) -> None:
        super().__init__(data)
        object.__setattr__(self, "_library", library)

    def to_frame(self) -> pandas.DataFrame:
        """One row per item: id, domain, status, score, met, applicable, counts of strengths and of elements
        not met."""
        import pandas

        return pandas.DataFrame(
            [
                {
                    "item": i.id,
                    "domain": i.domain,
                    "status": i.status,
                    "score": i.score,
                    "met": i.met,
                    "applicable": i.applicable,
                    "strengths": len(i.strengths),
                    "not_met": len(i.not_met),
                }
                for i in self.items
            ]
        ).astype({"score": "Int64"})

    def action_plan_frame(self, lang: Lang = "ja") -> pandas.DataFrame:
        """The action plan: one row per element not met, lowest-scoring items first, with the empty
        ``action``, ``responsible`` and ``due`` columns the office fills in."""
        import pandas

        return pandas.DataFrame(
            [
                {
                    "item": a.item,
                    "item_score": a.item_score,
                    "element": a.element,
                    "text": a.text.ja if lang == "ja" else (a.text.en or a.text.ja),
                    "action": a.action,
                    "responsible": a.responsible,
                    "due": a.due,
                }
                for a in self.action_plan
            ],
            columns=["item", "item_score", "element", "text", "action", "responsible", "due"],
        ).astype({"item_score": "Int64"})

    def to_html(self, lang: Lang = "ja") -> str:
        return self._text(lang, "html")

    def to_markdown(self, lang: Lang = "ja") -> str:
        return self._text(lang, "markdown")

    def save_html(self, path: str | os.PathLike[str], lang: Lang = "ja") -> Path:
        """Writes the page to a new file (never over an existing one)."""
        return _save(path, self.to_html(lang))

    def _text(self, lang: Lang, format: str) -> str:
        library: Library = self._library
        return library._native.office_report_text(json.dumps(self.to_dict(), ensure_ascii=False), lang, format)

    def _repr_html_(self) -> str:
        return self.to_html()


def consensus(first: AssessmentInput, second: AssessmentInput, banks: str | os.PathLike[str] | Library | None = None) -> Consensus:
    """Reconciles two reviewers' independent ratings of one office and period (dicts, YAML/JSON text or
    paths). Ratings of different offices or periods raise ``AssessmentError`` with code
    ``consensus_mismatch``."""
    lib = _library(banks)
    worksheet, draft, draft_yaml = lib._native.consensus_json(as_text(first), as_text(second))
    return Consensus(json.loads(worksheet), json.loads(draft), draft_yaml, lib)


def office_report(rating: ReportInput, previous: ReportInput | None = None, banks: str | os.PathLike[str] | Library | None = None) -> OfficeReport:
    """The office's report of a rating (a consensus, or any assessment or score report), with the change
    since ``previous`` when given (through a crosswalk when the versions differ)."""
    lib = _library(banks)
    before = None if previous is None else lib.report_json(previous)
    return OfficeReport(json.loads(lib._native.office_report_json(lib.report_json(rating), before)), lib)
