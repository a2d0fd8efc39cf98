"""Flexprice Tasks over HTTP: list, create, get, status update, export download, workflow result, auth."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.servers.helpers import FLEXPRICE, Clients, send

NEW_TASK = {"entity_type": "CUSTOMERS", "file_type": "CSV", "file_url": "s3://my-bucket/out/customers.csv"}


def _items(clients: Clients, **params: object) -> list[dict]:
    return clients.flexprice.get("/tasks", params={"limit": 1000, **params}).json()["items"]


def _task(clients: Clients, **wanted: str) -> dict:
    return next(task for task in _items(clients) if all(task[key] == value for key, value in wanted.items()))


def test_the_list_pages_50_by_default_newest_first_with_a_pagination_block(clients: Clients) -> None:
    body = clients.flexprice.get("/tasks").json()
    assert len(body["items"]) == 50
    assert body["pagination"] == {"total": len(clients.servers.known_task_ids(FLEXPRICE)), "limit": 50, "offset": 0}
    created = [task["created_at"] for task in body["items"]]
    assert created == sorted(created, reverse=True)
    second = clients.flexprice.get("/tasks", params={"offset": 50, "limit": 10}).json()
    assert second["items"] == _items(clients)[50:60]
    assert second["pagination"]["offset"] == 50


@pytest.mark.parametrize("field", ["task_type", "entity_type", "task_status"])
def test_each_filter_keeps_only_matching_tasks(clients: Clients, field: str) -> None:
    everything = _items(clients)
    value = everything[0][field]
    selected = _items(clients, **{field: value})
    assert selected == [task for task in everything if task[field] == value]
    assert len(selected) < len(everything)


@pytest.mark.parametrize(("sort", "order"), [("created_at", "asc"), ("updated_at", "desc"), ("updated_at", "asc")])
def test_sort_and_order(clients: Clients, sort: str, order: str) -> None:
    values = [task[sort] for task in _items(clients, sort=sort, order=order)]
    assert values == sorted(values, reverse=order == "desc")


def test_a_created_task_is_pending_has_a_deterministic_id_and_is_listed_first(clients: Clients) -> None:
    created = clients.flexprice.post("/tasks", json={**NEW_TASK, "task_type": "EXPORT", "metadata": {"by": "test"}})
    assert created.status_code == 202
    task = created.json()
    assert re.fullmatch(r"task_[0-9A-HJKMNP-TV-Z]{26}", task["id"])
    assert (task["task_status"], task["metadata"], task["file_url"]) == (
        "PENDING",
        {"by": "test"},
        NEW_TASK["file_url"],
    )
    assert clients.flexprice.get(f"/tasks/{task['id']}").json() == task
    assert _items(clients)[0] == task
    clients.servers.reset()
    assert clients.flexprice.post("/tasks", json={**NEW_TASK, "task_type": "EXPORT"}).json()["id"] == task["id"]
    assert task["id"] not in clients.servers.known_task_ids(FLEXPRICE)


@pytest.mark.parametrize(
    ("status", "stamp"), [("PROCESSING", "started_at"), ("COMPLETED", "completed_at"), ("FAILED", "failed_at")]
)
def test_a_status_update_is_persisted_with_its_timestamp(clients: Clients, status: str, stamp: str) -> None:
    task = _task(clients, task_status="PENDING")
    answer = clients.flexprice.put(f"/tasks/{task['id']}/status", json={"task_status": status})
    assert answer.status_code == 200 and answer.json() == {"message": "task status updated"}
    updated = clients.flexprice.get(f"/tasks/{task['id']}").json()
    assert updated["task_status"] == status
    assert updated[stamp] is not None and updated[stamp] == updated["updated_at"] > task["updated_at"]


def test_a_completed_export_downloads_as_a_presigned_url_and_other_tasks_get_404(clients: Clients) -> None:
    export = _task(clients, task_type="EXPORT", task_status="COMPLETED")
    url = clients.flexprice.get(f"/tasks/{export['id']}/download").json()["url"]
    assert url.startswith("https://flexprice-exports.s3.amazonaws.com/") and "X-Amz-Signature=" in url
    for task in (_task(clients, task_type="EXPORT", task_status="PENDING"), _task(clients, task_type="IMPORT")):
        answer = clients.flexprice.get(f"/tasks/{task['id']}/download")
        assert answer.status_code == 404
        assert answer.json() == _error_body(404, "no export file for this task")


def test_an_export_completed_through_the_api_becomes_downloadable(clients: Clients) -> None:
    task = clients.flexprice.post("/tasks", json={**NEW_TASK, "task_type": "EXPORT"}).json()
    assert clients.flexprice.get(f"/tasks/{task['id']}/download").status_code == 404
    clients.flexprice.put(f"/tasks/{task['id']}/status", json={"task_status": "COMPLETED"})
    url = clients.flexprice.get(f"/tasks/{task['id']}/download").json()["url"]
    assert url.startswith("https://my-bucket.s3.amazonaws.com/out/customers.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256")


def test_the_result_of_a_workflow_follows_its_task_and_an_unknown_workflow_gets_404(clients: Clients) -> None:
    failed = _task(clients, task_status="FAILED")
    result = clients.flexprice.get("/tasks/result", params={"workflow_id": failed["workflow_id"]}).json()
    assert result == {
        "workflow_id": failed["workflow_id"],
        "run_id": result["run_id"],
        "message": "task failed",
        "task_id": failed["id"],
        "status": "FAILED",
        "error": failed["error_summary"],
    }
    assert str(uuid.UUID(result["run_id"])) == result["run_id"]
    again = clients.flexprice.get("/tasks/result", params={"workflow_id": failed["workflow_id"]}).json()
    assert again["run_id"] == result["run_id"]
    missing = clients.flexprice.get("/tasks/result", params={"workflow_id": "no-such-workflow"})
    assert missing.status_code == 404
    assert missing.json() == _error_body(404, "workflow not found")


def test_an_unknown_task_gets_404_with_the_error_body_on_every_by_id_operation(clients: Clients) -> None:
    expected = _error_body(404, "task not found")
    for answer in (
        clients.flexprice.get("/tasks/no-such-task"),
        clients.flexprice.get("/tasks/no-such-task/download"),
        clients.flexprice.put("/tasks/no-such-task/status", json={"task_status": "FAILED"}),
    ):
        assert (answer.status_code, answer.json()) == (404, expected)


@pytest.mark.parametrize("headers", [{}, {"x-api-key": "wrong-key"}, {"Authorization": "Bearer ref-flexprice-key"}])
def test_requests_without_the_api_key_get_401(clients: Clients, headers: dict[str, str]) -> None:
    answer = send("GET", clients.servers.base_url(FLEXPRICE) + "/tasks", headers=headers)
    assert answer.status_code == 401
    assert answer.json() == _error_body(401, "missing or invalid credentials")


def _error_body(status: int, message: str) -> dict[str, object]:
    """The documented ErrorsErrorResponse fields, plus the ones flexprice 2.1.20's ErrorResponseData reads."""
    code = {401: "http_client_error", 404: "not_found"}[status]
    return {
        "success": False,
        "error": {"message": message},
        "code": code,
        "http_status_code": status,
        "message": message,
    }
