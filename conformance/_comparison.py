"""Comparisons as plain data: a classified change, and the comparisons of two specs or two runs.

The audit produces them; a run report carries the comparison with its baseline (`RunReport.comparison`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["breaking", "warning", "info"]
Side = Literal["request", "response", "both", "run"]
Verdict = Literal["breaking", "warnings only", "safe"]

# Severities from the most to the least serious; `--fail-on LEVEL` fails on LEVEL and everything before it.
SEVERITIES: tuple[Severity, ...] = ("breaking", "warning", "info")


@dataclass(frozen=True)
class Change:
    """One difference, classified by a catalog rule: where it is, what it was and what it became.

    `pointer` is where the change is written (inside a shared component, the component's own place); `operations`
    are every operation it reaches, in document order, and `locations` every place in those operations it reaches
    (the pointers through them). `operation` is the first of `operations` (None for a change to the document).
    """

    rule_id: str
    severity: Severity
    kind: str
    operation: str | None
    pointer: str
    message: str
    old: Any = None
    new: Any = None
    operations: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpecComparison:
    """Every change between two OpenAPI documents, most serious first."""

    old: str
    new: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class LatencyDelta:
    """One operation's latency in both runs: samples, medians and 95th percentiles in ms, NEW over BASE as ratios.

    `judged` is False when either run has fewer samples than the comparison's minimum: the ratios are shown, but
    too noisy to count as a change.
    """

    api: str
    operation: str
    base_samples: int
    new_samples: int
    judged: bool
    base_median_ms: float
    new_median_ms: float
    median_ratio: float | None
    base_p95_ms: float
    new_p95_ms: float
    p95_ratio: float | None


@dataclass(frozen=True)
class RunComparison:
    """What changed from a base run to a new run; latency changes are those of kind "latency"."""

    base_started_at: str
    new_started_at: str
    latency_threshold: float
    min_samples: int
    changes: tuple[Change, ...]
    latency: tuple[LatencyDelta, ...]


Comparison = SpecComparison | RunComparison


def most_serious_first(changes: Iterable[Change]) -> tuple[Change, ...]:
    """The changes, breaking first, then warnings, then info; the order among equals is kept."""
    return tuple(sorted(changes, key=lambda c: SEVERITIES.index(c.severity)))


def severity_counts(changes: tuple[Change, ...]) -> dict[Severity, int]:
    """How many changes there are of each severity, every severity present."""
    return {severity: sum(c.severity == severity for c in changes) for severity in SEVERITIES}


def verdict(changes: tuple[Change, ...]) -> Verdict:
    """What a client sees in the changes: "breaking" when one breaks, "warnings only" when one needs review, "safe"."""
    if any(c.severity == "breaking" for c in changes):
        return "breaking"
    return "warnings only" if any(c.severity == "warning" for c in changes) else "safe"


def fails_on(comparison: Comparison, level: Severity) -> bool:
    """True when the comparison holds a change at `level` or a more serious one."""
    serious = SEVERITIES[: SEVERITIES.index(level) + 1]
    return any(c.severity in serious for c in comparison.changes)


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The JSON-ready form of a spec or run comparison (what `RunReport.comparison` holds for runs)."""
    data = {
        key: list(value) if isinstance(value, tuple) else value for key, value in dataclasses.asdict(comparison).items()
    }
    data["kind"] = "spec" if isinstance(comparison, SpecComparison) else "runs"
    data["summary"] = severity_counts(comparison.changes)
    data["verdict"] = verdict(comparison.changes)
    return data


def run_comparison_from_dict(data: dict[str, Any]) -> RunComparison:
    """Rebuild a run comparison from its JSON form (derived fields such as the summary are recomputed)."""
    return RunComparison(
        base_started_at=data["base_started_at"],
        new_started_at=data["new_started_at"],
        latency_threshold=data["latency_threshold"],
        min_samples=data["min_samples"],
        changes=_changes(data),
        latency=tuple(LatencyDelta(**d) for d in data.get("latency", ())),
    )


def spec_comparison_from_dict(data: dict[str, Any]) -> SpecComparison:
    """Rebuild a spec comparison from its JSON form (derived fields such as the summary are recomputed)."""
    return SpecComparison(old=data["old"], new=data["new"], changes=_changes(data))


def _changes(data: dict[str, Any]) -> tuple[Change, ...]:
    return tuple(
        Change(**{**c, "operations": tuple(c.get("operations", ())), "locations": tuple(c.get("locations", ()))})
        for c in data.get("changes", ())
    )
