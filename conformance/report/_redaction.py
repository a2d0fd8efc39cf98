"""Passing every string of a run report through the redactor before anything is written."""

from __future__ import annotations

from conformance._redact import Redactor
from conformance._results import RunReport


def redact_report(report: RunReport, redactor: Redactor) -> RunReport:
    """The same report with every string in it (keys and values, at any depth) redacted."""
    return redactor.value(report)
