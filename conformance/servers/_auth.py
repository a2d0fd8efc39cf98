"""Credentials: the one secret each API accepts, where it travels, and whether a request presents it."""

from __future__ import annotations

from collections.abc import Mapping

from conformance._registry import AuthScheme, get_api

CREDENTIALS: dict[str, str] = {
    "sailpoint-v2025": "ref-sailpoint-token",
    "flexprice": "ref-flexprice-key",
    "maxsight-v5": "ref-maxsight-key",
}

_AUTH_IGNORED = {"sailpoint-v2025": "sailpoint-auth-ignored", "maxsight-v5": "maxsight-auth-ignored"}
_ANY_KEY_ACCEPTED = {"flexprice": "flexprice-any-api-key-accepted"}


def presented_secret(scheme: AuthScheme, headers: Mapping[str, str]) -> str | None:
    """The secret a request carries under `scheme` (the token after `Bearer `, or the key header's value)."""
    value = headers.get(scheme.header.lower())
    if not value:
        return None
    if scheme.kind != "bearer":
        return value
    kind, _, token = value.partition(" ")
    return token.strip() or None if kind.lower() == "bearer" else None


def admits(api_name: str, headers: Mapping[str, str], faults: frozenset[str]) -> bool:
    """True when the request may proceed: it carries the API's secret, or an active security fault waves it through."""
    secret = presented_secret(get_api(api_name).auth, headers)
    if secret == CREDENTIALS[api_name] or _AUTH_IGNORED.get(api_name) in faults:
        return True
    return secret is not None and _ANY_KEY_ACCEPTED.get(api_name) in faults
