"""`--spec` with a vendor's own published description, as it stands: a whole multi-API document or a per-API file
with `$ref`s across files and none of our extensions. Descriptions written for these tests, shaped as vendors publish
them (never a copy of a vendor's file)."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance.audit import load_document
from conformance.cli import main
from conformance.report import load_results
from tests.audit.vendor import vendor_document

TASK_STATUS = {
    "type": "object",
    "required": ["id", "type", "created"],
    "properties": {
        "id": {"type": "string"},
        "type": {"type": "string"},
        "uniqueName": {"type": "string"},
        "description": {"type": "string", "nullable": True},
        "launcher": {"type": "string"},
        "created": {"type": "string", "format": "date-time"},
        "completed": {"type": "string", "format": "date-time", "nullable": True},
        "completionStatus": {"type": "string", "nullable": True},
        "messages": {"type": "array", "items": {"type": "object"}},
        "progress": {"type": "string", "nullable": True},
        "percentComplete": {"type": "integer"},
    },
}
PAGE = [
    {"in": "query", "name": "limit", "schema": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 250}},
    {"in": "query", "name": "offset", "schema": {"type": "integer", "format": "int32", "minimum": 0}},
    {"in": "query", "name": "count", "schema": {"type": "boolean", "default": False}},
]
ERRORS = {code: {"description": "An error."} for code in ("400", "401", "403", "404", "429", "500")}


def _ok(schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": "OK", "content": {"application/json": {"schema": schema}}}


def _task_status_paths() -> dict[str, Any]:
    """The task-status operations as a vendor's current description has them (no experimental header, its own
    parameter name for the task id, a 204 for an empty pending list)."""
    listed = {"type": "array", "items": TASK_STATUS}
    by_id = [{"name": "taskId", "in": "path", "required": True, "schema": {"type": "string"}}]
    patch = {"type": "array", "items": {"type": "object", "required": ["op", "path"]}}
    return {
        "/task-status": {
            "get": {
                "operationId": "listTaskStatus",
                "parameters": [*PAGE, {"in": "query", "name": "filters", "schema": {"type": "string"}},
                               {"in": "query", "name": "sorters", "schema": {"type": "string"}}],
                "responses": {"200": _ok(listed), **ERRORS},
            }
        },
        "/task-status/pending-tasks": {
            "get": {"operationId": "pending", "parameters": PAGE,
                    "responses": {"200": _ok(listed), "204": {"description": "None."}, **ERRORS}},
            "head": {"operationId": "pendingHeaders", "parameters": PAGE,
                     "responses": {"200": {"description": "Headers."}, "204": {"description": "None."}, **ERRORS}},
        },
        "/task-status/{taskId}": {
            "parameters": by_id,
            "get": {"operationId": "status", "responses": {"200": _ok(TASK_STATUS), **ERRORS}},
            "patch": {
                "operationId": "updateStatus",
                "requestBody": {"required": True, "content": {"application/json-patch+json": {"schema": patch}}},
                "responses": {"200": _ok(TASK_STATUS), **ERRORS},
            },
        },
    }  # fmt: skip


def _whole_api(tmp_path: Path) -> Path:
    """A dereferenced OpenAPI 3.0.1 document of hundreds of unrelated operations, `servers` with variables."""
    document = vendor_document(version=2, operations=110)
    assert len([m for item in document["paths"].values() for m in item]) >= 200
    document["paths"] |= _task_status_paths()
    path = tmp_path / "deref-vendor-api.v2025.json"
    path.write_text(json.dumps(document, indent=2))
    return path


def _per_api_files(tmp_path: Path) -> Path:
    """A per-API description whose schemas live in a second file, with none of our extensions."""
    folder = tmp_path / "vendor"
    folder.mkdir()
    task = {
        "type": "object",
        "required": ["id", "task_type", "task_status"],
        "properties": {
            "id": {"type": "string"},
            "task_type": {"type": "string"},
            "entity_type": {"type": "string"},
            "task_status": {"type": "string"},
            "file_url": {"type": "string"},
            "created_at": {"type": "string"},
        },
    }
    (folder / "schemas.yaml").write_text(yaml.safe_dump({"Task": task, "Error": {"type": "object"}}))
    ref = {"$ref": "schemas.yaml#/Task"}
    error = {"description": "Error", "content": {"application/json": {"schema": {"$ref": "schemas.yaml#/Error"}}}}
    by_id = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
    document = {
        "openapi": "3.0.1",
        "info": {"title": "Vendor tasks", "version": "1.0"},
        "servers": [{"url": "https://{region}.api.vendor.example/v1", "variables": {"region": {"default": "us"}}}],
        "paths": {
            "/tasks": {"get": {"operationId": "list", "responses": {"200": {"description": "A page.", "content": {
                "application/json": {"schema": {"type": "object", "properties": {
                    "items": {"type": "array", "items": ref}, "pagination": {"type": "object"}}}}}}, "400": error}}},
            "/tasks/{id}": {"get": {"operationId": "get", "parameters": by_id,
                                    "responses": {"200": _ok(ref), "400": error, "404": error}}},
        },
    }  # fmt: skip
    path = folder / "tasks.yaml"
    path.write_text(yaml.safe_dump(document))
    return path


def _run(api: str, spec: Path | str, report_dir: Path) -> int:
    return main(["run", "--api", api, "--spec", str(spec), "--max-examples", "3", "--report-dir", str(report_dir)])


def test_a_whole_vendor_document_is_read_as_it_stands_and_its_task_operations_tested(tmp_path: Path) -> None:
    code = _run("sailpoint-v2025", _whole_api(tmp_path), tmp_path / "report")
    assert code in (0, 1)
    (api,) = load_results(tmp_path / "report").apis
    assert api.error is None and api.results
    contract = json.loads((tmp_path / "report" / "contract-sailpoint-v2025.json").read_text())
    assert len(contract["x-vendor"]["matched"]) == 5 and contract["x-vendor"]["missing"] == []
    # The vendor's own parameter name is ours in the contract tested; our semantics (filters' fields) are kept.
    by_id = contract["paths"]["/task-status/{id}"]["get"]
    assert by_id["x-vendor"]["pointer"] == "/paths/~1task-status~1{taskId}/get"
    listed = contract["paths"]["/task-status"]["get"]["parameters"]
    assert any(p["name"] == "filters" and "x-filter-fields" in p for p in listed)
    _every_finding_names_its_contract(api, "deref-vendor-api.v2025.json")
    # The report carries the spec audit of the hand-written contract against the vendor's, as typed data and HTML.
    changes = api.contract_changes
    assert changes is not None and changes.old == "specs/sailpoint-v2025-task-management.yaml" and changes.changes
    # The vendor documents a 204 for an empty pending list, which the hand-written contract does not.
    added = [c.pointer for c in changes.changes if c.rule_id == "response-status-added"]
    assert any(p.endswith("pending-tasks/get/responses/204") for p in added)
    page = (tmp_path / "report" / "index.html").read_text()
    assert "What the vendor's description changes of the documents' contract" in page


def _every_finding_names_its_contract(api: Any, vendor_file: str) -> None:
    """Each finding rests on a sentence of the documents, a decision of ours, or the vendor's description (its file
    and the JSON pointer of the element)."""
    findings = [f for r in api.results for f in r.failures]
    for finding in findings:
        assert finding.rests_on, finding
        for statement in finding.rests_on:
            vendor = statement.source.endswith(vendor_file)
            assert vendor or statement.decision is not None or statement.source.endswith(".txt") or (
                statement.source == "RFC 9110"
            ), statement
            assert not vendor or statement.section.startswith("/paths/"), statement


def test_a_per_api_file_with_refs_to_another_file_is_read_and_what_it_lacks_is_not_tested(tmp_path: Path) -> None:
    code = _run("flexprice", _per_api_files(tmp_path), tmp_path / "report")
    assert code in (0, 1)
    (api,) = load_results(tmp_path / "report").apis
    skipped = {r.operation: r.reason for r in api.results if r.status == "skipped" and "not tested" in r.reason}
    assert "PUT /tasks/{id}/status" in skipped and "has no PUT /tasks/{id}/status" in skipped["PUT /tasks/{id}/status"]
    tested = {r.operation for r in api.results if r.status != "skipped"}
    assert {"GET /tasks", "GET /tasks/{id}"} <= tested
    _every_finding_names_its_contract(api, "tasks.yaml")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (json.dumps({"openapi": "3.0.1", "info": {"title": "x", "version": "1"}, "paths": {"/users": {"get": {
            "responses": {"200": {"description": "ok"}}}}}}), "describes none of the API's operations"),
        ("just some text, no description at all\n", "is not an OpenAPI document"),
    ],
)  # fmt: skip
def test_a_description_without_the_apis_operations_or_not_a_description_is_one_line_and_exit_2(
    tmp_path: Path, content: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "other.json"
    spec.write_text(content)
    assert _run("flexprice", spec, tmp_path / "report") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and says in err[0]


def test_a_description_is_read_once_from_a_url_and_an_unreachable_one_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Served as one dereferenced file: a document read from a URL refers to no file beside it.
    document = load_document(str(_per_api_files(tmp_path))).root
    served = tmp_path / "served"
    served.mkdir()
    (served / "tasks.json").write_text(json.dumps(document))
    requests: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(served), **kwargs)

        def log_message(self, *args: Any) -> None:
            requests.append(self.path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        assert _run("flexprice", f"{url}/tasks.json", tmp_path / "report") in (0, 1)
        assert requests.count("/tasks.json") == 1
        contract = json.loads((tmp_path / "report" / "contract-flexprice.json").read_text())
        assert contract["x-vendor"]["file"] == f"{url}/tasks.json"
        capsys.readouterr()
        assert _run("flexprice", f"{url}/gone.json", tmp_path / "gone") == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "cannot read spec" in err[0] and "404" in err[0]
    finally:
        server.shutdown()
        server.server_close()
