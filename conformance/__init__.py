"""taskconform: a conformance suite for task-management HTTP APIs."""

from conformance.apis import APIS, Api, AuthScheme, UnknownApiError, get_api

__version__ = "0.1.0"

__all__ = ["APIS", "Api", "AuthScheme", "UnknownApiError", "__version__", "get_api"]
