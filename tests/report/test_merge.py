"""Merging workers' and shards' results: one canonical run, whatever the order or the split."""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance._comparison import RunComparison
from conformance._results import (
    STATUS_RANK,
    ApiRun,
    CheckResult,
    Failure,
    KnownFinding,
    Observation,
    OperationStats,
    RunReport,
)
from conformance.report import MergeError, comparable, merge_reports, results_equal_ignoring_timing

OPERATIONS = ("GET /tasks", "GET /tasks/{id}", "PATCH /tasks/{id}")
CHECKS = ("not_a_server_error", "response_schema_conformance")
APIS = (("flexprice", "http://a.test/v1"), ("maxsight-v5", "http://b.test/v5"), ("maxsight-v5", "http://c.test/v5"))

failures = st.builds(
    Failure,
    operation=st.just("GET /tasks"),
    check=st.just("not_a_server_error"),
    title=st.sampled_from(["Server error", "Schema violation"]),
    message=st.sampled_from(["500", "'id' is required"]),
    severity=st.sampled_from(["critical", "low"]),
    expected=st.just("2xx"),
    actual=st.just("500"),
    curl=st.sampled_from(["curl -X GET http://a.test/v1/tasks", "curl -X GET http://a.test/v1/tasks?page=2"]),
    status_code=st.sampled_from([None, 500]),
)
cells = st.builds(
    CheckResult,
    operation=st.sampled_from(OPERATIONS),
    check=st.sampled_from(CHECKS),
    status=st.sampled_from(sorted(STATUS_RANK)),
    reason=st.sampled_from(["", "no list endpoint", "writes not allowed"]),
    failures=st.lists(failures, max_size=2).map(tuple),
)
stats = st.builds(
    OperationStats,
    operation=st.sampled_from(OPERATIONS),
    requests=st.integers(0, 30),
    latencies_ms=st.lists(st.floats(0.1, 500, allow_nan=False), max_size=4).map(tuple),
    status_codes=st.dictionaries(st.sampled_from(["200", "404", "500"]), st.integers(1, 9), max_size=2),
)
observations = st.builds(
    Observation,
    operation=st.sampled_from(OPERATIONS),
    kind=st.sampled_from(["undocumented_field", "open_value"]),
    location=st.sampled_from(["/status", "/extra"]),
    values=st.lists(st.sampled_from(["done", "open", "QUARTZ"]), max_size=2).map(tuple),
)


@st.composite
def api_runs(draw: st.DrawFn) -> ApiRun:
    api, base_url = draw(st.sampled_from(APIS))
    return ApiRun(
        api=api,
        title=api.title(),
        base_url=base_url,
        spec_file=f"{api}.yaml",
        spec_sha256=hashlib.sha256(api.encode()).hexdigest(),
        results=tuple(draw(st.lists(cells, max_size=4))),
        operations=tuple(draw(st.lists(stats, max_size=2))),
        observations=tuple(draw(st.lists(observations, max_size=2))),
        error=draw(st.sampled_from([None, None, "connection refused"])),
    )


reports = st.builds(
    RunReport,
    tool_version=st.just("0.1.0"),
    started_at=st.sampled_from(["2026-11-24T08:30:00+00:00", "2026-11-24T08:30:05+00:00", "2026-11-24T09:30:00+01:00"]),
    duration_s=st.floats(0, 100, allow_nan=False),
    seed=st.sampled_from([1, 2]),
    max_examples=st.sampled_from([10, 25]),
    workers=st.integers(1, 4),
    allow_writes=st.booleans(),
    apis=st.lists(api_runs(), max_size=3).map(tuple),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(reports, min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_merging_does_not_depend_on_the_order_of_the_inputs(parts: list[RunReport], random) -> None:
    shuffled = list(parts)
    random.shuffle(shuffled)
    assert merge_reports(shuffled) == merge_reports(parts)


@settings(max_examples=60, deadline=None)
@given(st.lists(reports, min_size=2, max_size=4), st.integers(1, 3))
def test_merging_merged_shards_equals_merging_everything_at_once(parts: list[RunReport], cut: int) -> None:
    cut = min(cut, len(parts) - 1)
    in_two_steps = merge_reports([merge_reports(parts[:cut]), merge_reports(parts[cut:])])
    assert comparable(in_two_steps) == comparable(merge_reports(parts))
    assert in_two_steps.started_at == merge_reports(parts).started_at


@settings(max_examples=60, deadline=None)
@given(reports)
def test_merging_one_report_is_idempotent(report: RunReport) -> None:
    once = merge_reports([report])
    assert merge_reports([once]) == once
    assert (once.started_at, once.duration_s, once.workers, once.seed) == (
        report.started_at,
        report.duration_s,
        report.workers,
        report.seed,
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(reports, min_size=1, max_size=4))
def test_the_worst_status_wins_and_every_cell_is_kept(parts: list[RunReport]) -> None:
    worst: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for report in parts:
        for api in report.apis:
            for cell in api.results:
                key = (api.api, api.base_url, cell.operation, cell.check)
                worst[key] = max(worst[key], STATUS_RANK[cell.status])
    merged = {
        (api.api, api.base_url, cell.operation, cell.check): STATUS_RANK[cell.status]
        for api in merge_reports(parts).apis
        for cell in api.results
    }
    assert merged == worst


@settings(max_examples=60, deadline=None)
@given(st.lists(reports, min_size=1, max_size=4))
def test_counts_add_up(parts: list[RunReport]) -> None:
    requests: dict[tuple[str, str, str], int] = defaultdict(int)
    samples: dict[tuple[str, str, str], int] = defaultdict(int)
    codes: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for report in parts:
        for api in report.apis:
            for s in api.operations:
                requests[(api.api, api.base_url, s.operation)] += s.requests
                samples[(api.api, api.base_url, s.operation)] += len(s.latencies_ms)
                for code, count in s.status_codes.items():
                    codes[(api.api, api.base_url, s.operation, code)] += count
    merged = merge_reports(parts)
    stats = [(api, s) for api in merged.apis for s in api.operations]
    assert {(a.api, a.base_url, s.operation): s.requests for a, s in stats} == requests
    assert {(a.api, a.base_url, s.operation): len(s.latencies_ms) for a, s in stats} == samples
    assert {(a.api, a.base_url, s.operation, c): n for a, s in stats for c, n in s.status_codes.items()} == codes
    assert merged.workers == sum(r.workers for r in parts)


@settings(max_examples=60, deadline=None)
@given(st.lists(reports, min_size=1, max_size=4))
def test_the_result_is_sorted_and_free_of_duplicates(parts: list[RunReport]) -> None:
    merged = merge_reports(parts)
    keys = [(a.api, a.base_url) for a in merged.apis]
    assert keys == sorted(set(keys))
    for api in merged.apis:
        cells = [(c.operation, c.check) for c in api.results]
        assert cells == sorted(set(cells))
        assert [s.operation for s in api.operations] == sorted({s.operation for s in api.operations})
        for cell in api.results:
            assert len({(f.title, f.message) for f in cell.failures}) == len(cell.failures)
        for observation in api.observations:
            assert list(observation.values) == sorted(set(observation.values))


def _cell(status: str, reason: str = "", *found: Failure) -> CheckResult:
    return CheckResult("GET /tasks", "not_a_server_error", status, reason, found)  # type: ignore[arg-type]


def _run(*results: CheckResult, **settings_) -> RunReport:
    api = ApiRun("flexprice", "Flexprice - Tasks", "http://a.test/v1", "flexprice.yaml", "ab" * 32, results=results)
    base = RunReport("0.1.0", "2026-11-24T08:30:00+00:00", 10.0, 7, 25, 1, False, apis=(api,))
    return dataclasses.replace(base, **settings_)


def test_a_cell_keeps_every_reason_and_each_distinct_failure_once() -> None:
    crash = Failure("GET /tasks", "not_a_server_error", "Server error", "500", "critical", "2xx", "500", "curl b")
    same_crash_other_request = dataclasses.replace(crash, curl="curl a")
    merged = merge_reports(
        [
            _run(_cell("skipped", "writes not allowed")),
            _run(_cell("failed", "", crash)),
            _run(_cell("failed", "no list endpoint", same_crash_other_request)),
        ]
    )
    (cell,) = merged.apis[0].results
    assert cell.status == "failed"
    assert cell.reason == "no list endpoint; writes not allowed"
    assert cell.failures == (same_crash_other_request,)


def test_a_known_findings_entry_adds_its_matches_and_the_most_telling_status_wins() -> None:
    entry = KnownFinding(1, "GET /tasks", "not_a_server_error", "VEND-7")

    def part(status: str, matches: int = 0) -> RunReport:
        run = _run()
        known = (dataclasses.replace(entry, status=status, matches=matches),)  # type: ignore[arg-type]
        return dataclasses.replace(run, apis=(dataclasses.replace(run.apis[0], known=known),))

    def merged(*parts: RunReport) -> tuple[str, int]:
        (known,) = merge_reports(list(parts)).apis[0].known
        return known.status, known.matches

    assert merged(part("untested"), part("stale")) == ("stale", 0)
    assert merged(part("stale"), part("matched", 2), part("matched", 3)) == ("matched", 5)
    assert merged(part("expired"), part("expired")) == ("expired", 0)


def test_run_settings_span_the_parts() -> None:
    first = _run(started_at="2026-11-24T08:30:00+00:00", duration_s=10.0, workers=2, max_examples=10)
    second = _run(started_at="2026-11-24T09:30:05+01:00", duration_s=20.0, workers=1, max_examples=25)
    merged = merge_reports([second, first])
    assert merged.started_at == "2026-11-24T08:30:00+00:00"
    assert merged.duration_s == 25.0
    assert (merged.workers, merged.max_examples, merged.seed) == (3, 25, 7)
    assert merge_reports([first, _run(seed=8)]).seed is None
    assert merge_reports([first, _run(allow_writes=True)]).allow_writes is True


def test_a_baseline_comparison_survives_canonicalization_but_not_a_merge() -> None:
    baseline = RunComparison("2026-11-23T08:30:00+00:00", "2026-11-24T08:30:00+00:00", 1.5, 20, (), ())
    compared = _run(comparison=baseline)
    assert merge_reports([compared]).comparison == baseline
    assert merge_reports([compared, compared]).comparison is None


@pytest.mark.parametrize(
    ("parts", "complaint"),
    [
        ([], "nothing to merge"),
        ([_run(), _run(tool_version="0.2.0")], "different tool versions: 0.1.0, 0.2.0"),
        ([_run(started_at="yesterday")], "'yesterday' is not an ISO 8601 date-time"),
    ],
    ids=["nothing", "tool versions", "start time"],
)
def test_results_that_cannot_be_one_run_are_refused(parts: list[RunReport], complaint: str) -> None:
    with pytest.raises(MergeError, match=complaint):
        merge_reports(parts)


def test_results_of_one_api_made_with_different_specs_are_refused() -> None:
    other_spec = _run()
    other_spec = dataclasses.replace(other_spec, apis=(dataclasses.replace(other_spec.apis[0], spec_sha256="cd" * 32),))
    with pytest.raises(MergeError, match=r"flexprice at http://a\.test/v1 made with different specs"):
        merge_reports([_run(), other_spec])


def _split(report: RunReport) -> tuple[RunReport, RunReport]:
    """Two workers' halves of `report`: alternate cells, and each operation's requests and latencies shared out."""

    def half(api: ApiRun, part: int) -> ApiRun:
        def stats_half(s: OperationStats) -> OperationStats:
            codes = {c: n // 2 if part == 0 else n - n // 2 for c, n in s.status_codes.items()}
            return OperationStats(
                s.operation,
                requests=sum(codes.values()),
                latencies_ms=s.latencies_ms[part::2],
                status_codes={c: n for c, n in codes.items() if n},
            )

        return dataclasses.replace(
            api,
            results=api.results[part::2],
            operations=tuple(stats_half(s) for s in api.operations),
            observations=api.observations[part::2],
        )

    return tuple(  # type: ignore[return-value]
        dataclasses.replace(
            report, apis=tuple(half(api, part) for api in report.apis), duration_s=report.duration_s / 2
        )
        for part in (0, 1)
    )


def test_two_workers_halves_merge_to_the_one_worker_run_ignoring_timing(failing_run: RunReport) -> None:
    merged = merge_reports(_split(failing_run))
    assert merged.workers == 2
    assert results_equal_ignoring_timing(merged, failing_run)
    samples = {s.operation: s.latencies_ms for s in merged.apis[2].operations}
    assert samples == {s.operation: tuple(sorted(s.latencies_ms)) for s in failing_run.apis[2].operations}


def test_timing_is_ignored_but_a_different_finding_is_not(failing_run: RunReport) -> None:
    retimed = dataclasses.replace(failing_run, started_at="2026-11-25T00:00:00+00:00", duration_s=1.0, workers=4)
    assert results_equal_ignoring_timing(retimed, failing_run)
    sailpoint = failing_run.apis[2]
    healed = dataclasses.replace(sailpoint, results=(dataclasses.replace(sailpoint.results[4], status="passed"),))
    assert not results_equal_ignoring_timing(dataclasses.replace(failing_run, apis=(healed,)), failing_run)
    stats = comparable(failing_run)["apis"][2]["operations"][0]
    assert "latencies_ms" not in stats and "requests" not in stats
    assert stats["status_codes"] == sorted(failing_run.apis[2].operations[0].status_codes)
    recounted = dataclasses.replace(
        failing_run.apis[2].operations[0], requests=99, status_codes=dict.fromkeys(stats["status_codes"], 7)
    )
    assert results_equal_ignoring_timing(
        dataclasses.replace(
            failing_run,
            apis=(
                *failing_run.apis[:2],
                dataclasses.replace(failing_run.apis[2], operations=(recounted, *failing_run.apis[2].operations[1:])),
            ),
        ),
        failing_run,
    )
