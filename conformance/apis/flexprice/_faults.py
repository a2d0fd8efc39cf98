"""Flexprice's faults: the catalog's Flexprice entries and what each does (handler faults act in _server.py)."""

from __future__ import annotations

import dataclasses

from conformance.apis.flexprice._data import NAME
from conformance.servers._auth import any_secret
from conformance.servers._faults import Fault
from conformance.servers._http import Reply
from conformance.servers._tampering import Exchange, each_task, non_ascii_path, setting, unknown_id_answered, without

_ERRORS = '002, Errors tables: "apierrors.ErrorsErrorResponse | 400, 404 | application/json"'
_LIST = '002, ListTasks: "Returns list with optional filtering." (decision 15)'


def _errors_as_text(exchange: Exchange, reply: Reply) -> Reply:
    if reply.status not in (400, 404):
        return reply
    return dataclasses.replace(reply, body=reply.body["error"]["message"].encode(), media_type="text/plain")


def _total_as_string(exchange: Exchange, reply: Reply) -> Reply:
    if exchange.operation != "listTasks" or reply.status != 200:
        return reply
    pagination = {**reply.body["pagination"], "total": str(reply.body["pagination"]["total"])}
    return dataclasses.replace(reply, body={**reply.body, "pagination": pagination})


FAULTS = (
    # response-schema
    Fault(
        "flexprice-missing-id",
        NAME,
        "response-schema",
        '002, CreateTask: "Returns task ID to poll for status and result." (decision 11: id required)',
        "Task bodies (create, get, list items) lack `id`.",
        rewrite=each_task(without("id")),
    ),
    Fault(
        "flexprice-status-lowercase",
        NAME,
        "response-schema",
        '002: "TaskStatus: components.TypesTaskStatusProcessing" (decision 13: PENDING, PROCESSING, COMPLETED, FAILED)',
        "task_status is spelled in lower case (`pending`), outside its enum.",
        rewrite=each_task(setting("task_status", lambda v: v and v.lower())),
    ),
    Fault(
        "flexprice-pagination-total-as-string",
        NAME,
        "response-schema",
        '002, ListTasks: "res.DtoListTasksResponse" (decision 15: pagination {total, limit, offset} integers)',
        'pagination.total is sent as a string ("320").',
        rewrite=_total_as_string,
    ),
    # status-and-headers
    Fault(
        "flexprice-unknown-id-200",
        NAME,
        "status-and-headers",
        _ERRORS,
        "GET /tasks/{id} with an unknown id answers 200 (with the error body) instead of 404.",
        rewrite=unknown_id_answered(200),
    ),
    Fault(
        "flexprice-errors-text-plain",
        NAME,
        "status-and-headers",
        _ERRORS,
        "400 and 404 errors are sent as text/plain, not as a JSON error body.",
        rewrite=_errors_as_text,
    ),
    # semantics
    Fault(
        "flexprice-filter-ignored",
        NAME,
        "semantics",
        _LIST,
        "The task_type, entity_type and task_status filters are ignored.",
    ),
    Fault(
        "flexprice-order-ignored",
        NAME,
        "semantics",
        _LIST + ", order asc|desc",
        "order is ignored: lists are always newest first.",
    ),
    Fault(
        "flexprice-status-update-not-persisted",
        NAME,
        "semantics",
        '002, UpdateTaskStatus: "Use when updating task status (e.g. marking complete or failed from a worker)."',
        "PUT /tasks/{id}/status answers 200 but the task keeps its old status.",
    ),
    Fault(
        "flexprice-created-task-not-listed",
        NAME,
        "semantics",
        '002: CreateTask "Returns task ID to poll for status and result."; ListTasks "Use when listing or searching '
        'async tasks"',
        "Tasks created through POST /tasks never appear in GET /tasks.",
    ),
    Fault(
        "flexprice-download-any-task",
        NAME,
        "semantics",
        '002, DownloadTaskExport: "Use when letting a user download an exported file (e.g. report or data '
        'export). Returns a presigned URL"',
        "Download answers 200 with a URL for any task, even one with no export file.",
    ),
    # security
    Fault(
        "flexprice-any-api-key-accepted",
        NAME,
        "security",
        '002: "flexprice.WithSecurity(\\"<YOUR_API_KEY_HERE>\\")" (decision 14: x-api-key)',
        "Any non-empty x-api-key is accepted; a missing key still gets 401.",
        waves_through=any_secret,
    ),
    # input-validation
    Fault(
        "flexprice-create-enum-unchecked",
        NAME,
        "input-validation",
        '002, CreateTask: "TaskType: components.TypesTaskTypeImport" (decision 13: IMPORT or EXPORT)',
        "POST /tasks accepts any task_type string (e.g. BOGUS) and stores it.",
        contract_edits=(
            {
                "op": "replace",
                "path": "/components/schemas/DtoCreateTaskRequest/properties/task_type",
                "value": {"type": "string", "minLength": 1},
            },
        ),
    ),
    # robustness
    Fault(
        "flexprice-non-ascii-id-500",
        NAME,
        "robustness",
        '002: "id | string | :heavy_check_mark: | Task ID"',
        "A task id holding any non-ASCII character crashes the server: 500, text/plain.",
        crash=non_ascii_path("id"),
    ),
)
