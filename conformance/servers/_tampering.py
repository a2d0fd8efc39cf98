"""Faults that act around the honest handlers: crashes before them, and rewrites of the replies they give.

Here are the building blocks each API's faults are made of; which fault does what is in the API's package.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from conformance.servers._http import Reply

if TYPE_CHECKING:
    from conformance.core._api import Api
    from conformance.servers._faults import Fault

Task = dict[str, Any]


@dataclass(frozen=True)
class Exchange:
    """What a fault may look at: the API, the operation (None for unrouted paths) and the request's parts."""

    api: Api
    operation: str | None
    method: str
    path_params: dict[str, str]
    query: Sequence[tuple[str, str]]
    headers: Mapping[str, str] = field(default_factory=dict)
    """The request's headers (names in lower case)."""


Rewrite = Callable[[Exchange, Reply], Reply]
CRASH = Reply(500, b"Internal Server Error", media_type="text/plain")


def non_ascii_query(name: str) -> Callable[[Exchange], bool]:
    """A crash condition: the query parameter `name` holds a non-ASCII character."""
    return lambda exchange: any(key == name and not value.isascii() for key, value in exchange.query)


def non_ascii_path(name: str) -> Callable[[Exchange], bool]:
    """A crash condition: the path parameter `name` holds a non-ASCII character."""
    return lambda exchange: not exchange.path_params.get(name, "").isascii()


def crashes(faults: Iterable[Fault], exchange: Exchange) -> bool:
    """True when one of the faults (those acting on this API) makes this request crash the server."""
    return any(fault.crash is not None and fault.crash(exchange) for fault in faults)


def each_task(rewrite: Callable[[Task], Task]) -> Rewrite:
    """A reply rewrite that applies `rewrite` to every task in a successful task-returning reply."""

    def apply(exchange: Exchange, reply: Reply) -> Reply:
        shape = exchange.api.server.task_bodies.get(exchange.operation or "")
        if shape is None or not 200 <= reply.status < 300 or reply.body is None:
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


def setting(key: str, value: Callable[[Any], Any]) -> Callable[[Task], Task]:
    """A task rewrite that replaces the value of `key` (when the task has it) by `value(old)`."""
    return lambda task: {**task, key: value(task.get(key))} if key in task else task


def without(key: str) -> Callable[[Task], Task]:
    """A task rewrite that drops `key`."""
    return lambda task: {name: item for name, item in task.items() if name != key}


def header_rewrite(name: str, value: Callable[[Reply], str | None]) -> Rewrite:
    """A reply rewrite that sets header `name` when the reply has it (drops it when `value` gives None)."""

    def apply(exchange: Exchange, reply: Reply) -> Reply:
        if name not in reply.headers:
            return reply
        headers = {key: item for key, item in reply.headers.items() if key != name}
        new = value(reply)
        return dataclasses.replace(reply, headers=headers if new is None else {**headers, name: new})

    return apply


def unknown_id_answered(status: int) -> Rewrite:
    """A reply rewrite that answers an unknown id with `status` (a 5xx with the API's error body) instead of 404."""

    def apply(exchange: Exchange, reply: Reply) -> Reply:
        if reply.status != 404 or exchange.operation not in exchange.api.server.by_id:
            return reply
        body = exchange.api.server.error_body(status, "internal error") if status >= 500 else reply.body
        return dataclasses.replace(reply, status=status, body=body)

    return apply


def head_only(rewrite: Rewrite) -> Rewrite:
    """`rewrite`, for HEAD requests only."""
    return lambda exchange, reply: rewrite(exchange, reply) if exchange.method == "HEAD" else reply


def tamper(faults: Iterable[Fault], exchange: Exchange, reply: Reply) -> Reply:
    """`reply` as the faults' rewrites leave it (the faults acting on this API, in name order)."""
    for fault in faults:
        if fault.rewrite is not None:
            reply = fault.rewrite(exchange, reply)
    return reply
