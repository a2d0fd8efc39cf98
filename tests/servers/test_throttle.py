"""Rate limits: the `N/DURATION` form, a sliding window that counts admitted requests only, and Retry-After."""

from __future__ import annotations

import pytest

from conformance.servers._throttle import MAX_REQUESTS, RateLimit, SlidingWindow, parse_rate_limit, retry_after


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("100/10s", RateLimit(100, 10.0)),
        ("5/500ms", RateLimit(5, 0.5)),
        ("60/1m", RateLimit(60, 60.0)),
        ("10/2", RateLimit(10, 2.0)),
        ("3/s", RateLimit(3, 1.0)),
        (" 7/1.5s ", RateLimit(7, 1.5)),
    ],
)
def test_a_rate_limit_is_n_per_duration(text: str, limit: RateLimit) -> None:
    assert parse_rate_limit(text) == limit


@pytest.mark.parametrize(
    "text", ["", "100", "0/10s", "100/0s", "100/10h", "-1/10s", "ten/10s", f"{MAX_REQUESTS + 1}/1s"]
)
def test_anything_else_is_refused_with_the_form_to_write(text: str) -> None:
    with pytest.raises(ValueError, match=r"write N/DURATION .* e\.g\. 100/10s"):
        parse_rate_limit(text)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_window_admits_n_requests_then_says_how_long_until_the_oldest_leaves_it() -> None:
    clock = FakeClock()
    window = SlidingWindow(RateLimit(3, 10.0), clock)
    for step in range(3):
        clock.now = 1000.0 + step
        assert window.admit() is None
    clock.now = 1004.0
    assert window.admit() == pytest.approx(6.0)
    clock.now = 1009.5
    assert window.admit() == pytest.approx(0.5)
    clock.now = 1010.0
    assert window.admit() is None
    assert window.admit() == pytest.approx(1.0)


def test_refused_requests_are_not_counted() -> None:
    clock = FakeClock()
    window = SlidingWindow(RateLimit(1, 10.0), clock)
    assert window.admit() is None
    for _ in range(50):
        assert window.admit() is not None
    clock.now += 10.0
    assert window.admit() is None


@pytest.mark.parametrize(("wait", "header"), [(0.001, "1"), (0.5, "1"), (1.0, "1"), (1.01, "2"), (9.2, "10")])
def test_retry_after_is_whole_seconds_rounded_up_and_at_least_one(wait: float, header: str) -> None:
    assert retry_after(wait) == header


def test_a_rate_limit_reads_as_a_sentence() -> None:
    assert str(parse_rate_limit("100/10s")) == "at most 100 requests per 10 s"
