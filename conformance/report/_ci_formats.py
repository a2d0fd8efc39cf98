"""Findings for CI hosts: GitHub workflow commands (annotations) and a GitLab code-quality report."""

from __future__ import annotations

import json
from collections.abc import Sequence

from conformance.report._findings import Finding

# GitLab's code-quality severities, from a failure's own; a warning is `info` whatever its severity.
_GITLAB_SEVERITY = {"critical": "critical", "high": "major", "medium": "minor", "low": "minor"}


def render_github(found: Sequence[Finding]) -> str:
    """One workflow command per finding: `::error` for a failure, `::warning` for a warning, at its spec line."""
    lines = []
    for finding in found:
        properties = {"file": finding.spec, "line": finding.line, "title": _title(finding)}
        shown = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items() if value)
        command = "error" if finding.level == "failure" else "warning"
        lines.append(f"::{command} {shown}::{_escape_data(_message(finding))}\n")
    return "".join(lines)


def render_gitlab(found: Sequence[Finding]) -> str:
    """A code-quality report: a JSON array with one issue per finding, located at its spec line."""
    issues = [
        {
            "description": f"{_title(finding)}: {_message(finding)}",
            "check_name": finding.check,
            "fingerprint": finding.fingerprint,
            "severity": _GITLAB_SEVERITY[finding.severity] if finding.level == "failure" else "info",
            "location": {"path": finding.spec, "lines": {"begin": finding.line or 1}},
        }
        for finding in found
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _title(finding: Finding) -> str:
    where = f"{finding.operation} {finding.check}" if finding.operation else "could not test"
    return f"{finding.api}: {where}"


def _message(finding: Finding) -> str:
    """The finding in words, then what it rests on (or contradicts, for a warning)."""
    text = finding.message if not finding.operation else f"{finding.title}: {finding.message}"
    label = "contradicts" if finding.level == "warning" else "rests on"
    statements = [f"{label}: {s.source}, {s.section}: “{s.quote}”" for s in finding.rests_on]
    return "\n".join([text, *statements])


def _escape_data(text: str) -> str:
    """A workflow command's message as GitHub reads it back: %, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property value: also : and , escaped."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
