"""Comparing two runs: a fault shows as its newly failing checks and nothing else but latency."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from conformance._results import CheckResult, OperationStats, RunReport, to_dict
from conformance.audit import (
    DEFAULT_LATENCY_THRESHOLD,
    DEFAULT_MIN_SAMPLES,
    compare_runs,
    load_run,
    render,
)
from tests.audit.specimens import LATENCIES_MS, OPERATIONS, RESULTS, failure, minimal_run, replaced, round_trip


def faulty(run: RunReport, *cells: tuple[str, str]) -> RunReport:
    """The same run, except that `cells` (operation, check) failed."""
    api = run.apis[0]
    results = tuple(
        dataclasses.replace(r, status="failed", failures=(failure(r.operation, r.check),))
        if (r.operation, r.check) in cells
        else r
        for r in api.results
    )
    return dataclasses.replace(run, apis=(dataclasses.replace(api, results=results),))


def slower(run: RunReport, factor: float) -> RunReport:
    api = run.apis[0]
    operations = tuple(
        dataclasses.replace(o, latencies_ms=tuple(x * factor for x in o.latencies_ms)) for o in api.operations
    )
    return dataclasses.replace(run, apis=(dataclasses.replace(api, operations=operations),))


def test_a_fault_shows_as_its_newly_failing_checks_and_nothing_else_apart_from_latency() -> None:
    base = round_trip(minimal_run())
    fault = ("GET /tasks/{id}", "response_schema_conformance")
    new = round_trip(slower(faulty(minimal_run(), fault), 1.8))

    comparison = compare_runs(base, new)

    apart_from_latency = [c for c in comparison.changes if c.kind != "latency"]
    assert [(c.rule_id, c.operation, c.old, c.new) for c in apart_from_latency] == [
        ("check-newly-failing", "flexprice GET /tasks/{id}", "passed", "failed")
    ]
    assert {c.rule_id for c in comparison.changes if c.kind == "latency"} == {"latency-regressed"}


def test_two_equal_runs_differ_in_nothing() -> None:
    comparison = compare_runs(round_trip(minimal_run()), round_trip(minimal_run()))
    assert comparison.changes == ()
    assert [(d.operation, d.median_ratio, d.p95_ratio) for d in comparison.latency] == [
        ("GET /tasks/{id}", 1.0, 1.0),
        ("GET /tasks", 1.0, 1.0),
    ]


def test_a_newly_failing_check_names_its_first_failure_and_points_into_results_json() -> None:
    new = faulty(minimal_run(), ("GET /tasks", "response_schema_conformance"))
    (change,) = compare_runs(minimal_run(), new).changes
    assert change.pointer == "/apis/0/results/2"
    assert change.message == "response_schema_conformance now fails: Response violates schema"
    assert to_dict(new)["apis"][0]["results"][2]["status"] == "failed"


def test_a_check_failing_on_an_operation_tested_for_the_first_time_is_newly_failing() -> None:
    extra = CheckResult("GET /tasks/result", "status_code_conformance", "failed")
    new = minimal_run(results=(*RESULTS, extra))
    rules = sorted(c.rule_id for c in compare_runs(minimal_run(), new).changes)
    assert rules == ["check-newly-failing", "tested-operation-added"]


def test_latency_within_the_threshold_is_no_change_but_is_still_tabled() -> None:
    comparison = compare_runs(minimal_run(), slower(minimal_run(), 1.4), latency_threshold=1.5)
    assert comparison.changes == ()
    assert all(d.median_ratio == pytest.approx(1.4) for d in comparison.latency)


def test_the_latency_threshold_is_a_ratio_in_both_directions() -> None:
    assert compare_runs(minimal_run(), slower(minimal_run(), 1.4), latency_threshold=1.3).changes[0].rule_id == (
        "latency-regressed"
    )
    assert compare_runs(minimal_run(), slower(minimal_run(), 0.7), latency_threshold=1.3).changes[0].rule_id == (
        "latency-improved"
    )


def test_a_p95_regression_alone_counts() -> None:
    spiky = replaced(OPERATIONS, 0, latencies_ms=(*LATENCIES_MS[:-3], 60.0, 60.0, 60.0))
    (change,) = compare_runs(minimal_run(), minimal_run(operations=spiky)).changes
    assert change.rule_id == "latency-regressed"
    assert "median 12 -> 12 ms (x1.00), p95 20 -> 60 ms (x3.00)" in change.message


def sampled(count: int, factor: float = 1.0) -> tuple[OperationStats, ...]:
    """OPERATIONS with GET /tasks/{id} timed `count` times (its usual values, times `factor`)."""
    latencies = tuple(factor * LATENCIES_MS[i % len(LATENCIES_MS)] for i in range(count))
    return replaced(OPERATIONS, 0, requests=count, latencies_ms=latencies)


@pytest.mark.parametrize(("base_count", "new_count"), [(19, 40), (40, 19), (5, 5)])
def test_a_latency_ratio_from_too_few_samples_on_either_side_is_tabled_but_not_a_change(
    base_count: int, new_count: int
) -> None:
    comparison = compare_runs(
        minimal_run(operations=sampled(base_count)), minimal_run(operations=sampled(new_count, 3))
    )

    assert comparison.changes == ()
    delta = comparison.latency[0]
    assert (delta.base_samples, delta.new_samples, delta.judged) == (base_count, new_count, False)
    assert delta.median_ratio is not None
    assert delta.median_ratio > DEFAULT_LATENCY_THRESHOLD  # it would count, had both runs enough samples


def test_a_latency_ratio_from_the_minimum_of_samples_on_both_sides_counts() -> None:
    comparison = compare_runs(
        minimal_run(operations=sampled(DEFAULT_MIN_SAMPLES)), minimal_run(operations=sampled(DEFAULT_MIN_SAMPLES, 3))
    )
    (change,) = comparison.changes
    assert change.rule_id == "latency-regressed"
    assert f"samples {DEFAULT_MIN_SAMPLES} -> {DEFAULT_MIN_SAMPLES}" in change.message
    assert comparison.latency[0].judged


def test_the_minimum_of_samples_is_a_choice() -> None:
    few = compare_runs(minimal_run(operations=sampled(5)), minimal_run(operations=sampled(5, 3)), min_samples=5)
    assert [c.rule_id for c in few.changes] == ["latency-regressed"]
    assert few.min_samples == 5
    with pytest.raises(ValueError, match="at least 1"):
        compare_runs(minimal_run(), minimal_run(), min_samples=0)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_format_says_how_many_samples_each_side_had(fmt: str) -> None:
    comparison = compare_runs(minimal_run(operations=sampled(7)), minimal_run(operations=sampled(31)))
    out = render(comparison, fmt)  # type: ignore[arg-type]
    if fmt == "json":
        data = json.loads(out)
        assert (data["latency"][0]["base_samples"], data["latency"][0]["new_samples"]) == (7, 31)
        assert data["latency"][0]["judged"] is False
        assert data["min_samples"] == DEFAULT_MIN_SAMPLES
    elif fmt == "text":
        assert "samples 7 -> 31 (too few to judge)" in out
        assert "samples 20 -> 20" in out
    else:
        cells = re.sub(r"<[^>]+>", "|", out)
        assert re.search(r"\|\s*7\s*\|+\s*31\s*\|", cells)
        assert "no, too few samples" in out


def test_operations_without_latency_samples_are_not_tabled() -> None:
    silent = replaced(OPERATIONS, 1, latencies_ms=())
    comparison = compare_runs(minimal_run(operations=silent), minimal_run(operations=silent))
    assert [d.operation for d in comparison.latency] == ["GET /tasks/{id}"]


def test_a_status_code_counts_as_seen_only_with_responses() -> None:
    zero = replaced(OPERATIONS, 0, status_codes={"200": 5, "404": 1, "500": 0})
    assert compare_runs(minimal_run(), minimal_run(operations=zero)).changes == ()


def test_the_threshold_must_be_a_ratio_above_one() -> None:
    with pytest.raises(ValueError, match="ratio above 1"):
        compare_runs(minimal_run(), minimal_run(), latency_threshold=1.0)


def test_the_comparison_fits_in_a_run_report_and_survives_results_json(tmp_path: Path) -> None:
    new = faulty(minimal_run(), ("GET /tasks", "response_schema_conformance"))
    comparison = compare_runs(minimal_run(), new)
    data = to_dict(dataclasses.replace(new, comparison=comparison))
    (tmp_path / "results.json").write_text(json.dumps(data))

    stored = load_run(tmp_path).comparison

    assert stored == comparison
    assert data["comparison"]["kind"] == "runs"
    assert data["comparison"]["summary"] == {"breaking": 1, "warning": 0, "info": 0}
    assert data["comparison"]["changes"][0]["kind"] == "check"


def test_a_second_api_is_compared_on_its_own() -> None:
    other = dataclasses.replace(
        minimal_run().apis[0],
        api="maxsight-v5",
        results=(CheckResult("GET /tasks/{task_id}", "status_code_conformance", "passed"),),
        operations=(OperationStats("GET /tasks/{task_id}", 1, (5.0,), {"200": 1}),),
        observations=(),
    )
    base = dataclasses.replace(minimal_run(), apis=(*minimal_run().apis, other))
    new = dataclasses.replace(base, apis=(base.apis[0], dataclasses.replace(other, error="connection refused")))
    changes = compare_runs(base, new).changes
    assert [(c.rule_id, c.operation, c.pointer) for c in changes] == [("api-error-new", "maxsight-v5", "/apis/1/error")]
