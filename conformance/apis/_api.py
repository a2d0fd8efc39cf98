"""One API's registry entry: the values and functions the suite, the reference servers and the CLI read about it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from conformance._spec import load_spec

if TYPE_CHECKING:
    from conformance.servers._faults import Fault
    from conformance.servers._routing import Handler
    from conformance.servers._variants import Variant
    from conformance.suite._contracts import ApiContract

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
    spec_file: str
    base_path: str
    auth: AuthScheme
    has_list: bool
    contract_from: Callable[[dict[str, Any]], ApiContract] = field(compare=False, repr=False)
    """The semantic contract, read from a version of the API's spec."""
    server: ReferenceServer = field(compare=False, repr=False)
    rate_limit: str | None = None
    """The vendor's published rate limit (N/DURATION), which a run against a base URL keeps to by default."""

    @property
    def spec_path(self) -> Path:
        """Absolute path of this API's OpenAPI document."""
        return specs_dir() / self.spec_file

    def contract(self, spec: dict[str, Any] | None = None) -> ApiContract:
        """The semantic contract read from `spec`, or from the API's own spec file without one."""
        return self.contract_from(spec if spec is not None else load_spec(self.spec_path))


def specs_dir() -> Path:
    """The folder holding the specs: packaged inside the wheel, or `specs/` beside the package."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "specs"
    return packaged if packaged.is_dir() else package.parent / "specs"
