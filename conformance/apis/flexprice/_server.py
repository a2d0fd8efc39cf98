"""Flexprice Tasks: list, create, workflow result, get, export download and status update."""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from conformance.apis.flexprice._data import (
    NAME,
    flexprice_account,
    flexprice_export_location,
    flexprice_run_id,
    flexprice_task_id,
    flexprice_workflow_id,
)
from conformance.servers._data import Task
from conformance.servers._http import ApiError, Reply
from conformance.servers._service import Call

DEFAULT_LIMIT = 50
PRESIGN_SECONDS = 3600
_FILTERS = ("task_type", "entity_type", "task_status")
_STATUS_TIMESTAMPS = {"PROCESSING": "started_at", "COMPLETED": "completed_at", "FAILED": "failed_at"}
_WORKFLOW_STATES = {"PENDING": "RUNNING", "PROCESSING": "RUNNING", "COMPLETED": "COMPLETED", "FAILED": "FAILED"}
_WORKFLOW_MESSAGES = {"RUNNING": "task is being processed", "COMPLETED": "task processed", "FAILED": "task failed"}


def _find(call: Call, task_id: str) -> Task:
    with call.store.lock:
        task = call.store.tasks[NAME].get(task_id)
    if task is None:
        raise ApiError(404, "task not found")
    return task


def list_tasks(call: Call) -> Reply:
    """GET /tasks: filtered by task_type, entity_type and task_status; sorted (created_at desc by default); paged."""
    with call.store.lock:
        tasks = list(call.store.tasks[NAME].values())
        seed_ids = set(call.store.seed_ids[NAME])
    if call.fault("flexprice-created-task-not-listed"):
        tasks = [task for task in tasks if task["id"] in seed_ids]
    if not call.fault("flexprice-filter-ignored"):
        wanted = {name: call.params[name] for name in _FILTERS if name in call.params}
        tasks = [task for task in tasks if all(task[name] == value for name, value in wanted.items())]
    field = call.params.get("sort", "created_at")
    descending = call.params.get("order", "desc") == "desc" or call.fault("flexprice-order-ignored")
    tasks.sort(key=lambda task: (task[field], task["id"]), reverse=descending)
    limit, offset = call.params.get("limit", DEFAULT_LIMIT), call.params.get("offset", 0)
    pagination = {"total": len(tasks), "limit": limit, "offset": offset}
    return Reply(200, {"items": tasks[offset : offset + limit], "pagination": pagination})


def create_task(call: Call) -> Reply:
    """POST /tasks: store a new PENDING task with a deterministic id and its workflow; answer 202 (accepted) with it."""
    request = call.body
    store = call.store
    with store.lock:
        now = store.clock.tick()
        task_id = flexprice_task_id(store.seed, store.next_serial(), store.clock.now())
        account = flexprice_account(store.seed)
        task = {
            "id": task_id,
            "task_type": request["task_type"],
            "entity_type": request["entity_type"],
            "file_url": request["file_url"],
            "file_name": request.get("file_name"),
            "file_type": request["file_type"],
            "task_status": "PENDING",
            "total_records": None,
            "processed_records": None,
            "successful_records": None,
            "failed_records": None,
            "error_summary": None,
            "metadata": request.get("metadata"),
            "started_at": None,
            "completed_at": None,
            "failed_at": None,
            "workflow_id": flexprice_workflow_id(task_id),
            "scheduled_task_id": None,
            "tenant_id": account.tenant,
            "environment_id": account.environments[0],
            "status": "published",
            "created_at": now,
            "updated_at": now,
            "created_by": "api_key",
            "updated_by": "api_key",
        }
        store.tasks[NAME][task_id] = task
    return Reply(202, task)


def get_task_result(call: Call) -> Reply:
    """GET /tasks/result?workflow_id=: the workflow behind a task (workflow_id, run_id, message) and its outcome."""
    workflow_id = call.params["workflow_id"]
    with call.store.lock:
        task = next((t for t in call.store.tasks[NAME].values() if t["workflow_id"] == workflow_id), None)
    if task is None:
        raise ApiError(404, "workflow not found")
    state = _WORKFLOW_STATES[task["task_status"]]
    result = {
        "workflow_id": workflow_id,
        "run_id": flexprice_run_id(workflow_id),
        "message": _WORKFLOW_MESSAGES[state],
        "task_id": task["id"],
        "status": state,
    }
    if state == "COMPLETED":
        result["result"] = {"processed_records": task["processed_records"], "file_url": task["file_url"]}
    if state == "FAILED":
        result["error"] = task["error_summary"]
    return Reply(200, result)


def get_task(call: Call) -> Reply:
    """GET /tasks/{id}."""
    return Reply(200, _find(call, call.params["id"]))


def download_task_export(call: Call) -> Reply:
    """GET /tasks/{id}/download: a presigned URL for a completed export; 404 when the task has no export file."""
    task = _find(call, call.params["id"])
    exported = task["task_type"] == "EXPORT" and task["task_status"] == "COMPLETED" and task["file_url"]
    if not exported and not call.fault("flexprice-download-any-task"):
        raise ApiError(404, "no export file for this task")
    return Reply(200, {"url": _presigned(task["file_url"] or _export_location(task), call)})


def _export_location(task: Task) -> str:
    file_name = task["file_name"] or f"{task['id']}.{str(task['file_type']).lower()}"
    return flexprice_export_location(task["tenant_id"], task["id"], file_name)


def _presigned(location: str, call: Call) -> str:
    """An S3-style presigned URL for `location` (s3://bucket/key, or an https URL of customer-owned storage)."""
    if location.startswith("s3://"):
        bucket, _, key = location.removeprefix("s3://").partition("/")
        location = f"https://{bucket}.s3.amazonaws.com/{key}"
    signature = hashlib.sha256(f"{call.store.seed}:{location}".encode()).hexdigest()
    query = urlencode(
        {
            "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
            "X-Amz-Date": call.store.clock.now().strftime("%Y%m%dT%H%M%SZ"),
            "X-Amz-Expires": PRESIGN_SECONDS,
            "X-Amz-SignedHeaders": "host",
            "X-Amz-Signature": signature,
        }
    )
    return f"{location}{'&' if '?' in location else '?'}{query}"


def update_task_status(call: Call) -> Reply:
    """PUT /tasks/{id}/status: set the status and stamp its time (PROCESSING, COMPLETED or FAILED)."""
    status = call.body["task_status"]
    with call.store.lock:
        task = _find(call, call.params["id"])
        now = call.store.clock.tick()
        updated = {**task, "task_status": status, "updated_at": now}
        if status in _STATUS_TIMESTAMPS:
            updated[_STATUS_TIMESTAMPS[status]] = now
        if status == "COMPLETED" and task["task_type"] == "EXPORT" and not task["file_url"]:
            updated["file_url"] = _export_location(task)
        if not call.fault("flexprice-status-update-not-persisted"):
            call.store.tasks[NAME][task["id"]] = updated
    return Reply(200, {"message": "task status updated"})


HANDLERS = {
    "listTasks": list_tasks,
    "createTask": create_task,
    "getTaskResult": get_task_result,
    "getTask": get_task,
    "downloadTaskExport": download_task_export,
    "updateTaskStatus": update_task_status,
}

# Where each task-returning operation's answer holds its tasks (response faults rewrite them).
TASK_BODIES = {"listTasks": "items", "createTask": "one", "getTask": "one"}
BY_ID = frozenset({"getTask"})
