"""Redaction: known secrets, credential headers and secret query values never reach an output."""

from __future__ import annotations

import pytest

from conformance._redact import PLACEHOLDER, Redactor


def test_known_secret_is_replaced_wherever_it_appears() -> None:
    redactor = Redactor.of(["tok-123456", None, ""])
    assert redactor.text('{"token": "tok-123456"} and tok-123456') == f'{{"token": "{PLACEHOLDER}"}} and {PLACEHOLDER}'


def test_credential_headers_are_replaced_whatever_their_value() -> None:
    text = "curl -H 'Authorization: Bearer abc' -H 'apikey: k1' -H 'x-api-key: k2' -H 'Accept: */*'"
    out = Redactor().text(text)
    assert "abc" not in out and "k1" not in out and "k2" not in out
    assert "Accept: */*" in out


def test_secret_query_values_are_replaced_and_others_kept() -> None:
    out = Redactor().text("https://h/x?api_key=zzz&limit=5&token=yyy")
    assert out == f"https://h/x?api_key={PLACEHOLDER}&limit=5&token={PLACEHOLDER}"


def test_headers_mapping_keeps_names_and_hides_credential_values() -> None:
    redactor = Redactor.of(["s3cret"])
    assert redactor.headers({"Authorization": "Bearer s3cret", "X-Note": "has s3cret"}) == {
        "Authorization": PLACEHOLDER,
        "X-Note": f"has {PLACEHOLDER}",
    }


def test_environment_placeholders_in_credential_headers_are_kept() -> None:
    text = 'curl -H "Authorization: Bearer $TASKCONFORM_TOKEN" -H "apikey: $TASKCONFORM_API_KEY"'
    assert Redactor().text(text) == text


def test_the_environments_secrets_are_known(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TASKCONFORM_TOKEN", "env-token-42")
    monkeypatch.delenv("TASKCONFORM_API_KEY", raising=False)
    assert Redactor.from_environment("other").text("env-token-42 other") == f"{PLACEHOLDER} {PLACEHOLDER}"
