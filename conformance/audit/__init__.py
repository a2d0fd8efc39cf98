"""Auditing change: what changed between two API descriptions, or between two runs, and whether it matters.

`compare_specs` classifies every difference between two OpenAPI documents with the rule catalog (`SPEC_RULES`),
and lists the `$ref`s in their examples that resolve nowhere (`SpecAudit.unresolved`); `compare_runs` does the same
for two runs (`RUN_RULES`). `render` writes either comparison as text, Markdown, JSON or HTML, each with its verdict
(`verdict`: breaking, warnings only or safe), and `fails_on` says whether it holds a change at a `--fail-on` level.
"""

from __future__ import annotations

from pathlib import Path

from conformance._comparison import (
    SEVERITIES,
    Change,
    Comparison,
    LatencyDelta,
    RunComparison,
    Severity,
    SpecComparison,
    Verdict,
    comparison_to_dict,
    fails_on,
    severity_counts,
    verdict,
)
from conformance.audit._render import FORMATS, RULE_FORMATS, Format, render, render_rules
from conformance.audit._rules import RULES, RUN_RULES, SPEC_RULES, Rule
from conformance.audit._run_diff import DEFAULT_LATENCY_THRESHOLD, DEFAULT_MIN_SAMPLES, compare_runs
from conformance.audit._sources import (
    AuditInputError,
    Document,
    SchemaProblem,
    UnresolvedRef,
    load_document,
    load_run,
    parse_document,
)
from conformance.audit._spec_audit import SpecAudit
from conformance.audit._spec_diff import compare_documents


def compare_specs(old: str, new: str, cwd: Path | None = None) -> SpecAudit:
    """Every change from the document at `old` to the one at `new` (paths or `git:REV:PATH`, relative to `cwd`)."""
    return compare_documents(load_document(old, cwd), load_document(new, cwd))


__all__ = [
    "DEFAULT_LATENCY_THRESHOLD",
    "DEFAULT_MIN_SAMPLES",
    "FORMATS",
    "RULES",
    "RULE_FORMATS",
    "RUN_RULES",
    "SEVERITIES",
    "SPEC_RULES",
    "AuditInputError",
    "Change",
    "Comparison",
    "Document",
    "Format",
    "LatencyDelta",
    "Rule",
    "RunComparison",
    "SchemaProblem",
    "Severity",
    "SpecAudit",
    "SpecComparison",
    "UnresolvedRef",
    "Verdict",
    "compare_documents",
    "compare_runs",
    "compare_specs",
    "comparison_to_dict",
    "fails_on",
    "load_document",
    "load_run",
    "parse_document",
    "render",
    "render_rules",
    "severity_counts",
    "verdict",
]
