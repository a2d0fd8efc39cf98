"""The registry of the APIs under test: name, spec file, base path and auth scheme."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

AuthKind = Literal["bearer", "api-key"]


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
class Api:
    """One API under test."""

    name: str
    title: str
    spec_file: str
    base_path: str
    auth: AuthScheme
    has_list: bool
    rate_limit: str | None = None  # the vendor's published rate limit, which a run against a base URL keeps to

    @property
    def spec_path(self) -> Path:
        """Absolute path of this API's OpenAPI document."""
        return specs_dir() / self.spec_file


BEARER = AuthScheme(kind="bearer", header="Authorization")

APIS: dict[str, Api] = {
    api.name: api
    for api in (
        Api(
            name="sailpoint-v2025",
            title="SailPoint Identity Security Cloud v2025 - Task Management",
            spec_file="sailpoint-v2025-task-management.yaml",
            base_path="/v2025",
            auth=BEARER,
            has_list=True,
            # SailPoint's API gateway: 100 requests per 10 seconds per client (decision 33; not in the seeds).
            rate_limit="100/10s",
        ),
        Api(
            name="flexprice",
            title="Flexprice - Tasks",
            spec_file="flexprice-tasks.yaml",
            base_path="/v1",
            auth=AuthScheme(kind="api-key", header="x-api-key"),
            has_list=True,
        ),
        Api(
            name="maxsight-v5",
            title="Maxsight v5 - Tasks",
            spec_file="maxsight-v5-tasks.yaml",
            base_path="/v5",
            auth=AuthScheme(kind="api-key", header="apikey"),
            has_list=False,
        ),
    )
}


class UnknownApiError(LookupError):
    """Raised for an API name that is not in the registry."""


def get_api(name: str) -> Api:
    """Return the registered API called `name`, or raise UnknownApiError naming the choices."""
    try:
        return APIS[name]
    except KeyError:
        choices = ", ".join(APIS)
        raise UnknownApiError(f"unknown API {name!r}; choose one of: {choices}") from None


def specs_dir() -> Path:
    """The folder holding the specs: packaged inside the wheel, or `specs/` beside the package."""
    here = Path(__file__).resolve().parent
    packaged = here / "specs"
    return packaged if packaged.is_dir() else here.parent / "specs"
