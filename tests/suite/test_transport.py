"""The suite's road to the network: consent, one deadline per request, bounded bytes and nesting."""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from conformance.suite._transport import (
    BodyTooDeep,
    DeadlineExceeded,
    Guard,
    Limits,
    ResponseTooLarge,
    Withheld,
    bounded_session,
    strict_json,
)

Behaviour = Callable[[socket.socket], None]


def _head(status: str = "200 OK", **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k.replace('_', '-')}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def drip(conn: socket.socket) -> None:
    conn.sendall(_head(content_type="application/json", content_length="1000"))
    for _ in range(60):
        conn.sendall(b" ")
        time.sleep(0.2)


def huge(conn: socket.socket) -> None:
    conn.sendall(_head(content_type="application/octet-stream", content_length=str(2**31)))
    block = b"x" * 65536
    for _ in range(2**31 // 65536):
        conn.sendall(block)


def bomb(conn: socket.socket) -> None:
    body = gzip.compress(b"\0" * (64 * 2**20))
    conn.sendall(_head(content_type="application/json", content_encoding="gzip", content_length=str(len(body))))
    conn.sendall(body)


def deep(conn: socket.socket) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    conn.sendall(_head(content_type="application/json", content_length=str(len(body))) + body)


def fine(conn: socket.socket) -> None:
    body = b'{"id": "t1", "nested": [[[1]]]}'
    conn.sendall(_head(content_type="application/json", content_length=str(len(body))) + body)


@pytest.fixture
def serve() -> Iterator[Callable[[Behaviour], str]]:
    """Start a one-behaviour loopback server; yield a function that returns its URL."""
    sockets: list[socket.socket] = []

    def start(behaviour: Behaviour) -> str:
        listener = socket.create_server(("127.0.0.1", 0))
        sockets.append(listener)

        def loop() -> None:
            with listener:
                while True:
                    try:
                        conn, _ = listener.accept()
                    except OSError:
                        return
                    with conn:
                        conn.recv(65536)
                        with contextlib.suppress(OSError):
                            behaviour(conn)

        threading.Thread(target=loop, daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}/x"

    yield start
    for listener in sockets:
        listener.close()


def test_a_dripping_answer_ends_at_the_total_deadline(serve: Callable[[Behaviour], str]) -> None:
    session = bounded_session(Limits(request_timeout=1.0))
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded, match="within 1 s"):
        session.get(serve(drip), timeout=1.0)
    assert time.monotonic() - started < 3


def test_a_huge_body_is_read_only_up_to_the_cap(serve: Callable[[Behaviour], str]) -> None:
    session = bounded_session(Limits(max_body_bytes=2**20))
    with pytest.raises(ResponseTooLarge, match="larger than 1048576 bytes"):
        session.get(serve(huge), timeout=10)


def test_the_cap_counts_inflated_bytes_of_a_compressed_body(serve: Callable[[Behaviour], str]) -> None:
    session = bounded_session(Limits(max_body_bytes=2**20))
    with pytest.raises(ResponseTooLarge, match="after decompression"):
        session.get(serve(bomb), timeout=10)


def test_json_nested_past_the_bound_is_refused_unparsed(serve: Callable[[Behaviour], str]) -> None:
    session = bounded_session(Limits(max_json_depth=64))
    with pytest.raises(BodyTooDeep, match="deeper than 64 levels"):
        session.get(serve(deep), timeout=10)


def test_an_ordinary_answer_passes_untouched(serve: Callable[[Behaviour], str]) -> None:
    response = bounded_session(Limits(max_json_depth=4)).get(serve(fine), timeout=10)
    assert response.json() == {"id": "t1", "nested": [[[1]]]}


def test_writes_are_withheld_without_consent_and_sent_with_it() -> None:
    guard = Guard(Limits())
    for method in ("POST", "PUT", "PATCH", "DELETE", "TRACE"):
        with pytest.raises(Withheld, match="--allow-writes"):
            guard.admit(method, "GET /tasks", generated=True)
    for method in ("GET", "HEAD", "OPTIONS"):
        guard.admit(method, "GET /tasks", generated=True)
    Guard(Limits(writes_allowed=True)).admit("PATCH", "PATCH /tasks/{id}", generated=True)
    assert guard.withheld == {"GET /tasks": "POST not sent: writes run only with --allow-writes"}


def test_generated_requests_stop_after_slow_answers_but_targeted_ones_go_on() -> None:
    guard = Guard(Limits(max_response_time=0.5, slow_answers_stop=3))
    for _ in range(3):
        guard.observe("GET /tasks/{id}", 0.9)
    guard.observe("GET /tasks", 0.1)
    with pytest.raises(Withheld, match=r"stopped after 3 answers slower than 0\.5 s"):
        guard.admit("GET", "GET /tasks/{id}", generated=True)
    guard.admit("GET", "GET /tasks/{id}", generated=False)
    guard.admit("GET", "GET /tasks", generated=True)
    assert guard.slowest == {"GET /tasks/{id}": 0.9}


def test_nothing_starts_after_the_runs_deadline() -> None:
    guard = Guard(Limits(deadline=time.time() - 1))
    with pytest.raises(Withheld, match="--max-duration"):
        guard.admit("GET", "GET /tasks", generated=False)


def test_strict_json_refuses_what_rfc_8259_does_not_allow() -> None:
    assert strict_json(b'{"a": 1}') == {"a": 1}
    for body in (b'{"a": NaN}', b"[Infinity]", b'{"a": 1} trailing', b'{"a": ', b""):
        assert strict_json(body) is None


def test_credentials_do_not_follow_a_redirect_to_another_origin(serve: Callable[[Behaviour], str]) -> None:
    seen: list[bytes] = []

    def record(conn: socket.socket) -> None:
        seen.append(b"")
        fine(conn)

    other = serve(record)

    def redirect(conn: socket.socket) -> None:
        conn.sendall(_head("302 Found", location=other, content_length="0"))

    response = bounded_session(Limits()).get(serve(redirect), headers={"Authorization": "Bearer s"}, timeout=5)
    assert response.status_code == 302 and not seen
