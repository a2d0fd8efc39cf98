"""Comparing two runs: checks newly failing or passing, operations tested or not, drift seen for the first time,
status codes per operation, and latency per operation.

Every change points into the `results.json` it was found in (NEW's, or BASE's for what is gone), and names its
operation as "<api> <METHOD> <path>". Latency changes have kind "latency", so "nothing changed apart from latency"
reads `[c for c in comparison.changes if c.kind != "latency"] == []`.

A status code is "seen for the first time" when an operation tested in both runs answered it in NEW and never in
BASE; it is a warning (the API behaves in a way the base run never saw, e.g. a new 5XX or 429), whether or not the
documents declare it: the checks judge conformance, this flags behaviour drift.

Latency is noisy: a ratio counts as a change only when both runs timed the operation at least `min_samples` times
(DEFAULT_MIN_SAMPLES, 20: the p95 of fewer samples is one or two requests). Every operation timed in both runs is
still tabled, with its sample counts, so a reader sees what was and was not judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from conformance._comparison import Change, LatencyDelta, RunComparison, most_serious_first
from conformance._results import CheckResult, OperationStats, RunReport
from conformance.audit._detectors import detects
from conformance.audit._rules import change

DEFAULT_LATENCY_THRESHOLD = 1.5
DEFAULT_MIN_SAMPLES = 20

# How bad a check result that ran is ("known": failed, but accepted by a --known-findings entry); "skipped" did not run.
_RANK = {"passed": 0, "warning": 1, "known": 2, "failed": 3}


@dataclass(frozen=True)
class _Run:
    """One run's facts, keyed by API and operation, each with its JSON pointer into results.json."""

    errors: dict[str, tuple[str, str]]
    operations: dict[tuple[str, str], str]
    checks: dict[tuple[str, str, str], tuple[str, CheckResult]]
    stats: dict[tuple[str, str], tuple[str, OperationStats]]
    fields: dict[tuple[str, str, str], str]
    values: dict[tuple[str, str, str], tuple[str, tuple[str, ...]]]


def compare_runs(
    base: RunReport,
    new: RunReport,
    latency_threshold: float = DEFAULT_LATENCY_THRESHOLD,
    min_samples: int = DEFAULT_MIN_SAMPLES,
) -> RunComparison:
    """What changed from `base` to `new`; latency counts when NEW/BASE passes `latency_threshold` either way and
    both runs have at least `min_samples` timings of the operation."""
    if latency_threshold <= 1:
        raise ValueError(f"the latency threshold is a ratio above 1, not {latency_threshold}")
    if min_samples < 1:
        raise ValueError(f"the minimum number of latency samples is at least 1, not {min_samples}")
    old, now = _index(base), _index(new)
    latency = tuple(_latency(old, now, min_samples))
    changes = (
        *_errors(old, now),
        *_operations(old, now),
        *_checks(old, now),
        *_drift(old, now),
        *_status_codes(old, now),
        *_latency_changes(latency, now, latency_threshold),
    )
    return RunComparison(
        base_started_at=base.started_at,
        new_started_at=new.started_at,
        latency_threshold=latency_threshold,
        min_samples=min_samples,
        changes=most_serious_first(changes),
        latency=latency,
    )


def _index(report: RunReport) -> _Run:
    run = _Run({}, {}, {}, {}, {}, {})
    for i, api in enumerate(report.apis):
        if api.error is not None:
            run.errors[api.api] = (f"/apis/{i}/error", api.error)
        for j, stats in enumerate(api.operations):
            run.stats[(api.api, stats.operation)] = (f"/apis/{i}/operations/{j}", stats)
            run.operations.setdefault((api.api, stats.operation), f"/apis/{i}/operations/{j}")
        for j, result in enumerate(api.results):
            run.checks[(api.api, result.operation, result.check)] = (f"/apis/{i}/results/{j}", result)
            run.operations.setdefault((api.api, result.operation), f"/apis/{i}/results/{j}")
        for j, seen in enumerate(api.observations):
            key = (api.api, seen.operation, seen.location)
            if seen.kind == "undocumented_field":
                run.fields[key] = f"/apis/{i}/observations/{j}"
            else:
                run.values[key] = (f"/apis/{i}/observations/{j}", seen.values)
    return run


@detects("api-error-new", "api-error-gone")
def _errors(old: _Run, new: _Run) -> Iterator[Change]:
    for api, (pointer, error) in new.errors.items():
        if api not in old.errors:
            yield change("api-error-new", api, pointer, f"{api} could not be tested: {error}", None, error)
    for api, (pointer, error) in old.errors.items():
        if api not in new.errors:
            yield change("api-error-gone", api, pointer, f"{api} could be tested again", error, None)


@detects("tested-operation-added", "tested-operation-gone")
def _operations(old: _Run, new: _Run) -> Iterator[Change]:
    for key, pointer in new.operations.items():
        if key not in old.operations:
            yield change("tested-operation-added", _name(key), pointer, f"{_name(key)} was tested for the first time")
    for key, pointer in old.operations.items():
        if key not in new.operations:
            yield change("tested-operation-gone", _name(key), pointer, f"{_name(key)} was not tested")


@detects("check-newly-failing", "check-newly-passing", "check-newly-warning", "check-not-run")
def _checks(old: _Run, new: _Run) -> Iterator[Change]:
    for key, (pointer, result) in new.checks.items():
        before, now = old.checks[key][1].status if key in old.checks else None, result.status
        where, check = _name(key[:2]), key[2]
        if now == "failed" and before != "failed":
            first = f": {result.failures[0].title}" if result.failures else ""
            yield change("check-newly-failing", where, pointer, f"{check} now fails{first}", before, now)
        elif before in _RANK and now in _RANK and _RANK[now] < _RANK[before]:
            yield change("check-newly-passing", where, pointer, f"{check} now ends {now} (was {before})", before, now)
        elif (before, now) == ("passed", "warning"):
            why = result.reason or (result.failures[0].title if result.failures else "")
            yield change("check-newly-warning", where, pointer, f"{check} now warns: {why}", before, now)
    for key, (pointer, result) in old.checks.items():
        now = new.checks[key][1].status if key in new.checks else None
        if result.status in _RANK and now not in _RANK and key[:2] in new.operations:
            reason = f": {new.checks[key][1].reason}" if key in new.checks and new.checks[key][1].reason else ""
            yield change("check-not-run", _name(key[:2]), pointer, f"{key[2]} did not run{reason}", result.status, now)


@detects("undocumented-field-new", "open-value-new")
def _drift(old: _Run, new: _Run) -> Iterator[Change]:
    for key, pointer in new.fields.items():
        if key not in old.fields:
            message = f"undocumented field {key[2]} seen for the first time"
            yield change("undocumented-field-new", _name(key[:2]), pointer, message, None, key[2])
    for key, (pointer, values) in new.values.items():
        known = old.values[key][1] if key in old.values else ()
        for value in values:
            if value not in known:
                message = f"value {value!r} seen for the first time in {key[2]}"
                yield change("open-value-new", _name(key[:2]), pointer, message, None, value)


@detects("status-code-new", "status-code-gone")
def _status_codes(old: _Run, new: _Run) -> Iterator[Change]:
    for key, (pointer, stats) in new.stats.items():
        if key not in old.stats:
            continue
        before = {code for code, count in old.stats[key][1].status_codes.items() if count}
        after = {code for code, count in stats.status_codes.items() if count}
        for code in sorted(after - before):
            message = f"answered {code} for the first time ({stats.status_codes[code]} times)"
            yield change("status-code-new", _name(key), f"{pointer}/status_codes/{code}", message, None, code)
        for code in sorted(before - after):
            yield change("status-code-gone", _name(key), pointer, f"no longer answered {code}", code, None)


def _latency(old: _Run, new: _Run, min_samples: int) -> Iterator[LatencyDelta]:
    for key, (_, stats) in new.stats.items():
        base = old.stats[key][1] if key in old.stats else None
        if base is None or base.median_ms is None or base.p95_ms is None:
            continue
        if stats.median_ms is None or stats.p95_ms is None:
            continue
        base_samples, new_samples = len(base.latencies_ms), len(stats.latencies_ms)
        yield LatencyDelta(
            api=key[0],
            operation=key[1],
            base_samples=base_samples,
            new_samples=new_samples,
            judged=min(base_samples, new_samples) >= min_samples,
            base_median_ms=base.median_ms,
            new_median_ms=stats.median_ms,
            median_ratio=_ratio(stats.median_ms, base.median_ms),
            base_p95_ms=base.p95_ms,
            new_p95_ms=stats.p95_ms,
            p95_ratio=_ratio(stats.p95_ms, base.p95_ms),
        )


@detects("latency-regressed", "latency-improved")
def _latency_changes(latency: tuple[LatencyDelta, ...], new: _Run, threshold: float) -> Iterator[Change]:
    for delta in (d for d in latency if d.judged):
        ratios = [r for r in (delta.median_ratio, delta.p95_ratio) if r is not None]
        key = (delta.api, delta.operation)
        message = (
            f"median {delta.base_median_ms:g} -> {delta.new_median_ms:g} ms ({_times(delta.median_ratio)}), "
            f"p95 {delta.base_p95_ms:g} -> {delta.new_p95_ms:g} ms ({_times(delta.p95_ratio)}), "
            f"threshold x{threshold:g}, samples {delta.base_samples} -> {delta.new_samples}"
        )
        old_new = (delta.base_median_ms, delta.new_median_ms)
        if any(r > threshold for r in ratios):
            yield change("latency-regressed", _name(key), new.stats[key][0], message, *old_new)
        elif any(r < 1 / threshold for r in ratios):
            yield change("latency-improved", _name(key), new.stats[key][0], message, *old_new)


def _ratio(new: float, base: float) -> float | None:
    return round(new / base, 3) if base > 0 else None


def _times(ratio: float | None) -> str:
    return "no ratio" if ratio is None else f"x{ratio:.2f}"


def _name(key: tuple[str, ...]) -> str:
    return " ".join(key)
