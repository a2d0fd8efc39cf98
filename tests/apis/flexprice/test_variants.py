"""Flexprice's variants: each one, switched on, shows a client the other choice it made (and the reference does not)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance import get_api
from tests.apis.flexprice.test_faults import NEW_TASK
from tests.servers.helpers import FLEXPRICE, Clients, anonymous, newest_first, observes_variant


def _items(c: Clients, **params: object) -> list[dict]:
    """Every listed task (paged: a server may serve fewer than the limit asked)."""
    items: list[dict] = []
    for _ in range(20):
        page = c.flexprice.get("/tasks", params={"limit": 1000, "offset": len(items), **params}).json()["items"]
        items += page
        if not page:
            break
    return items


def _first(c: Clients, **params: object) -> dict:
    return _items(c, **params)[0]


def _download_reopened_export(c: Clients) -> int:
    """Download an export that holds its file but is no longer COMPLETED (reopened here unless one already is)."""
    reopened = [task for task in _items(c, task_type="EXPORT", task_status="PROCESSING") if task.get("file_url")]
    if reopened:
        return c.flexprice.get(f"/tasks/{reopened[0]['id']}/download").status_code
    task_id = _first(c, task_type="EXPORT", task_status="COMPLETED")["id"]
    assert c.flexprice.put(f"/tasks/{task_id}/status", json={"task_status": "PROCESSING"}).status_code == 200
    return c.flexprice.get(f"/tasks/{task_id}/download").status_code


def _put_status(c: Clients, task: dict, status: str) -> int:
    return c.flexprice.put(f"/tasks/{task['id']}/status", json={"task_status": status}).status_code


def _result_status(c: Clients, workflow_id: str) -> int:
    return c.flexprice.get("/tasks/result", params={"workflow_id": workflow_id}).status_code


PROBES: dict[str, Callable[[Clients], bool]] = {
    "flexprice-create-201": lambda c: c.flexprice.post("/tasks", json=NEW_TASK).status_code == 201,
    "flexprice-create-200": lambda c: c.flexprice.post("/tasks", json=NEW_TASK).status_code == 200,
    "flexprice-update-returns-task": lambda c: (
        "id"
        in c.flexprice.put(
            f"/tasks/{_first(c, task_status='PENDING')['id']}/status", json={"task_status": "FAILED"}
        ).json()
    ),
    "flexprice-limit-clamped-100": lambda c: (
        len(c.flexprice.get("/tasks", params={"limit": 250}).json()["items"]) == 100
    ),
    "flexprice-limit-max-100": lambda c: c.flexprice.get("/tasks", params={"limit": 250}).status_code == 400,
    "flexprice-oldest-first": lambda c: (
        not newest_first([t["created_at"] for t in c.flexprice.get("/tasks").json()["items"]])
    ),
    "flexprice-download-not-export-400": lambda c: (
        c.flexprice.get(f"/tasks/{_first(c, task_status='PENDING')['id']}/download").status_code == 400
    ),
    "flexprice-download-by-file": lambda c: _download_reopened_export(c) == 200,
    "flexprice-reopened-exports": lambda c: any(
        task.get("file_url") for task in _items(c, task_type="EXPORT", task_status="PROCESSING")
    ),
    "flexprice-tasks-by-others": lambda c: any(
        (task.get("metadata") or {}).get("source") == "partner-integration" for task in _items(c)
    ),
    "flexprice-forward-transitions-only": lambda c: (
        _put_status(c, _first(c, task_status="COMPLETED"), "PENDING") == 400
    ),
    "flexprice-result-by-task-id": lambda c: _result_status(c, _first(c, task_status="COMPLETED")["id"]) == 200,
    "flexprice-result-when-complete": lambda c: (
        _result_status(c, _first(c, task_status="PENDING")["workflow_id"]) == 400
    ),
    "flexprice-other-errors-text": lambda c: (
        anonymous(c, FLEXPRICE, "/tasks").headers["content-type"].startswith("text/plain")
    ),
    "flexprice-result-without-run-id": lambda c: (
        "run_id" not in c.flexprice.get("/tasks/result", params={"workflow_id": _first(c)["workflow_id"]}).json()
    ),
    "flexprice-errors-documented-shape": lambda c: (
        set(c.flexprice.get("/tasks/no-such-task").json()) == {"success", "error"}
    ),
    "flexprice-errors-current-shape": lambda c: (
        set(c.flexprice.get("/tasks/no-such-task").json()) == {"code", "http_status_code", "message"}
    ),
    "flexprice-null-fields-omitted": lambda c: any("completed_at" not in task for task in _items(c)),
    "flexprice-list-more-filters": lambda c: (
        c.flexprice.get("/tasks", params={"status": "archived"}).json()["items"] == []
    ),
}


def test_every_flexprice_variant_has_a_probe() -> None:
    assert PROBES.keys() == {variant.name for variant in get_api(FLEXPRICE).server.variants}


@pytest.mark.parametrize("name", list(PROBES))
def test_switching_the_variant_on_shows_its_choice(name: str, clients: Clients) -> None:
    observes_variant(name, PROBES[name], clients)
