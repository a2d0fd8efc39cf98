"""taskconform: a conformance suite for task-management HTTP APIs."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_FROM_REGISTRY = frozenset({"APIS", "Api", "AuthScheme", "RegistryError", "UnknownApiError", "get_api"})


def __getattr__(name: str) -> Any:
    """The registry's public names, read on first use: importing a module of the package loads no API."""
    if name in _FROM_REGISTRY:
        from conformance import _registry

        return getattr(_registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["APIS", "Api", "AuthScheme", "RegistryError", "UnknownApiError", "__version__", "get_api"]
