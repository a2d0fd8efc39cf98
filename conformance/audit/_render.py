"""Writing a spec or run comparison as text, Markdown, JSON or one self-contained HTML page, and the rule catalog."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from conformance.audit._model import (
    SEVERITIES,
    Change,
    Comparison,
    LatencyDelta,
    SpecComparison,
    comparison_to_dict,
    severity_counts,
)
from conformance.audit._rules import Rule

Format = Literal["text", "markdown", "json", "html"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "json", "html")

_TEMPLATES = {"text": "comparison.txt", "markdown": "comparison.md", "html": "comparison.html"}


@dataclass(frozen=True)
class _View:
    """What every template shows: a title, what was compared, the counts, the changes by severity, latency."""

    title: str
    compared: tuple[tuple[str, str], ...]
    counts: dict[str, int]
    groups: tuple[tuple[str, tuple[Change, ...]], ...]
    latency: tuple[LatencyDelta, ...]
    latency_threshold: float | None


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
    return environment.get_template(_TEMPLATES[fmt]).render(view=_view(comparison))


def render_rules(rules: tuple[Rule, ...]) -> str:
    """The catalog as a text table: id, severity, side and sentence, one rule a line."""
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
    if isinstance(comparison, SpecComparison):
        return _View("Spec audit", (("old", comparison.old), ("new", comparison.new)), counts, groups, (), None)
    compared = (("base run started", comparison.base_started_at), ("new run started", comparison.new_started_at))
    return _View("Run comparison", compared, counts, groups, comparison.latency, comparison.latency_threshold)


def _shown(value: Any) -> str:
    """An old or new value as a reader sees it: strings bare, other values as JSON, nothing as a dash."""
    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value)


def _cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: no column break, no line break, no HTML."""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
