"""Every request the suite sends passes here: consent for writes, one deadline, bounded bytes, bounded nesting.

A schema loaded for a run is bound to a `GuardedTransport` (see `guard_schema`), so the schemathesis engine and the
semantic checks share one road to the network. The road refuses, before anything is sent, a write the user did not
consent to, a request past the run's deadline and generated cases for an operation that answered too slowly. Every
request has one total deadline (connect, headers, body and redirects together), and a response is read only up to a
byte cap after decompression; a JSON body nested past a bound is refused before anyone parses it.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from schemathesis.transport.requests import REQUESTS_TRANSPORT, RequestsTransport, SameHostRedirectsSession
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError

from conformance.core._json import reject_constant
from conformance.servers import RateLimit
from conformance.suite._pacing import MAX_RETRIES, RETRY_STATUSES, Pacer

# Methods that change nothing on the server (RFC 9110 safe methods, TRACE left out): all a run sends without consent.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
READ_CHUNK = 64 * 1024
# A read that timed out this close to the deadline ran into the deadline.
DEADLINE_SLACK = 0.05


class Withheld(requests.RequestException):
    """A request the suite chose not to send; the message says why, `final` when no later request may go either."""

    def __init__(self, reason: str, *, final: bool = False) -> None:
        super().__init__(reason)
        self.final = final


class DeadlineExceeded(requests.Timeout):
    """No complete answer (headers and body) within the request's total deadline."""


class ResponseTooLarge(requests.RequestException):
    """A response body past the byte cap (counted after decompression); reading stopped there."""


class BodyTooDeep(requests.RequestException):
    """A JSON response nested past the bound; it was not parsed."""


@dataclass(frozen=True)
class Limits:
    """The bounds of every request of a run."""

    request_timeout: float = 10.0
    max_body_bytes: int = 16 * 1024 * 1024
    max_json_depth: int = 256
    max_response_time: float = 2.0
    slow_answers_stop: int = 3
    writes_allowed: bool = False
    deadline: float | None = None  # time.time() after which no request starts (--max-duration)
    rate_limit: RateLimit | None = None  # at most this many requests per window (--rate-limit)

    def past_deadline(self) -> bool:
        """True when the run's --max-duration is spent."""
        return self.deadline is not None and time.time() >= self.deadline


@dataclass
class Guard:
    """What one API's requests have shown so far: slow answers per operation, requests withheld and why."""

    limits: Limits
    slow: Counter[str] = field(default_factory=Counter)
    slowest: dict[str, float] = field(default_factory=dict)
    withheld: dict[str, str] = field(default_factory=dict)
    pacer: Pacer = field(init=False)

    def __post_init__(self) -> None:
        self.pacer = Pacer(self.limits.rate_limit, self.limits.deadline)

    def admit(self, method: str, operation: str, *, generated: bool) -> None:
        """Raise Withheld when a request must not be sent; remember why."""
        reason = None
        if method.upper() not in SAFE_METHODS and not self.limits.writes_allowed:
            reason = f"{method.upper()} not sent: writes run only with --allow-writes"
        elif self.limits.past_deadline():
            reason = "not sent: the run's --max-duration was reached"
        elif generated and self.slow[operation] >= self.limits.slow_answers_stop:
            reason = (
                f"generated requests stopped after {self.slow[operation]} answers slower than "
                f"{self.limits.max_response_time:g} s"
            )
        if reason:
            self.withheld.setdefault(operation, reason)
            raise Withheld(reason, final=self.limits.past_deadline())

    def observe(self, operation: str, elapsed: float) -> None:
        """Count an answer slower than --max-response-time."""
        if elapsed > self.limits.max_response_time:
            self.slow[operation] += 1
            self.slowest[operation] = max(elapsed, self.slowest.get(operation, 0.0))


@dataclass
class _Watch:
    """One request's watchdog: cuts the request's connection at the deadline."""

    conn: Any = None
    fired: threading.Event = field(default_factory=threading.Event)

    def cut(self) -> None:
        self.fired.set()
        sock = getattr(self.conn, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Slot(threading.local):
    """The current thread's request: its total deadline and its watchdog."""

    deadline: float | None = None
    watch: _Watch | None = None


_SLOT = _Slot()


def _watched(conn: Any) -> Any:
    if _SLOT.watch is not None:
        _SLOT.watch.conn = conn
    return conn


class _HTTPPool(HTTPConnectionPool):
    def _get_conn(self, timeout: float | None = None) -> Any:
        return _watched(super()._get_conn(timeout))


class _HTTPSPool(HTTPSConnectionPool):
    def _get_conn(self, timeout: float | None = None) -> Any:
        return _watched(super()._get_conn(timeout))


class BoundedAdapter(HTTPAdapter):
    """An HTTPAdapter that enforces the total deadline and reads at most `max_body_bytes` of a body."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        """Pools whose connections a watchdog can reach."""
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def send(self, request: requests.PreparedRequest, stream: bool = False, timeout: Any = None, **kwargs: Any) -> Any:
        """Send with a watchdog that cuts the connection at the deadline; read the body within the byte cap."""
        deadline = _SLOT.deadline or time.monotonic() + self.limits.request_timeout
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise DeadlineExceeded(self._late(), request=request)
        watch = _SLOT.watch = _Watch()
        watchdog = threading.Timer(remaining, watch.cut)
        watchdog.daemon = True
        watchdog.start()
        try:
            response = super().send(request, stream=True, timeout=_capped(timeout, remaining), **kwargs)
            response._content = self._read(response)
            response._content_consumed = True
        except requests.RequestException as error:
            # The watchdog cut the connection, or a read's own timeout (never longer than what was left) fired first.
            late = watch.fired.is_set() or time.monotonic() >= deadline - DEADLINE_SLACK
            if late and not isinstance(error, ResponseTooLarge | BodyTooDeep):
                raise DeadlineExceeded(self._late(), request=request) from None
            raise
        finally:
            watchdog.cancel()
            _SLOT.watch = None
        if watch.fired.is_set():
            raise DeadlineExceeded(self._late(), request=request)
        return response

    def _late(self) -> str:
        return f"no complete answer within {self.limits.request_timeout:g} s (--request-timeout)"

    def _read(self, response: requests.Response) -> bytes:
        chunks, total = [], 0
        try:
            for chunk in response.raw.stream(READ_CHUNK, decode_content=True):
                total += len(chunk)
                if total > self.limits.max_body_bytes:
                    response.close()
                    raise ResponseTooLarge(
                        f"response body larger than {self.limits.max_body_bytes} bytes (after decompression); "
                        "reading stopped there",
                        request=response.request,
                    )
                chunks.append(chunk)
        except ProtocolError as error:
            raise requests.exceptions.ChunkedEncodingError(error, request=response.request) from None
        except DecodeError as error:
            raise requests.exceptions.ContentDecodingError(error, request=response.request) from None
        except ReadTimeoutError as error:
            raise requests.exceptions.ConnectionError(error, request=response.request) from None
        content = b"".join(chunks)
        if "json" in response.headers.get("content-type", "") and _too_deep(content, self.limits.max_json_depth):
            raise BodyTooDeep(
                f"JSON response nested deeper than {self.limits.max_json_depth} levels; not parsed",
                request=response.request,
            )
        with contextlib.suppress(Exception):
            response.raw.release_conn()
        return content


def _capped(timeout: Any, remaining: float) -> Any:
    if isinstance(timeout, tuple):
        return tuple(min(t, remaining) if t is not None else remaining for t in timeout)
    return min(timeout, remaining) if timeout is not None else remaining


def _too_deep(content: bytes, bound: int) -> bool:
    """True when brackets outside strings nest past `bound` (checked only when enough brackets are present)."""
    if content.count(b"[") + content.count(b"{") <= bound:
        return False
    depth, in_string, escaped = 0, False, False
    for byte in content:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > bound:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def strict_json(content: bytes) -> Any:
    """`content` as JSON (RFC 8259: no NaN or Infinity), or None when it is empty or not JSON."""
    if not content:
        return None
    try:
        return json.loads(content, parse_constant=reject_constant)
    except (ValueError, RecursionError):
        return None


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    previous = _SLOT.deadline
    _SLOT.deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        _SLOT.deadline = previous


def bounded_session(limits: Limits) -> requests.Session:
    """A session that follows redirects only within the origin and bounds every request by `limits`."""
    session = SameHostRedirectsSession()
    session.trust_env = False
    arm(session, limits)
    return session


def arm(session: requests.Session, limits: Limits) -> None:
    """Mount the bounded adapter on `session` (once)."""
    if not isinstance(session.get_adapter("http://"), BoundedAdapter):
        adapter = BoundedAdapter(limits)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
    session.max_redirects = min(session.max_redirects, 10)


class GuardedTransport(RequestsTransport):
    """schemathesis's requests transport behind the guard: consent, deadline and byte cap on every request."""

    def __init__(self, guard: Guard, *, generated: bool) -> None:
        super().__init__()
        self._serializers = REQUESTS_TRANSPORT._serializers  # the media types schemathesis (and its users) registered
        self.guard = guard
        self.generated = generated
        self._session = bounded_session(guard.limits)

    def send(self, case: Any, *, session: requests.Session | None = None, **kwargs: Any) -> Any:
        """Send `case` if the guard admits it, at the run's pace and within the deadline; wait out a 429 or 503."""
        operation = f"{case.operation.method.upper()} {case.operation.path}"
        self.guard.admit(case.method, operation, generated=self.generated)
        session = session or self._session
        arm(session, self.guard.limits)
        pacer = self.guard.pacer
        for attempt in range(MAX_RETRIES + 1):
            pacer.wait_turn()
            started = time.monotonic()
            with _deadline(self.guard.limits.request_timeout):
                response = super().send(case, session=session, **kwargs)
            self.guard.observe(operation, time.monotonic() - started)
            if not pacer.retry_after(response.status_code, response.headers, attempt):
                break
        if response.status_code not in RETRY_STATUSES:
            pacer.answered()
        return response


def guard_schema(schema: Any, transport: GuardedTransport) -> Any:
    """Bind `schema` (and every schema cloned from it, by include/exclude) to `transport`."""
    guarded = type(type(schema).__name__, (type(schema),), {"transport": property(lambda _: transport)})
    schema.__class__ = guarded
    return schema


def probe(url: str, limits: Limits) -> None:
    """GET `url` without credentials within the limits; raise requests.RequestException when nothing usable answers."""
    with bounded_session(limits) as session, _deadline(limits.request_timeout):
        session.get(url, timeout=limits.request_timeout, allow_redirects=False)
