"""Seed data: every API's task set drawn deterministically from one seed, and the draws the API packages share."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from conformance.servers._clock import REFERENCE_TIME

if TYPE_CHECKING:
    from conformance.core._api import Api

SEED_WINDOW = timedelta(days=88)
"""Every seed task is created within this window before REFERENCE_TIME (a vendor may hide tasks older than 90 days)."""

Task = dict[str, Any]
T = TypeVar("T")

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def seed_data(seed: int, apis: Iterable[Api]) -> dict[str, list[Task]]:
    """Every API's seed tasks, keyed by API name, each list in creation order."""
    return {api.name: api.server.seed_tasks(seed) for api in apis}


def pick(rng: random.Random, values: Sequence[T], index: int, weights: Sequence[int] | None = None) -> T:
    """values[index] for the first len(values) draws (so every value occurs), a weighted draw afterwards."""
    if index < len(values):
        return values[index]
    return rng.choices(values, weights=weights)[0]


def creation_times(rng: random.Random, count: int, slack: timedelta) -> list[datetime]:
    """`count` ascending creation instants inside SEED_WINDOW, leaving `slack` before REFERENCE_TIME."""
    start = REFERENCE_TIME - SEED_WINDOW
    span = int((SEED_WINDOW - slack).total_seconds())
    return [start + timedelta(seconds=offset) for offset in sorted(rng.sample(range(span), count))]


def hex_id(rng: random.Random) -> str:
    """A 32-digit hexadecimal id."""
    return f"{rng.getrandbits(128):032x}"


def random_uuid(rng: random.Random) -> str:
    """A version-4 UUID."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def ulid(rng: random.Random, moment: datetime, prefix: str) -> str:
    """A ULID-style id (time part from `moment`, then random) after `prefix`."""
    millis = int(moment.timestamp() * 1000)
    time_part = "".join(_CROCKFORD[(millis >> shift) & 31] for shift in range(45, -5, -5))
    random_part = "".join(rng.choice(_CROCKFORD) for _ in range(16))
    return f"{prefix}{time_part}{random_part}"


def later(rng: random.Random, moment: datetime, low: int, high: int) -> datetime:
    """`moment` plus between `low` and `high` seconds."""
    return moment + timedelta(seconds=rng.randint(low, high))
