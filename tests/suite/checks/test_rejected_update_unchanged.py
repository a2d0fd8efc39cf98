"""rejected_update_unchanged: a refused update must change nothing, and another client's write is not its doing."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from conformance._redact import Redactor
from conformance._registry import get_api
from conformance.suite import CHECKS, Subject, Tally
from conformance.suite._exchange import Exchange
from conformance.suite.checks._semantics import Semantics
from conformance.suite.checks.rejected_update_unchanged import INVALID_VALUE

TASK = "task_01"
UPDATE = "PUT /tasks/{id}/status"


class _Server:
    """One Flexprice task behind a fake caller: updates are refused; `on_refusal` says what happens to the task."""

    def __init__(self, on_refusal: str) -> None:
        self.task: dict[str, Any] = {"id": TASK, "task_status": "PENDING", "updated_at": "2025-06-30T11:00:00Z"}
        self.on_refusal = on_refusal
        self.settings = SimpleNamespace(max_examples=5, seed=0)
        self.tally = Tally(spec={}, redactor=Redactor())
        self.violations: list[Any] = []

    def record(self, violation: Any, check: str, exchange: Exchange) -> None:
        self.violations.append(violation)

    def call(self, operation: str, **request: Any) -> Exchange:
        if operation == UPDATE:
            if self.on_refusal == "another client writes":
                self.task = {**self.task, "task_status": "PROCESSING", "updated_at": "2025-06-30T11:00:01Z"}
            elif self.on_refusal == "stored anyway":
                self.task = {**self.task, "task_status": request["body"]["task_status"]}
            return _exchange(operation, 400, {"error": {"message": "invalid task_status"}})
        if operation == "GET /tasks":
            return _exchange(operation, 200, {"items": [self.task], "pagination": {"total": 1}})
        return _exchange(operation, 200, self.task)


def _exchange(operation: str, status: int, body: Any) -> Exchange:
    return Exchange(operation, status, {}, json.dumps(body).encode(), "curl ...", Redactor())


def _verdict(on_refusal: str) -> str:
    server = _Server(on_refusal)
    s = Semantics(caller=server, contract=get_api("flexprice").contract(), spec={})  # type: ignore[arg-type]
    CHECKS["rejected_update_unchanged"].prove(s, Subject((UPDATE,)))  # type: ignore[misc]
    if server.violations:
        return "failed"
    return server.tally.cells[(UPDATE, "rejected_update_unchanged")].status


def test_a_refused_update_that_changes_nothing_passes() -> None:
    assert _verdict("nothing") == "passed"


def test_a_refused_update_whose_value_is_stored_anyway_fails() -> None:
    assert INVALID_VALUE and _verdict("stored anyway") == "failed"


def test_another_clients_write_between_the_reads_is_not_judged() -> None:
    assert _verdict("another client writes") == "skipped"
