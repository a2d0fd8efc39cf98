"""Shared by the reference-server tests: authenticated clients, and a check of responses against the specs."""

from __future__ import annotations

import json
import os
import re
import ssl
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conformance import get_api
from conformance._redact import API_KEY_ENV, TOKEN_ENV
from conformance._registry import APIS, CREDENTIALS
from conformance.core._spec import load_spec
from conformance.servers import RunningServers, start_reference_servers

SAILPOINT, FLEXPRICE, MAXSIGHT = "sailpoint-v2025", "flexprice", "maxsight-v5"
EXPERIMENTAL = {"X-SailPoint-Experimental": "true"}
PATCH_JSON = {"Content-Type": "application/json-patch+json"}
UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"
_SPEC_URI = "urn:tests:spec"
_TLS = ssl.create_default_context()  # shared: httpx builds one per client otherwise (~30 ms each); unused over http
SERVE = [sys.executable, "-m", "conformance.cli", "serve"]
READY_LINE_LIMIT = 20


@dataclass(frozen=True)
class Clients:
    """One authenticated client per API (SailPoint's also sends the experimental header)."""

    servers: RunningServers
    sailpoint: httpx.Client
    flexprice: httpx.Client
    maxsight: httpx.Client


def auth_headers(api_name: str, secret: str | None = None) -> dict[str, str]:
    """The headers that carry `secret` (the accepted one by default) for `api_name`."""
    return get_api(api_name).auth.headers_for(CREDENTIALS[api_name] if secret is None else secret)


@contextmanager
def clients_for(servers: RunningServers) -> Iterator[Clients]:
    """Authenticated clients on `servers`, closed on exit."""
    with ExitStack() as stack:

        def client(api_name: str, extra: dict[str, str] | None = None) -> httpx.Client:
            headers = {**auth_headers(api_name), **(extra or {})}
            base_url = servers.base_url(api_name)
            return stack.enter_context(httpx.Client(base_url=base_url, headers=headers, timeout=10, verify=_TLS))

        yield Clients(servers, client(SAILPOINT, EXPERIMENTAL), client(FLEXPRICE), client(MAXSIGHT))


@dataclass(frozen=True)
class Served:
    """`taskconform serve` running as a process, with the lines it printed up to "Press Ctrl-C to stop."."""

    process: subprocess.Popen[str]
    lines: list[str]

    @property
    def text(self) -> str:
        """The announced lines as one text."""
        return "\n".join(self.lines)

    @property
    def origin(self) -> str:
        """The origin the process announced, e.g. http://127.0.0.1:PORT."""
        found = re.search(r"reference servers on (http://127\.0\.0\.1:\d+)", self.text)
        assert found, f"no origin announced; printed: {self.text!r}"
        return found[1]


def _announced(process: subprocess.Popen[str]) -> list[str]:
    """The lines printed up to "Press Ctrl-C to stop." (a bounded number of them)."""
    lines = []
    for _ in range(READY_LINE_LIMIT):
        line = process.stdout.readline() if process.stdout else ""
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith("Press Ctrl-C"):
            break
    return lines


@contextmanager
def serve_process(*args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """`taskconform serve --port 0 ARGS` as a real process on loopback; the secrets' variables only from `env`."""
    environment = {name: value for name, value in os.environ.items() if name not in (TOKEN_ENV, API_KEY_ENV)}
    process = subprocess.Popen(
        [*SERVE, "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**environment, **(env or {})},
    )
    try:
        yield Served(process, _announced(process))
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def send(method: str, url: str, **kwargs: Any) -> httpx.Response:
    """One request outside the authenticated clients (e.g. without credentials)."""
    return httpx.request(method, url, timeout=10, verify=_TLS, **kwargs)


def anonymous(c: Clients, api_name: str, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
    """A GET of `path` on the API without its credential (with `headers` only)."""
    return send("GET", c.servers.base_url(api_name) + path, headers=headers or {})


def ascending(values: list[str]) -> bool:
    """True when `values` are in ascending order."""
    return values == sorted(values)


def newest_first(values: list[str]) -> bool:
    """True when timestamps `values` are in descending order and not all equal."""
    return values == sorted(values, reverse=True) and values != sorted(values)


def observes_fault(name: str, probe: Callable[[Clients], bool], clients: Clients) -> None:
    """Assert that `probe` sees nothing on the honest servers and sees the deviation once the fault is on."""
    _observes(probe, clients, faults=[name])


def observes_variant(name: str, probe: Callable[[Clients], bool], clients: Clients) -> None:
    """Assert that `probe` sees nothing on the reference servers and sees the other choice once the variant is on."""
    _observes(probe, clients, variants=[name])


def _observes(probe: Callable[[Clients], bool], clients: Clients, **switched: list[str]) -> None:
    assert probe(clients) is False, "the reference servers must not show it"
    with (
        start_reference_servers(APIS.values(), **switched) as switched_on,
        clients_for(switched_on) as switched_clients,
    ):
        assert probe(switched_clients) is True


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


class SpecCheck:
    """What an API's spec documents for a response: status code, content type, body schema, headers."""

    def __init__(self, api_name: str) -> None:
        self.spec = load_spec(get_api(api_name).spec_path)
        self._registry = Registry().with_resource(_SPEC_URI, Resource.from_contents(self.spec, DRAFT202012))

    def schema_errors(self, pointer: str, value: Any) -> list[str]:
        """Why `value` is not valid against the schema at `pointer` (checking formats)."""
        validator = jsonschema.Draft202012Validator(
            {"$ref": f"{_SPEC_URI}#{pointer}"}, registry=self._registry, format_checker=jsonschema.FormatChecker()
        )
        return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(value)]

    def _resolve(self, node: dict[str, Any], pointer: str) -> tuple[dict[str, Any], str]:
        while "$ref" in node:
            pointer = node["$ref"].removeprefix("#")
            node = self.spec
            for token in pointer.lstrip("/").split("/"):
                node = node[token.replace("~1", "/").replace("~0", "~")]
        return node, pointer

    def violations(self, method: str, template: str, response: httpx.Response) -> list[str]:
        """Every way `response` to `method template` departs from the spec (empty when it conforms)."""
        where = f"{method} {template} -> {response.status_code}"
        operation_pointer = f"/paths/{_escape(template)}/{method.lower()}"
        responses = self.spec["paths"][template][method.lower()]["responses"]
        status = str(response.status_code)
        key = next((k for k in (status, f"{status[0]}XX", "default") if k in responses), None)
        if key is None:
            return [f"{where}: status not documented"]
        declared, pointer = self._resolve(responses[key], f"{operation_pointer}/responses/{key}")
        problems = [f"{where}: {problem}" for problem in self._header_problems(declared, pointer, response)]
        content = declared.get("content")
        if method == "HEAD" or not content:
            if method == "HEAD" and response.content:
                problems.append(f"{where}: HEAD answered with a body")
            return problems
        media_type = response.headers.get("content-type", "").split(";")[0].strip()
        if media_type not in content and "*/*" not in content:
            return [*problems, f"{where}: Content-Type {media_type!r} is not one of {sorted(content)}"]
        if media_type in content:
            try:
                body = json.loads(response.content)
            except ValueError:
                return [*problems, f"{where}: the body is not JSON"]
            schema_pointer = f"{pointer}/content/{_escape(media_type)}/schema"
            problems += [f"{where}: {error}" for error in self.schema_errors(schema_pointer, body)]
        return problems

    def _header_problems(self, declared: dict[str, Any], pointer: str, response: httpx.Response) -> Iterator[str]:
        for name in declared.get("headers", {}):
            if name in response.headers:
                _, header_pointer = self._resolve(declared["headers"][name], f"{pointer}/headers/{name}")
                value = response.headers[name]
                parsed = int(value) if value.isdigit() else value
                for error in self.schema_errors(f"{header_pointer}/schema", parsed):
                    yield f"header {name}: {error}"
