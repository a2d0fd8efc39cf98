"""The registry of hostile scenarios: what each server does, which API it pretends to be, what a run must end with."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass

from conformance._registry import get_api
from tests.hostile import servers
from tests.hostile.secret import SECRET, leak_finder
from tests.hostile.serving import Log, asgi_server, closed_port, raw_server

SAILPOINT, FLEXPRICE, MAXSIGHT = "sailpoint-v2025", "flexprice", "maxsight-v5"
# A well-formed Maxsight id for servers that are not the reference app (Maxsight has no list to find one).
MAXSIGHT_ID = "6f1c2b9e-0d4a-4e8b-9c3f-2a5d7e1b0c48"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Exit codes (README, "Test an implementation"): 0 conformant, 1 not conformant, 2 usage or connection error.
NOT_CONFORMANT_OR_UNREACHABLE = frozenset({1, 2})
UNREACHABLE = frozenset({2})
CONFORMANT = frozenset({0})
NOT_CONFORMANT = frozenset({1})
# Startup, report writing and teardown on top of --max-duration.
OVERHEAD_S = 40.0


@dataclass(frozen=True)
class Served:
    """A started scenario: the base URL the run tests and the task ids it is given."""

    base_url: str
    task_ids: tuple[str, ...] = ()


Start = Callable[[Log], AbstractContextManager[Served]]
# A scenario's own check of what its servers saw: the problems, one line each.
Check = Callable[[Log], list[str]]


@dataclass(frozen=True)
class Scenario:
    """One hostile server (or pair), the run against it, and the outcome the run must have."""

    name: str
    does: str
    api: str
    expect: frozenset[int]
    start: Start
    sample: bool = False
    max_examples: int = 2
    request_timeout: float = 2.0
    max_duration: float | None = 20.0
    max_response_time: float | None = None
    rate_limit: str = "off"  # a stand-in on loopback is not the vendor: its published limit does not apply
    bound: float | None = None
    interrupt_after_s: float | None = None  # Ctrl-C this long after the server's first request
    reaches_server: bool = True
    partial: bool = False
    checks: tuple[Check, ...] = ()

    @property
    def bound_s(self) -> float:
        """The wall time the whole run must end within."""
        return self.bound or (self.max_duration or 0.0) + OVERHEAD_S

    def options(self) -> list[str]:
        """The scenario's `taskconform run` options beyond API, base URL and report directory."""
        argv = ["--max-examples", str(self.max_examples), "--request-timeout", str(self.request_timeout)]
        argv += ["--rate-limit", self.rate_limit]
        if self.max_duration is not None:
            argv += ["--max-duration", str(self.max_duration)]
        if self.max_response_time is not None:
            argv += ["--max-response-time", str(self.max_response_time)]
        return argv


def _ids_for(api_name: str) -> tuple[str, ...]:
    return (MAXSIGHT_ID,) if api_name == MAXSIGHT else ()


def raw(behaviour: servers.Raw, api_name: str) -> Start:
    """A scenario start: one raw-socket server answering every request with `behaviour`."""

    @contextlib.contextmanager
    def start(log: Log) -> Iterator[Served]:
        with raw_server(behaviour, log) as origin:
            yield Served(origin + get_api(api_name).base_path, _ids_for(api_name))

    return start


def https_to_plain(api_name: str) -> Start:
    """A scenario start: a plain-HTTP server given to the suite as an https:// URL."""

    @contextlib.contextmanager
    def start(log: Log) -> Iterator[Served]:
        with raw_server(servers.html_login, log) as origin:
            yield Served(origin.replace("http://", "https://") + get_api(api_name).base_path, _ids_for(api_name))

    return start


def refused(api_name: str) -> Start:
    """A scenario start: a port where nothing listens."""

    @contextlib.contextmanager
    def start(log: Log) -> Iterator[Served]:
        with closed_port() as origin:
            yield Served(origin + get_api(api_name).base_path, _ids_for(api_name))

    return start


def redirect_elsewhere(api_name: str) -> Start:
    """A scenario start: every request redirected (307) to a second loopback origin that records what arrives."""

    @contextlib.contextmanager
    def start(log: Log) -> Iterator[Served]:
        with (
            raw_server(servers.not_here, log, name="other") as other,
            raw_server(servers.redirect_to(other), log) as main,
        ):
            yield Served(main + get_api(api_name).base_path, _ids_for(api_name))

    return start


def reference(api_name: str, before: servers.Before | None = None) -> Start:
    """A scenario start: the faithful reference app for `api_name`, every request recorded, `before` in front."""

    @contextlib.contextmanager
    def start(log: Log) -> Iterator[Served]:
        front = servers.ReferenceFront(api_name, SECRET, log, before)
        with asgi_server(front) as origin:
            ids = front.known_ids()[:2] if api_name == MAXSIGHT else ()
            yield Served(origin + get_api(api_name).base_path, ids)

    return start


def no_writes(log: Log) -> list[str]:
    """Without --allow-writes no request other than GET, HEAD or OPTIONS reaches the server."""
    writes = [s for s in log.entries() if s.method not in SAFE_METHODS]
    if not writes:
        return []
    methods = Counter(s.method for s in writes)
    first = {s.method: s.target.partition("?")[0] for s in reversed(writes)}
    top = ", ".join(f"{method} x{count}, e.g. {first[method]}" for method, count in methods.most_common())
    return [f"{len(writes)} write requests reached the server without --allow-writes: {top}"]


def received_at_least(count: int) -> Check:
    """The run really tested the server: it received at least `count` requests."""

    def check(log: Log) -> list[str]:
        seen = len(log.entries("main"))
        return [] if seen >= count else [f"the server received {seen} requests, fewer than {count}: nothing was tested"]

    return check


def no_credentials_elsewhere(log: Log) -> list[str]:
    """No credential (header or secret fragment) reaches an origin other than the base URL's."""
    finder = leak_finder()
    carried = [
        s for s in log.entries("other") if servers.presented(s) or finder.search(repr((s.target, s.headers)).encode())
    ]
    if not carried:
        return []
    return [f"{len(carried)} requests to another origin carried the credentials (first: {carried[0].method} ...)"]


def slow_requests_at_most(api_name: str, count: int) -> Check:
    """After a few slow answers the suite stops sending the slow operation: at most `count` GETs by id."""

    def check(log: Log) -> list[str]:
        slow = sum(servers.is_get_by_id(api_name, s) for s in log.entries())
        return [] if slow <= count else [f"{slow} slow GETs by id sent, more than {count}: the slow operation went on"]

    return check


def _reference_scenarios() -> list[Scenario]:
    return [
        Scenario(
            f"recording-{api}",
            "the faithful reference app, every request recorded: without --allow-writes only GET/HEAD/OPTIONS",
            api,
            CONFORMANT,
            reference(api),
            sample=True,
            max_examples=1,
            request_timeout=10.0,
            max_duration=None,
            bound=240.0,
            checks=(no_writes, received_at_least(10)),
        )
        for api in (SAILPOINT, FLEXPRICE, MAXSIGHT)
    ]


def _echo_scenarios() -> list[Scenario]:
    apis = {"whole": SAILPOINT, "cut": SAILPOINT, "prefix": FLEXPRICE, "base64": SAILPOINT, "url": MAXSIGHT}
    scenarios = [
        Scenario(
            f"echo-credential-{form}",
            f"error bodies echo the request's credential ({form} form)",
            api,
            NOT_CONFORMANT_OR_UNREACHABLE,
            raw(servers.echo(form), api),
            sample=form == "cut",
        )
        for form, api in apis.items()
    ]
    scenarios.append(
        Scenario(
            "echo-credential-header",
            "401 whose headers (X-Echo-Credential, WWW-Authenticate) echo the request's credential",
            FLEXPRICE,
            NOT_CONFORMANT_OR_UNREACHABLE,
            raw(servers.echo("header"), FLEXPRICE),
        )
    )
    return scenarios


def _malformed_json_scenarios() -> list[Scenario]:
    apis = {"truncated": SAILPOINT, "nan": SAILPOINT, "trailing": FLEXPRICE, "deep": SAILPOINT}
    return [
        Scenario(
            f"json-{kind}",
            f"200 application/json with malformed JSON ({kind})",
            api,
            NOT_CONFORMANT_OR_UNREACHABLE,
            raw(servers.json_body(servers.MALFORMED_JSON[kind]), api),
            sample=kind == "deep",
        )
        for kind, api in apis.items()
    ]


def _scenarios() -> list[Scenario]:
    hostile = NOT_CONFORMANT_OR_UNREACHABLE
    return [
        Scenario(
            "refused",
            "nothing listens: every connection refused",
            SAILPOINT,
            UNREACHABLE,
            refused(SAILPOINT),
            sample=True,
            reaches_server=False,
        ),
        Scenario(
            "reset",
            "every connection reset (TCP RST) after the request",
            FLEXPRICE,
            hostile,
            raw(servers.reset, FLEXPRICE),
        ),
        Scenario(
            "stall",
            "accepts, reads the request, never answers",
            SAILPOINT,
            hostile,
            raw(servers.stall, SAILPOINT),
        ),
        Scenario(
            "drip",
            "a valid response at one byte per second",
            SAILPOINT,
            hostile,
            raw(servers.drip, SAILPOINT),
            sample=True,
        ),
        Scenario(
            "header-flood",
            "a status line, then header lines without end",
            FLEXPRICE,
            hostile,
            raw(servers.header_flood, FLEXPRICE),
        ),
        Scenario(
            "redirect-loop",
            "every request redirected to itself",
            SAILPOINT,
            hostile,
            raw(servers.redirect_loop, SAILPOINT),
        ),
        *(
            Scenario(
                f"redirect-other-origin-{api}",
                "every request redirected (307) to another loopback origin, which records any credential",
                api,
                hostile,
                redirect_elsewhere(api),
                sample=api == FLEXPRICE,
                checks=(no_credentials_elsewhere,),
            )
            for api in (SAILPOINT, FLEXPRICE, MAXSIGHT)
        ),
        Scenario(
            "429-storm",
            "429 to everything, Retry-After one day",
            FLEXPRICE,
            hostile,
            raw(servers.too_many_requests, FLEXPRICE),
        ),
        Scenario(
            "503-flapping",
            "the faithful app, every other request 503",
            SAILPOINT,
            hostile,
            reference(SAILPOINT, servers.flapping()),
        ),
        Scenario(
            "http-0.9",
            "an HTTP/0.9 answer: body without status line",
            SAILPOINT,
            hostile,
            raw(servers.http09, SAILPOINT),
        ),
        Scenario(
            "malformed-status-line",
            "HTTP/1.1 two-hundred OK",
            FLEXPRICE,
            hostile,
            raw(servers.malformed_status_line, FLEXPRICE),
        ),
        Scenario(
            "malformed-chunked",
            "chunk sizes that are not hexadecimal or not true",
            SAILPOINT,
            hostile,
            raw(servers.malformed_chunked, SAILPOINT),
        ),
        Scenario(
            "tls-on-plain-url",
            "a TLS server at an http:// URL: answers with a TLS alert",
            FLEXPRICE,
            hostile,
            raw(servers.tls_alert, FLEXPRICE),
        ),
        Scenario(
            "https-to-plain-port",
            "a plain-HTTP server given as an https:// URL",
            SAILPOINT,
            hostile,
            https_to_plain(SAILPOINT),
        ),
        Scenario(
            "html-login",
            "200 text/html login page for every path",
            SAILPOINT,
            hostile,
            raw(servers.html_login, SAILPOINT),
        ),
        Scenario(
            "wrong-charset",
            "JSON declared UTF-8, sent as Latin-1",
            MAXSIGHT,
            hostile,
            raw(servers.wrong_charset, MAXSIGHT),
        ),
        Scenario(
            "huge-body",
            "200 with a 2 GiB JSON body (Content-Length says so)",
            SAILPOINT,
            hostile,
            raw(servers.huge_body(declared=True), SAILPOINT),
            sample=True,
        ),
        Scenario(
            "huge-body-undeclared",
            "200 with a 2 GiB JSON body, no Content-Length",
            FLEXPRICE,
            hostile,
            raw(servers.huge_body(declared=False), FLEXPRICE),
        ),
        Scenario(
            "gzip-bomb",
            "200 gzip: 4 MiB on the wire, 4 GiB inflated",
            SAILPOINT,
            hostile,
            raw(servers.gzip_bomb, SAILPOINT),
            sample=True,
        ),
        *_malformed_json_scenarios(),
        *_echo_scenarios(),
        Scenario(
            "slow-get-by-id",
            "the faithful app, every GET by id 3 s late: the suite stops sending them and reports latency",
            SAILPOINT,
            NOT_CONFORMANT,
            reference(SAILPOINT, servers.slow_get_by_id(SAILPOINT)),
            max_examples=1,
            request_timeout=10.0,
            max_duration=None,
            max_response_time=1.0,
            bound=180.0,
            checks=(slow_requests_at_most(SAILPOINT, 20),),
        ),
        Scenario(
            "ctrl-c",
            "Ctrl-C (SIGINT) 8 s after the first request, against a slow server: the report is still written",
            SAILPOINT,
            hostile,
            reference(SAILPOINT, servers.slow_get_by_id(SAILPOINT)),
            request_timeout=10.0,
            max_duration=None,
            interrupt_after_s=8.0,
            bound=45.0,
            partial=True,
        ),
        Scenario(
            "max-duration",
            "the faithful app, every GET by id 3 s late, --max-duration 10: the run stops and says so",
            SAILPOINT,
            frozenset({0, 1}),
            reference(SAILPOINT, servers.slow_get_by_id(SAILPOINT)),
            request_timeout=10.0,
            max_duration=10.0,
            partial=True,
        ),
        *_reference_scenarios(),
    ]


SCENARIOS: dict[str, Scenario] = {scenario.name: scenario for scenario in _scenarios()}
# The CI sample: a fixed subset, one per kind of harm (writes, secrets, time, memory, parsing).
SAMPLE: tuple[str, ...] = tuple(name for name, scenario in SCENARIOS.items() if scenario.sample)
