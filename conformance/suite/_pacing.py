"""Spending a vendor's rate limit well: requests paced to a documented limit, and 429/503 answers waited out.

A run against a base URL sends at most N requests in any S seconds (`--rate-limit N/S`, by default the vendor's
published limit where there is one). A 429 or 503 with `Retry-After` is waited out and the request sent again, a
bounded number of times; once a server keeps throttling, the suite stops waiting and reports what it got. Every
second spent waiting is counted, for the report.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from schemathesis.core.rate_limit import parse_retry_after

from conformance.servers import RateLimit, SlidingWindow

RETRY_STATUSES = frozenset({429, 503})
MAX_RETRIES = 3  # per request
MAX_RETRY_WAIT = 30.0  # seconds: a longer Retry-After is not waited out
BACKOFF = (1.0, 2.0, 4.0)  # a 429 without Retry-After
STORM = 5  # requests in a row still throttled after every retry: the server keeps throttling, stop waiting


@dataclass
class Pacer:
    """The pace of one API's requests and the waits it took."""

    rate: RateLimit | None = None
    deadline: float | None = None  # time.time() at which the run ends
    waited: float = 0.0
    retried: int = 0
    waiting_until: float | None = None  # time.monotonic() at which the wait under way ends (read by the progress)
    _window: SlidingWindow | None = field(default=None, init=False, repr=False)
    _exhausted: int = field(default=0, init=False, repr=False)

    def __post_init__(self) -> None:
        self._window = SlidingWindow(self.rate) if self.rate else None

    def wait_turn(self) -> None:
        """Sleep until the rate limit has room for one more request."""
        while self._window is not None:
            wait = self._window.admit()
            if wait is None or not self._sleep(wait):
                return

    def retry_after(self, status: int, headers: dict[str, list[str]], attempt: int) -> bool:
        """After a throttling answer: wait as it asks and return True to send again, or False to keep the answer."""
        if status not in RETRY_STATUSES or self._exhausted >= STORM:
            return False
        if attempt >= MAX_RETRIES:
            self._exhausted += 1
            return False
        values = headers.get("retry-after") or headers.get("Retry-After") or []
        wait = parse_retry_after(values[0]) if values else None
        if wait is None and status == 429:
            wait = BACKOFF[attempt]
        if wait is None or wait > MAX_RETRY_WAIT or not self._sleep(wait):
            return False
        self.retried += 1
        return True

    def answered(self) -> None:
        """A request got an answer that is not a throttling one: the server is not in a storm."""
        self._exhausted = 0

    def _sleep(self, seconds: float) -> bool:
        """Sleep `seconds` (counted) unless that would pass the run's deadline; True when slept."""
        if self.deadline is not None and time.time() + seconds >= self.deadline:
            return False
        self.waiting_until = time.monotonic() + seconds
        try:
            time.sleep(seconds)
        finally:
            self.waiting_until = None
        self.waited += seconds
        return True
