"""Credentials: the secret each API accepts, where it travels, and whether a request presents it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conformance.core._api import Api, AuthKind, AuthScheme
    from conformance.servers._faults import Fault


@dataclass(frozen=True)
class Credentials:
    """The secret each kind of API accepts (the API's built-in one where none is given); with `any_non_empty`, every
    non-empty credential is accepted (as Prism does)."""

    by_kind: Mapping[AuthKind, str] = field(default_factory=dict)
    any_non_empty: bool = False

    def secret_for(self, api: Api) -> str:
        """The secret `api` accepts: the one given for its kind of credential, else its built-in one."""
        return self.by_kind.get(api.auth.kind) or api.server.credential

    def accepts(self, api: Api, secret: str) -> bool:
        """True when `secret`, as presented to `api`, opens it."""
        return self.any_non_empty or secret == self.secret_for(api)


def configured_credentials(
    token: str | None = None, api_key: str | None = None, *, any_non_empty: bool = False
) -> Credentials:
    """`token` for the bearer APIs and `api_key` for the API-key APIs; the built-in secret where one is None."""
    given: dict[AuthKind, str | None] = {"bearer": token, "api-key": api_key}
    return Credentials({kind: secret for kind, secret in given.items() if secret}, any_non_empty)


def presented_secret(scheme: AuthScheme, headers: Mapping[str, str]) -> str | None:
    """The secret a request carries under `scheme` (the token after `Bearer `, or the key header's value)."""
    value = headers.get(scheme.header.lower())
    if not value:
        return None
    if scheme.kind != "bearer":
        return value
    kind, _, token = value.partition(" ")
    return token.strip() or None if kind.lower() == "bearer" else None


def admits(api: Api, headers: Mapping[str, str], faults: Iterable[Fault], credentials: Credentials) -> bool:
    """True when the request carries an accepted secret, or one of the faults (acting on `api`) waves it through."""
    secret = presented_secret(api.auth, headers)
    if any(fault.waves_through is not None and fault.waves_through(secret) for fault in faults):
        return True
    return secret is not None and credentials.accepts(api, secret)


def anyone(secret: str | None) -> bool:
    """A security fault's rule that lets every request in, with or without a credential."""
    return True


def any_secret(secret: str | None) -> bool:
    """A security fault's rule that lets in every request presenting a non-empty credential, whatever it is."""
    return secret is not None
