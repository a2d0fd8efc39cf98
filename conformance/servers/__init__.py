"""Reference servers: faithful, stateful implementations of the registered APIs; catalogs of faults and variants."""

from __future__ import annotations

from typing import Any

# The API packages (conformance/apis/<name>/) import this package's machinery, so what comes from their
# registry (the fault catalog, the built-in secrets) is looked up there on first use, not on import.
import conformance.apis as registry
from conformance.servers._app import DEFAULT_SEED, build_app
from conformance.servers._auth import Credentials, configured_credentials
from conformance.servers._faults import CATEGORIES, Fault
from conformance.servers._running import RunningServers, start_reference_servers
from conformance.servers._settings import ServerSettings
from conformance.servers._throttle import RateLimit, SlidingWindow, parse_rate_limit
from conformance.servers._variants import ALL, Variant

_FROM_REGISTRY = ("CREDENTIALS", "FAULTS", "VARIANTS")


def __getattr__(name: str) -> Any:
    """CREDENTIALS (the built-in secrets), FAULTS and VARIANTS (the catalogs), as the API registry assembles them."""
    if name in _FROM_REGISTRY:
        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ALL",
    "CATEGORIES",
    "CREDENTIALS",
    "DEFAULT_SEED",
    "FAULTS",
    "VARIANTS",
    "Credentials",
    "Fault",
    "RateLimit",
    "RunningServers",
    "ServerSettings",
    "SlidingWindow",
    "Variant",
    "build_app",
    "configured_credentials",
    "parse_rate_limit",
    "start_reference_servers",
]
