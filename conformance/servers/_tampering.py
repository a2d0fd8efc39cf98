"""Faults that act around the honest handlers: crashes before them, and rewrites of the replies they give."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from conformance.servers._clock import parse_time
from conformance.servers._data import FLEXPRICE, MAXSIGHT, SAILPOINT
from conformance.servers._errors import error_body
from conformance.servers._faults import applies_to
from conformance.servers._http import Reply

Task = dict[str, Any]


@dataclass(frozen=True)
class Exchange:
    """What a fault may look at: the API, the operation (None for unrouted paths) and the request's parts."""

    api: str
    operation: str | None
    method: str
    path_params: dict[str, str]
    query: Sequence[tuple[str, str]]


# Where each task-returning operation puts its tasks: a list, one object, or the `items` of an envelope.
_TASK_BODIES = {
    (SAILPOINT, "getPendingTaskHeaders"): "list",
    (SAILPOINT, "getPendingTasks"): "list",
    (SAILPOINT, "getTaskStatusList"): "list",
    (SAILPOINT, "getTaskStatus"): "one",
    (SAILPOINT, "updateTaskStatus"): "one",
    (FLEXPRICE, "listTasks"): "items",
    (FLEXPRICE, "createTask"): "one",
    (FLEXPRICE, "getTask"): "one",
    (MAXSIGHT, "getTask"): "one",
}
_BY_ID = {(SAILPOINT, "getTaskStatus"), (SAILPOINT, "updateTaskStatus"), (FLEXPRICE, "getTask"), (MAXSIGHT, "getTask")}
CRASH = Reply(500, b"Internal Server Error", media_type="text/plain")


def _non_ascii_query(name: str) -> Callable[[Exchange], bool]:
    return lambda exchange: any(key == name and not value.isascii() for key, value in exchange.query)


def _non_ascii_path(name: str) -> Callable[[Exchange], bool]:
    return lambda exchange: not exchange.path_params.get(name, "").isascii()


_CRASHES: dict[str, Callable[[Exchange], bool]] = {
    "sailpoint-non-ascii-filter-500": _non_ascii_query("filters"),
    "flexprice-non-ascii-id-500": _non_ascii_path("id"),
    "maxsight-non-ascii-id-500": _non_ascii_path("task_id"),
}


def crashes(faults: frozenset[str], exchange: Exchange) -> bool:
    """True when an active robustness fault makes this request crash the server."""
    return any(applies_to(name, exchange.api) and _CRASHES[name](exchange) for name in faults & _CRASHES.keys())


def _tasks(rewrite: Callable[[Task], Task]) -> Callable[[Exchange, Reply], Reply]:
    """A reply rewrite that applies `rewrite` to every task in a successful task-returning reply."""

    def apply(exchange: Exchange, reply: Reply) -> Reply:
        shape = _TASK_BODIES.get((exchange.api, exchange.operation))
        if shape is None or not 200 <= reply.status < 300:
            return reply
        body = reply.body
        if shape == "list":
            body = [rewrite(task) for task in body]
        elif shape == "items":
            body = {**body, "items": [rewrite(task) for task in body["items"]]}
        else:
            body = rewrite(body)
        return dataclasses.replace(reply, body=body)

    return apply


def _setting(key: str, value: Callable[[Any], Any]) -> Callable[[Task], Task]:
    return lambda task: {**task, key: value(task.get(key))} if key in task else task


def _without(key: str) -> Callable[[Task], Task]:
    return lambda task: {name: item for name, item in task.items() if name != key}


def _header(name: str, value: Callable[[Reply], str | None]) -> Callable[[Exchange, Reply], Reply]:
    """A reply rewrite that sets header `name` when the reply has it (drops it when `value` gives None)."""

    def apply(exchange: Exchange, reply: Reply) -> Reply:
        if name not in reply.headers:
            return reply
        headers = {key: item for key, item in reply.headers.items() if key != name}
        new = value(reply)
        return dataclasses.replace(reply, headers=headers if new is None else {**headers, name: new})

    return apply


def _unknown_id_answered(status: int) -> Callable[[Exchange, Reply], Reply]:
    def apply(exchange: Exchange, reply: Reply) -> Reply:
        if reply.status != 404 or (exchange.api, exchange.operation) not in _BY_ID:
            return reply
        body = error_body(exchange.api, status, "internal error") if status >= 500 else reply.body
        return dataclasses.replace(reply, status=status, body=body)

    return apply


def _head_only(rewrite: Callable[[Exchange, Reply], Reply]) -> Callable[[Exchange, Reply], Reply]:
    return lambda exchange, reply: rewrite(exchange, reply) if exchange.method == "HEAD" else reply


def _errors_as_text(exchange: Exchange, reply: Reply) -> Reply:
    if reply.status not in (400, 404):
        return reply
    return dataclasses.replace(reply, body=reply.body["error"]["message"].encode(), media_type="text/plain")


def _task_as_text(exchange: Exchange, reply: Reply) -> Reply:
    return dataclasses.replace(reply, media_type="text/plain") if reply.status == 200 else reply


def _total_as_string(exchange: Exchange, reply: Reply) -> Reply:
    if exchange.operation != "listTasks" or reply.status != 200:
        return reply
    pagination = {**reply.body["pagination"], "total": str(reply.body["pagination"]["total"])}
    return dataclasses.replace(reply, body={**reply.body, "pagination": pagination})


def _not_rfc3339(text: str | None) -> str | None:
    moment = parse_time(text) if text else None
    return moment.strftime("%m/%d/%Y %H:%M:%S") if moment else text


_REWRITES: dict[str, Callable[[Exchange, Reply], Reply]] = {
    "sailpoint-missing-launcher": _tasks(_without("launcher")),
    "sailpoint-completion-status-lowercase": _tasks(_setting("completionStatus", lambda v: v and v.lower())),
    "sailpoint-created-not-rfc3339": _tasks(_setting("created", _not_rfc3339)),
    "sailpoint-percent-complete-as-string": _tasks(_setting("percentComplete", str)),
    "sailpoint-null-messages": _tasks(_setting("messages", lambda v: None)),
    "flexprice-missing-id": _tasks(_without("id")),
    "flexprice-status-lowercase": _tasks(_setting("task_status", lambda v: v and v.lower())),
    "flexprice-pagination-total-as-string": _total_as_string,
    "maxsight-missing-data-version": _tasks(_without("data_version")),
    "maxsight-null-created-at": _tasks(_setting("created_at", lambda v: None)),
    "sailpoint-unknown-id-500": _unknown_id_answered(500),
    "sailpoint-total-count-missing": _header("X-Total-Count", lambda reply: None),
    "sailpoint-total-count-wrong": _header("X-Total-Count", lambda reply: str(len(reply.body))),
    "sailpoint-head-without-total-count": _head_only(_header("X-Total-Count", lambda reply: None)),
    "flexprice-unknown-id-200": _unknown_id_answered(200),
    "flexprice-errors-text-plain": _errors_as_text,
    "maxsight-unknown-id-200": _unknown_id_answered(200),
    "maxsight-text-plain": _task_as_text,
    "all-405-without-allow": _header("Allow", lambda reply: None),
}


def tamper(faults: frozenset[str], exchange: Exchange, reply: Reply) -> Reply:
    """`reply` as the active response faults for this API rewrite it (in catalog-name order)."""
    for name in sorted(faults & _REWRITES.keys()):
        if applies_to(name, exchange.api):
            reply = _REWRITES[name](exchange, reply)
    return reply
