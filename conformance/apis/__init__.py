"""The registry of the APIs under test: one package per API, each with its entry `API`, listed here once."""

from __future__ import annotations

from conformance.apis import flexprice, maxsight_v5, sailpoint_v2025
from conformance.apis._api import Api, AuthScheme, ReferenceServer
from conformance.servers._faults import Fault, fault_catalog
from conformance.servers._variants import Variant, variant_catalog

APIS: dict[str, Api] = {api.name: api for api in (sailpoint_v2025.API, flexprice.API, maxsight_v5.API)}

FAULTS: dict[str, Fault] = fault_catalog(APIS.values())
"""The fault catalog: every API's faults and the cross-API ones, by category."""

VARIANTS: dict[str, Variant] = variant_catalog(APIS.values())
"""The variant catalog: every API's variants and the cross-API ones."""

CREDENTIALS: dict[str, str] = {name: api.server.credential for name, api in APIS.items()}
"""The built-in secrets: what the servers accept unless told otherwise (they protect nothing)."""


class UnknownApiError(LookupError):
    """Raised for an API name that is not in the registry."""


def get_api(name: str) -> Api:
    """Return the registered API called `name`, or raise UnknownApiError naming the choices."""
    try:
        return APIS[name]
    except KeyError:
        choices = ", ".join(APIS)
        raise UnknownApiError(f"unknown API {name!r}; choose one of: {choices}") from None


__all__ = [
    "APIS",
    "CREDENTIALS",
    "FAULTS",
    "VARIANTS",
    "Api",
    "AuthScheme",
    "ReferenceServer",
    "UnknownApiError",
    "get_api",
]
