"""SailPoint's faults: switching each on changes what a client sees, as its probe observes."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from conformance.apis.sailpoint_v2025 import API
from tests.servers.helpers import EXPERIMENTAL, PATCH_JSON, SAILPOINT, Clients, anonymous, ascending, observes_fault

RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
SP_STATUSES = {"SUCCESS", "WARNING", "ERROR", "TERMINATED", "TEMPERROR"}


def _sp_task(c: Clients) -> dict:
    return c.sailpoint.get(f"/task-status/{c.servers.known_task_ids(SAILPOINT)[0]}").json()


def _sp_ids(c: Clients, path: str, **params: object) -> list[str]:
    return [task["id"] for task in c.sailpoint.get(path, params=params).json()]


def _sp_pending_id(c: Clients) -> str:
    return _sp_ids(c, "/task-status/pending-tasks", limit=1)[0]


def _sp_patch_persisted(c: Clients) -> bool:
    task_id = _sp_pending_id(c)
    patch = [{"op": "replace", "path": "/completionStatus", "value": "SUCCESS"}]
    patch.append({"op": "replace", "path": "/completed", "value": "2025-06-30T12:00:00Z"})
    answered = c.sailpoint.patch(f"/task-status/{task_id}", json=patch, headers=PATCH_JSON).json()
    stored = c.sailpoint.get(f"/task-status/{task_id}").json()
    return answered["completionStatus"] == "SUCCESS" and stored["completionStatus"] == "SUCCESS"


def _head_count_missing(c: Clients) -> bool:
    get = c.sailpoint.get("/task-status/pending-tasks", params={"count": "true"})
    head = c.sailpoint.head("/task-status/pending-tasks", params={"count": "true"})
    return "x-total-count" in get.headers and "x-total-count" not in head.headers


# fault name -> probe: True when the client observes the fault's deviation (and False on the honest servers).
PROBES: dict[str, Callable[[Clients], bool]] = {
    "sailpoint-missing-launcher": lambda c: "launcher" not in _sp_task(c),
    "sailpoint-completion-status-lowercase": lambda c: any(
        task["completionStatus"] not in SP_STATUSES for task in c.sailpoint.get("/task-status").json()
    ),
    "sailpoint-created-not-rfc3339": lambda c: not RFC3339.fullmatch(_sp_task(c)["created"]),
    "sailpoint-percent-complete-as-string": lambda c: isinstance(_sp_task(c)["percentComplete"], str),
    "sailpoint-null-messages": lambda c: _sp_task(c)["messages"] is None,
    "sailpoint-unknown-id-500": lambda c: c.sailpoint.get("/task-status/no-such-task").status_code == 500,
    "sailpoint-total-count-missing": lambda c: (
        "x-total-count" not in c.sailpoint.get("/task-status", params={"count": "true"}).headers
    ),
    "sailpoint-total-count-wrong": lambda c: (
        c.sailpoint.get("/task-status", params={"count": "true", "limit": 5}).headers["x-total-count"] == "5"
    ),
    "sailpoint-head-without-total-count": _head_count_missing,
    "sailpoint-limit-ignored": lambda c: len(_sp_ids(c, "/task-status", limit=5)) != 5,
    "sailpoint-offset-ignored": lambda c: (
        _sp_ids(c, "/task-status", limit=1, offset=10) == _sp_ids(c, "/task-status", limit=1)
    ),
    "sailpoint-overlapping-pages": lambda c: bool(
        set(_sp_ids(c, "/task-status", limit=5)) & set(_sp_ids(c, "/task-status", limit=5, offset=5))
    ),
    "sailpoint-filter-ignored": lambda c: any(
        task["type"] != "QPOC" for task in c.sailpoint.get("/task-status", params={"filters": 'type eq "QPOC"'}).json()
    ),
    "sailpoint-sort-reversed": lambda c: (
        not ascending(
            [task["created"] for task in c.sailpoint.get("/task-status", params={"sorters": "created"}).json()]
        )
    ),
    "sailpoint-patch-not-persisted": lambda c: not _sp_patch_persisted(c),
    "sailpoint-pending-includes-completed": lambda c: any(
        task["completed"] is not None for task in c.sailpoint.get("/task-status/pending-tasks").json()
    ),
    "sailpoint-auth-ignored": lambda c: anonymous(c, SAILPOINT, "/task-status", EXPERIMENTAL).status_code == 200,
    "sailpoint-limit-250-rejected": lambda c: c.sailpoint.get("/task-status", params={"limit": 250}).status_code == 400,
    "sailpoint-patch-media-type-rejected": lambda c: (
        c.sailpoint.patch(f"/task-status/{_sp_pending_id(c)}", content=b"[]", headers=PATCH_JSON).status_code == 400
    ),
    "sailpoint-non-ascii-filter-500": lambda c: (
        c.sailpoint.get("/task-status", params={"filters": 'id eq "é"'}).status_code == 500
    ),
}


def test_every_fault_of_the_api_has_a_probe() -> None:
    assert PROBES.keys() == {fault.name for fault in API.server.faults}


@pytest.mark.parametrize("name", list(PROBES))
def test_switching_the_fault_on_changes_what_its_probe_observes(name: str, clients: Clients) -> None:
    observes_fault(name, PROBES[name], clients)
