"""The fault catalog: every fault names the statement it breaks, and switching it on changes what a client sees."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

from conformance import APIS
from conformance.servers import CATEGORIES, FAULTS, build_app, start_reference_servers
from tests.servers.helpers import EXPERIMENTAL, FLEXPRICE, MAXSIGHT, PATCH_JSON, SAILPOINT, Clients, clients_for, send

RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
SP_STATUSES = {"SUCCESS", "WARNING", "ERROR", "TERMINATED", "TEMPERROR"}
FP_STATUSES = {"PENDING", "PROCESSING", "COMPLETED", "FAILED"}
UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"
NEW_TASK = {
    "entity_type": "EVENTS",
    "file_type": "CSV",
    "file_url": "https://files.example/e.csv",
    "task_type": "IMPORT",
}


def _sp_task(c: Clients) -> dict:
    return c.sailpoint.get(f"/task-status/{c.servers.known_task_ids(SAILPOINT)[0]}").json()


def _sp_ids(c: Clients, path: str, **params: object) -> list[str]:
    return [task["id"] for task in c.sailpoint.get(path, params=params).json()]


def _sp_pending_id(c: Clients) -> str:
    return _sp_ids(c, "/task-status/pending-tasks", limit=1)[0]


def _fp_items(c: Clients, **params: object) -> list[dict]:
    return c.flexprice.get("/tasks", params=params).json()["items"]


def _fp_pending_id(c: Clients) -> str:
    return _fp_items(c, task_status="PENDING", limit=1)[0]["id"]


def _mx_known(c: Clients, index: int = 3) -> str:
    return c.servers.known_task_ids(MAXSIGHT)[index]


def _anonymous(c: Clients, api_name: str, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return send("GET", c.servers.base_url(api_name) + path, headers=headers or {})


def _sp_patch_persisted(c: Clients) -> bool:
    task_id = _sp_pending_id(c)
    patch = [{"op": "replace", "path": "/completionStatus", "value": "SUCCESS"}]
    patch.append({"op": "replace", "path": "/completed", "value": "2025-06-30T12:00:00Z"})
    answered = c.sailpoint.patch(f"/task-status/{task_id}", json=patch, headers=PATCH_JSON).json()
    stored = c.sailpoint.get(f"/task-status/{task_id}").json()
    return answered["completionStatus"] == "SUCCESS" and stored["completionStatus"] == "SUCCESS"


def _fp_status_persisted(c: Clients) -> bool:
    task_id = _fp_pending_id(c)
    answered = c.flexprice.put(f"/tasks/{task_id}/status", json={"task_status": "COMPLETED"})
    return answered.status_code == 200 and c.flexprice.get(f"/tasks/{task_id}").json()["task_status"] == "COMPLETED"


def _fp_created_listed(c: Clients) -> bool:
    c.flexprice.post("/tasks", json=NEW_TASK)
    created = c.flexprice.get("/tasks", params={"limit": 1}).json()["items"][0]
    return created["created_by"] == "api_key" and created["task_status"] == "PENDING"


def _allow_missing_on_405(c: Clients) -> bool:
    answers = [
        c.sailpoint.delete("/task-status"),
        c.flexprice.delete("/tasks"),
        c.maxsight.put(f"/tasks/{UNKNOWN_UUID}"),
    ]
    assert [answer.status_code for answer in answers] == [405, 405, 405]
    return all("allow" not in answer.headers for answer in answers)


def _head_count_missing(c: Clients) -> bool:
    get = c.sailpoint.get("/task-status/pending-tasks", params={"count": "true"})
    head = c.sailpoint.head("/task-status/pending-tasks", params={"count": "true"})
    return "x-total-count" in get.headers and "x-total-count" not in head.headers


def _ascending(values: list[str]) -> bool:
    return values == sorted(values)


# fault name -> probe: True when the client observes the fault's deviation (and False on the honest servers).
PROBES: dict[str, Callable[[Clients], bool]] = {
    "sailpoint-missing-launcher": lambda c: "launcher" not in _sp_task(c),
    "sailpoint-completion-status-lowercase": lambda c: any(
        task["completionStatus"] not in SP_STATUSES for task in c.sailpoint.get("/task-status").json()
    ),
    "sailpoint-created-not-rfc3339": lambda c: not RFC3339.fullmatch(_sp_task(c)["created"]),
    "sailpoint-percent-complete-as-string": lambda c: isinstance(_sp_task(c)["percentComplete"], str),
    "sailpoint-null-messages": lambda c: _sp_task(c)["messages"] is None,
    "flexprice-missing-id": lambda c: "id" not in c.flexprice.post("/tasks", json=NEW_TASK).json(),
    "flexprice-status-lowercase": lambda c: any(task["task_status"] not in FP_STATUSES for task in _fp_items(c)),
    "flexprice-pagination-total-as-string": lambda c: isinstance(
        c.flexprice.get("/tasks").json()["pagination"]["total"], str
    ),
    "maxsight-missing-data-version": lambda c: "data_version" not in c.maxsight.get(f"/tasks/{_mx_known(c)}").json(),
    "maxsight-null-created-at": lambda c: c.maxsight.get(f"/tasks/{_mx_known(c)}").json()["created_at"] is None,
    "sailpoint-unknown-id-500": lambda c: c.sailpoint.get("/task-status/no-such-task").status_code == 500,
    "sailpoint-total-count-missing": lambda c: (
        "x-total-count" not in c.sailpoint.get("/task-status", params={"count": "true"}).headers
    ),
    "sailpoint-total-count-wrong": lambda c: (
        c.sailpoint.get("/task-status", params={"count": "true", "limit": 5}).headers["x-total-count"] == "5"
    ),
    "sailpoint-head-without-total-count": _head_count_missing,
    "flexprice-unknown-id-200": lambda c: c.flexprice.get("/tasks/no-such-task").status_code == 200,
    "flexprice-errors-text-plain": lambda c: (
        c.flexprice.get("/tasks/no-such-task").headers["content-type"].startswith("text/plain")
    ),
    "maxsight-unknown-id-200": lambda c: c.maxsight.get(f"/tasks/{UNKNOWN_UUID}").status_code == 200,
    "maxsight-text-plain": lambda c: (
        c.maxsight.get(f"/tasks/{_mx_known(c)}").headers["content-type"].startswith("text/plain")
    ),
    "all-405-without-allow": _allow_missing_on_405,
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
        not _ascending(
            [task["created"] for task in c.sailpoint.get("/task-status", params={"sorters": "created"}).json()]
        )
    ),
    "sailpoint-patch-not-persisted": lambda c: not _sp_patch_persisted(c),
    "sailpoint-pending-includes-completed": lambda c: any(
        task["completed"] is not None for task in c.sailpoint.get("/task-status/pending-tasks").json()
    ),
    "flexprice-filter-ignored": lambda c: any(
        task["task_status"] != "FAILED" for task in _fp_items(c, task_status="FAILED")
    ),
    "flexprice-order-ignored": lambda c: (
        not _ascending([task["created_at"] for task in _fp_items(c, sort="created_at", order="asc")])
    ),
    "flexprice-status-update-not-persisted": lambda c: not _fp_status_persisted(c),
    "flexprice-created-task-not-listed": lambda c: not _fp_created_listed(c),
    "flexprice-download-any-task": lambda c: c.flexprice.get(f"/tasks/{_fp_pending_id(c)}/download").status_code == 200,
    "maxsight-returns-other-task": lambda c: c.maxsight.get(f"/tasks/{_mx_known(c)}").json()["id"] != _mx_known(c),
    "sailpoint-auth-ignored": lambda c: _anonymous(c, SAILPOINT, "/task-status", EXPERIMENTAL).status_code == 200,
    "flexprice-any-api-key-accepted": lambda c: (
        _anonymous(c, FLEXPRICE, "/tasks", {"x-api-key": "guess"}).status_code == 200
    ),
    "maxsight-auth-ignored": lambda c: _anonymous(c, MAXSIGHT, f"/tasks/{_mx_known(c)}").status_code == 200,
    "sailpoint-experimental-header-optional": lambda c: (
        c.sailpoint.get("/task-status", headers={"X-SailPoint-Experimental": "false"}).status_code == 200
    ),
    "sailpoint-limit-over-max-accepted": lambda c: (
        c.sailpoint.get("/task-status", params={"limit": 1000}).status_code == 200
    ),
    "sailpoint-limit-250-rejected": lambda c: c.sailpoint.get("/task-status", params={"limit": 250}).status_code == 400,
    "sailpoint-patch-media-type-rejected": lambda c: (
        c.sailpoint.patch(f"/task-status/{_sp_pending_id(c)}", content=b"[]", headers=PATCH_JSON).status_code == 400
    ),
    "flexprice-create-enum-unchecked": lambda c: (
        c.flexprice.post("/tasks", json={**NEW_TASK, "task_type": "BOGUS"}).is_success
    ),
    "flexprice-limit-over-100-rejected": lambda c: c.flexprice.get("/tasks", params={"limit": 250}).status_code == 400,
    "sailpoint-non-ascii-filter-500": lambda c: (
        c.sailpoint.get("/task-status", params={"filters": 'id eq "é"'}).status_code == 500
    ),
    "flexprice-non-ascii-id-500": lambda c: c.flexprice.get("/tasks/é").status_code == 500,
    "maxsight-non-ascii-id-500": lambda c: c.maxsight.get("/tasks/é").status_code == 500,
}


def test_the_catalog_has_at_least_25_faults_over_every_category_and_api() -> None:
    assert len(FAULTS) >= 25
    assert {fault.category for fault in FAULTS.values()} == set(CATEGORIES)
    assert {fault.api for fault in FAULTS.values()} == {*APIS, "all"}


@pytest.mark.parametrize("name", list(FAULTS))
def test_each_fault_names_the_statement_it_breaks_and_what_it_does(name: str) -> None:
    fault = FAULTS[name]
    assert fault.name == name
    assert re.match(r"(000|001|002|003)\b", fault.statement), "the statement cites a seed document first"
    assert '"' in fault.statement, "the statement quotes the document"
    assert fault.description.endswith(".")
    assert name.split("-")[0] == fault.api.split("-")[0]


def test_every_fault_has_a_probe() -> None:
    assert PROBES.keys() == FAULTS.keys()


def test_an_unknown_fault_name_is_refused_with_the_valid_names() -> None:
    with pytest.raises(ValueError, match=r"unknown fault 'no-such-fault'; valid faults: sailpoint-missing-launcher, "):
        build_app(faults=["no-such-fault"])


@pytest.mark.parametrize("name", list(FAULTS))
def test_switching_the_fault_on_changes_what_its_probe_observes(name: str, clients: Clients) -> None:
    assert PROBES[name](clients) is False, "the honest servers must not show the deviation"
    with start_reference_servers(faults=[name]) as faulty, clients_for(faulty) as faulty_clients:
        assert PROBES[name](faulty_clients) is True
