"""Reference servers: faithful, stateful implementations of the three task APIs, and a catalog of faults."""

from conformance.servers._app import DEFAULT_SEED, build_app
from conformance.servers._auth import CREDENTIALS, Credentials, configured_credentials
from conformance.servers._faults import CATEGORIES, FAULTS, Fault
from conformance.servers._running import RunningServers, start_reference_servers
from conformance.servers._settings import ServerSettings
from conformance.servers._throttle import RateLimit, parse_rate_limit

__all__ = [
    "CATEGORIES",
    "CREDENTIALS",
    "DEFAULT_SEED",
    "FAULTS",
    "Credentials",
    "Fault",
    "RateLimit",
    "RunningServers",
    "ServerSettings",
    "build_app",
    "configured_credentials",
    "parse_rate_limit",
    "start_reference_servers",
]
