"""Reference servers: faithful, stateful implementations of the three task APIs, and a catalog of faults."""

from conformance.servers._app import DEFAULT_SEED, build_app
from conformance.servers._auth import CREDENTIALS
from conformance.servers._faults import CATEGORIES, FAULTS, Fault
from conformance.servers._running import RunningServers, start_reference_servers

__all__ = [
    "CATEGORIES",
    "CREDENTIALS",
    "DEFAULT_SEED",
    "FAULTS",
    "Fault",
    "RunningServers",
    "build_app",
    "start_reference_servers",
]
