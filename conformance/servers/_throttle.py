"""Rehearsing a throttling vendor: a rate limit written `N/DURATION`, and a sliding window that says when to retry."""

from __future__ import annotations

import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

MAX_REQUESTS = 1_000_000
"""The largest N accepted: the window remembers one instant per admitted request."""

_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0}
_RATE = re.compile(r"(?P<requests>[0-9]+)/(?P<amount>[0-9]+(?:\.[0-9]+)?)?(?P<unit>ms|s|m)?")


@dataclass(frozen=True)
class RateLimit:
    """At most `requests` requests in any `seconds` seconds."""

    requests: int
    seconds: float

    def __str__(self) -> str:
        return f"at most {self.requests} requests per {self.seconds:g} s"


def parse_rate_limit(text: str) -> RateLimit:
    """`100/10s`, `5/500ms`, `60/1m` or `10/1` (seconds) as a RateLimit; ValueError saying the form otherwise."""
    match = _RATE.fullmatch(text.strip())
    amount = match and float(match["amount"] or 1) * _UNITS[match["unit"] or "s"]
    if not match or not amount or not 1 <= int(match["requests"]) <= MAX_REQUESTS:
        raise ValueError(
            f"invalid rate limit {text!r}: write N/DURATION with 1 <= N <= {MAX_REQUESTS} and a duration "
            "above zero in ms, s or m, e.g. 100/10s"
        )
    return RateLimit(int(match["requests"]), amount)


class SlidingWindow:
    """Admits at most `limit.requests` requests in any `limit.seconds`; a refused request is not counted."""

    def __init__(self, limit: RateLimit, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self._clock = clock
        self._admitted: deque[float] = deque()
        self._lock = threading.Lock()

    def admit(self) -> float | None:
        """None when a request may proceed (it is counted); else the seconds until the window has room again."""
        now = self._clock()
        with self._lock:
            while self._admitted and self._admitted[0] <= now - self.limit.seconds:
                self._admitted.popleft()
            if len(self._admitted) < self.limit.requests:
                self._admitted.append(now)
                return None
            return self._admitted[0] + self.limit.seconds - now


def retry_after(wait: float) -> str:
    """The Retry-After value for a wait: whole seconds, rounded up, at least 1."""
    return str(max(1, math.ceil(wait)))
