"""The leak finder sees every form of the secret a server or a report can make of it, and nothing else."""

from __future__ import annotations

import base64
import json
import re
from urllib.parse import quote

import pytest

from tests.hostile.secret import FRAGMENT, SECRET, fragments, leak_finder, leak_offsets


@pytest.fixture(scope="module")
def finder():
    return leak_finder()


def _found(finder, text: str) -> bool:
    return bool(leak_offsets(text.encode(), finder))


def test_the_secret_is_long_enough_for_fragments_to_mean_something() -> None:
    assert len(SECRET) >= 24
    assert len(fragments()) > 3 * (len(SECRET) - FRAGMENT)


@pytest.mark.parametrize("start", range(len(SECRET) - FRAGMENT + 1))
def test_every_window_of_eight_characters_is_a_leak(finder, start: int) -> None:
    assert _found(finder, f"excerpt: ...{SECRET[start : start + FRAGMENT]}... [truncated]")


@pytest.mark.parametrize("prefix", ["", "B", "Be", "Bearer ", "apikey: "])
def test_base64_of_any_text_holding_the_secret_is_a_leak(finder, prefix: str) -> None:
    encoded = base64.b64encode(f"{prefix}{SECRET}".encode()).decode()
    assert _found(finder, f"credential {encoded} rejected")
    assert _found(finder, base64.urlsafe_b64encode(f"{prefix}{SECRET}".encode()).decode())


def test_url_encoded_forms_are_leaks_in_either_hex_case(finder) -> None:
    encoded = quote(SECRET, safe="")
    assert encoded != SECRET
    assert _found(finder, f"?credential={encoded}")
    lower_hex = re.sub(r"%[0-9A-F]{2}", lambda m: m[0].lower(), encoded)
    assert lower_hex != encoded
    assert _found(finder, f"?credential={lower_hex}")


def test_a_json_escaped_secret_is_still_found_by_its_unescaped_windows(finder) -> None:
    assert _found(finder, json.dumps({"message": SECRET}))


def test_seven_characters_or_unrelated_text_are_not_leaks(finder) -> None:
    assert not _found(finder, f"token {SECRET[: FRAGMENT - 1]} and {SECRET[-(FRAGMENT - 1) :]} [REDACTED]")
    assert not _found(finder, "Authorization: Bearer $TASKCONFORM_TOKEN; x-api-key: [REDACTED]")


def test_offsets_say_where_without_repeating_the_secret(finder) -> None:
    data = b"0123456789" + SECRET.encode()
    assert leak_offsets(data, finder)[0] == 10
