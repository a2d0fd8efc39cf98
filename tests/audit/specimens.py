"""Small documents and runs to compare: a minimal API with one operation, and a minimal run of it."""

from __future__ import annotations

import copy
import dataclasses
import json
from typing import Any

from conformance._results import (
    ApiRun,
    CheckResult,
    Failure,
    Observation,
    OperationStats,
    RunReport,
    from_dict,
    to_dict,
)

OPERATION = "PUT /tasks/{id}"


def _task_schema(*, with_id: bool) -> dict[str, Any]:
    """A task as sent (no id) or as returned (with a required id)."""
    return {
        "type": "object",
        "required": ["id", "title"] if with_id else ["title"],
        "properties": ({"id": {"type": "string"}} if with_id else {})
        | {
            "title": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": "^[a-z]+$"},
            "state": {"type": "string", "enum": ["open", "done"], "default": "open"},
            "size": {"type": "integer", "minimum": 0, "maximum": 10, "multipleOf": 2},
            "due": {"type": "string", "format": "date"},
            "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
            "owner": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
        },
    }


def minimal_spec() -> dict[str, Any]:
    """One operation, PUT /tasks/{id}, with a parameter, a header, a body and a response of each kind of thing."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Tasks", "version": "1"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "security": [{"key": []}],
        "paths": {
            "/tasks/{id}": {
                "put": {
                    "operationId": "putTask",
                    "description": "Replace a task.",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                        {"name": "limit", "in": "query", "schema": {"type": "integer"}, "example": 1},
                        {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskIn"}}},
                    },
                    "responses": {
                        "200": {
                            "description": "The task.",
                            "headers": {"X-Rate": {"schema": {"type": "integer"}}},
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskOut"}}},
                        }
                    },
                }
            }
        },
        "components": {
            "securitySchemes": {
                "key": {"type": "apiKey", "in": "header", "name": "x-api-key"},
                "oauth": {
                    "type": "oauth2",
                    "flows": {
                        "clientCredentials": {
                            "tokenUrl": "https://auth.example.com/token",
                            "scopes": {"tasks:read": "read", "tasks:write": "write"},
                        }
                    },
                },
            },
            "schemas": {"TaskIn": _task_schema(with_id=False), "TaskOut": _task_schema(with_id=True)},
        },
    }


def edited(spec: dict[str, Any], *edits: Any) -> dict[str, Any]:
    """A deep copy of `spec` with each edit (a function changing a document in place) applied."""
    copied = copy.deepcopy(spec)
    for edit in edits:
        edit(copied)
    return copied


def operation(spec: dict[str, Any]) -> dict[str, Any]:
    """The one operation."""
    return spec["paths"]["/tasks/{id}"]["put"]


def parameter(spec: dict[str, Any], name: str) -> dict[str, Any]:
    """The operation's parameter called `name`."""
    return next(p for p in operation(spec)["parameters"] if p["name"] == name)


def response(spec: dict[str, Any]) -> dict[str, Any]:
    """The 200 response."""
    return operation(spec)["responses"]["200"]


def get_task(spec: dict[str, Any]) -> None:
    """Add GET /tasks/{id}, returning the same TaskOut component as PUT."""
    spec["paths"]["/tasks/{id}"]["get"] = {
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {
            "200": {
                "description": "The task.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TaskOut"}}},
            }
        },
    }


RESULTS = (
    CheckResult("GET /tasks/{id}", "response_schema_conformance", "passed"),
    CheckResult("GET /tasks/{id}", "status_code_conformance", "passed"),
    CheckResult("GET /tasks", "response_schema_conformance", "passed"),
)
# Enough timings to judge latency (DEFAULT_MIN_SAMPLES): median 12 and p95 20 ms, median 30.5 and p95 33 ms.
LATENCIES_MS = (10.0,) * 5 + (11.0,) * 5 + (12.0,) * 5 + (13.0,) * 6 + (20.0,) * 3
OPERATIONS = (
    OperationStats("GET /tasks/{id}", 24, LATENCIES_MS, {"200": 23, "404": 1}),
    OperationStats("GET /tasks", 20, (30.0,) * 10 + (31.0,) * 6 + (33.0,) * 4, {"200": 20}),
)
OBSERVATIONS = (
    Observation("GET /tasks/{id}", "undocumented_field", "/legacy_id"),
    Observation("GET /tasks/{id}", "open_value", "/status", ("ACTIVE",)),
)


def minimal_run(**api_changes: Any) -> RunReport:
    """A run of one API: RESULTS (all passing), OPERATIONS and OBSERVATIONS unless `api_changes` replace them."""
    api = ApiRun(
        api="flexprice",
        title="Flexprice - Tasks",
        base_url="http://127.0.0.1:8000/v1",
        spec_file="flexprice-tasks.yaml",
        spec_sha256="0" * 64,
        results=RESULTS,
        operations=OPERATIONS,
        observations=OBSERVATIONS,
    )
    return RunReport(
        tool_version="0.1.0",
        started_at="2025-01-01T00:00:00Z",
        duration_s=2.0,
        seed=1,
        max_examples=10,
        workers=1,
        allow_writes=False,
        apis=(dataclasses.replace(api, **api_changes),),
    )


def replaced(items: tuple[Any, ...], index: int, **changes: Any) -> tuple[Any, ...]:
    """`items` with the one at `index` changed."""
    return tuple(dataclasses.replace(item, **changes) if i == index else item for i, item in enumerate(items))


def failure(operation: str, check: str) -> Failure:
    """A failure of `check` on `operation`."""
    return Failure(
        operation=operation,
        check=check,
        title="Response violates schema",
        message="'id' is a required property",
        severity="high",
        expected="an object with id",
        actual="{}",
        curl=f"curl -X {operation.split()[0]} http://127.0.0.1:8000/v1/tasks/1",
    )


def round_trip(report: RunReport) -> RunReport:
    """The report as a later reader gets it: through results.json."""
    return from_dict(json.loads(json.dumps(to_dict(report))))
