"""The score report: the core's JSON with attribute access, an HTML table for notebooks, and a radar plot."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any, Literal

from . import _native, _types
from ._errors import Lang

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ._bank import Bank


def words(lang: Lang = "ja") -> dict[str, str]:
    """The core's screen words in ``lang``, key → word (statuses, rater kinds, column headings): the words the
    CLI, the HTML pages and the web form use."""
    return _native.words(lang)


def _text(t: _types.Text, lang: Lang) -> str:
    return (t.en or t.ja) if lang == "en" else t.ja



class ScoreReport(_types.ScoreReport):
    """One office's scores with the trace of every element, stamped with the bank and engine that made
    them. ``to_dict()`` is exactly the core's JSON (``fidelity score --format json``)."""

    def __init__(self, data: dict[str, Any], bank: Bank) -> None:
        super().__init__(data)
        object.__setattr__(self, "_bank", bank)

    @property
    def scoring_bank(self) -> Bank:
        """The bank these scores were computed with."""
        return self._bank  # type: ignore[no-any-return]

    def item(self, id: str) -> _types.ItemScore:
        for item in self.items:
            if item.id == id:
                return item
        raise KeyError(id)

    def level_label(self, lang: Lang = "ja") -> str | None:
        for band in self._bank.scoring.levels.bands:
            if band.id == self.level:
                return _text(band.label, lang)
        return None

    def to_text(self, lang: Lang = "ja") -> str:
        """The report as ``fidelity score`` prints it: terminal tables, with the provisional-rules notice."""
        return self._bank._native.report_text(json.dumps(self.to_dict()), lang, False)  # type: ignore[no-any-return]

    def to_markdown(self, lang: Lang = "ja") -> str:
        """The report as ``fidelity score --format markdown`` prints it."""
        return self._bank._native.report_text(json.dumps(self.to_dict()), lang, True)  # type: ignore[no-any-return]

    def to_html(self, lang: Lang = "ja") -> str:
        """A table of items, domains, total and level, with the notice that the rules are provisional (the
        rendering crate's fragment, in the core's words)."""
        return self._bank._native.report_html(json.dumps(self.to_dict()), lang)  # type: ignore[no-any-return]

    def _repr_html_(self) -> str:
        return self.to_html("ja")

    def __repr__(self) -> str:
        return (
            f"ScoreReport(office={self.office.id!r}, period={self.period!r}, rater={self.rater.kind!r}, "
            f"total={self.total.sum!r}, level={self.level!r}, bank={self.bank.id + '@' + self.bank.version!r})"
        )

    def plot(self, *others: ScoreReport, ax: Axes | None = None) -> Axes:
        """A radar chart of item scores (1..5); pass more reports to overlay them, e.g. two years of one
        office. Needs matplotlib (``pip install fidelity-scale[plot]``)."""
        return plot_reports([self, *others], ax=ax)


def plot_reports(reports: list[ScoreReport], ax: Axes | None = None) -> Axes:
    """A radar chart of the item scores of one or more reports (items with no score are drawn at 0)."""
    import matplotlib.pyplot as plt

    if not reports:
        raise ValueError("plot needs at least one report")
    ids = [i.id for i in reports[0].items]
    angles = [2 * math.pi * k / len(ids) for k in range(len(ids))]
    if ax is None:
        _, ax = plt.subplots(subplot_kw={"projection": "polar"}, figsize=(5, 5))
    for r in reports:
        scores = {i.id: (i.score or 0) for i in r.items}
        values = [scores.get(i, 0) for i in ids]
        label = f"{r.office.id} {r.period} ({r.rater.kind})"
        ax.plot(angles + angles[:1], values + values[:1], marker="o", label=label)
        ax.fill(angles + angles[:1], values + values[:1], alpha=0.1)
    ax.set_xticks(angles)
    ax.set_xticklabels(ids)
    ax.set_ylim(0, 5)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.legend(loc="upper right", bbox_to_anchor=(1.3, 1.1), fontsize="small")
    ax.set_title("Item scores (provisional rules)", fontsize="medium")
    return ax
