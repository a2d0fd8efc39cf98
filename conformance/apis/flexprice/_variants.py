"""Flexprice's variants: faithful servers that settled the page's open questions differently, or aged by others."""

from __future__ import annotations

import copy
import dataclasses
from datetime import timedelta

from conformance.apis.flexprice._data import NAME, flexprice_workflow_id
from conformance.apis.flexprice._statements import (
    FP_ANY_ERROR,
    FP_ERRORS,
    FP_EXPORT,
    FP_GET,
    FP_LIST,
    FP_LISTING,
    FP_RESULT,
    FP_RESULT_SDK,
    FP_UPDATE,
    FP_WORKER,
)
from conformance.core._statements import decision
from conformance.servers._clock import REFERENCE_TIME, format_time, parse_time
from conformance.servers._data import Task
from conformance.servers._http import ApiError, Reply
from conformance.servers._service import Call
from conformance.servers._store import Store
from conformance.servers._tampering import each_task
from conformance.servers._variants import (
    Handler,
    Variant,
    aged,
    clamped,
    defaulted,
    digest,
    errors_only,
    for_operations,
    later,
    message_as_text,
    query_rewrite,
    reply_for,
    with_status,
)

_LIST_LIMIT = "/paths/~1tasks/get/parameters/0"
_STATUS_RANK = {"PENDING": 0, "PROCESSING": 1, "COMPLETED": 2, "FAILED": 2}
_NOT_STARTED = dict.fromkeys(
    (
        "started_at",
        "completed_at",
        "failed_at",
        "total_records",
        "processed_records",
        "successful_records",
        "failed_records",
        "error_summary",
    )
)


def _find(call: Call, task_id: str) -> Task | None:
    with call.store.lock:
        return call.store.tasks[NAME].get(task_id)


def _updated_task_answered(handler: Handler) -> Handler:
    def handle(call: Call) -> Reply:
        reply = handler(call)
        task = _find(call, call.params["id"])
        return Reply(200, task) if reply.status == 200 and task is not None else reply

    return handle


def _not_export_400(handler: Handler) -> Handler:
    """Download of a task that exists but has no export file: 400 (a bad request); 404 stays for unknown ids."""

    def handle(call: Call) -> Reply:
        try:
            return handler(call)
        except ApiError as exc:
            if exc.status == 404 and _find(call, call.params["id"]) is not None:
                raise ApiError(400, "this task has no export file") from None
            raise

    return handle


def _download_by_file(handler: Handler) -> Handler:
    """An export task holding its file serves it, whatever its status says now."""

    def handle(call: Call) -> Reply:
        task = _find(call, call.params["id"])
        if task is None or task["task_type"] != "EXPORT" or not task["file_url"] or task["task_status"] == "COMPLETED":
            return handler(call)
        bucket, _, key = task["file_url"].removeprefix("s3://").partition("/")
        return Reply(200, {"url": f"https://{bucket}.s3.amazonaws.com/{key}?expires=3600"})

    return handle


def _forward_only(handler: Handler) -> Handler:
    """A status moves forward only (PENDING, PROCESSING, then COMPLETED or FAILED); setting it again is a no-op."""

    def handle(call: Call) -> Reply:
        task = _find(call, call.params["id"])
        new = call.body["task_status"]
        if task is not None and new != task["task_status"] and _STATUS_RANK[new] <= _STATUS_RANK[task["task_status"]]:
            raise ApiError(400, f"a task cannot move from {task['task_status']} to {new}")
        return handler(call)

    return handle


def _result_by_task_id(handler: Handler) -> Handler:
    """GetTaskResult also finds the workflow by its task's id (the SDK example passes "<id>")."""

    def handle(call: Call) -> Reply:
        task = _find(call, call.params["workflow_id"])
        if task is None:
            return handler(call)
        return handler(dataclasses.replace(call, params={**call.params, "workflow_id": task["workflow_id"]}))

    return handle


def _result_when_complete(handler: Handler) -> Handler:
    def handle(call: Call) -> Reply:
        reply = handler(call)
        if reply.status == 200 and reply.body["status"] == "RUNNING":
            raise ApiError(400, "the task is not complete yet: call after its status is complete")
        return reply

    return handle


def _reopened_export(index: int, task: Task) -> Task | None:
    """Every 3rd completed export was put back to PROCESSING by a worker; it keeps its file and completion date."""
    if task["task_type"] != "EXPORT" or task["task_status"] != "COMPLETED" or index % 3:
        return None
    return {**task, "task_status": "PROCESSING", "updated_at": later(task["updated_at"], 60)}


def _created_by_others(store: Store) -> None:
    """24 tasks that other users created in another environment within the last two hours (every other pending)."""
    with store.lock:
        templates = list(store.tasks[NAME].values())[-24:]
        others = {}
        for index, template in enumerate(templates):
            task_id = "task_" + digest(store.seed, "others", index)[:26].upper()
            created = format_time(REFERENCE_TIME - timedelta(minutes=120 - 4 * index))
            user = "user_" + digest(store.seed, "user", index % 3)[:26].upper()
            task = {
                **template,
                "id": task_id,
                "workflow_id": flexprice_workflow_id(task_id),
                "environment_id": "env_" + digest(store.seed, "environment")[:26].upper(),
                "created_at": created,
                "updated_at": created,
                "created_by": user,
                "updated_by": user,
                "metadata": {"source": "partner-integration", "batch": str(index)},
                "file_url": template["file_url"] and template["file_url"].replace(template["id"], task_id),
            }
            if index % 2:
                exported = task["task_type"] == "EXPORT"
                task |= {**_NOT_STARTED, "task_status": "PENDING", "file_url": None if exported else task["file_url"]}
            others[task_id] = task
        store.tasks[NAME] = {**store.tasks[NAME], **others}


def _undocumented_errors_as_text(reply: Reply) -> Reply:
    """Errors the table gives no body (a 4XX or 5XX other than 400, 404, 500) come as plain text."""
    return reply if reply.status in (400, 404, 500) else message_as_text(reply)


def _result_without_extras(reply: Reply) -> Reply:
    if reply.status != 200 or not isinstance(reply.body, dict):
        return reply
    return dataclasses.replace(reply, body={k: v for k, v in reply.body.items() if k not in ("run_id", "message")})


def _documented_error_only(reply: Reply) -> Reply:
    if not isinstance(reply.body, dict):
        return reply
    return dataclasses.replace(reply, body={"success": False, "error": reply.body["error"]})


_LIST_PARAMETERS = "/paths/~1tasks/get/parameters"
_CURRENT_ERROR_KEYS = ("code", "http_status_code", "message")
_EXACT = ("created_by", "scheduled_task_id", "status")
_MORE_FILTERS = (*_EXACT, "start_time", "end_time")


def _query_parameter(name: str, description: str, *values: str) -> dict[str, object]:
    schema: dict[str, object] = {"type": "string", **({"enum": list(values)} if values else {})}
    return {
        "op": "add",
        "path": f"{_LIST_PARAMETERS}/-",
        "value": {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": schema,
        },
    }


def _current_error_shape(reply: Reply) -> Reply:
    """The error body as Flexprice's current description declares it: code, http_status_code and message only."""
    if not isinstance(reply.body, dict):
        return reply
    return dataclasses.replace(reply, body={k: v for k, v in reply.body.items() if k in _CURRENT_ERROR_KEYS})


def _without_nulls(task: Task) -> Task:
    return {key: value for key, value in task.items() if value is not None}


def _more_filters(handler: Handler) -> Handler:
    """created_by, scheduled_task_id and status match exactly; start_time and end_time bound created_at (inclusive)."""

    def handle(call: Call) -> Reply:
        wanted = {name: call.params[name] for name in _MORE_FILTERS if name in call.params}
        if not wanted:
            return handler(call)
        start, end = parse_time(wanted.get("start_time", "")), parse_time(wanted.get("end_time", ""))

        def kept(task: Task) -> bool:
            created = parse_time(task["created_at"])
            return (
                all(task.get(name) == wanted[name] for name in _EXACT if name in wanted)
                and (start is None or (created is not None and created >= start))
                and (end is None or (created is not None and created <= end))
            )

        with call.store.lock:
            tasks = dict(call.store.tasks[NAME])
        view = copy.copy(call.store)
        view.tasks = {**call.store.tasks, NAME: {task_id: task for task_id, task in tasks.items() if kept(task)}}
        params = {key: value for key, value in call.params.items() if key not in _MORE_FILTERS}
        return handler(dataclasses.replace(call, store=view, params=params))

    return handle


VARIANTS = (
    Variant(
        "flexprice-create-201",
        NAME,
        (decision(11), decision(29)),
        "POST /tasks answers 201 Created with the task.",
        group="flexprice-create-status",
        reply=reply_for(for_operations("createTask"), with_status(202, 201)),
    ),
    Variant(
        "flexprice-create-200",
        NAME,
        (decision(11), decision(29)),
        "POST /tasks answers 200 OK with the task.",
        group="flexprice-create-status",
        reply=reply_for(for_operations("createTask"), with_status(202, 200)),
    ),
    Variant(
        "flexprice-update-returns-task",
        NAME,
        (decision(24),),
        "PUT /tasks/{id}/status answers 200 with the updated task instead of a message.",
        handlers={"updateTaskStatus": _updated_task_answered},
    ),
    Variant(
        "flexprice-limit-clamped-100",
        NAME,
        (decision(37), FP_LIST),
        "limit above 100 is accepted and served as 100 (pagination.limit says 100).",
        group="flexprice-limit-above-100",
        query=query_rewrite(for_operations("listTasks"), clamped("limit", 100)),
    ),
    Variant(
        "flexprice-limit-max-100",
        NAME,
        (decision(37), FP_LIST),
        "limit above 100 (e.g. 250 or 1000) is rejected with 400: a page holds at most 100 tasks.",
        group="flexprice-limit-above-100",
        contract_edits=(
            {"op": "test", "path": f"{_LIST_LIMIT}/name", "value": "limit"},
            {"op": "replace", "path": f"{_LIST_LIMIT}/schema/maximum", "value": 100},
        ),
    ),
    Variant(
        "flexprice-oldest-first",
        NAME,
        (decision(15),),
        "Without order, the list is ascending (oldest first).",
        query=query_rewrite(for_operations("listTasks"), defaulted("order", "asc")),
    ),
    Variant(
        "flexprice-download-not-export-400",
        NAME,
        (FP_ERRORS, decision(40)),
        "Download of an existing task without an export file gets 400 (the table's other code), not 404.",
        handlers={"downloadTaskExport": _not_export_400},
    ),
    Variant(
        "flexprice-download-by-file",
        NAME,
        (FP_EXPORT, decision(36)),
        "Any export task that holds its file serves it, whatever its status says now.",
        handlers={"downloadTaskExport": _download_by_file},
    ),
    Variant(
        "flexprice-reopened-exports",
        NAME,
        (FP_UPDATE, decision(35), decision(36)),
        "Aged: a worker put every 3rd completed export back to PROCESSING; it keeps its file and completion date.",
        age=aged(NAME, _reopened_export),
    ),
    Variant(
        "flexprice-tasks-by-others",
        NAME,
        (FP_LISTING,),
        "Aged: 24 more tasks, created by other users in another environment within the last two hours.",
        age=_created_by_others,
    ),
    Variant(
        "flexprice-forward-transitions-only",
        NAME,
        (FP_WORKER, decision(13), decision(35)),
        "task_status moves forward only (PENDING, PROCESSING, then COMPLETED or FAILED); any other move gets 400.",
        handlers={"updateTaskStatus": _forward_only},
    ),
    Variant(
        "flexprice-result-by-task-id",
        NAME,
        (decision(16), FP_RESULT_SDK),
        "GET /tasks/result also takes the task's id as workflow_id.",
        handlers={"getTaskResult": _result_by_task_id},
    ),
    Variant(
        "flexprice-result-when-complete",
        NAME,
        (FP_RESULT,),
        "GET /tasks/result of a task still pending or processing gets 400.",
        handlers={"getTaskResult": _result_when_complete},
    ),
    Variant(
        "flexprice-other-errors-text",
        NAME,
        (decision(12), FP_ANY_ERROR),
        "Errors other than 400, 404 and 500 (401, 405, 429 ...) carry their message as text/plain.",
        reply=errors_only(_undocumented_errors_as_text),
    ),
    Variant(
        "flexprice-result-without-run-id",
        NAME,
        (decision(30), FP_RESULT),
        "GET /tasks/result answers the workflow's outcome without run_id and message.",
        reply=reply_for(for_operations("getTaskResult"), _result_without_extras),
    ),
    Variant(
        "flexprice-errors-documented-shape",
        NAME,
        (decision(31), FP_ERRORS),
        'Error bodies are only the documented {"success": false, "error": {"message": ...}}.',
        group="flexprice-error-shape",
        reply=errors_only(_documented_error_only),
    ),
    Variant(
        "flexprice-errors-current-shape",
        NAME,
        (decision(12), decision(31), FP_ERRORS),
        "Error bodies are {code, http_status_code, message} only, as Flexprice's current description declares "
        "errors.ErrorResponse (no success or error keys).",
        group="flexprice-error-shape",
        reply=errors_only(_current_error_shape),
    ),
    Variant(
        "flexprice-null-fields-omitted",
        NAME,
        (decision(18), FP_GET),
        "A task field without a value is left out instead of sent as null, as Flexprice's current description "
        "declares no TaskResponse field nullable (a Go server omitting empty fields).",
        reply=each_task(_without_nulls),
    ),
    Variant(
        "flexprice-list-more-filters",
        NAME,
        (FP_LIST, FP_LISTING),
        "GET /tasks also filters by created_by, scheduled_task_id, status, start_time and end_time (created_at "
        "bounds), as "
        "Flexprice's current description lists those query parameters.",
        contract_edits=(
            {"op": "test", "path": f"{_LIST_PARAMETERS}/0/name", "value": "limit"},
            _query_parameter("created_by", "Only tasks created by this user."),
            _query_parameter("scheduled_task_id", "Only tasks started by this scheduled task."),
            _query_parameter("status", "Only tasks in this state.", "published", "deleted", "archived"),
            _query_parameter("start_time", "Only tasks created at or after this instant (RFC 3339)."),
            _query_parameter("end_time", "Only tasks created at or before this instant (RFC 3339)."),
        ),
        handlers={"listTasks": _more_filters},
    ),
)
