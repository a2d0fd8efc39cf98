"""Redaction: known secrets, credential headers and secret query values never reach an output."""

from __future__ import annotations

import base64
from urllib.parse import quote, quote_plus

import pytest

from conformance._redact import PLACEHOLDER, Redactor
from conformance.suite._failures import excerpt


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


SECRET = "Zq8Xv2Lm9Pw4Rt7Yu1Io3Kj6"


@pytest.mark.parametrize(
    "echoed",
    [
        SECRET[:22],  # a prefix: what a server that cuts a long header leaves
        SECRET[5:13],  # any eight characters from the middle
        base64.b64encode(f"Bearer {SECRET}".encode()).decode(),
        base64.urlsafe_b64encode(f"x:{SECRET}".encode()).decode(),
        quote(f"Bearer {SECRET}", safe=""),
        quote_plus(SECRET + "+/"),
    ],
    ids=["prefix", "fragment", "base64", "base64url", "url-encoded", "form-encoded"],
)
def test_fragments_and_encodings_of_a_secret_are_replaced(echoed: str) -> None:
    out = Redactor.of([SECRET]).text(f"echo: {echoed} end")
    windows = {SECRET[i : i + 8] for i in range(len(SECRET) - 7)}
    assert PLACEHOLDER in out
    assert not any(window in out for window in windows)
    assert out.startswith("echo: ") and out.endswith(" end")


def test_text_shorter_than_a_fragment_is_left_alone() -> None:
    redactor = Redactor.of([SECRET])
    assert redactor.text(f"id {SECRET[:7]} and more") == f"id {SECRET[:7]} and more"


def test_an_excerpt_is_redacted_before_it_is_cut() -> None:
    body = ("x" * 595 + SECRET).encode()
    out = excerpt(body, Redactor.of([SECRET]))
    assert SECRET[:5] not in out and out.endswith(" …")


def test_a_one_character_secret_is_hidden_where_it_travels_and_as_a_whole_word_only() -> None:
    redactor = Redactor.of(["x"])
    travelling = "curl -X GET 'http://h/v5/tasks?apikey=x&q=x' -H 'apikey: x' -H 'X-Echo: x'"
    assert redactor.text(travelling) == (
        f"curl -X GET 'http://h/v5/tasks?apikey={PLACEHOLDER}&q={PLACEHOLDER}' -H 'apikey: {PLACEHOLDER}'"
        f" -H 'X-Echo: {PLACEHOLDER}'"
    )
    assert (
        redactor.text('{"echo": "x", "note": "key x."}') == f'{{"echo": "{PLACEHOLDER}", "note": "key {PLACEHOLDER}."}}'
    )
    words = "maxsight-v5 (Maxsight v5 - Tasks), specs/maxsight-v5-tasks.yaml, x.example, /x/, max_x, 2x, xx, exit"
    assert redactor.text(words) == words
    assert redactor.headers({"apikey": "x", "X-Name": "maxsight"}) == {"apikey": PLACEHOLDER, "X-Name": "maxsight"}


def test_a_short_secret_is_hidden_url_encoded_too_and_public_credentials_stay_whole_only() -> None:
    redactor = Redactor.of(["a b+"], public=["ref-maxsight-key"])
    assert redactor.text("?k=a%20b%2B&l=a+b%2B") == f"?k={PLACEHOLDER}&l={PLACEHOLDER}"
    assert redactor.text("ref-maxsight-key ref-maxsight") == f"{PLACEHOLDER} ref-maxsight"


def test_only_a_secret_too_short_to_hunt_in_free_text_gets_the_note_said_once() -> None:
    assert Redactor.of([SECRET]).note is None
    assert Redactor.of(["ref-maxsight-key"], public=["ref-maxsight-key"]).note is None
    note = Redactor.of([SECRET, "x"]).note
    assert note is not None and "too short to be hunted in free text" in note
