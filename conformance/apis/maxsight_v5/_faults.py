"""Maxsight's faults: the catalog's Maxsight entries and what each does (handler faults act in _server.py)."""

from __future__ import annotations

import dataclasses

from conformance.apis.maxsight_v5._data import NAME
from conformance.servers._auth import anyone
from conformance.servers._faults import Fault
from conformance.servers._http import Reply
from conformance.servers._tampering import Exchange, each_task, non_ascii_path, setting, unknown_id_answered, without

_FULL = '003: "A successful request returns the full task object." (decision 19)'


def _task_as_text(exchange: Exchange, reply: Reply) -> Reply:
    return dataclasses.replace(reply, media_type="text/plain") if reply.status == 200 else reply


FAULTS = (
    # response-schema
    Fault(
        "maxsight-missing-data-version",
        NAME,
        "response-schema",
        _FULL + ', which shows "data_version": 0',
        "The task object lacks the `data_version` key.",
        rewrite=each_task(without("data_version")),
    ),
    Fault(
        "maxsight-null-created-at",
        NAME,
        "response-schema",
        _FULL + ', which shows "created_at": "2019-08-24T14:15:22Z"',
        "created_at is null.",
        rewrite=each_task(setting("created_at", lambda v: None)),
    ),
    # status-and-headers
    Fault(
        "maxsight-unknown-id-200",
        NAME,
        "status-and-headers",
        '003: "If you receive a 404 Task not found response, check that the task_id is valid."',
        "An unknown task_id answers 200 (with the not-found message as the body) instead of 404.",
        rewrite=unknown_id_answered(200),
    ),
    Fault(
        "maxsight-text-plain",
        NAME,
        "status-and-headers",
        _FULL + " (a JSON object)",
        "The task is served with Content-Type text/plain.",
        rewrite=_task_as_text,
    ),
    # semantics
    Fault(
        "maxsight-returns-other-task",
        NAME,
        "semantics",
        '003: "Use the GET /tasks/{task_id} endpoint to retrieve the full details of a single task when you '
        'already know its unique identifier."',
        "GET /tasks/{task_id} returns the next task in the store, not the one asked for.",
    ),
    # security
    Fault(
        "maxsight-auth-ignored",
        NAME,
        "security",
        '003: "If you receive a 401 Unauthorized response, make sure the apikey header is included and contains '
        'a valid key."',
        "Requests without an apikey header, or with a wrong one, are served.",
        waves_through=anyone,
    ),
    # robustness
    Fault(
        "maxsight-non-ascii-id-500",
        NAME,
        "robustness",
        '003: "If you receive a 404 Task not found response, check that the task_id is valid."',
        "A task_id holding any non-ASCII character crashes the server (500, text/plain) instead of 404.",
        crash=non_ascii_path("task_id"),
    ),
)
