"""SailPoint's variants: each one, switched on, shows a client the other choice it made (and the reference does not)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from conformance import get_api
from tests.servers.helpers import (
    EXPERIMENTAL,
    PATCH_JSON,
    SAILPOINT,
    Clients,
    anonymous,
    auth_headers,
    newest_first,
    observes_variant,
    send,
)


def _list(c: Clients, path: str = "/task-status", **params: object) -> list[dict]:
    return c.sailpoint.get(path, params=params).json()


def _pending_id(c: Clients) -> str:
    return next(task["id"] for task in _list(c, "/task-status/pending-tasks") if task["completionStatus"] is None)


def _patch(c: Clients, task_id: str, patch: list[dict], **kwargs: object) -> httpx.Response:
    return c.sailpoint.patch(f"/task-status/{task_id}", json=patch, headers=PATCH_JSON, **kwargs)


def _status_only(c: Clients) -> tuple[str, httpx.Response]:
    task_id = _pending_id(c)
    return task_id, _patch(c, task_id, [{"op": "replace", "path": "/completionStatus", "value": "SUCCESS"}])


def _listed_as_completed_after_status_only(c: Clients) -> bool:
    task_id, patched = _status_only(c)
    assert patched.status_code == 200
    return task_id in {task["id"] for task in _list(c, filters=f'id eq "{task_id}"')}


def _status(c: Clients, **params: object) -> int:
    return c.sailpoint.get("/task-status", params=params).status_code


def _served_without_experimental_header(c: Clients) -> bool:
    url = c.servers.base_url(SAILPOINT) + "/task-status"
    return send("GET", url, headers=auth_headers(SAILPOINT)).status_code == 200


def _throttled(c: Clients) -> bool:
    """101 requests at once: one of them gets 429 with a Retry-After of whole seconds."""
    answers = [c.sailpoint.get("/task-status", params={"limit": 1}) for _ in range(101)]
    return any(a.status_code == 429 and a.headers.get("retry-after", "").isdigit() for a in answers)


PROBES: dict[str, Callable[[Clients], bool]] = {
    "sailpoint-filters-case-sensitive": lambda c: _list(c, filters='completionStatus eq "Success"') == [],
    "sailpoint-pending-by-completion-status": _listed_as_completed_after_status_only,
    "sailpoint-half-updated-tasks": lambda c: any(
        (task["completed"] is None) != (task["completionStatus"] is None)
        for path in ("/task-status/pending-tasks", "/task-status")
        for task in _list(c, path)
    ),
    "sailpoint-identity-targets": lambda c: any(
        (task.get("target") or {}).get("type") == "IDENTITY" for task in _list(c)
    ),
    "sailpoint-limit-clamped": lambda c: _status(c, limit=1000) == 200,
    "sailpoint-limit-unbounded": lambda c: len(_list(c, limit=1000)) > 250,
    "sailpoint-limit-zero-rejected": lambda c: _status(c, limit=0) == 400,
    "sailpoint-offset-unbounded": lambda c: _status(c, offset=2**40) == 200,
    "sailpoint-total-count-always": lambda c: "x-total-count" in c.sailpoint.get("/task-status").headers,
    "sailpoint-count-lenient": lambda c: _status(c, count="yes") == 200,
    "sailpoint-experimental-header-403": lambda c: (
        c.sailpoint.get("/task-status", headers={"X-SailPoint-Experimental": "false"}).status_code == 403
    ),
    "sailpoint-patch-unapplicable-422": lambda c: (
        _patch(c, _pending_id(c), [{"op": "remove", "path": "/no-such-field"}]).status_code == 422
    ),
    "sailpoint-patch-accepts-json": lambda c: (
        c.sailpoint.patch(
            f"/task-status/{_pending_id(c)}", json=[{"op": "replace", "path": "/progress", "value": "Started"}]
        ).status_code
        == 200
    ),
    "sailpoint-patch-completes-task": lambda c: _status_only(c)[1].json()["completed"] is not None,
    "sailpoint-head-204": lambda c: c.sailpoint.head("/task-status/pending-tasks").status_code == 204,
    "sailpoint-filters-single-term": lambda c: _status(c, filters='type eq "QPOC" and id eq "x"') == 400,
    "sailpoint-filters-printable-only": lambda c: _status(c, filters='id eq "a\x01b"') == 400,
    "sailpoint-newest-first": lambda c: newest_first([task["created"] for task in _list(c)]),
    "sailpoint-optional-objects-absent": lambda c: any(
        "target" not in task or "taskDefinitionSummary" not in task for task in _list(c)
    ),
    "sailpoint-errors-problem-json": lambda c: (
        c.sailpoint.get("/task-status/no-such-task").headers["content-type"] == "application/problem+json"
    ),
    "sailpoint-experimental-header-not-required": _served_without_experimental_header,
    "sailpoint-modified-null": lambda c: any(
        task["modified"] is None for task in _list(c, "/task-status/pending-tasks")
    ),
    "sailpoint-pending-empty-204": lambda c: (
        c.sailpoint.get("/task-status/pending-tasks", params={"offset": 100_000}).status_code == 204
    ),
    "sailpoint-rate-limited": _throttled,
    "sailpoint-filters-isnull": lambda c: _status(c, filters="completionStatus isnull") == 200,
    "sailpoint-401-error-text": lambda c: isinstance(
        anonymous(c, SAILPOINT, "/task-status", EXPERIMENTAL).json().get("error"), str
    ),
}


def test_every_sailpoint_variant_has_a_probe() -> None:
    assert PROBES.keys() == {variant.name for variant in get_api(SAILPOINT).server.variants}


@pytest.mark.parametrize("name", list(PROBES))
def test_switching_the_variant_on_shows_its_choice(name: str, clients: Clients) -> None:
    observes_variant(name, PROBES[name], clients)
