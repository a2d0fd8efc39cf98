"""Flexprice's faults: switching each on changes what a client sees, as its probe observes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.apis.flexprice import API
from tests.servers.helpers import FLEXPRICE, Clients, anonymous, ascending, observes_fault

FP_STATUSES = {"PENDING", "PROCESSING", "COMPLETED", "FAILED"}
NEW_TASK = {
    "entity_type": "EVENTS",
    "file_type": "CSV",
    "file_url": "https://files.example/e.csv",
    "task_type": "IMPORT",
}


def _fp_items(c: Clients, **params: object) -> list[dict]:
    return c.flexprice.get("/tasks", params=params).json()["items"]


def _fp_pending_id(c: Clients) -> str:
    return _fp_items(c, task_status="PENDING", limit=1)[0]["id"]


def _fp_status_persisted(c: Clients) -> bool:
    task_id = _fp_pending_id(c)
    answered = c.flexprice.put(f"/tasks/{task_id}/status", json={"task_status": "COMPLETED"})
    return answered.status_code == 200 and c.flexprice.get(f"/tasks/{task_id}").json()["task_status"] == "COMPLETED"


def _fp_created_listed(c: Clients) -> bool:
    c.flexprice.post("/tasks", json=NEW_TASK)
    created = c.flexprice.get("/tasks", params={"limit": 1}).json()["items"][0]
    return created["created_by"] == "api_key" and created["task_status"] == "PENDING"


# fault name -> probe: True when the client observes the fault's deviation (and False on the honest servers).
PROBES: dict[str, Callable[[Clients], bool]] = {
    "flexprice-missing-id": lambda c: "id" not in c.flexprice.post("/tasks", json=NEW_TASK).json(),
    "flexprice-status-lowercase": lambda c: any(task["task_status"] not in FP_STATUSES for task in _fp_items(c)),
    "flexprice-pagination-total-as-string": lambda c: isinstance(
        c.flexprice.get("/tasks").json()["pagination"]["total"], str
    ),
    "flexprice-unknown-id-200": lambda c: c.flexprice.get("/tasks/no-such-task").status_code == 200,
    "flexprice-errors-text-plain": lambda c: (
        c.flexprice.get("/tasks/no-such-task").headers["content-type"].startswith("text/plain")
    ),
    "flexprice-filter-ignored": lambda c: any(
        task["task_status"] != "FAILED" for task in _fp_items(c, task_status="FAILED")
    ),
    "flexprice-order-ignored": lambda c: (
        not ascending([task["created_at"] for task in _fp_items(c, sort="created_at", order="asc")])
    ),
    "flexprice-status-update-not-persisted": lambda c: not _fp_status_persisted(c),
    "flexprice-created-task-not-listed": lambda c: not _fp_created_listed(c),
    "flexprice-download-any-task": lambda c: c.flexprice.get(f"/tasks/{_fp_pending_id(c)}/download").status_code == 200,
    "flexprice-any-api-key-accepted": lambda c: (
        anonymous(c, FLEXPRICE, "/tasks", {"x-api-key": "guess"}).status_code == 200
    ),
    "flexprice-create-enum-unchecked": lambda c: (
        c.flexprice.post("/tasks", json={**NEW_TASK, "task_type": "BOGUS"}).is_success
    ),
    "flexprice-non-ascii-id-500": lambda c: c.flexprice.get("/tasks/é").status_code == 500,
}


def test_every_fault_of_the_api_has_a_probe() -> None:
    assert PROBES.keys() == {fault.name for fault in API.server.faults}


@pytest.mark.parametrize("name", list(PROBES))
def test_switching_the_fault_on_changes_what_its_probe_observes(name: str, clients: Clients) -> None:
    observes_fault(name, PROBES[name], clients)
