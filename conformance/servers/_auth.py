"""Credentials: the secret each API accepts, where it travels, and whether a request presents it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from conformance._registry import APIS, AuthScheme, get_api

CREDENTIALS: dict[str, str] = {
    "sailpoint-v2025": "ref-sailpoint-token",
    "flexprice": "ref-flexprice-key",
    "maxsight-v5": "ref-maxsight-key",
}
"""The built-in secrets: what the servers accept unless told otherwise (they protect nothing)."""

_AUTH_IGNORED = {"sailpoint-v2025": "sailpoint-auth-ignored", "maxsight-v5": "maxsight-auth-ignored"}
_ANY_KEY_ACCEPTED = {"flexprice": "flexprice-any-api-key-accepted"}


@dataclass(frozen=True)
class Credentials:
    """The secret each API accepts; with `any_non_empty`, every non-empty credential is accepted (as Prism does)."""

    accepted: Mapping[str, str] = field(default_factory=lambda: dict(CREDENTIALS))
    any_non_empty: bool = False

    def accepts(self, api_name: str, secret: str) -> bool:
        """True when `secret`, as presented to `api_name`, opens it."""
        return self.any_non_empty or secret == self.accepted[api_name]


def configured_credentials(
    token: str | None = None, api_key: str | None = None, *, any_non_empty: bool = False
) -> Credentials:
    """`token` for the bearer APIs and `api_key` for the API-key APIs; the built-in secret where one is None."""
    given = {"bearer": token, "api-key": api_key}
    accepted = {name: given[api.auth.kind] or CREDENTIALS[name] for name, api in APIS.items()}
    return Credentials(accepted, any_non_empty)


def presented_secret(scheme: AuthScheme, headers: Mapping[str, str]) -> str | None:
    """The secret a request carries under `scheme` (the token after `Bearer `, or the key header's value)."""
    value = headers.get(scheme.header.lower())
    if not value:
        return None
    if scheme.kind != "bearer":
        return value
    kind, _, token = value.partition(" ")
    return token.strip() or None if kind.lower() == "bearer" else None


def admits(api_name: str, headers: Mapping[str, str], faults: frozenset[str], credentials: Credentials) -> bool:
    """True when the request carries an accepted secret, or an active security fault waves it through."""
    if _AUTH_IGNORED.get(api_name) in faults:
        return True
    secret = presented_secret(get_api(api_name).auth, headers)
    if secret is None:
        return False
    return credentials.accepts(api_name, secret) or _ANY_KEY_ACCEPTED.get(api_name) in faults
