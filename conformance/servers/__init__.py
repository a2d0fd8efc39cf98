"""Reference servers: faithful, stateful implementations of the APIs handed to them; the fault and variant catalogs."""

from __future__ import annotations

from conformance.servers._app import DEFAULT_SEED, build_app
from conformance.servers._auth import Credentials, configured_credentials
from conformance.servers._faults import CATEGORIES, Fault, fault_catalog
from conformance.servers._running import RunningServers, start_reference_servers
from conformance.servers._settings import ServerSettings
from conformance.servers._throttle import RateLimit, SlidingWindow, parse_rate_limit
from conformance.servers._variants import ALL, Variant, variant_catalog

__all__ = [
    "ALL",
    "CATEGORIES",
    "DEFAULT_SEED",
    "Credentials",
    "Fault",
    "RateLimit",
    "RunningServers",
    "ServerSettings",
    "SlidingWindow",
    "Variant",
    "build_app",
    "configured_credentials",
    "fault_catalog",
    "parse_rate_limit",
    "start_reference_servers",
    "variant_catalog",
]
