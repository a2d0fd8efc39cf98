"""Comparing two runs: a fault shows as its newly failing checks and nothing else but latency."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from conformance._results import CheckResult, OperationStats, RunReport, to_dict
from conformance.audit import compare_runs, comparison_to_dict, load_run
from tests.audit.specimens import OPERATIONS, RESULTS, failure, minimal_run, replaced, round_trip


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
    spiky = replaced(OPERATIONS, 0, latencies_ms=(10.0, 11.0, 12.0, 12.0, 13.0, 60.0))
    (change,) = compare_runs(minimal_run(), minimal_run(operations=spiky)).changes
    assert change.rule_id == "latency-regressed"
    assert "p95 20 -> 60 ms (x3.00)" in change.message


def test_operations_without_latency_samples_are_not_compared() -> None:
    silent = replaced(OPERATIONS, 1, latencies_ms=())
    comparison = compare_runs(minimal_run(operations=silent), minimal_run(operations=silent))
    assert [d.operation for d in comparison.latency] == ["GET /tasks/{id}"]


def test_a_status_code_counts_as_seen_only_with_responses() -> None:
    zero = replaced(OPERATIONS, 0, status_codes={"200": 5, "404": 1, "500": 0})
    assert compare_runs(minimal_run(), minimal_run(operations=zero)).changes == ()


def test_the_threshold_must_be_a_ratio_above_one() -> None:
    with pytest.raises(ValueError, match="ratio above 1"):
        compare_runs(minimal_run(), minimal_run(), latency_threshold=1.0)


def test_the_comparison_dict_fits_in_a_run_report_and_survives_results_json(tmp_path: Path) -> None:
    new = faulty(minimal_run(), ("GET /tasks", "response_schema_conformance"))
    comparison = comparison_to_dict(compare_runs(minimal_run(), new))
    (tmp_path / "results.json").write_text(json.dumps(to_dict(dataclasses.replace(new, comparison=comparison))))

    stored = load_run(tmp_path).comparison

    assert stored == json.loads(json.dumps(comparison))
    assert stored is not None
    assert stored["kind"] == "runs"
    assert stored["summary"] == {"breaking": 1, "warning": 0, "info": 0}
    assert stored["changes"][0]["kind"] == "check"


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
