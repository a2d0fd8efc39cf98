"""Small helpers over the resolved documents' values: union of keys, cycle-safe equality, report-sized values."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

ABSENT = object()
"""A key's value where the key is missing (told apart from an explicit null)."""


def union(old: Iterable[Any], new: Iterable[Any]) -> list[Any]:
    """The keys of both, in the old document's order, then the new one's."""
    seen = list(old)
    return seen + [key for key in new if key not in seen]


def pick(doc: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    """The entries of `doc` under `keys`, those it has."""
    return {key: doc[key] for key in keys if key in doc}


def get(doc: Mapping[str, Any], *keys: str) -> Any:
    """The value down the path `keys`, an empty mapping where one is missing or empty."""
    for key in keys:
        doc = doc.get(key) or {}
    return doc


def verb(before: Any, after: Any) -> str:
    """ "added", "removed" or "changed", from which of the two values is ABSENT."""
    return "added" if before is ABSENT else "removed" if after is ABSENT else "changed"


def show(value: Any) -> str:
    """A bound's value in a message: JSON, or "none" when ABSENT."""
    return "none" if value is ABSENT else json.dumps(value)


def equal(a: Any, b: Any, entered: tuple[tuple[Any, Any], ...] = ()) -> bool:
    """Structural equality that terminates on cyclic (resolved) documents and tells True from 1."""
    if a is b:
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        if any(x is a and y is b for x, y in entered):
            return True
        inside = (*entered, (a, b))
        return a.keys() == b.keys() and all(equal(a[k], b[k], inside) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y, entered) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def brief(value: Any) -> Any:
    """A value fit for a report: scalars as they are, anything larger as short JSON text."""
    if value is ABSENT or value is None or isinstance(value, str | int | float | bool):
        return None if value is ABSENT else value
    try:
        text = json.dumps(value, sort_keys=True, default=str)
    except ValueError:
        text = "(circular)"
    return text if len(text) <= 80 else text[:79] + "…"
