"""What ``Bank.score`` and ``Bank.validate`` accept, turned into the text the core reads."""

from __future__ import annotations

import datetime
import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Union

from ._errors import AssessmentError, Problem

AssessmentInput = Union[Mapping[str, Any], str, "os.PathLike[str]"]
"""A dict (e.g. from ``yaml.safe_load`` or ``json.load``), a YAML/JSON string, or a path to a file."""


def as_text(assessment: AssessmentInput) -> tuple[str, bool, str | None]:
    """``(text, positioned, file)``: the text for the core, whether its line/column mean anything to the
    user (not for dicts, whose JSON the package writes), and the file it came from.

    A ``str`` is a path when it is a single line naming an existing file; otherwise it is YAML/JSON text.
    Use ``pathlib.Path`` to be explicit."""
    if isinstance(assessment, Mapping):
        return json.dumps(_plain(assessment), ensure_ascii=False), False, None
    if isinstance(assessment, os.PathLike) or (
        isinstance(assessment, str) and "\n" not in assessment and len(assessment) < 4096 and Path(assessment).is_file()
    ):
        path = Path(assessment)
        from . import _native

        return _native.read_file(os.fspath(path)), True, str(path)
    if isinstance(assessment, str):
        return assessment, True, None
    raise TypeError(f"expected a dict, a YAML/JSON string or a path, not {type(assessment).__name__}")


def _plain(value: Any, path: str = "") -> Any:
    """JSON-ready values: NaN (a blank spreadsheet cell) is null, NumPy scalars are Python numbers, dates
    are ISO text. Any other object is refused with the path where it is, as the core would."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v, f"{path}.{k}" if path else str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, f"{path}[{i}]") for i, v in enumerate(value)]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):  # NumPy scalars
        return _plain(value.item(), path)
    kind = type(value).__name__
    message = f"expected a string, number, boolean, list or mapping, found a Python {kind}"
    message_ja = f"文字列・数値・真偽値・リスト・マッピングのいずれかが必要ですが、Python の {kind} です"
    from . import _native

    problem = Problem(
        "wrong_type",
        path,
        message,
        help=_native.error_help("wrong_type", "en") or "",
        message_ja=message_ja,
        help_ja=_native.error_help("wrong_type", "ja") or "",
    )
    raise AssessmentError(f"[wrong_type] {path}: {message}", [problem])
