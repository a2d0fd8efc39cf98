"""A crawl of every operation, error paths included: every response is documented and valid against the spec."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.servers.helpers import EXPERIMENTAL, FLEXPRICE, MAXSIGHT, PATCH_JSON, SAILPOINT, Clients, SpecCheck, send

UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"
NEW_TASK = {
    "entity_type": "FEATURES",
    "file_type": "JSON",
    "file_url": "https://rural-typeface.org",
    "task_type": "EXPORT",
}
JSON = {"Content-Type": "application/json"}


@dataclass(frozen=True)
class Step:
    """One request of the crawl and the status the reference servers must answer."""

    method: str
    template: str
    path: str
    expect: int
    params: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes | None = None
    anonymous: bool = False


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


def _sailpoint_steps(clients: Clients) -> list[Step]:
    pending = clients.sailpoint.get("/task-status/pending-tasks", params={"limit": 1}).json()[0]["id"]
    done = clients.sailpoint.get("/task-status", params={"limit": 1}).json()[0]
    source = done["target"]["id"] if done["target"] else "none"
    lists = ("/task-status/pending-tasks", "/task-status")
    patch = [{"op": "replace", "path": "/completionStatus", "value": "SUCCESS"}]
    patch += [{"op": "replace", "path": "/completed", "value": "2025-06-30T12:00:00Z"}]
    by_id = "/task-status/{id}"
    steps = [
        Step("HEAD", lists[0], lists[0], 200),
        Step("HEAD", lists[0], lists[0], 200, {"count": "true", "limit": 3}),
        Step("HEAD", lists[0], lists[0], 400, {"limit": 251}),
        *(Step("GET", path, path, 200, params) for path in lists for params in _paging()),
        *(Step("GET", path, path, 400, params) for path in lists for params in _bad_paging()),
        *(
            Step("GET", lists[1], lists[1], 200, {"filters": text, "count": "true"})
            for text in (
                'completionStatus eq "Success"',
                'completionStatus in ("ERROR", "warning")',
                f'id eq "{done["id"]}"',
                f'sourceId in ("{source}")',
                'type eq "QPOC" and completionStatus eq "SUCCESS"',
                'type in ("QUARTZ","QUEUED_TASK")',
                'id eq "ünïcødé"',
            )
        ),
        Step("GET", lists[1], lists[1], 200, {"sorters": "created"}),
        Step("GET", lists[1], lists[1], 200, {"sorters": "-created", "limit": 5}),
        Step("GET", lists[1], lists[1], 400, {"filters": 'name eq "x"'}),
        Step("GET", lists[1], lists[1], 400, {"filters": 'type ne "QPOC"'}),
        Step("GET", lists[1], lists[1], 400, {"sorters": "-modified"}),
        Step("GET", by_id, f"/task-status/{pending}", 200),
        Step("GET", by_id, f"/task-status/{done['id']}", 200),
        Step("GET", by_id, "/task-status/no-such-task", 404),
        Step("GET", by_id, "/task-status/", 400),
        Step("PATCH", by_id, f"/task-status/{pending}", 200, headers=PATCH_JSON, content=_json(patch)),
        Step("PATCH", by_id, f"/task-status/{pending}", 200, headers=PATCH_JSON, content=b"[]"),
        Step("PATCH", by_id, "/task-status/no-such-task", 404, headers=PATCH_JSON, content=_json(patch)),
        Step("PATCH", by_id, f"/task-status/{done['id']}", 400, headers=JSON, content=_json(patch)),
        Step("PATCH", by_id, f"/task-status/{done['id']}", 400, headers=PATCH_JSON, content=b"[{"),
        Step("PATCH", by_id, f"/task-status/{done['id']}", 400, headers=PATCH_JSON, content=b'{"op": "remove"}'),
        Step("PATCH", by_id, f"/task-status/{done['id']}", 400, headers=PATCH_JSON, content=b""),
        *(
            Step("PATCH", by_id, f"/task-status/{done['id']}", 400, headers=PATCH_JSON, content=_json([operation]))
            for operation in (
                {"op": "remove", "path": "/no/such/path"},
                {"op": "replace", "path": "/id", "value": "another-id"},
                {"op": "replace", "path": "/completionStatus", "value": "DONE"},
                {"op": "remove", "path": "/launcher"},
                {"op": "test", "path": "/type", "value": "NOT-ITS-TYPE"},
                {"op": "jump", "path": "/type"},
            )
        ),
    ]
    for method, template, path in (
        ("HEAD", lists[0], lists[0]),
        ("GET", lists[0], lists[0]),
        ("GET", lists[1], lists[1]),
        ("GET", by_id, f"/task-status/{pending}"),
        ("PATCH", by_id, f"/task-status/{pending}"),
    ):
        content = _json(patch) if method == "PATCH" else None
        steps.append(Step(method, template, path, 401, headers={**EXPERIMENTAL, **PATCH_JSON}, anonymous=True))
        steps.append(Step(method, template, path, 400, headers={"X-SailPoint-Experimental": "false"}, content=content))
    return steps


def _paging() -> list[dict[str, Any]]:
    return [
        {},
        {"count": "true"},
        {"limit": 0},
        {"limit": 250, "count": "false"},
        {"limit": 5, "offset": 3},
        {"offset": 10**6},
    ]


def _bad_paging() -> list[dict[str, Any]]:
    return [{"limit": value} for value in ("251", "-1", "1.0", "1e3", " 1", "ten")] + [
        {"offset": "-1"},
        {"offset": str(2**31)},
        {"count": "yes"},
        {"count": "True"},
    ]


def _flexprice_steps(clients: Clients) -> list[Step]:
    items = clients.flexprice.get("/tasks", params={"limit": 1000}).json()["items"]
    export = next(task for task in items if task["task_type"] == "EXPORT" and task["task_status"] == "COMPLETED")
    pending = next(task for task in items if task["task_status"] == "PENDING")
    one, status, download = "/tasks/{id}", "/tasks/{id}/status", "/tasks/{id}/download"
    update = _json({"task_status": "PROCESSING"})
    steps = [
        Step("GET", "/tasks", "/tasks", 200),
        Step("GET", "/tasks", "/tasks", 200, {"limit": 1000, "offset": 10, "sort": "updated_at", "order": "asc"}),
        Step("GET", "/tasks", "/tasks", 200, {"task_type": "EXPORT", "entity_type": "EVENTS", "task_status": "FAILED"}),
        *(
            Step("GET", "/tasks", "/tasks", 400, params)
            for params in ({"limit": 0}, {"limit": 1001}, {"offset": -1}, {"task_type": "import"}, {"order": "up"})
        ),
        Step("POST", "/tasks", "/tasks", 202, headers=JSON, content=_json(NEW_TASK)),
        Step("POST", "/tasks", "/tasks", 202, headers=JSON, content=_json({**NEW_TASK, "metadata": {"ö": [1, None]}})),
        *(
            Step("POST", "/tasks", "/tasks", 400, headers=JSON, content=body)
            for body in (
                _json({key: value for key, value in NEW_TASK.items() if key != "file_url"}),
                _json({**NEW_TASK, "file_url": "not a uri"}),
                _json({**NEW_TASK, "task_type": "SYNC"}),
                _json({**NEW_TASK, "metadata": []}),
                _json([NEW_TASK]),
                b'{"entity_type": ',
                b'{"entity_type": NaN}',
                b"",
            )
        ),
        Step("POST", "/tasks", "/tasks", 400, headers={"Content-Type": "text/plain"}, content=_json(NEW_TASK)),
        Step("GET", "/tasks/result", "/tasks/result", 200, {"workflow_id": export["workflow_id"]}),
        Step("GET", "/tasks/result", "/tasks/result", 200, {"workflow_id": pending["workflow_id"]}),
        Step("GET", "/tasks/result", "/tasks/result", 404, {"workflow_id": "no-such-workflow"}),
        Step("GET", "/tasks/result", "/tasks/result", 400),
        Step("GET", "/tasks/result", "/tasks/result", 400, {"workflow_id": ""}),
        Step("GET", one, f"/tasks/{export['id']}", 200),
        Step("GET", one, "/tasks/no-such-task", 404),
        Step("GET", download, f"/tasks/{export['id']}/download", 200),
        Step("GET", download, f"/tasks/{pending['id']}/download", 404),
        Step("GET", download, "/tasks/no-such-task/download", 404),
        Step("PUT", status, f"/tasks/{pending['id']}/status", 200, headers=JSON, content=update),
        Step("PUT", status, "/tasks/no-such-task/status", 404, headers=JSON, content=update),
        Step("PUT", status, f"/tasks/{pending['id']}/status", 400, headers=JSON, content=b'{"task_status": "DONE"}'),
        Step("PUT", status, f"/tasks/{pending['id']}/status", 400, headers=JSON, content=b"{}"),
    ]
    for method, template, path in (
        ("GET", "/tasks", "/tasks"),
        ("POST", "/tasks", "/tasks"),
        ("GET", "/tasks/result", "/tasks/result"),
        ("GET", one, f"/tasks/{export['id']}"),
        ("GET", download, f"/tasks/{export['id']}/download"),
        ("PUT", status, f"/tasks/{pending['id']}/status"),
    ):
        steps.append(Step(method, template, path, 401, {"workflow_id": "x"}, JSON, update, anonymous=True))
    return steps


def _maxsight_steps(clients: Clients) -> list[Step]:
    template = "/tasks/{task_id}"
    known = clients.servers.known_task_ids(MAXSIGHT)
    return [
        *(Step("GET", template, f"/tasks/{task_id}", 200) for task_id in known[:5]),
        Step("GET", template, f"/tasks/{known[1].upper()}", 200),
        Step("GET", template, f"/tasks/{UNKNOWN_UUID}", 404),
        Step("GET", template, "/tasks/not-a-uuid", 404),
        Step("GET", template, "/tasks/%C3%BC", 404),
        Step("GET", template, f"/tasks/{known[0]}", 401, anonymous=True),
        Step("GET", template, f"/tasks/{known[0]}", 401, headers={"apikey": "wrong-key"}, anonymous=True),
    ]


STEPS = {SAILPOINT: _sailpoint_steps, FLEXPRICE: _flexprice_steps, MAXSIGHT: _maxsight_steps}


@pytest.mark.parametrize("api_name", list(STEPS))
def test_every_crawled_response_is_documented_and_valid(
    api_name: str, clients: Clients, spec_checks: dict[str, SpecCheck]
) -> None:
    authed = {SAILPOINT: clients.sailpoint, FLEXPRICE: clients.flexprice, MAXSIGHT: clients.maxsight}[api_name]
    steps = STEPS[api_name](clients)
    violations, wrong_status = [], []
    base_url = clients.servers.base_url(api_name)
    for step in steps:
        request = {"params": step.params, "headers": step.headers, "content": step.content}
        if step.anonymous:
            response = send(step.method, base_url + step.path, **request)
        else:
            response = authed.request(step.method, step.path, **request)
        if response.status_code != step.expect:
            wrong_status.append(f"{step.method} {step.path} {step.params}: {response.status_code} != {step.expect}")
        violations += spec_checks[api_name].violations(step.method, step.template, response)
    assert wrong_status == []
    assert violations == []
    operations = {
        (op.upper(), path)
        for path, item in spec_checks[api_name].spec["paths"].items()
        for op in item
        if op != "parameters"
    }
    assert {(step.method, step.template) for step in steps} == operations
