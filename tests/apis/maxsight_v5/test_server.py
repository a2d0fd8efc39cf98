"""Maxsight v5 Tasks over HTTP: the full task object by UUID; 404 for unknown or malformed ids; 401 without apikey."""

from __future__ import annotations

import pytest

from tests.servers.helpers import MAXSIGHT, Clients, send

PAGE_EXAMPLE_ID = "497f6eca-6276-4993-bfeb-53cbbbba6f08"


def test_the_page_example_request_returns_the_page_example_task(clients: Clients) -> None:
    answer = clients.maxsight.get(f"/tasks/{PAGE_EXAMPLE_ID}")
    assert answer.status_code == 200
    task = answer.json()
    assert (task["id"], task["status"], task["assignment"]["assigned_to_type"]) == (
        PAGE_EXAMPLE_ID,
        "INCOMPLETE",
        "USER",
    )


def test_every_known_id_returns_its_own_task(clients: Clients) -> None:
    for task_id in clients.servers.known_task_ids(MAXSIGHT)[:40]:
        assert clients.maxsight.get(f"/tasks/{task_id}").json()["id"] == task_id


def test_uuids_are_matched_case_insensitively(clients: Clients) -> None:
    task_id = clients.servers.known_task_ids(MAXSIGHT)[5]
    assert clients.maxsight.get(f"/tasks/{task_id.upper()}").json()["id"] == task_id


@pytest.mark.parametrize(
    "task_id", ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "ü", "497f6eca62764993bfeb53cbbbba6f08"]
)
def test_unknown_or_malformed_ids_get_404_task_not_found(clients: Clients, task_id: str) -> None:
    answer = clients.maxsight.get(f"/tasks/{task_id}")
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/json"


@pytest.mark.parametrize("headers", [{}, {"apikey": "wrong"}, {"x-api-key": "ref-maxsight-key"}])
def test_requests_without_the_apikey_get_401(clients: Clients, headers: dict[str, str]) -> None:
    answer = send("GET", clients.servers.base_url(MAXSIGHT) + f"/tasks/{PAGE_EXAMPLE_ID}", headers=headers)
    assert answer.status_code == 401
