"""The hostile behaviours: raw-socket answers that break HTTP, and fronts on the faithful reference app."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import re
import socket
import struct
import zlib
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from conformance._registry import APIS, CREDENTIALS, get_api
from conformance.servers import build_app
from tests.hostile.serving import Log, RawRequest, Seen, response, response_head

# Every loop below is bounded; a server also stops when the client goes away or the scenario ends.
STALL_S = 600.0
DRIP_BYTES = 600
HEADER_FLOOD_LINES = 2_000_000
GIB = 1024**3
HUGE_BODY_BYTES = 2 * GIB
BOMB_INFLATED_BYTES = 4 * GIB
CHUNK = 1024 * 1024
JSON_DEPTH = 100_000
CREDENTIAL_HEADERS = ("authorization", "x-api-key", "apikey")
ECHO_PREFIX = 12
ECHO_SHIFT = 9

Raw = Callable[[RawRequest, asyncio.StreamWriter], Awaitable[None]]


async def reset(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """Abort the connection with a TCP reset (SO_LINGER 0) instead of answering."""
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def stall(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """Accept, read the request, and never answer."""
    await asyncio.sleep(STALL_S)


async def drip(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """Send a valid response one byte per second, status line included."""
    data = response("200 OK", b"[" + b" " * DRIP_BYTES + b"]")
    for byte in data[:DRIP_BYTES]:
        writer.write(bytes([byte]))
        await writer.drain()
        await asyncio.sleep(1.0)


async def header_flood(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """A status line, then header lines without end."""
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
    batch = 1000
    for start in range(0, HEADER_FLOOD_LINES, batch):
        writer.write(b"".join(b"X-Flood-%d: %s\r\n" % (n, b"f" * 64) for n in range(start, start + batch)))
        await writer.drain()


async def redirect_loop(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """Redirect every request to itself."""
    writer.write(response("302 Found", b"", Location=request.seen.target or "/"))


def redirect_to(origin: str) -> Raw:
    """Redirect every request (307, method and body kept) to the same path on `origin`."""

    async def redirect(request: RawRequest, writer: asyncio.StreamWriter) -> None:
        writer.write(response("307 Temporary Redirect", b"", Location=origin + (request.seen.target or "/")))

    return redirect


async def not_here(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """A plain 404 (the other origin a redirect points at)."""
    writer.write(response("404 Not Found", b'{"message": "nothing here"}'))


async def too_many_requests(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """429 to everything, asking the client to come back in a day."""
    writer.write(response("429 Too Many Requests", b'{"message": "slow down"}', Retry_After="86400"))


async def http09(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """An HTTP/0.9 answer: the body alone, no status line, no headers."""
    writer.write(b'[{"id": "0.9"}]')


async def malformed_status_line(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """A status line whose code is not a number."""
    writer.write(b"HTTP/1.1 two-hundred OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]")


async def malformed_chunked(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """A chunked body whose chunk size is not hexadecimal, then a chunk longer than it says."""
    head = response_head("200 OK", {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
    writer.write(head + b"zz\r\n[]\r\n2\r\n[1, 2, 3]\r\n0\r\n\r\n")


async def tls_alert(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """Answer plain HTTP as a TLS server does: a TLS alert record (protocol_version), then close."""
    writer.write(b"\x15\x03\x01\x00\x02\x02\x46")


async def html_login(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """200 with an HTML login page for every path (a captive portal or an SSO proxy)."""
    page = b"<!doctype html><html><head><title>Sign in</title></head><body><form method=post action=/login>"
    page += b"<input name=user><input name=password type=password><button>Sign in</button></form></body></html>"
    writer.write(response("200 OK", page, "text/html; charset=utf-8"))


async def wrong_charset(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """JSON declared as UTF-8, sent as Latin-1 (bytes that are not UTF-8)."""
    body = '[{"id": "caf\xe9", "name": "r\xe9sum\xe9", "description": "\xff\xfe"}]'.encode("latin-1")
    writer.write(response("200 OK", body, "application/json; charset=utf-8"))


def huge_body(*, declared: bool) -> Raw:
    """A 2 GiB JSON array, generated while sent; with or without a Content-Length that says so."""

    async def send(request: RawRequest, writer: asyncio.StreamWriter) -> None:
        headers = {"Content-Type": "application/json", "Connection": "close"}
        if declared:
            headers["Content-Length"] = str(HUGE_BODY_BYTES)
        writer.write(response_head("200 OK", headers) + b"[")
        item = b'"' + b"x" * 1021 + b'",'  # 1 KiB per array item
        chunk = item * (CHUNK // len(item))
        sent = 1
        while sent + len(chunk) < HUGE_BODY_BYTES:
            writer.write(chunk)
            await writer.drain()
            sent += len(chunk)
        writer.write(b'"' + b"x" * (HUGE_BODY_BYTES - sent - 3) + b'"]')

    return send


def gzip_bomb_parts(inflated: int = BOMB_INFLATED_BYTES) -> tuple[bytes, bytes, int, bytes]:
    """A gzip stream of `inflated` bytes of JSON whitespace: (header, 1 MiB segment sent `count` times, end).

    Each segment ends in a full flush, so the same compressed bytes stand for every MiB; `end` is the
    final block without the 8-byte trailer, which `gzip_trailer` computes.
    """
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = deflate.compress(b" " * CHUNK) + deflate.flush(zlib.Z_FULL_FLUSH)
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff", segment, inflated // CHUNK, deflate.flush()


def gzip_trailer(count: int) -> bytes:
    """The gzip trailer (CRC-32 and size mod 2**32) of `count` MiB of spaces."""
    block, crc = b" " * CHUNK, 0
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    return struct.pack("<II", crc, (count * CHUNK) & 0xFFFFFFFF)


async def gzip_bomb(request: RawRequest, writer: asyncio.StreamWriter) -> None:
    """200, Content-Encoding gzip: about 4 MiB on the wire that inflate to 4 GiB of JSON whitespace."""
    header, segment, count, end = gzip_bomb_parts()
    length = len(header) + len(segment) * count + len(end) + 8
    fields = {"Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": str(length)}
    writer.write(response_head("200 OK", {**fields, "Connection": "close"}) + header)
    for _ in range(count):
        writer.write(segment)
        await writer.drain()
    writer.write(end + await asyncio.to_thread(gzip_trailer, count))


def json_body(body: bytes) -> Raw:
    """200 application/json with `body` (malformed JSON) for every request."""

    async def send(request: RawRequest, writer: asyncio.StreamWriter) -> None:
        writer.write(response("200 OK", body))

    return send


MALFORMED_JSON = {
    "truncated": b'[{"id": "2c9180835d2e5168015d32f890ca1581", "name": "Cloud Account Aggregation", "compl',
    "nan": b'[{"id": "2c9180835d2e5168015d32f890ca1581", "percentComplete": NaN, "progress": Infinity}]',
    "trailing": b'[{"id": "2c9180835d2e5168015d32f890ca1581"}] {"id": "trailing"} garbage',
    "deep": b"[" * JSON_DEPTH + b"]" * JSON_DEPTH,
}


def presented(seen: Seen) -> tuple[str, str] | None:
    """The (header, secret) a request's credential header carries; the token alone for a bearer."""
    for name in CREDENTIAL_HEADERS:
        value = seen.header(name)
        if value:
            return name, value.removeprefix("Bearer ").strip()
    return None


def _echo_whole(secret: str, number: int) -> str:
    return f"invalid credential {secret}"


def _echo_cut(secret: str, number: int) -> str:
    # The secret over and over, so that an excerpt cut anywhere in the first 4 KiB cuts through one
    # occurrence; shifted on each request, so that on one of any two the part left is 8 characters or more.
    return "." * (number * ECHO_SHIFT % len(secret)) + secret * (4096 // len(secret) + 1)


def _echo_prefix(secret: str, number: int) -> str:
    return f"credential {secret[:ECHO_PREFIX]}... is not valid for this tenant"


def _echo_base64(secret: str, number: int) -> str:
    bearer = base64.b64encode(f"Bearer {secret}".encode()).decode()
    return f"credential {base64.b64encode(secret.encode()).decode()} (as received: {bearer}) rejected"


def _echo_url(secret: str, number: int) -> str:
    return f"https://login.example/denied?credential={quote(secret, safe='')}&reason=expired"


# How an error body carries the secret, given the number of the request (counting from 0).
ECHO_FORMS: dict[str, Callable[[str, int], str]] = {
    "whole": _echo_whole,
    "cut": _echo_cut,
    "prefix": _echo_prefix,
    "base64": _echo_base64,
    "url": _echo_url,
}


def echo(form: str) -> Raw:
    """400 carrying the request's credential in the error body in one form; `header` echoes it as a header too."""

    requests = itertools.count()

    async def send(request: RawRequest, writer: asyncio.StreamWriter) -> None:
        number = next(requests)
        credential = presented(request.seen)
        if credential is None:
            writer.write(response("401 Unauthorized", b'{"message": "no credential"}'))
            return
        name, secret = credential
        if form == "header":
            echoed = {"X_Echo_Credential": f"{name}: {secret}", "WWW_Authenticate": f'Bearer token="{secret}"'}
            writer.write(response("401 Unauthorized", b'{"message": "invalid credential"}', **echoed))
            return
        body = json.dumps({"error": "bad_request", "message": ECHO_FORMS[form](secret, number)}).encode()
        writer.write(response("400 Bad Request", body))

    return send


# An answer instead of the faithful app's: status, JSON body, extra headers.
Canned = tuple[int, bytes, dict[str, str]]
Before = Callable[[Seen, int], Awaitable[Canned | None]]


class ReferenceFront:
    """The faithful reference app for one API behind a front that records every request and swaps credentials.

    The battery's secret becomes the reference credential, so the run authenticates; `before` may delay a
    request or answer it instead (the n-th request, counting from 0).
    """

    def __init__(self, api_name: str, secret: str, log: Log, before: Before | None = None) -> None:
        self.app = build_app(APIS.values())
        self.api = get_api(api_name)
        self.secret = secret
        self.log = log
        self.before = before
        self.count = 0

    def known_ids(self) -> tuple[str, ...]:
        """The reference app's seed task ids for this API."""
        return tuple(self.app.store.seed_ids[self.api.name])

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        target = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        if scope.get("query_string"):
            target += "?" + scope["query_string"].decode("latin-1")
        seen = Seen("main", scope["method"], target, tuple(headers))
        self.log.add(seen)
        number, self.count = self.count, self.count + 1
        if self.before is not None and (reply := await self.before(seen, number)) is not None:
            status, body, extra = reply
            fields = {"content-type": "application/json", **extra}
            raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in fields.items()]
            await send({"type": "http.response.start", "status": status, "headers": raw})
            await send({"type": "http.response.body", "body": body})
            return
        scope = {**scope, "headers": [(k, self._swap(k, v)) for k, v in scope["headers"]]}
        await self.app(scope, receive, send)

    def _swap(self, name: bytes, value: bytes) -> bytes:
        if name.decode("latin-1").lower() != self.api.auth.header.lower():
            return value
        credential = CREDENTIALS[self.api.name]
        swapped = value.decode("latin-1").replace(self.secret, credential)
        return swapped.encode("latin-1")


def flapping() -> Before:
    """Every other request answered 503 (with Retry-After), the others passed to the faithful app."""

    async def before(seen: Seen, number: int) -> Canned | None:
        unavailable = (503, b'{"message": "service unavailable, try again"}', {"retry-after": "1"})
        return unavailable if number % 2 else None

    return before


_BY_ID = {
    "sailpoint-v2025": re.compile(r"^/v2025/task-status/(?!pending-tasks(?:\?|$))[^/?]+(?:\?.*)?$"),
    "flexprice": re.compile(r"^/v1/tasks/(?!result(?:\?|$))[^/?]+(?:\?.*)?$"),
    "maxsight-v5": re.compile(r"^/v5/tasks/[^/?]+(?:\?.*)?$"),
}
SLOW_S = 3.0


def is_get_by_id(api_name: str, seen: Seen) -> bool:
    """True for a GET of one task by its id."""
    return seen.method == "GET" and bool(_BY_ID[api_name].match(seen.target))


def slow_get_by_id(api_name: str) -> Before:
    """Every GET of one task by id waits SLOW_S seconds before the faithful app answers it."""

    async def before(seen: Seen, number: int) -> Canned | None:
        if is_get_by_id(api_name, seen):
            await asyncio.sleep(SLOW_S)
        return None

    return before
