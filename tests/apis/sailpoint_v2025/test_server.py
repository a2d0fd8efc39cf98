"""SailPoint v2025 Task Management over HTTP: lists, paging, count, filters, sorters, HEAD, get, JSON Patch, auth."""

from __future__ import annotations

import httpx
import pytest

from tests.servers.helpers import EXPERIMENTAL, PATCH_JSON, SAILPOINT, Clients, auth_headers, send

PENDING, COMPLETED = "/task-status/pending-tasks", "/task-status"
FINISH = [
    {"op": "replace", "path": "/completionStatus", "value": "SUCCESS"},
    {"op": "replace", "path": "/completed", "value": "2025-06-30T12:00:00Z"},
]


def _all(client: httpx.Client, path: str, **params: object) -> list[dict]:
    tasks, offset = [], 0
    for _ in range(10):
        page = client.get(path, params={**params, "offset": offset, "limit": 250}).json()
        tasks += page
        offset += 250
        if len(page) < 250:
            break
    return tasks


def test_pending_and_completed_lists_split_the_tasks_by_completed(clients: Clients) -> None:
    pending, completed = _all(clients.sailpoint, PENDING), _all(clients.sailpoint, COMPLETED)
    assert pending and all(task["completed"] is None for task in pending)
    assert completed and all(task["completed"] is not None for task in completed)
    ids = [task["id"] for task in pending + completed]
    assert sorted(ids) == sorted(clients.servers.known_task_ids(SAILPOINT))


def test_limit_defaults_to_250_and_offset_pages_without_overlap(clients: Clients) -> None:
    everything = _all(clients.sailpoint, COMPLETED)
    assert len(everything) > 250
    assert len(clients.sailpoint.get(COMPLETED).json()) == 250
    assert clients.sailpoint.get(COMPLETED, params={"limit": 0}).json() == []
    pages = [clients.sailpoint.get(COMPLETED, params={"limit": 7, "offset": offset}).json() for offset in (0, 7, 14)]
    assert [task["id"] for page in pages for task in page] == [task["id"] for task in everything[:21]]
    assert clients.sailpoint.get(COMPLETED, params={"offset": len(everything)}).json() == []


@pytest.mark.parametrize("path", [PENDING, COMPLETED])
def test_count_true_sets_x_total_count_to_the_unpaged_total(clients: Clients, path: str) -> None:
    total = len(_all(clients.sailpoint, path))
    counted = clients.sailpoint.get(path, params={"count": "true", "limit": 3, "offset": 2})
    assert counted.headers["X-Total-Count"] == str(total)
    assert len(counted.json()) == 3
    assert "X-Total-Count" not in clients.sailpoint.get(path, params={"limit": 3}).headers


def test_head_answers_the_headers_of_get_without_a_body(clients: Clients) -> None:
    get = clients.sailpoint.get(PENDING, params={"count": "true", "limit": 4})
    head = clients.sailpoint.head(PENDING, params={"count": "true", "limit": 4})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["X-Total-Count"] == get.headers["X-Total-Count"]
    assert head.headers["Content-Length"] == get.headers["Content-Length"]
    assert "content-type" not in head.headers


@pytest.mark.parametrize(
    ("filters", "holds"),
    [
        ('completionStatus eq "Success"', lambda task: task["completionStatus"] == "SUCCESS"),
        ('completionStatus in ("error", "WARNING")', lambda task: task["completionStatus"] in ("ERROR", "WARNING")),
        ('type eq "QPOC"', lambda task: task["type"] == "QPOC"),
        ('type in ("QUARTZ","QUEUED_TASK")', lambda task: task["type"] != "QPOC"),
        (
            'type eq "QPOC" and completionStatus eq "SUCCESS"',
            lambda t: (t["type"], t["completionStatus"]) == ("QPOC", "SUCCESS"),
        ),
    ],
)
def test_filters_select_exactly_the_matching_completed_tasks(clients: Clients, filters: str, holds: object) -> None:
    everything = _all(clients.sailpoint, COMPLETED)
    selected = _all(clients.sailpoint, COMPLETED, filters=filters)
    assert selected
    assert [task["id"] for task in selected] == [task["id"] for task in everything if holds(task)]  # type: ignore[operator]


def test_id_and_source_id_filters_match_the_task_and_its_target(clients: Clients) -> None:
    everything = _all(clients.sailpoint, COMPLETED)
    first, second = everything[0], everything[1]
    chosen = clients.sailpoint.get(COMPLETED, params={"filters": f'id in ("{first["id"]}", "{second["id"]}")'}).json()
    assert [task["id"] for task in chosen] == [first["id"], second["id"]]
    source = next(task["target"]["id"] for task in everything if task["target"])
    by_source = _all(clients.sailpoint, COMPLETED, filters=f'sourceId eq "{source}"')
    assert by_source == [task for task in everything if (task["target"] or {}).get("id") == source]
    assert clients.sailpoint.get(COMPLETED, params={"filters": 'id eq "ünïcødé"'}).json() == []


@pytest.mark.parametrize(("sorters", "descending"), [("created", False), ("-created", True)])
def test_sorters_order_by_created(clients: Clients, sorters: str, descending: bool) -> None:
    created = [task["created"] for task in _all(clients.sailpoint, COMPLETED, sorters=sorters)]
    assert created == sorted(created, reverse=descending)
    assert len(set(created)) > 1


def test_get_by_id_returns_the_task_and_404_with_an_error_body_for_an_unknown_id(clients: Clients) -> None:
    task_id = clients.servers.known_task_ids(SAILPOINT)[7]
    assert clients.sailpoint.get(f"/task-status/{task_id}").json()["id"] == task_id
    missing = clients.sailpoint.get("/task-status/no-such-task")
    assert missing.status_code == 404
    assert missing.json()["messages"][0]["text"] == "no task status with id 'no-such-task'"


def test_a_patch_that_clears_a_pending_task_is_applied_and_persisted(clients: Clients) -> None:
    task_id = clients.sailpoint.get(PENDING, params={"limit": 1}).json()[0]["id"]
    patched = clients.sailpoint.patch(f"/task-status/{task_id}", json=FINISH, headers=PATCH_JSON)
    assert patched.status_code == 200
    assert (patched.json()["completionStatus"], patched.json()["completed"]) == ("SUCCESS", "2025-06-30T12:00:00Z")
    assert clients.sailpoint.get(f"/task-status/{task_id}").json() == patched.json()
    assert task_id not in [task["id"] for task in _all(clients.sailpoint, PENDING)]
    assert task_id in [task["id"] for task in _all(clients.sailpoint, COMPLETED, filters=f'id eq "{task_id}"')]


@pytest.mark.parametrize(
    ("body", "headers", "reason"),
    [
        ([{"op": "remove", "path": "/no/such/field"}], PATCH_JSON, "the patch does not apply"),
        ([{"op": "test", "path": "/type", "value": "OTHER"}], PATCH_JSON, "the patch does not apply"),
        ([{"op": "replace", "path": "/id", "value": "another"}], PATCH_JSON, "the patch may not change or remove id"),
        (
            [{"op": "replace", "path": "/completionStatus", "value": "DONE"}],
            PATCH_JSON,
            "the patched task status is not",
        ),
        ([{"op": "replace", "path": "/created", "value": "yesterday"}], PATCH_JSON, "the patched task status is not"),
        ([{"op": "remove", "path": "/messages"}], PATCH_JSON, "the patched task status is not valid"),
        (FINISH, {"Content-Type": "application/json"}, "Content-Type must be application/json-patch+json"),
        ({"op": "remove", "path": "/messages"}, PATCH_JSON, "invalid request body"),
        ([{"op": "shout", "path": "/type"}], PATCH_JSON, "invalid request body"),
    ],
)
def test_a_patch_that_cannot_be_applied_gets_400_and_changes_nothing(
    clients: Clients, body: object, headers: dict[str, str], reason: str
) -> None:
    task_id = clients.servers.known_task_ids(SAILPOINT)[0]
    before = clients.sailpoint.get(f"/task-status/{task_id}").json()
    answer = clients.sailpoint.patch(f"/task-status/{task_id}", json=body, headers=headers)
    assert answer.status_code == 400
    assert answer.json()["messages"][0]["text"].startswith(reason)
    assert clients.sailpoint.get(f"/task-status/{task_id}").json() == before


def test_malformed_json_and_an_unknown_id_in_a_patch(clients: Clients) -> None:
    task_id = clients.servers.known_task_ids(SAILPOINT)[0]
    malformed = clients.sailpoint.patch(f"/task-status/{task_id}", content=b"[{", headers=PATCH_JSON)
    assert malformed.status_code == 400
    assert clients.sailpoint.patch("/task-status/nope", json=FINISH, headers=PATCH_JSON).status_code == 404


def test_a_task_patched_to_older_than_90_days_is_no_longer_returned(clients: Clients) -> None:
    task_id = clients.servers.known_task_ids(SAILPOINT)[2]
    old = [{"op": "replace", "path": "/created", "value": "2020-07-11T21:23:15Z"}]
    assert clients.sailpoint.patch(f"/task-status/{task_id}", json=old, headers=PATCH_JSON).status_code == 200
    assert clients.sailpoint.get(f"/task-status/{task_id}").status_code == 404
    listed = _all(clients.sailpoint, PENDING) + _all(clients.sailpoint, COMPLETED)
    assert task_id not in [task["id"] for task in listed]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": "Basic cmVmLXNhaWxwb2ludC10b2tlbg=="}],
)
def test_requests_without_the_bearer_token_get_401(clients: Clients, headers: dict[str, str]) -> None:
    answer = send("GET", clients.servers.base_url(SAILPOINT) + COMPLETED, headers={**EXPERIMENTAL, **headers})
    assert answer.status_code == 401
    assert answer.json()["error"]["detailCode"] == "401 Unauthorized"


@pytest.mark.parametrize("value", [None, "false", "TRUE", ""])
def test_the_experimental_header_is_required_and_must_be_true(clients: Clients, value: str | None) -> None:
    headers = auth_headers(SAILPOINT) | ({} if value is None else {"X-SailPoint-Experimental": value})
    answer = send("GET", clients.servers.base_url(SAILPOINT) + COMPLETED, headers=headers)
    assert answer.status_code == 400
    assert "X-SailPoint-Experimental" in answer.json()["messages"][0]["text"]
