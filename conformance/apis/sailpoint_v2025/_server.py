"""SailPoint v2025 Task Management: pending and completed task lists, get by id, and JSON Patch updates."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import jsonpatch
import jsonpointer

from conformance.apis.sailpoint_v2025._data import NAME
from conformance.apis.sailpoint_v2025._filters import created_key, parse_filters
from conformance.servers._clock import parse_time
from conformance.servers._data import Task
from conformance.servers._http import ApiError, Reply
from conformance.servers._service import Call

RETENTION = timedelta(days=90)
"""000: "Data for tasks older than 90 days will not be returned." (measured on the servers' logical clock)"""
MAX_LIMIT = 250
TASK_STATUS_SCHEMA = "/components/schemas/TaskStatus"


def _retained(task: Task, call: Call) -> bool:
    """True unless the task was created more than RETENTION before the servers' current time."""
    created = parse_time(task["created"])
    return created is not None and created >= call.store.clock.now() - RETENTION


def _recent(call: Call) -> list[Task]:
    """Every retained task, in store (creation) order."""
    with call.store.lock:
        tasks = list(call.store.tasks[NAME].values())
    return [task for task in tasks if _retained(task, call)]


def _page(call: Call, tasks: list[Task]) -> Reply:
    offset, limit = call.params["offset"], call.params["limit"]
    if call.fault("sailpoint-limit-ignored"):
        limit = MAX_LIMIT
    if call.fault("sailpoint-offset-ignored"):
        offset = 0
    if call.fault("sailpoint-overlapping-pages") and offset > 0:
        offset -= 1
    headers = {"X-Total-Count": str(len(tasks))} if call.params["count"] else {}
    return Reply(200, tasks[offset : offset + limit], headers)


def pending_tasks(call: Call) -> Reply:
    """GET /task-status/pending-tasks: tasks not yet completed (`completed` is null)."""
    include_completed = call.fault("sailpoint-pending-includes-completed")
    return _page(call, [task for task in _recent(call) if include_completed or task["completed"] is None])


def pending_task_headers(call: Call) -> Reply:
    """HEAD /task-status/pending-tasks: the GET's headers; no Content-Type, as the documented answer has no content."""
    return dataclasses.replace(pending_tasks(call), media_type=None)


def task_status_list(call: Call) -> Reply:
    """GET /task-status: completed tasks, filtered and sorted as asked."""
    try:
        terms = parse_filters(call.params["filters"]) if "filters" in call.params else ()
    except ValueError as exc:
        raise ApiError(400, f"invalid filters: {exc}") from None
    if call.fault("sailpoint-filter-ignored"):
        terms = ()
    tasks = [
        task for task in _recent(call) if task["completed"] is not None and all(term.matches(task) for term in terms)
    ]
    if "sorters" in call.params:
        descending = call.params["sorters"] == "-created"
        tasks.sort(key=created_key, reverse=descending != call.fault("sailpoint-sort-reversed"))
    return _page(call, tasks)


def _find(call: Call, task_id: str) -> Task:
    with call.store.lock:
        task = call.store.tasks[NAME].get(task_id)
    if task is None or not _retained(task, call):
        raise ApiError(404, f"no task status with id {task_id!r}")
    return task


def get_task_status(call: Call) -> Reply:
    """GET /task-status/{id}."""
    return Reply(200, _find(call, call.params["id"]))


def update_task_status(call: Call) -> Reply:
    """PATCH /task-status/{id}: apply the JSON Patch; it must apply, keep the id and leave a valid TaskStatus."""
    task_id = call.params["id"]
    with call.store.lock:
        patched = _patched(_find(call, task_id), call.body)
        if patched.get("id") != task_id:
            raise ApiError(400, "the patch may not change or remove id")
        errors = call.contract.errors(TASK_STATUS_SCHEMA, patched)
        if errors:
            raise ApiError(400, f"the patched task status is not valid: {errors[0]}")
        if not call.fault("sailpoint-patch-not-persisted"):
            call.store.tasks[NAME][task_id] = patched
    return Reply(200, patched)


def _patched(task: Task, operations: list[dict]) -> Task:
    try:
        patched = jsonpatch.apply_patch(task, operations)
    except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException, RecursionError) as exc:
        raise ApiError(400, f"the patch does not apply: {exc}") from None
    if not isinstance(patched, dict):
        raise ApiError(400, "the patch must leave a TaskStatus object")
    return patched


HANDLERS = {
    "getPendingTaskHeaders": pending_task_headers,
    "getPendingTasks": pending_tasks,
    "getTaskStatus": get_task_status,
    "updateTaskStatus": update_task_status,
    "getTaskStatusList": task_status_list,
}

# Where each task-returning operation's answer holds its tasks (response faults rewrite them).
TASK_BODIES = {
    "getPendingTaskHeaders": "list",
    "getPendingTasks": "list",
    "getTaskStatusList": "list",
    "getTaskStatus": "one",
    "updateTaskStatus": "one",
}
BY_ID = frozenset({"getTaskStatus", "updateTaskStatus"})
