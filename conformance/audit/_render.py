"""Writing a spec or run comparison as text, Markdown, JSON or one self-contained HTML page, each opening with its
verdict; and the rule catalog as text, Markdown or JSON."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from conformance._comparison import (
    SEVERITIES,
    Change,
    Comparison,
    LatencyDelta,
    SpecComparison,
    Verdict,
    comparison_to_dict,
    severity_counts,
    verdict,
)
from conformance.audit._rules import Rule
from conformance.audit._sources import SchemaProblem, UnresolvedRef
from conformance.audit._spec_audit import SpecAudit

Format = Literal["text", "markdown", "json", "html"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "json", "html")
RULE_FORMATS: tuple[Format, ...] = ("text", "markdown", "json")

# What each verdict tells a reader, after "Verdict: <verdict>".
_VERDICT_REASONS: dict[Verdict, str] = {
    "breaking": "at least one change is breaking",
    "warnings only": "nothing breaking; review the warnings",
    "safe": "nothing breaking and no warning",
}

_TEMPLATES = {"text": "comparison.txt", "markdown": "comparison.md", "html": "comparison.html"}


@dataclass(frozen=True)
class _View:
    """What every template shows: a title, what was compared, the verdict and counts, the changes by severity,
    latency with the sample counts it was judged on, and the `$ref`s that resolve nowhere."""

    title: str
    compared: tuple[tuple[str, str], ...]
    verdict: Verdict
    verdict_reason: str
    counts: dict[str, int]
    groups: tuple[tuple[str, tuple[Change, ...]], ...]
    latency: tuple[LatencyDelta, ...]
    latency_threshold: float | None
    min_samples: int | None
    unresolved: tuple[UnresolvedRef, ...] = ()
    problems: tuple[SchemaProblem, ...] = ()


def render(comparison: Comparison, fmt: Format = "text") -> str:
    """The comparison in `fmt`: text, markdown, json (`comparison_to_dict`) or html (one file, no external assets)."""
    if fmt == "json":
        return json.dumps(comparison_to_dict(comparison), indent=2, ensure_ascii=False) + "\n"
    environment = Environment(
        loader=PackageLoader("conformance.audit", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["shown"] = _shown
    environment.filters["cell"] = _cell
    environment.filters["reached"] = _reached
    return environment.get_template(_TEMPLATES[fmt]).render(view=_view(comparison))


def render_rules(catalogs: dict[str, tuple[Rule, ...]], fmt: Format = "text") -> str:
    """Each named catalog in `fmt`: a text or Markdown table (id, severity, side, sentence), or JSON by name."""
    if fmt == "json":
        data = {name: [dataclasses.asdict(rule) for rule in rules] for name, rules in catalogs.items()}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        sections = [
            f"## {name.capitalize()} rules ({len(rules)})\n\n| id | severity | side | sentence |\n|---|---|---|---|\n"
            + "".join(f"| `{r.id}` | {r.severity} | {r.side} | {_cell(r.sentence)} |\n" for r in rules)
            for name, rules in catalogs.items()
        ]
        return "# Audit rules\n\n" + "\n".join(sections)
    if fmt != "text":
        raise ValueError(f"the rules are written as {', '.join(RULE_FORMATS)}, not {fmt}")
    return "\n".join(
        f"{name.capitalize()} rules ({len(rules)})\n{_rule_table(rules)}" for name, rules in catalogs.items()
    )


def _rule_table(rules: tuple[Rule, ...]) -> str:
    """The rules as a text table: id, severity, side and sentence, one rule a line."""
    width = max(len(rule.id) for rule in rules)
    lines = [f"{'id':<{width}}  {'severity':<8}  {'side':<8}  sentence"]
    lines += [f"{r.id:<{width}}  {r.severity:<8}  {r.side:<8}  {r.sentence}" for r in rules]
    return "\n".join(lines) + "\n"


def _view(comparison: Comparison) -> _View:
    groups = tuple(
        (severity, tuple(c for c in comparison.changes if c.severity == severity))
        for severity in SEVERITIES
        if any(c.severity == severity for c in comparison.changes)
    )
    counts: dict[str, int] = dict(severity_counts(comparison.changes))
    judged = verdict(comparison.changes)
    common = {"verdict": judged, "verdict_reason": _VERDICT_REASONS[judged], "counts": counts, "groups": groups}
    if isinstance(comparison, SpecComparison):
        compared = (("old", comparison.old), ("new", comparison.new))
        return _View(
            "Spec audit",
            compared,
            latency=(),
            latency_threshold=None,
            min_samples=None,
            unresolved=comparison.unresolved if isinstance(comparison, SpecAudit) else (),
            problems=comparison.problems if isinstance(comparison, SpecAudit) else (),
            **common,
        )
    return _View(
        "Run comparison",
        (("base run started", comparison.base_started_at), ("new run started", comparison.new_started_at)),
        latency=comparison.latency,
        latency_threshold=comparison.latency_threshold,
        min_samples=comparison.min_samples,
        **common,
    )


def _reached(change: Change) -> str:
    """The operations a change reaches, as a reader scans them: the document itself when none."""
    if not change.operations:
        return change.operation or "(document)"
    if len(change.operations) == 1:
        return change.operations[0]
    return f"{len(change.operations)} operations: " + ", ".join(change.operations)


def _shown(value: Any) -> str:
    """An old or new value as a reader sees it: strings bare, other values as JSON, nothing as a dash."""
    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value)


def _cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: no column break, no line break, no HTML."""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
