"""Reference servers: faithful, stateful implementations of the APIs handed to them; the fault and variant catalogs."""

from __future__ import annotations

from conformance.servers._app import DEFAULT_SEED, build_app
from conformance.servers._auth import Credentials, configured_credentials
from conformance.servers._data import Task, creation_times, random_uuid
from conformance.servers._faults import CATEGORIES, Fault, fault_catalog
from conformance.servers._http import ApiError, Reply
from conformance.servers._running import RunningServers, start_reference_servers
from conformance.servers._service import Call
from conformance.servers._settings import ServerSettings
from conformance.servers._tampering import Exchange, each_task, setting, without
from conformance.servers._throttle import RateLimit, SlidingWindow, parse_rate_limit
from conformance.servers._variants import ALL, Variant, variant_catalog

__all__ = [
    "ALL",
    "CATEGORIES",
    "DEFAULT_SEED",
    "ApiError",
    "Call",
    "Credentials",
    "Exchange",
    "Fault",
    "RateLimit",
    "Reply",
    "RunningServers",
    "ServerSettings",
    "SlidingWindow",
    "Task",
    "Variant",
    "build_app",
    "configured_credentials",
    "creation_times",
    "each_task",
    "fault_catalog",
    "parse_rate_limit",
    "random_uuid",
    "setting",
    "start_reference_servers",
    "variant_catalog",
    "without",
]
