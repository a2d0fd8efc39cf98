"""Merging the results of workers and shards into one canonical run report.

Rules (the result does not depend on the order of the inputs, and merging is associative):

- APIs: runs of the same API at the same base URL become one ApiRun; they must share one spec (same sha256).
  Errors of the parts are kept (distinct, sorted, joined by "; ").
- Cells (operation, check): the worst status by STATUS_RANK wins; reasons of all parts are kept (distinct, sorted,
  joined by "; "); failures are concatenated and de-duplicated by (title, message), the same key the suite uses
  within one run, keeping the first of each in canonical order.
- Operation stats: requests and status-code counts are added, latencies concatenated (sorted).
- Observations: the same (operation, kind, location) becomes one, its values unioned and sorted.
- Known-findings entries: the same entry becomes one, its matches added; matched wins over expired, over stale
  (some part tested its operation), over untested.
- Settings: the tool version must agree; started_at is the earliest start; duration_s spans from the earliest start
  to the latest end; workers are summed; max_examples is the largest; allow_writes is true if any part wrote; the
  seed is kept when all parts agree, else None (no single seed reproduces the merged run). A baseline comparison
  describes one whole run: it is kept when a single report is canonicalized and dropped when several are merged
  (the audit recomputes it for the merged run).
- Everything is sorted: APIs by (api, base_url), results by (operation, check), stats by operation, observations
  by (operation, kind, location), failures by their fields.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from conformance._results import (
    KNOWN_RANK,
    MAX_FAILURES_PER_CELL,
    STATUS_RANK,
    ApiRun,
    CheckResult,
    Failure,
    KnownFinding,
    Observation,
    OperationStats,
    RunReport,
    to_dict,
)

T = TypeVar("T")
SEPARATOR = "; "
# Fields of results.json that depend on timing or on how the run was split, not on what the API did.
_TIMING_FIELDS = ("started_at", "duration_s", "workers")
_STATS_TIMING_FIELDS = ("latencies_ms", "median_ms", "p95_ms")


class MergeError(ValueError):
    """Raised when results cannot be merged into one run (nothing given, different tool versions or specs)."""


def merge_reports(reports: Sequence[RunReport]) -> RunReport:
    """Merge the results of workers or shards into one canonical report (see the module docstring for the rules)."""
    if not reports:
        raise MergeError("nothing to merge: no results given")
    versions = {r.tool_version for r in reports}
    if len(versions) > 1:
        raise MergeError(f"cannot merge results of different tool versions: {', '.join(sorted(versions))}")
    starts = [(_parse_time(r.started_at), r.started_at) for r in reports]
    first, first_text = min(starts)
    seeds = {r.seed for r in reports}
    return RunReport(
        tool_version=versions.pop(),
        started_at=first_text,
        duration_s=max(
            (start - first).total_seconds() + r.duration_s for (start, _), r in zip(starts, reports, strict=True)
        ),
        seed=seeds.pop() if len(seeds) == 1 else None,
        max_examples=max(r.max_examples for r in reports),
        workers=sum(r.workers for r in reports),
        allow_writes=any(r.allow_writes for r in reports),
        apis=_merge_groups((api for r in reports for api in r.apis), lambda a: (a.api, a.base_url), _merge_api_runs),
        comparison=reports[0].comparison if len(reports) == 1 else None,
        stopped=next((r.stopped for r in reports if r.stopped), None),
        schema_version=reports[0].schema_version,
    )


def comparable(report: RunReport) -> dict[str, Any]:
    """The canonical JSON form of `report` without timing and volume.

    Left out: latencies, started_at, duration_s, workers, time spent waiting, and how many requests were sent (per
    operation and per check) and how often each
    status code came back (those depend on how a run is split across processes); kept: every verdict,
    failure and observation, and which status codes each operation answered.
    """
    data = to_dict(merge_reports([report]))
    for name in _TIMING_FIELDS:
        del data[name]
    for api in data["apis"]:
        del api["requests_by_check"], api["waited_s"]
        for stats in api["operations"]:
            for name in _STATS_TIMING_FIELDS:
                del stats[name]
            del stats["requests"]
            stats["status_codes"] = sorted(stats["status_codes"])
    return data


def results_equal_ignoring_timing(a: RunReport, b: RunReport) -> bool:
    """True when two runs found the same things, however they were timed or split across workers."""
    return comparable(a) == comparable(b)


def _merge_api_runs(runs: list[ApiRun]) -> ApiRun:
    specs = {(r.spec_file, r.spec_sha256) for r in runs}
    if len(specs) > 1:
        raise MergeError(f"cannot merge results of {runs[0].api} at {runs[0].base_url} made with different specs")
    error = _join_distinct(r.error or "" for r in runs)
    return dataclasses.replace(
        runs[0],
        title=min(r.title for r in runs),
        results=_merge_groups((c for r in runs for c in r.results), lambda c: (c.operation, c.check), _merge_cells),
        operations=_merge_groups((s for r in runs for s in r.operations), lambda s: s.operation, _merge_stats),
        observations=_merge_groups(
            (o for r in runs for o in r.observations), lambda o: (o.operation, o.kind, o.location), _merge_observations
        ),
        error=error or None,
        requests_by_check=_sum_counts(r.requests_by_check for r in runs),
        waited_s=round(sum(r.waited_s for r in runs), 3),
        known=_merge_groups((k for r in runs for k in r.known), lambda k: k.entry, _merge_known),
    )


def _merge_known(entries: list[KnownFinding]) -> KnownFinding:
    return dataclasses.replace(
        entries[0],
        status=max((e.status for e in entries), key=KNOWN_RANK.__getitem__),
        matches=sum(e.matches for e in entries),
    )


def _sum_counts(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = defaultdict(int)
    for count in counts:
        for key, value in count.items():
            total[key] += value
    return dict(sorted(total.items()))


def _merge_cells(cells: list[CheckResult]) -> CheckResult:
    failures: dict[tuple[str, str], Failure] = {}
    for failure in sorted((f for c in cells for f in c.failures), key=_failure_key):
        failures.setdefault((failure.title, failure.message), failure)
    return dataclasses.replace(
        cells[0],
        status=max((c.status for c in cells), key=STATUS_RANK.__getitem__),
        reason=_join_distinct(c.reason for c in cells),
        failures=tuple(failures.values())[:MAX_FAILURES_PER_CELL],
    )


def _merge_stats(stats: list[OperationStats]) -> OperationStats:
    codes: dict[str, int] = defaultdict(int)
    for s in stats:
        for code, count in s.status_codes.items():
            codes[code] += count
    return OperationStats(
        operation=stats[0].operation,
        requests=sum(s.requests for s in stats),
        latencies_ms=tuple(sorted(latency for s in stats for latency in s.latencies_ms)),
        status_codes=dict(sorted(codes.items())),
    )


def _merge_observations(observations: list[Observation]) -> Observation:
    return dataclasses.replace(observations[0], values=tuple(sorted({v for o in observations for v in o.values})))


def _merge_groups(items: Iterable[T], key: Callable[[T], Hashable], merge: Callable[[list[T]], T]) -> tuple[T, ...]:
    """Group `items` by `key`, merge each group, and return the merged items sorted by key."""
    groups: dict[Any, list[T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return tuple(merge(groups[k]) for k in sorted(groups))


def _join_distinct(texts: Iterable[str]) -> str:
    """The distinct non-empty parts of `texts` (split at the separator), sorted and joined by the separator."""
    return SEPARATOR.join(sorted({part for text in texts for part in text.split(SEPARATOR) if part}))


def _failure_key(failure: Failure) -> tuple[tuple[bool, Any], ...]:
    """A total order over failures, field by field, None first."""
    return tuple((value is not None, value) for value in dataclasses.astuple(failure))


def _parse_time(text: str) -> datetime:
    """Parse an ISO 8601 start time; a time without zone is taken as UTC."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise MergeError(f"cannot merge: started_at {text!r} is not an ISO 8601 date-time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
