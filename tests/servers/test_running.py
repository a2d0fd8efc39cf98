"""Running the servers: a free loopback port, a clean stop, reset without restart, safe concurrent writes."""

from __future__ import annotations

import socket
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from conformance._registry import APIS
from conformance.servers import start_reference_servers
from tests.servers.helpers import FLEXPRICE, MAXSIGHT, PATCH_JSON, SAILPOINT, Clients, auth_headers, clients_for, send

NEW_TASK = {"entity_type": "EVENTS", "file_type": "JSON", "file_url": "https://a.example/e.json", "task_type": "IMPORT"}
WRITERS, WRITES_EACH = 8, 15


def test_port_0_serves_on_a_free_loopback_port_and_the_port_is_released_on_exit() -> None:
    with start_reference_servers(APIS.values(), port=0, seed=7) as servers:
        host, port = servers.origin.removeprefix("http://").split(":")
        assert host == "127.0.0.1" and int(port) > 0
        assert servers.base_url(SAILPOINT) == f"{servers.origin}/v2025"
        assert servers.base_url(FLEXPRICE) == f"{servers.origin}/v1"
        assert servers.base_url(MAXSIGHT) == f"{servers.origin}/v5"
        task_id = servers.known_task_ids(MAXSIGHT)[1]
        assert send("GET", f"{servers.base_url(MAXSIGHT)}/tasks/{task_id}", headers=auth_headers(MAXSIGHT)).is_success
    with pytest.raises(httpx.ConnectError):
        send("GET", servers.origin)
    with socket.socket() as again:
        again.bind(("127.0.0.1", int(port)))


def test_a_busy_port_raises_oserror_and_an_unknown_fault_valueerror() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(OSError), start_reference_servers(APIS.values(), port=busy.getsockname()[1]):
            pass
    with pytest.raises(ValueError, match="unknown fault"), start_reference_servers(APIS.values(), faults=["nope"]):
        pass


def test_known_task_ids_are_the_seed_ids_and_depend_on_the_seed(clients: Clients) -> None:
    for api_name in (SAILPOINT, FLEXPRICE, MAXSIGHT):
        assert len(clients.servers.known_task_ids(api_name)) >= 300
    with start_reference_servers(APIS.values(), seed=1) as other:
        assert other.known_task_ids(SAILPOINT) != clients.servers.known_task_ids(SAILPOINT)


def test_reset_restores_the_seed_state_without_restarting(clients: Clients) -> None:
    task_id = clients.servers.known_task_ids(FLEXPRICE)[0]
    status_id = clients.servers.known_task_ids(SAILPOINT)[0]
    before = (
        clients.flexprice.get(f"/tasks/{task_id}").json(),
        clients.sailpoint.get(f"/task-status/{status_id}").json(),
    )
    clients.flexprice.put(f"/tasks/{task_id}/status", json={"task_status": "FAILED"})
    clients.flexprice.post("/tasks", json=NEW_TASK)
    patch = [{"op": "add", "path": "/attributes/note", "value": "x"}, {"op": "remove", "path": "/messages/0"}]
    assert clients.sailpoint.patch(f"/task-status/{status_id}", json=patch, headers=PATCH_JSON).status_code == 200
    clients.servers.reset()
    after = clients.flexprice.get(f"/tasks/{task_id}").json(), clients.sailpoint.get(f"/task-status/{status_id}").json()
    assert after == before
    assert clients.flexprice.get("/tasks").json()["pagination"]["total"] == len(
        clients.servers.known_task_ids(FLEXPRICE)
    )


def test_concurrent_creates_lose_nothing_and_give_the_ids_of_a_sequential_run(clients: Clients) -> None:
    def create_many(_: int) -> list[str]:
        return [clients.flexprice.post("/tasks", json=NEW_TASK).json()["id"] for _ in range(WRITES_EACH)]

    with ThreadPoolExecutor(WRITERS) as pool:
        concurrent = {task_id for ids in pool.map(create_many, range(WRITERS)) for task_id in ids}
    assert len(concurrent) == WRITERS * WRITES_EACH
    total = clients.flexprice.get("/tasks").json()["pagination"]["total"]
    assert total == len(clients.servers.known_task_ids(FLEXPRICE)) + WRITERS * WRITES_EACH
    clients.servers.reset()
    assert set(create_many(0) + [task_id for _ in range(WRITERS - 1) for task_id in create_many(0)]) == concurrent


def test_replaying_the_same_requests_on_fresh_servers_gives_the_same_answers() -> None:
    def replay() -> list[bytes]:
        with start_reference_servers(APIS.values(), seed=5) as servers, clients_for(servers) as c:
            created = c.flexprice.post("/tasks", json={**NEW_TASK, "task_type": "EXPORT"})
            task_id = created.json()["id"]
            answers = [
                created,
                c.flexprice.put(f"/tasks/{task_id}/status", json={"task_status": "COMPLETED"}),
                c.flexprice.get(f"/tasks/{task_id}/download"),
                c.flexprice.get("/tasks", params={"limit": 3}),
                c.sailpoint.get("/task-status/no-such-task"),
                c.sailpoint.get("/task-status/pending-tasks", params={"limit": 3}),
            ]
            return [answer.content for answer in answers]

    assert replay() == replay()
