"""The hostile servers do what the registry says: the bomb inflates as stated, each echo form carries the secret."""

from __future__ import annotations

import gzip

import pytest

from tests.hostile import servers
from tests.hostile.secret import SECRET, leak_finder, leak_offsets
from tests.hostile.serving import Seen


def test_the_gzip_bomb_is_one_valid_gzip_stream_of_whitespace() -> None:
    header, segment, count, end = servers.gzip_bomb_parts(3 * servers.CHUNK)
    inflated = gzip.decompress(header + segment * count + end + servers.gzip_trailer(count))
    assert inflated == b" " * (3 * servers.CHUNK)


def test_the_full_bomb_is_a_thousand_times_smaller_on_the_wire() -> None:
    header, segment, count, end = servers.gzip_bomb_parts()
    assert count * servers.CHUNK == servers.BOMB_INFLATED_BYTES
    assert len(header) + len(segment) * count + len(end) + 8 < servers.BOMB_INFLATED_BYTES // 1000


@pytest.mark.parametrize("form", sorted(servers.ECHO_FORMS))
def test_each_echo_form_carries_a_fragment_of_the_secret(form: str) -> None:
    assert leak_offsets(servers.ECHO_FORMS[form](SECRET, 0).encode(), leak_finder())


@pytest.mark.parametrize("cut", range(200, 700))
def test_an_excerpt_cut_anywhere_leaves_eight_characters_on_one_of_two_requests(cut: int) -> None:
    left = [servers.ECHO_FORMS["cut"](SECRET, number)[:cut].replace(SECRET, "[REDACTED]") for number in (0, 1)]
    assert any(leak_offsets(text.encode(), leak_finder()) for text in left)


@pytest.mark.parametrize(("header", "value"), [("Authorization", f"Bearer {SECRET}"), ("x-api-key", SECRET)])
def test_the_echo_servers_find_the_credential_a_request_carries(header: str, value: str) -> None:
    seen = Seen("main", "GET", "/", (("Accept", "*/*"), (header, value)))
    assert servers.presented(seen) == (header.lower(), SECRET)
    assert servers.presented(Seen("main", "GET", "/", (("Accept", "*/*"),))) is None
