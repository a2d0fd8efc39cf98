"""The shape of one API's entry: the values and functions the suite, the reference servers and the CLI read about it.

An API package (this project's own under `conformance/apis/`, or a team's) builds one `Api` and registers it under
the `taskconform.apis` entry-point group.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from conformance.core._contracts import ApiContract
from conformance.core._spec import load_spec, specs_dir
from conformance.core._statements import Statement

if TYPE_CHECKING:
    from conformance.core._contracts import ApiContract
    from conformance.servers._faults import Fault
    from conformance.servers._routing import Handler
    from conformance.servers._variants import Variant

AuthKind = Literal["bearer", "api-key"]
TaskShape = Literal["list", "one", "items"]
"""Where an operation's answer holds tasks: a list of them, one task, or the `items` of an envelope."""


@dataclass(frozen=True)
class AuthScheme:
    """How a client proves who it is: a bearer token or an API key in a named header."""

    kind: AuthKind
    header: str

    def headers_for(self, secret: str) -> dict[str, str]:
        """Return the request headers that carry `secret` under this scheme."""
        if self.kind == "bearer":
            return {self.header: f"Bearer {secret}"}
        return {self.header: secret}


@dataclass(frozen=True)
class ReferenceServer:
    """How the reference servers play one API: handlers, seed tasks, error body, built-in secret and faults."""

    handlers: Mapping[str, Handler]
    """The handler of every operation of the spec, by operationId."""
    seed_tasks: Callable[[int], list[dict[str, Any]]]
    """The API's seed tasks drawn from a seed, in creation order."""
    error_body: Callable[[int, str], dict[str, Any]]
    """The JSON error body for a status and a message."""
    credential: str
    """The built-in secret the servers accept unless told otherwise (it protects nothing)."""
    task_bodies: Mapping[str, TaskShape]
    """Where each task-returning operation's answer holds its tasks, by operationId (response faults rewrite them)."""
    by_id: frozenset[str]
    """The operations that look a task up by its id (their 404 is an unknown id)."""
    faults: tuple[Fault, ...]
    """This API's entries of the fault catalog, with their behaviour."""
    variants: tuple[Variant, ...] = ()
    """This API's entries of the variant catalog: faithful servers that chose differently."""
    invalid_path_status: int = 400
    """The status of a path parameter the contract rejects."""
    client_note: str = ""
    """What a client must send beyond its credential, as `taskconform serve` prints it."""


@dataclass(frozen=True)
class Api:
    """One API under test: its identity and spec, and (not compared) how to read its contract and serve it."""

    name: str
    title: str
    spec_path: Path
    """The hand-written OpenAPI document of the API."""
    base_path: str
    auth: AuthScheme
    has_list: bool
    contract_from: Callable[[dict[str, Any]], ApiContract] = field(compare=False, repr=False)
    """The semantic contract, read from a version of the API's spec."""
    server: ReferenceServer = field(compare=False, repr=False)
    rate_limit: str | None = None
    """The vendor's published rate limit (N/DURATION), which a run against a base URL keeps to by default."""
    rests_on: Mapping[str, tuple[Statement, ...]] = field(default_factory=dict, compare=False, repr=False)
    """What each check enforces on this API, by check name ("request": an answer at all), and what a cross-API
    variant rests on, by the topic it names: the documents' sentences, and our decisions where they are silent."""
    codes_stated: bool = False
    """The documents state the codes for an unknown id and a missing credential themselves, so another 4XX for
    the same situation is no documented choice (a failure, not a warning)."""
    documents: tuple[str, ...] = ()
    """The file names of the vendor documents its statements quote."""

    @property
    def spec_file(self) -> str:
        """The spec as a report names it: `specs/NAME` for one shipped with the suite, else its path."""
        shipped = specs_dir()
        return f"specs/{self.spec_path.name}" if self.spec_path.parent == shipped else str(self.spec_path)

    def contract(self, spec: dict[str, Any] | None = None) -> ApiContract:
        """The semantic contract read from `spec`, or from the API's own spec file without one."""
        return self.contract_from(spec if spec is not None else load_spec(self.spec_path))

    def statements(self, topic: str) -> tuple[Statement, ...]:
        """What this API rests `topic` (a check's name, or a cross-API entry's topic) on; none when silent."""
        return tuple(self.rests_on.get(topic, ()))
