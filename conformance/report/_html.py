"""index.html: the run as a page a person reads to see whether each API conforms and, if not, exactly why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from conformance._comparison import RunComparison, severity_counts, verdict
from conformance._results import ApiRun, CheckResult, Failure, Observation, RunReport
from conformance.report._svg import latency_svg

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATUS_LABELS = {"passed": "pass", "failed": "fail", "known": "known", "warning": "warn", "skipped": "skip"}
CHANGE_COLUMNS = ("kind", "severity", "operation", "message")


@dataclass(frozen=True)
class Cell:
    """One matrix cell as shown: its status (None when the check did not apply), label, reason and links."""

    status: str | None
    label: str
    reason: str = ""
    footnote: int | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class FailureView:
    """One failure with the anchor the matrix links to."""

    anchor: str
    failure: Failure


@dataclass(frozen=True)
class ApiView:
    """Everything the template shows for one API."""

    run: ApiRun
    slug: str
    counts: dict[str, int]
    checks: list[str]
    rows: list[tuple[str, list[Cell]]]
    footnotes: list[str]
    failures: list[FailureView]
    warnings: list[CheckResult]
    warning_anchors: dict[tuple[str, str], str]
    known: list[CheckResult]
    known_anchors: dict[tuple[str, str], str]
    undocumented: list[Observation]
    open_values: list[Observation]
    latency: Markup


def render_html(report: RunReport, redaction_note: str | None = None) -> str:
    """The self-contained HTML page (inline CSS and SVG, no scripts, no external references) for `report`, with the
    redactor's note (a credential too short to be hunted in free text) in the run's facts."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["breakable"] = _breakable
    template = env.get_template("report.html.j2")
    slugs = _slugs(report.apis)
    return template.render(
        report=report,
        apis=[_api_view(api, slug) for api, slug in zip(report.apis, slugs, strict=True)],
        duration=_duration(report.duration_s),
        changes=_changes(report.comparison),
        comparison_facts=_comparison_facts(report.comparison),
        change_columns=CHANGE_COLUMNS,
        redaction_note=redaction_note,
    )


def _api_view(api: ApiRun, slug: str) -> ApiView:
    checks = sorted({r.check for r in api.results})
    cells = {(r.operation, r.check): r for r in api.results}
    footnotes = sorted({r.reason for r in api.results if r.status == "skipped" and r.reason})
    failures: list[FailureView] = []
    anchors: dict[tuple[str, str], str] = {}
    for result in sorted(api.failed, key=lambda r: (r.operation, r.check)):
        for failure in result.failures:
            anchor = f"failure-{slug}-{len(failures) + 1}"
            anchors.setdefault((result.operation, result.check), anchor)
            failures.append(FailureView(anchor, failure))
    warnings = sorted(api.warned, key=lambda r: (r.operation, r.check))
    warning_anchors = {(r.operation, r.check): f"warning-{slug}-{n}" for n, r in enumerate(warnings, 1)}
    known = sorted(api.known_failed, key=lambda r: (r.operation, r.check))
    known_anchors = {(r.operation, r.check): f"known-{slug}-{n}" for n, r in enumerate(known, 1)}
    for key, anchor in (warning_anchors | known_anchors).items():
        anchors.setdefault(key, anchor)
    statuses = Counter(r.status for r in api.results)
    rows = [
        (operation, [_cell(cells.get((operation, check)), footnotes, anchors) for check in checks])
        for operation in sorted({r.operation for r in api.results})
    ]
    return ApiView(
        run=api,
        slug=slug,
        counts={status: statuses[status] for status in STATUS_LABELS},
        checks=checks,
        rows=rows,
        footnotes=footnotes,
        failures=failures,
        warnings=warnings,
        warning_anchors=warning_anchors,
        known=known,
        known_anchors=known_anchors,
        undocumented=_observations(api, "undocumented_field"),
        open_values=_observations(api, "open_value"),
        latency=Markup(latency_svg(sorted(api.operations, key=lambda s: s.operation))),
    )


def _cell(result: CheckResult | None, footnotes: list[str], anchors: dict[tuple[str, str], str]) -> Cell:
    if result is None:
        return Cell(status=None, label="—", reason="not part of this run")
    footnote = footnotes.index(result.reason) + 1 if result.status == "skipped" and result.reason else None
    return Cell(
        status=result.status,
        label=STATUS_LABELS[result.status],
        reason=result.reason if result.status in ("skipped", "warning") else "",
        footnote=footnote,
        anchor=anchors.get((result.operation, result.check)),
    )


def _observations(api: ApiRun, kind: str) -> list[Observation]:
    return sorted((o for o in api.observations if o.kind == kind), key=lambda o: (o.operation, o.location))


def _slugs(apis: tuple[ApiRun, ...]) -> list[str]:
    """One id fragment per API run: its name, numbered only when the same API was tested at several base URLs."""
    names = Counter(api.api for api in apis)
    seen: Counter[str] = Counter()
    slugs = []
    for api in apis:
        seen[api.api] += 1
        slugs.append(api.api if names[api.api] == 1 else f"{api.api}-{seen[api.api]}")
    return slugs


def _changes(comparison: RunComparison | None) -> list[list[str]] | None:
    """The comparison's changes as table rows, or None when the run was not compared with a baseline."""
    if comparison is None:
        return None
    return [[_plain(getattr(change, column)) for column in CHANGE_COLUMNS] for change in comparison.changes]


def _comparison_facts(comparison: RunComparison | None) -> list[tuple[str, str]]:
    """The comparison's facts (which runs, thresholds, verdict, counts by severity), shown above its changes."""
    if comparison is None:
        return []
    counts = severity_counts(comparison.changes)
    return [
        ("base run started", comparison.base_started_at),
        ("this run started", comparison.new_started_at),
        ("verdict", verdict(comparison.changes)),
        ("changes", ", ".join(f"{severity} {count}" for severity, count in counts.items())),
        ("latency threshold", f"{comparison.latency_threshold:g}x"),
        ("latency samples needed", str(comparison.min_samples)),
    ]


def _plain(value: Any) -> str:
    """A JSON value as a person reads it: nothing for null, the value otherwise."""
    return "" if value is None else str(value)


def _breakable(text: str) -> Markup:
    """`text`, escaped, with line-break opportunities after underscores (long check names in narrow columns)."""
    return Markup("_<wbr>").join(text.split("_"))


def _duration(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)} min {rest:.0f} s" if minutes else f"{rest:.1f} s"
