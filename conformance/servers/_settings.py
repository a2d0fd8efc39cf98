"""How the servers behave beyond their data: the credentials they accept, added latency, and a rate limit."""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.servers._auth import Credentials
from conformance.servers._throttle import RateLimit


@dataclass(frozen=True)
class ServerSettings:
    """What `taskconform serve` lets a user configure; the defaults are what the suite's embedded servers use."""

    credentials: Credentials = field(default_factory=Credentials)
    latency: float = 0.0
    """Seconds every API answer is delayed (concurrent requests wait side by side)."""
    rate_limit: RateLimit | None = None
    """Counted per API; a request over it gets 429 with Retry-After."""
