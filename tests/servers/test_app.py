"""The assembled app: routing by base path, 405 with Allow, 404 for unknown paths, reset over HTTP."""

from __future__ import annotations

import pytest

from tests.servers.helpers import FLEXPRICE, MAXSIGHT, SAILPOINT, Clients, send

UUID = "497f6eca-6276-4993-bfeb-53cbbbba6f08"


@pytest.mark.parametrize(
    ("api_name", "method", "path", "allow"),
    [
        (SAILPOINT, "POST", "/task-status/pending-tasks", "GET, HEAD"),
        (SAILPOINT, "PUT", "/task-status/some-id", "GET, HEAD, PATCH"),
        (SAILPOINT, "DELETE", "/task-status", "GET, HEAD"),
        (FLEXPRICE, "DELETE", "/tasks", "GET, HEAD, POST"),
        (FLEXPRICE, "POST", "/tasks/result", "GET, HEAD"),
        (FLEXPRICE, "PATCH", "/tasks/some-id", "GET, HEAD"),
        (FLEXPRICE, "GET", "/tasks/some-id/status", "PUT"),
        (FLEXPRICE, "TRACE", "/tasks/some-id/download", "GET, HEAD"),
        (MAXSIGHT, "OPTIONS", f"/tasks/{UUID}", "GET, HEAD"),
        (MAXSIGHT, "QUERY", f"/tasks/{UUID}", "GET, HEAD"),
    ],
)
def test_an_undocumented_method_gets_405_with_allow(
    clients: Clients, api_name: str, method: str, path: str, allow: str
) -> None:
    answer = send(method, clients.servers.base_url(api_name) + path)
    assert answer.status_code == 405
    assert answer.headers["allow"] == allow
    assert answer.headers["content-type"] == "application/json"


@pytest.mark.parametrize("path", ["/", "/v2", "/v1/task", "/v2025/task-status/a/b", "/v5/tasks", "/v1/tasks/x/y/z"])
def test_a_path_outside_the_apis_gets_a_json_404(clients: Clients, path: str) -> None:
    answer = send("GET", clients.servers.origin + path)
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/json"


def test_a_get_operation_also_answers_head_with_its_headers(clients: Clients) -> None:
    get = clients.flexprice.get("/tasks")
    head = clients.flexprice.head("/tasks")
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["content-type"] == "application/json"


def test_an_encoded_slash_stays_inside_the_id(clients: Clients) -> None:
    answer = clients.flexprice.get("/tasks/a%2Fdownload")
    assert (answer.status_code, answer.json()["error"]["message"]) == (404, "task not found")


def test_post_reset_restores_the_seed_state_and_other_methods_get_405(clients: Clients) -> None:
    task_id = clients.flexprice.post(
        "/tasks",
        json={
            "entity_type": "PRICES",
            "file_type": "CSV",
            "file_url": "https://a.example/p.csv",
            "task_type": "IMPORT",
        },
    ).json()["id"]
    assert send("GET", clients.servers.origin + "/_reference/reset").status_code == 405
    assert clients.flexprice.get(f"/tasks/{task_id}").status_code == 200
    answer = send("POST", clients.servers.origin + "/_reference/reset")
    assert (answer.status_code, answer.json()) == (200, {"reset": True, "seed": 0})
    assert clients.flexprice.get(f"/tasks/{task_id}").status_code == 404
