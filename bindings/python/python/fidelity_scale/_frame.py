"""Batch scoring of the wide layout (one office per row) from a pandas DataFrame or a list of dicts.

The table goes to the core in one call, column by column: numeric columns as float64 buffers (no Python
object per cell), other columns as lists. The core scores every row with the interpreter released and
returns result columns as buffers. Nothing here reads a cell's meaning; that is the core's."""

from __future__ import annotations

import itertools
import json
import math
import os
from array import array
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from . import _native
from ._errors import AssessmentError, Problem

if TYPE_CHECKING:
    import pandas as pd

    from ._bank import Bank
    from ._report import ScoreReport

MAX_EXACT = 2**53


def _column_from_series(s: pd.Series) -> bytes | list[Any]:
    from pandas.api import types

    if types.is_numeric_dtype(s.dtype) and not types.is_bool_dtype(s.dtype):
        values = s.to_numpy(dtype="float64", na_value=math.nan)
        # Whole numbers too large for a float stay exact as Python ints.
        if types.is_integer_dtype(s.dtype) and len(values) and abs(values).max() >= MAX_EXACT:
            return s.astype(object).where(s.notna(), None).tolist()
        return values.tobytes()
    return s.astype(object).where(s.notna(), None).tolist()


def _header_and_columns(data: Any) -> tuple[list[str], list[bytes | list[Any]], int]:
    if hasattr(data, "columns") and hasattr(data, "iloc"):  # a pandas DataFrame
        header = [str(c) for c in data.columns]
        return header, [_column_from_series(data.iloc[:, i]) for i in range(len(header))], len(data)
    if isinstance(data, Sequence) and all(isinstance(r, Mapping) for r in data):
        keys = list(dict.fromkeys(itertools.chain.from_iterable(data)))
        # Cells as they are (the core reads a float NaN as a blank cell, as None), gathered row by row and
        # turned into columns with map and zip, so the per-cell work stays in C.
        by_row = [list(map(row.get, keys)) for row in data]
        columns: list[bytes | list[Any]] = [list(c) for c in zip(*by_row)] if by_row else [[] for _ in keys]
        return [str(k) for k in keys], columns, len(data)
    raise TypeError("score_frame takes a pandas DataFrame or a list of dicts (one per office)")


def table_bank(bank: str, header: list[str]) -> str:
    """``bank`` as a reference to score a wide table with: as given when it names a version, otherwise the
    newest built-in version whose columns the table's header fits (a table made from the 1.0.0 template is
    read with 1.0.x, as the CLI reads a CSV), or the newest when it fits none (whose problems are then told)."""
    if "@" in bank:
        return bank
    return _native.bank_for_header(bank, header) or bank


def _problems(raw: list[dict[str, Any]]) -> dict[int, list[Problem]]:
    """The native layer's problems (each with its ``row``) by row, in row order."""
    out: dict[int, list[Problem]] = {}
    for p in raw:
        out.setdefault(p["row"], []).append(Problem.from_dict(p))
    return out


def raise_row_problems(problems: dict[int, list[Problem]], rows: int) -> None:
    """Raises ``AssessmentError`` with every invalid row's problems, in row order, if there are any."""
    if problems:
        every = [p for row in sorted(problems) for p in problems[row]]
        raise AssessmentError(f"{len(problems)} of {rows} rows have problems", every)


def score_frame(bank: Bank, data: Any, on_error: Literal["keep", "raise"] = "keep") -> Any:
    """Scores a table in the wide layout. Returns a DataFrame for a DataFrame, a list of dicts for a list
    of dicts: identity columns, ``bank``, item scores, domain means, ``total_sum``, ``total_mean``,
    ``level``, ``judged_without_evidence`` (the elements that take △ options or figures but were answered
    true/false alone, space-separated), ``problems``, then every other input column unchanged (answers included, so nothing is lost;
    one named like a score column is renamed ``NAME (input)``). Invalid rows keep their identity
    and carried-through cells, get no scores, and list their problems; with ``on_error="raise"`` any
    invalid row raises ``AssessmentError`` with every row's problems instead."""
    header, columns, rows = _header_and_columns(data)
    result = bank._native.score_columns(header, columns)
    problems = _problems(result["problems"])
    if on_error == "raise":
        raise_row_problems(problems, rows)
    item_ids = [i.id for i in bank.items]
    domain_ids = [d.id for d in bank.domains]
    fixed = ["office_id", "office_name", "period", "rater_kind"]
    carried: list[tuple[str, str]] = result["carried"]
    problem_text = ["; ".join(str(p) for p in problems[r]) if r in problems else None for r in range(rows)]

    if hasattr(data, "columns"):
        import numpy as np
        import pandas as pd

        out: dict[str, Any] = {}
        for name in fixed:
            out[name] = data[name].to_numpy() if name in data.columns else pd.array([pd.NA] * rows, dtype="string")
        out["bank"] = pd.array([bank.reference] * rows, dtype="string")
        for item, buf in zip(item_ids, result["items"]):
            scores = np.frombuffer(buf, dtype=np.int8)
            out[item] = pd.arrays.IntegerArray(scores.copy(), scores == 0)
        for domain, buf in zip(domain_ids, result["domains"]):
            out[f"domain_{domain}"] = np.frombuffer(buf, dtype=np.float64).copy()
        sums = np.frombuffer(result["total_sum"], dtype=np.int32)
        out["total_sum"] = pd.arrays.IntegerArray(sums.copy(), sums < 0)
        out["total_mean"] = np.frombuffer(result["total_mean"], dtype=np.float64).copy()
        out["level"] = pd.array(result["level"], dtype="string")
        out["judged_without_evidence"] = pd.array(result["judged_without_evidence"], dtype="string")
        out["problems"] = pd.array(problem_text, dtype="string")
        for name, out_name in carried:
            out[out_name] = data[name].to_numpy()
        return pd.DataFrame(out, index=data.index)

    # Output columns first, then one dict per row by zipping them: the per-cell work stays in C.
    by_name = dict(zip(header, columns))
    blank: list[Any] = [None] * rows
    keys = [*fixed, "bank", *item_ids, *(f"domain_{d}" for d in domain_ids), "total_sum", "total_mean", "level"]
    keys += ["judged_without_evidence", "problems"]
    out_columns: list[Any] = [by_name.get(name, blank) for name in fixed]
    out_columns.append([bank.reference] * rows)
    out_columns += [[v or None for v in array("b", buf)] for buf in result["items"]]
    out_columns += [[None if math.isnan(v) else v for v in array("d", buf)] for buf in result["domains"]]
    out_columns.append([None if v < 0 else v for v in array("i", result["total_sum"])])
    out_columns.append([None if math.isnan(v) else v for v in array("d", result["total_mean"])])
    out_columns += [result["level"], result["judged_without_evidence"], problem_text]
    keys += [out_name for _, out_name in carried]
    out_columns += [by_name[name] for name, _ in carried]
    return [dict(zip(keys, values)) for values in zip(*out_columns)]


def validate_frame(bank: Bank, data: Any, strict: bool = False) -> list[Problem]:
    """Every problem of a wide table (header or rows), each with its row; empty when all rows are valid.
    ``strict`` also refuses elements that take evidence (△ options or figures) but were answered true/false
    alone (code ``evidence_required``)."""
    header, columns, _ = _header_and_columns(data)
    try:
        raw = bank._native.validate_columns(header, columns, strict)
    except AssessmentError as e:
        return e.problems
    return [Problem.from_dict(p) for p in raw]


def score_rows(bank: Bank, data: Any) -> list[ScoreReport]:
    """Full reports, with every element's trace, for every row of a wide table. Raises
    ``AssessmentError`` with every row's problems if any row is invalid."""
    from ._report import ScoreReport

    header, columns, rows = _header_and_columns(data)
    result = bank._native.reports_json(header, columns)
    raise_row_problems(_problems(result["problems"]), rows)
    return [ScoreReport(json.loads(text), bank) for text in result["reports"]]


def read_csv(path: Any, encoding: Literal["auto", "utf-8", "cp932"] = "auto") -> pd.DataFrame:
    """Reads a wide CSV with every cell as the text written in it. (``pandas.read_csv`` alone reads
    ``na`` and ``NA`` as missing, which would turn a not-applicable answer into an unanswered one.) The file's
    bytes are read as the CLI reads them: UTF-8, or Shift_JIS (CP932) as Excel on Japanese Windows saves
    "CSV", found from the file (``auto``) or as ``encoding`` says; a file that is neither raises
    ``AssessmentError`` with code ``encoding`` and the file, not a bare decoding error. A REDCap raw export of
    the instrument ``redcap_dictionary`` writes comes back in the wide layout (``record_id`` as ``office_id``,
    each field as its element, REDCap's missing-data codes as blank, ``NA`` as ``na``), as ``fidelity score``
    reads it."""
    import io

    import pandas as pd

    if isinstance(path, (str, os.PathLike)):
        text, _ = _native.read_csv_text(os.fspath(path), encoding)
        wide = _native.redcap_wide_text(text)
        path = io.StringIO(text if wide is None else wide[0])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def redcap_dictionary(reference: str = "seiho-shuro", lang: Literal["ja", "en"] = "ja") -> pd.DataFrame:
    """The REDCap data dictionary of a built-in bank version (``fidelity export redcap``): one row per field,
    REDCap's 18 columns. ``to_csv(path, index=False)`` gives the file REDCap imports."""
    import pandas as pd

    header, *rows = _native.redcap_dictionary(reference, lang)
    return pd.DataFrame(rows, columns=header)
