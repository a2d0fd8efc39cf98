"""Maxsight v5 Tasks: GET /tasks/{task_id}; ids are UUIDs, compared case-insensitively; anything else is 404."""

from __future__ import annotations

from conformance.apis.maxsight_v5._data import NAME
from conformance.servers._http import ApiError, Reply
from conformance.servers._service import Call

INVALID_PATH_STATUS = 404
"""A task_id that is not a UUID gets 404 (400 is undocumented)."""


def get_task(call: Call) -> Reply:
    """GET /tasks/{task_id}: the full task object."""
    task_id = call.params["task_id"].lower()
    with call.store.lock:
        tasks = call.store.tasks[NAME]
        if task_id not in tasks:
            raise ApiError(404, "Task not found")
        if call.fault("maxsight-returns-other-task"):
            order = list(tasks)
            task_id = order[(order.index(task_id) + 1) % len(order)]
        task = tasks[task_id]
    return Reply(200, task)


HANDLERS = {"getTask": get_task}

# Where each task-returning operation's answer holds its tasks (response faults rewrite them).
TASK_BODIES = {"getTask": "one"}
BY_ID = frozenset({"getTask"})
