"""Running hostile servers on loopback: raw asyncio sockets for broken HTTP, uvicorn for ASGI apps."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import uvicorn

LOOPBACK = "127.0.0.1"
START_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 10.0
# What a raw server reads of a request: the head up to this size, a body up to BODY_LIMIT.
HEAD_LIMIT = 64 * 1024
BODY_LIMIT = 1024 * 1024
HEAD_WAIT_S = 5.0


@dataclass(frozen=True)
class Seen:
    """One request a hostile server received; `method` is empty when the bytes were not an HTTP request."""

    server: str
    method: str
    target: str
    headers: tuple[tuple[str, str], ...]

    def header(self, name: str) -> str | None:
        """The first value of header `name` (case-insensitive), or None."""
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)


class Log:
    """The requests every server of one scenario received, in arrival order (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: list[tuple[float, Seen]] = []

    def add(self, seen: Seen) -> None:
        """Record one request, with the time (monotonic) it arrived."""
        with self._lock:
            self._seen.append((time.monotonic(), seen))

    def first_arrival(self) -> float | None:
        """When (monotonic) the first request arrived, or None before any."""
        with self._lock:
            return self._seen[0][0] if self._seen else None

    def entries(self, server: str | None = None, *, since: float = 0.0) -> tuple[Seen, ...]:
        """The requests seen so far, by every server or by the one named `server`, arrived at `since` or later."""
        with self._lock:
            return tuple(s for t, s in self._seen if (server is None or s.server == server) and t >= since)


@dataclass(frozen=True)
class RawRequest:
    """What a raw server read of a request; `seen` is the parsed head."""

    seen: Seen
    body: bytes


Behaviour = Callable[[RawRequest, asyncio.StreamWriter], Awaitable[None]]


async def read_request(reader: asyncio.StreamReader, server: str) -> RawRequest:
    """Read one request head (and a Content-Length body); bytes that are not HTTP give an empty method."""
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEAD_WAIT_S)
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ConnectionError):
        return RawRequest(Seen(server, "", "", ()), b"")
    request_line, *lines = head.decode("latin-1").split("\r\n")
    method, _, rest = request_line.partition(" ")
    target = rest.rpartition(" ")[0]
    headers = tuple((n.strip(), v.strip()) for n, _, v in (line.partition(":") for line in lines if ":" in line))
    seen = Seen(server, method, target, headers)
    length = seen.header("content-length") or "0"
    body = b""
    if length.isdigit() and 0 < int(length) <= BODY_LIMIT:
        with contextlib.suppress(asyncio.IncompleteReadError, TimeoutError, ConnectionError):
            body = await asyncio.wait_for(reader.readexactly(int(length)), HEAD_WAIT_S)
    return RawRequest(seen, body)


def response_head(status: str, headers: dict[str, str]) -> bytes:
    """A response's status line and header block; `status` is everything after `HTTP/1.1 `."""
    lines = [f"HTTP/1.1 {status}", *(f"{name}: {value}" for name, value in headers.items()), "", ""]
    return "\r\n".join(lines).encode("latin-1")


def response(status: str, body: bytes, content_type: str = "application/json", **headers: str) -> bytes:
    """A whole one-shot response (Content-Length, Connection: close)."""
    fields = {"Content-Type": content_type, "Content-Length": str(len(body)), "Connection": "close"}
    return response_head(status, {**fields, **{k.replace("_", "-"): v for k, v in headers.items()}}) + body


@contextlib.contextmanager
def raw_server(behaviour: Behaviour, log: Log, name: str = "main") -> Iterator[str]:
    """Serve `behaviour` (a request per connection) on a free loopback port until the block exits; yield the origin."""
    ready: dict[str, Any] = {}
    started = threading.Event()

    async def serve() -> None:
        tasks: set[asyncio.Task[None]] = set()
        stop = asyncio.Event()

        async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            task = asyncio.current_task()
            tasks.add(task)  # type: ignore[arg-type]
            try:
                request = await read_request(reader, name)
                log.add(request.seen)
                await behaviour(request, writer)
                await writer.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                tasks.discard(task)  # type: ignore[arg-type]
                writer.close()

        server = await asyncio.start_server(connection, LOOPBACK, 0, limit=HEAD_LIMIT)
        ready.update(port=server.sockets[0].getsockname()[1], loop=asyncio.get_running_loop(), stop=stop)
        started.set()
        async with server:
            await stop.wait()
            server.close()
            for task in list(tasks):
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    thread = threading.Thread(target=asyncio.run, args=(serve(),), name=f"hostile-{name}", daemon=True)
    thread.start()
    if not started.wait(START_TIMEOUT_S):
        raise RuntimeError(f"the hostile server {name!r} did not start within {START_TIMEOUT_S:.0f} s")
    try:
        yield f"http://{LOOPBACK}:{ready['port']}"
    finally:
        ready["loop"].call_soon_threadsafe(ready["stop"].set)
        thread.join(STOP_TIMEOUT_S)


@contextlib.contextmanager
def asgi_server(app: Any) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on a free loopback port until the block exits; yield the origin."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind((LOOPBACK, 0))
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", log_level="critical", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="hostile-asgi", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the hostile ASGI server did not start")
        time.sleep(0.01)
    try:
        yield f"http://{LOOPBACK}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(STOP_TIMEOUT_S)
        sock.close()


@contextlib.contextmanager
def closed_port() -> Iterator[str]:
    """A loopback origin where nothing listens (the port was bound, then released): connections are refused."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        port = sock.getsockname()[1]
    yield f"http://{LOOPBACK}:{port}"
