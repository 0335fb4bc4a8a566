"""Banks: the checklist with its scoring rules, and the entry points that score against it."""

from __future__ import annotations

import json
import os
import tempfile
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from . import _native, _types
from ._errors import AssessmentError, Problem
from ._frame import score_frame, score_rows, validate_frame
from ._input import AssessmentInput, as_text
from ._errors import Lang
from ._report import ScoreReport


class Bank:
    """A checked item bank version: its domains, items and elements (Japanese text with English
    translations), its scoring rules, and the digests that identify them."""

    def __init__(self, native: _native.NativeBank) -> None:
        self._native = native

    # -- loading ---------------------------------------------------------------------------------------

    @classmethod
    def builtin(cls, reference: str = "seiho-shuro") -> Bank:
        """A built-in bank: ``"seiho-shuro"`` (latest version) or ``"seiho-shuro@1.0.0"``."""
        return cls(_native.NativeBank.builtin(reference))

    @classmethod
    def from_path(cls, path: str | os.PathLike[str]) -> Bank:
        """A bank version folder (``bank.yaml`` and one YAML file per item), checked on load."""
        return cls(_native.NativeBank.from_path(os.fspath(path)))

    @classmethod
    def from_files(cls, files: dict[str, str]) -> Bank:
        """A bank from ``{file name: YAML text}``, as a bank folder would hold them."""
        return cls(_native.NativeBank.from_files(dict(files)))

    # -- identity --------------------------------------------------------------------------------------

    @property
    def id(self) -> str:
        return self._native.id

    @property
    def version(self) -> str:
        return self._native.version

    @property
    def reference(self) -> str:
        """``id@version``."""
        return self._native.reference

    @property
    def content_digest(self) -> str:
        """sha256 of the whole bank's canonical JSON (text and rules)."""
        return self._native.content_digest

    @property
    def scoring_digest(self) -> str:
        """sha256 of what decides scores only: equal digests give equal scores."""
        return self._native.scoring_digest

    # -- content ---------------------------------------------------------------------------------------

    @cached_property
    def definition(self) -> _types.BankDef:
        """The whole bank as the core holds it (the ``bank`` JSON Schema's shape)."""
        return _types.BankDef(json.loads(self._native.definition_json()))

    @property
    def title(self) -> _types.Text:
        return self.definition.title

    @property
    def scoring(self) -> _types.Scoring:
        """The scoring rules, with their rationales and the notice that they are provisional."""
        return self.definition.scoring

    @property
    def domains(self) -> list[_types.Domain]:
        return self.definition.domains

    @property
    def items(self) -> list[_types.Item]:
        return [item for d in self.domains for item in d.items]

    @property
    def elements(self) -> list[_types.Element]:
        return [e for item in self.items for e in item.elements]

    @property
    def glossary(self) -> list[_types.GlossaryEntry]:
        """Terms an assessor needs defined: each term with its one English rendering and its definition,
        from a section of the manual (``source`` "3.2", "3.3") or written by this project (``"project"``)."""
        return self.definition.glossary or []

    @property
    def provenance(self) -> list[_types.ProvenanceNote]:
        """Where the bank's texts come from: the source's slips kept as written, and the project's own texts."""
        return self.definition.provenance or []

    def checklist(self, lang: Lang = "ja", markdown: bool = False) -> str:
        """The checklist as ``fidelity items`` prints it: items with their texts, elements, options and
        figures, the glossary and the notice that the scoring rules are provisional."""
        return self._native.checklist_text(lang, markdown)

    def item(self, id: str) -> _types.Item:
        """The item ``id`` (e.g. ``"A-1"``)."""
        for item in self.items:
            if item.id == id:
                return item
        raise KeyError(id)

    def element(self, id: str) -> _types.Element:
        """The element ``id`` (e.g. ``"A-1.1"``)."""
        for e in self.elements:
            if e.id == id:
                return e
        raise KeyError(id)

    def assessment_schema(self) -> dict[str, Any]:
        """The JSON Schema of an assessment for this bank (element ids, options and figures listed)."""
        return json.loads(self._native.assessment_schema_json())  # type: ignore[no-any-return]

    # -- scoring ---------------------------------------------------------------------------------------

    def score(self, assessment: AssessmentInput) -> ScoreReport:
        """Scores one office's assessment: a dict, a YAML/JSON string, or a path. Raises
        ``AssessmentError`` with every problem (code, path, line) if it does not fit this bank."""
        text, positioned, file = as_text(assessment)
        return ScoreReport(json.loads(self._native.score_json(text, positioned, file)), self)

    def validate(self, assessment: AssessmentInput, strict: bool = False) -> list[Problem]:
        """Every problem of an assessment, as data; empty when it is valid. Never raises for bad content.
        ``strict`` also refuses elements that take evidence (△ options or figures) but are answered
        true/false alone (code ``evidence_required``), as ``fidelity validate --strict`` does."""
        try:
            text, positioned, file = as_text(assessment)
        except AssessmentError as e:
            return e.problems
        return [Problem.from_dict(p) for p in self._native.validate(text, positioned, file, strict)]

    def score_frame(self, data: Any, on_error: Literal["keep", "raise"] = "keep") -> Any:
        """Scores many offices in the wide layout (a pandas DataFrame, or a list of dicts): see
        ``fidelity_scale.score_frame``."""
        return score_frame(self, data, on_error)

    def score_rows(self, data: Any) -> list[ScoreReport]:
        """Full reports (with every element's trace) for every row of a wide table; slower than
        ``score_frame``. Raises ``AssessmentError`` if any row is invalid."""
        return score_rows(self, data)

    def validate_frame(self, data: Any, strict: bool = False) -> list[Problem]:
        """Every problem of a wide table (header or rows), each with its row; ``strict`` as in ``validate``."""
        return validate_frame(self, data, strict)

    # -- templates -------------------------------------------------------------------------------------

    @property
    def template_columns(self) -> list[str]:
        """The wide layout's input columns for this bank."""
        return list(self._native.template_columns())

    def template(self, path: str | os.PathLike[str] | None = None) -> Any:
        """An empty DataFrame with the wide layout's columns. With ``path`` (``.csv`` or ``.xlsx``), also
        writes it there for offices to fill in; an existing file is never overwritten."""
        import pandas as pd

        frame = pd.DataFrame({c: pd.Series(dtype="object") for c in self.template_columns})
        if path is not None:
            _write_new(Path(path), frame)
        return frame

    def excel_template(self, path: str | os.PathLike[str], lang: Lang = "ja") -> Path:
        """Writes the Excel workbook an office fills in (``fidelity template --format xlsx``): the elements down
        the rows with drop-downs, the office sheet, the instructions; the text locked. Never over an existing
        file. ``fs.score_excel`` reads it back."""
        target = Path(path)
        with open(target, "xb") as f:
            f.write(self._native.workbook_template(lang))
        return target

    def __repr__(self) -> str:
        return f"Bank({self.reference!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Bank) and other.content_digest == self.content_digest

    def __hash__(self) -> int:
        return hash(self.content_digest)


def _write_new(path: Path, frame: Any) -> None:
    """Writes through a temporary file in the same folder, then links it into place, which fails if the
    path exists: a user's file is never overwritten, and a half-written file never appears."""
    if path.exists():
        raise FileExistsError(f"{path} exists; choose a new file name")
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"template files are .csv or .xlsx, not {path.suffix!r}")
    fd, tmp = tempfile.mkstemp(prefix=".fidelity-", suffix=suffix, dir=path.parent)
    os.close(fd)
    try:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False)
        else:
            frame.to_excel(tmp, index=False, sheet_name="assessments")
        os.link(tmp, path)
    finally:
        os.unlink(tmp)
