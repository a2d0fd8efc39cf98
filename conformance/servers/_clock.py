"""Time on the reference servers: a fixed reference instant, RFC 3339 text, and a logical clock."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

REFERENCE_TIME = datetime(2025, 6, 30, 12, 0, 0, tzinfo=UTC)
"""The instant the seed data is drawn back from; the servers' clock starts here and ticks once per write."""

_RFC3339 = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})T(?P<time>[0-9]{2}:[0-9]{2}:[0-9]{2})(?P<fraction>\.[0-9]+)?"
    r"(?P<zone>Z|[+-][0-9]{2}:[0-9]{2})"
)


def format_time(moment: datetime) -> str:
    """RFC 3339 text in UTC with a `Z`, to the second (the form the documents' examples use)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> datetime | None:
    """The instant an RFC 3339 date-time names, or None when `text` is not one (strict: upper-case T and Z)."""
    match = _RFC3339.fullmatch(text)
    if match is None:
        return None
    fraction = (match["fraction"] or ".0")[1:7].ljust(6, "0")
    zone = "+00:00" if match["zone"] == "Z" else match["zone"]
    try:
        return datetime.fromisoformat(f"{match['date']}T{match['time']}.{fraction}{zone}")
    except ValueError:
        return None


class LogicalClock:
    """Deterministic time: REFERENCE_TIME plus one second per tick, so replays give the same timestamps."""

    def __init__(self) -> None:
        self.ticks = 0

    def now(self) -> datetime:
        """The current logical instant."""
        return REFERENCE_TIME + timedelta(seconds=self.ticks)

    def tick(self) -> str:
        """Advance one second and return the new instant as RFC 3339 text."""
        self.ticks += 1
        return format_time(self.now())
