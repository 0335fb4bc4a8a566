"""Read-only attribute views over the core's JSON: the generated classes in ``_types`` declare the fields;
``Record`` wraps nested objects on access, so ``report.items[0].elements[0].outcome`` works without copying
the data into a second model."""

from __future__ import annotations

import copy
from typing import Any, ClassVar


class Record:
    """A read-only view of one JSON object of the core's output."""

    __slots__ = ("_data", "_cache")
    _wrap: ClassVar[dict[str, Any]] = {}
    # Values the core leaves out of its JSON when they equal the schema's default.
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init__(self, data: dict[str, Any]) -> None:
        object.__setattr__(self, "_data", data)
        object.__setattr__(self, "_cache", {})

    def __getattr__(self, name: str) -> Any:
        key = name[:-1] if name.endswith("_") and name[:-1] in self._data else name
        if key not in self._data and key not in type(self).__annotations_all__():
            raise AttributeError(f"{type(self).__name__} has no field {name!r}")
        cache = self._cache
        if key not in cache:
            value = self._data[key] if key in self._data else copy.deepcopy(self._defaults.get(key))
            cache[key] = _wrap(self._wrap.get(key), value)
        return cache[key]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    @classmethod
    def __annotations_all__(cls) -> set[str]:
        names: set[str] = set()
        for klass in cls.__mro__:
            names.update(getattr(klass, "__annotations__", {}))
        return {n.rstrip("_") for n in names}

    def to_dict(self) -> dict[str, Any]:
        """A deep copy of the JSON object, exactly as the core produced it."""
        return copy.deepcopy(self._data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and type(self) is type(other) and self._data == other._data

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self._data.items() if not isinstance(v, (list, dict)))
        return f"{type(self).__name__}({fields})"


def _wrap(how: Any, value: Any) -> Any:
    if how is None or value is None:
        return value
    from . import _types

    if isinstance(how, str):
        return getattr(_types, how)(value) if isinstance(value, dict) else value
    if how[0] == "list":
        return [_wrap(how[1], v) for v in value]
    if how[0] == "tagged":
        _, tag, classes = how
        cls = classes.get(value.get(tag)) if isinstance(value, dict) else None
        return getattr(_types, cls)(value) if cls else value
    return value
