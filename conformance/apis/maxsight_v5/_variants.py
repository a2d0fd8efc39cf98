"""Maxsight's variants: faithful servers that settled the page's open questions differently, or aged by others."""

from __future__ import annotations

from conformance.apis.maxsight_v5._data import NAME
from conformance.apis.maxsight_v5._statements import MX_404, MX_CURRENT
from conformance.core._statements import decision
from conformance.servers._data import Task
from conformance.servers._http import ApiError, Reply
from conformance.servers._service import Call
from conformance.servers._variants import Handler, Variant, aged, errors_only, later, message_as_text

_LATER_STATUSES = ("COMPLETE", "CANCELLED", "REJECTED", "IN_REVIEW")


def _exact_uuid(handler: Handler) -> Handler:
    def handle(call: Call) -> Reply:
        if call.params["task_id"] != call.params["task_id"].lower():
            raise ApiError(404, "Task not found")
        return handler(call)

    return handle


def _worked_on(index: int, task: Task) -> Task | None:
    """Every 4th task was worked on by other users: a new version, a later status, a team or nobody assigned."""
    if index % 4 != 2:
        return None
    assignment = task["assignment"] and {**task["assignment"], "assigned_to_type": "TEAM"}
    return {
        **task,
        "data_version": task["data_version"] + 1 + index % 3,
        "status": _LATER_STATUSES[index % len(_LATER_STATUSES)],
        "assignment": None if index % 8 == 2 else assignment,
        "locked_at": None,
        "updated_at": later(task["updated_at"], 3600),
    }


VARIANTS = (
    Variant(
        "maxsight-ids-case-sensitive",
        NAME,
        (decision(22),),
        "A task_id in upper case finds no task (404): ids are compared as the server spells them.",
        handlers={"getTask": _exact_uuid},
    ),
    Variant(
        "maxsight-errors-text",
        NAME,
        (decision(21), MX_404),
        "401 and 404 answers carry their message as text/plain.",
        reply=errors_only(message_as_text),
    ),
    Variant(
        "maxsight-tasks-worked-on",
        NAME,
        (decision(20), MX_CURRENT),
        "Aged: every 4th task has a newer data_version, a later status (COMPLETE, CANCELLED ...), another assignee.",
        age=aged(NAME, _worked_on),
    ),
)
