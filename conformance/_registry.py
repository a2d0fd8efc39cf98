"""The registry of the APIs under test: every `Api` registered under the `taskconform.apis` entry-point group.

This project's three APIs register there the same way a team's own API package would (see README, "Adding an API");
the catalogs of faults and variants and the built-in secrets are assembled from whatever is registered.
"""

from __future__ import annotations

import functools
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from conformance.core._api import Api, AuthScheme, ReferenceServer
from conformance.servers import Fault, Variant, fault_catalog, variant_catalog

ENTRY_POINT_GROUP = "taskconform.apis"
OWN_DISTRIBUTION = "taskconform"


class RegistryError(RuntimeError):
    """An API entry point that does not load, or does not name an `Api`; the message says which and what to do."""


class UnknownApiError(LookupError):
    """Raised for an API name that is not in the registry."""


@functools.cache
def registered() -> dict[str, Api]:
    """Every registered API by name: this project's own first, in the order it lists them, then the others'."""
    apis: dict[str, Api] = {}
    for point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=_own_first):
        api = _load(point)
        if apis.get(api.name, api) is not api:
            raise RegistryError(f"two entry points of {ENTRY_POINT_GROUP!r} register an API called {api.name!r}")
        apis[api.name] = api
    if not apis:
        raise RegistryError(f"no API is registered under {ENTRY_POINT_GROUP!r}: install the package (pip install -e .)")
    return apis


def _own_first(point: EntryPoint) -> bool:
    return point.dist is None or point.dist.name != OWN_DISTRIBUTION


def _load(point: EntryPoint) -> Api:
    try:
        api = point.load()
    except Exception as exc:  # a team's package may fail in any way: say which one, and why
        raise RegistryError(f"the API entry point {point.name!r} ({point.value}) does not load: {exc}") from None
    if not isinstance(api, Api):
        raise RegistryError(f"the API entry point {point.name!r} ({point.value}) names no conformance Api")
    return api


def get_api(name: str) -> Api:
    """Return the registered API called `name`, or raise UnknownApiError naming the choices."""
    apis = registered()
    try:
        return apis[name]
    except KeyError:
        raise UnknownApiError(f"unknown API {name!r}; choose one of: {', '.join(apis)}") from None


# Read on first use (module `__getattr__` below); declared here for readers and type checkers.
APIS: dict[str, Api]
FAULTS: dict[str, Fault]
VARIANTS: dict[str, Variant]
CREDENTIALS: dict[str, str]

_CATALOGS = {
    "APIS": lambda: registered(),
    "FAULTS": lambda: fault_catalog(registered().values()),
    "VARIANTS": lambda: variant_catalog(registered().values()),
    "CREDENTIALS": lambda: {name: api.server.credential for name, api in registered().items()},
}


@functools.cache
def __getattr__(name: str) -> Any:
    """APIS (by name), FAULTS and VARIANTS (the catalogs) and CREDENTIALS (the built-in secrets, which protect
    nothing), read from the registered APIs on first use."""
    if name in _CATALOGS:
        return _CATALOGS[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "APIS",
    "CREDENTIALS",
    "ENTRY_POINT_GROUP",
    "FAULTS",
    "VARIANTS",
    "Api",
    "AuthScheme",
    "Fault",
    "ReferenceServer",
    "RegistryError",
    "UnknownApiError",
    "Variant",
    "get_api",
    "registered",
]
