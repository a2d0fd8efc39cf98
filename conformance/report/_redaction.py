"""Passing every string of a run report through the redactor before anything is written."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from conformance._redact import Redactor
from conformance._results import RunReport

T = TypeVar("T")


def redact_report(report: RunReport, redactor: Redactor) -> RunReport:
    """The same report with every string in it (keys and values, at any depth) redacted."""
    return _redact(report, redactor)


def _redact(value: T, redactor: Redactor) -> T:
    """`value` with every string inside it redacted; other scalars are returned unchanged."""
    result: Any = value
    if isinstance(value, str):
        result = redactor.text(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _redact(getattr(value, f.name), redactor) for f in dataclasses.fields(value)}
        result = dataclasses.replace(value, **changes)
    elif isinstance(value, dict):
        result = {_redact(k, redactor): _redact(v, redactor) for k, v in value.items()}
    elif isinstance(value, list | tuple):
        result = type(value)(_redact(item, redactor) for item in value)
    return result
