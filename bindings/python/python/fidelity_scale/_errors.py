"""The exceptions of fidelity_scale. The native module raises these from the core's problems, so a problem
has the same code, path and message whichever language reports it (codes: docs/errors.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

Lang = Literal["ja", "en"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input."""

    code: str
    """Stable snake_case code, e.g. ``unknown_element``."""
    path: str
    """Dotted path into the input, e.g. ``answers.B-1.6.capacity``; empty for the whole document."""
    message: str
    """What is wrong and what was expected."""
    line: int | None = None
    """1-based line, where the input has lines (text, CSV rows)."""
    column: int | None = None
    file: str | None = None
    row: int | None = field(default=None)
    """0-based row of a batch (a DataFrame's, a list's, a CSV's data rows), where the problem is in one: the
    same index in every interface."""
    cell: str | None = None
    """The spreadsheet cell, ``sheet!A1``, where the input is a workbook."""
    element: str | None = None
    """The bank's element the problem is about (its answer, finding or consensus reason), where it is one."""
    help: str = ""
    """What to do about it: one sentence per code, the same in every interface."""
    message_ja: str = ""
    """``message`` in Japanese (messages about bank and crosswalk files are in English only, repeated)."""
    help_ja: str = ""
    """``help`` in Japanese."""

    @classmethod
    def from_dict(cls, d: dict[str, Any], row: int | None = None) -> Problem:
        return cls(
            code=d["code"],
            path=d["path"],
            message=d["message"],
            line=d.get("line"),
            column=d.get("column"),
            file=d.get("file"),
            row=d.get("row", row),
            cell=d.get("cell"),
            element=d.get("element"),
            help=d.get("help", ""),
            message_ja=d.get("message_ja", ""),
            help_ja=d.get("help_ja", ""),
        )

    def to_dict(self) -> dict[str, Any]:
        """The core's JSON form of a problem (absent fields left out)."""
        out: dict[str, Any] = {"code": self.code, "path": self.path}
        for key in ("file", "row", "line", "column", "cell", "element"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        out["message"] = self.message
        out["help"] = self.help
        out["message_ja"] = self.message_ja
        out["help_ja"] = self.help_ja
        return out

    def text(self, lang: Lang = "ja") -> str:
        """The problem as one line in ``lang``, as the CLI prints it: file, position, code, path, message."""
        from . import _native

        return _native.problem_text(json.dumps(self.to_dict()), lang)

    def message_in(self, lang: Lang = "ja") -> str:
        """The message in ``lang``."""
        return (self.message_ja or self.message) if lang == "ja" else self.message

    def help_in(self, lang: Lang = "ja") -> str:
        """The help sentence in ``lang``."""
        return (self.help_ja or self.help) if lang == "ja" else self.help

    def __str__(self) -> str:
        return self.text("en")


class FidelityError(ValueError):
    """Bad input: every problem found, with the first one's code, path and line at hand."""

    def __init__(self, message: str, problems: list[dict[str, Any]] | list[Problem]) -> None:
        super().__init__(message)
        self.problems: list[Problem] = [p if isinstance(p, Problem) else Problem.from_dict(p) for p in problems]

    def to_text(self, lang: Lang = "ja") -> str:
        """Every problem, one per line, in ``lang`` (``str(error)`` is English)."""
        return "\n".join(p.text(lang) for p in self.problems)

    @property
    def code(self) -> str | None:
        return self.problems[0].code if self.problems else None

    @property
    def path(self) -> str | None:
        return self.problems[0].path if self.problems else None

    @property
    def line(self) -> int | None:
        return self.problems[0].line if self.problems else None

    @property
    def column(self) -> int | None:
        return self.problems[0].column if self.problems else None


class BankError(FidelityError):
    """An item bank is malformed, or no such bank exists."""


class AssessmentError(FidelityError):
    """An assessment (or a wide table of them) does not fit its bank."""


class FidelityIOError(FidelityError):
    """A file could not be read (code ``io``)."""
