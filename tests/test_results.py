"""The results data model: scores, verdicts, and a lossless JSON form."""

from __future__ import annotations

import json

from conformance._results import ApiRun, CheckResult, Failure, OperationStats, RunReport, from_dict, to_dict


def _failure() -> Failure:
    return Failure(
        operation="GET /tasks/{id}",
        check="unknown_id",
        title="Unknown id does not give 404",
        message="no task has id 'x'",
        severity="high",
        expected="HTTP 404",
        actual="HTTP 200",
        curl="curl http://127.0.0.1/v1/tasks/x",
        status_code=200,
    )


def _report(*results: CheckResult, error: str | None = None) -> RunReport:
    api = ApiRun(
        api="flexprice",
        title="Flexprice - Tasks",
        base_url="http://127.0.0.1:1/v1",
        spec_file="specs/flexprice-tasks.yaml",
        spec_sha256="0" * 64,
        results=results,
        operations=(OperationStats("GET /tasks/{id}", 3, (1.0, 2.0, 9.0), {"200": 2, "404": 1}),),
        error=error,
    )
    return RunReport("0.1.0", "2026-01-01T00:00:00+00:00", 1.5, 7, 10, 1, False, apis=(api,))


def test_score_counts_passed_and_warning_cells_over_cells_that_ran() -> None:
    report = _report(
        CheckResult("GET /tasks/{id}", "a", "passed"),
        CheckResult("GET /tasks/{id}", "b", "warning"),
        CheckResult("GET /tasks/{id}", "c", "failed", failures=(_failure(),)),
        CheckResult("GET /tasks/{id}", "d", "skipped", reason="writes"),
    )
    assert report.apis[0].score == 66.7
    assert not report.conformant


def test_a_run_with_only_passes_conforms_and_an_api_error_does_not() -> None:
    passing = CheckResult("GET /tasks/{id}", "a", "passed")
    assert _report(passing).conformant
    assert not _report(passing, error="cannot reach it").conformant
    assert not _report(CheckResult("GET /tasks/{id}", "a", "skipped", reason="x")).conformant


def test_json_form_round_trips() -> None:
    report = _report(CheckResult("GET /tasks/{id}", "c", "failed", failures=(_failure(),)))
    data = json.loads(json.dumps(to_dict(report)))
    assert data["apis"][0]["operations"][0]["median_ms"] == 2.0
    assert from_dict(data) == report
