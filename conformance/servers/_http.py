"""Replies as data (status, JSON body, headers) and their rendering into HTTP responses."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import Response

JSON = "application/json"


@dataclass(frozen=True)
class Reply:
    """A response before rendering: faults may rewrite it.

    `body` is JSON data, raw bytes, or None for no body; `media_type` None sends no Content-Type.
    """

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    media_type: str | None = JSON


class ApiError(Exception):
    """A documented error answer (400, 401, 404, 405 ...) with a message for the API's error body."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def render(reply: Reply, *, head: bool) -> Response:
    """The HTTP response for `reply`; for HEAD, the same headers (Content-Length included) without the body."""
    if reply.body is None:
        content = b""
    elif isinstance(reply.body, bytes):
        content = reply.body
    else:
        content = json.dumps(reply.body, separators=(",", ":")).encode()
    media_type = reply.media_type if content else None
    if not head:
        return Response(content, status_code=reply.status, headers=reply.headers, media_type=media_type)
    headers = {**reply.headers, "Content-Length": str(len(content))}
    return Response(b"", status_code=reply.status, headers=headers, media_type=media_type)
