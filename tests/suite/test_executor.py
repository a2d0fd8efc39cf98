"""The executor: each step's verdict is its own outcome, not what the report's cells kept of it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance._redact import Redactor
from conformance._registry import APIS, CREDENTIALS
from conformance._results import MAX_FAILURES_PER_CELL
from conformance.servers import start_reference_servers
from conformance.suite import Executor, SuiteSettings, Target


@pytest.fixture
def faulty_maxsight() -> Iterator[Executor]:
    """An executor for Maxsight against a reference server that leaves out a required field."""
    with start_reference_servers(APIS.values(), faults=["maxsight-missing-data-version"]) as servers:
        api = APIS["maxsight-v5"]
        target = Target(
            api, servers.base_url(api.name), CREDENTIALS[api.name], False, tuple(servers.known_task_ids(api.name))
        )
        yield Executor(target, SuiteSettings(max_examples=5, seed=3), Redactor())


def _step(executor: Executor, name: str):
    return next(step for step in executor.steps() if step.name == name)


def test_a_step_whose_only_failure_is_a_duplicate_still_fails(faulty_maxsight: Executor) -> None:
    step = _step(faulty_maxsight, "GET /tasks/{task_id}")
    first = faulty_maxsight.run(step)
    cell = faulty_maxsight.tally.cells[("GET /tasks/{task_id}", "response_schema_conformance")]
    kept = list(cell.failures)
    again = faulty_maxsight.run(step)
    assert first.status == "failed" and again.status == "failed"
    assert cell.failures == kept, "the second run found nothing the cell did not already hold"
    assert any(f.check == "response_schema_conformance" for f in again.failures)


def test_failures_past_the_cells_cap_still_fail_their_step(faulty_maxsight: Executor) -> None:
    step = _step(faulty_maxsight, "GET /tasks/{task_id}")
    for _ in range(3):
        faulty_maxsight.run(step)
    last = faulty_maxsight.run(step)
    for cell in faulty_maxsight.tally.cells.values():
        assert len(cell.failures) <= MAX_FAILURES_PER_CELL
    assert last.status == "failed"


def test_a_step_without_failures_passes_and_a_skipped_one_says_why() -> None:
    with start_reference_servers(APIS.values()) as servers:
        api = APIS["maxsight-v5"]
        target = Target(api, servers.base_url(api.name), CREDENTIALS[api.name], False, ())
        executor = Executor(target, SuiteSettings(max_examples=3), Redactor())
        assert executor.run(_step(executor, "unknown_id")).status == "passed"
        skipped = executor.run(_step(executor, "get_matches_list"))
        assert skipped.status == "skipped" and "--task-id" in skipped.reason


def _fuzz_requests(faults: list[str]) -> int:
    """The requests the fuzz step of SailPoint's task list sends against a reference with `faults` on."""
    with start_reference_servers(APIS.values(), faults=faults) as servers:
        api = APIS["sailpoint-v2025"]
        target = Target(api, servers.base_url(api.name), CREDENTIALS[api.name], True, ())
        executor = Executor(target, SuiteSettings(max_examples=5, seed=3), Redactor())
        outcome = executor.run(_step(executor, "GET /task-status"))
        assert (outcome.status == "failed") is bool(faults)
        return outcome.requests


def test_a_failure_does_not_end_the_search_on_its_operation_a_known_one_cannot_hide_the_next() -> None:
    # A fault every generated request of the operation shows: generation still goes on within the same budget.
    clean, faulty = _fuzz_requests([]), _fuzz_requests(["sailpoint-missing-launcher"])
    assert faulty >= clean * 0.8, (clean, faulty)
