"""The exceptions of fidelity_scale. The native module raises these from the core's problems, so a problem
has the same code, path and message whichever language reports it (codes: docs/errors.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    help: str = ""
    """What to do about it: one sentence per code, the same in every interface."""

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
            help=d.get("help", ""),
        )

    def to_dict(self) -> dict[str, Any]:
        """The core's JSON form of a problem (absent fields left out)."""
        out: dict[str, Any] = {"code": self.code, "path": self.path}
        for key in ("file", "row", "line", "column", "cell"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        out["message"] = self.message
        out["help"] = self.help
        return out

    def __str__(self) -> str:
        where = ""
        if self.file:
            where += f"{self.file}:"
        if self.cell is not None:
            where += f"{self.cell}: "
        elif self.line is not None and self.column is not None:
            where += f"{self.line}:{self.column}: "
        elif self.file:
            where += " "
        if self.row is not None:
            where += f"row {self.row}: "
        path = f" {self.path}:" if self.path else ""
        return f"{where}[{self.code}]{path} {self.message}"


class FidelityError(ValueError):
    """Bad input: every problem found, with the first one's code, path and line at hand."""

    def __init__(self, message: str, problems: list[dict[str, Any]] | list[Problem]) -> None:
        super().__init__(message)
        self.problems: list[Problem] = [p if isinstance(p, Problem) else Problem.from_dict(p) for p in problems]

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
