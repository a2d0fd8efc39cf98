"""Credentials: built-in secrets by default, a configured token for the bearer API and key for the API-key APIs,
any non-empty credential on request; the security faults still act on top."""

from __future__ import annotations

import pytest

from conformance import get_api
from conformance._registry import CREDENTIALS
from conformance.servers._auth import Credentials, admits, configured_credentials
from conformance.servers._faults import acting_on

SP, FP, MX = "sailpoint-v2025", "flexprice", "maxsight-v5"
NO_FAULTS: frozenset[str] = frozenset()


def _admitted(api_name: str, headers: dict[str, str], faults: frozenset[str], credentials: Credentials) -> bool:
    """Whether the API lets the request in with the named faults active."""
    api = get_api(api_name)
    return admits(api, headers, acting_on(api, faults), credentials)


def _headers(api_name: str, secret: str) -> dict[str, str]:
    return {SP: {"authorization": f"Bearer {secret}"}, FP: {"x-api-key": secret}, MX: {"apikey": secret}}[api_name]


def test_by_default_each_api_accepts_its_built_in_secret_only() -> None:
    credentials = Credentials()
    for api_name, secret in CREDENTIALS.items():
        assert _admitted(api_name, _headers(api_name, secret), NO_FAULTS, credentials)
        others = [other for name, other in CREDENTIALS.items() if name != api_name]
        assert not any(_admitted(api_name, _headers(api_name, other), NO_FAULTS, credentials) for other in others)


def test_a_configured_token_opens_the_bearer_api_and_a_configured_key_the_api_key_apis() -> None:
    def accepted(credentials: Credentials) -> dict[str, str]:
        return {name: credentials.secret_for(get_api(name)) for name in (SP, FP, MX)}

    assert accepted(configured_credentials("my-token", "my-key")) == {SP: "my-token", FP: "my-key", MX: "my-key"}
    assert accepted(configured_credentials(api_key="my-key")) == {SP: CREDENTIALS[SP], FP: "my-key", MX: "my-key"}
    token_only = accepted(configured_credentials(token="my-token"))
    assert token_only == {SP: "my-token", FP: CREDENTIALS[FP], MX: CREDENTIALS[MX]}


@pytest.mark.parametrize("api_name", [SP, FP, MX])
def test_any_non_empty_credential_opens_every_api_but_none_still_gets_refused(api_name: str) -> None:
    credentials = configured_credentials(any_non_empty=True)
    assert _admitted(api_name, _headers(api_name, "anything at all"), NO_FAULTS, credentials)
    assert not _admitted(api_name, {}, NO_FAULTS, credentials)
    assert not _admitted(api_name, _headers(api_name, ""), NO_FAULTS, credentials)


def test_the_security_faults_act_whatever_credentials_are_configured() -> None:
    credentials = configured_credentials("my-token", "my-key")
    assert _admitted(SP, {}, frozenset({"sailpoint-auth-ignored"}), credentials)
    assert _admitted(MX, {}, frozenset({"maxsight-auth-ignored"}), credentials)
    any_key = frozenset({"flexprice-any-api-key-accepted"})
    assert _admitted(FP, _headers(FP, "wrong"), any_key, credentials)
    assert not _admitted(FP, {}, any_key, credentials)
