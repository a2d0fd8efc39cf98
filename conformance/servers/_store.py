"""The servers' state: every API's tasks, a logical clock and a creation counter, behind one lock."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from conformance.servers._clock import LogicalClock
from conformance.servers._data import Task, seed_data

if TYPE_CHECKING:
    from conformance.core._api import Api


class Store:
    """In-memory tasks per API, restored from the seed by `reset()`.

    Task dicts are never mutated once stored: a write stores a new dict. So the seed tasks are drawn once
    and shared by every reset, and a reader may serialize what it took under the lock after releasing it.
    """

    def __init__(self, seed: int, apis: Iterable[Api]) -> None:
        self.seed = seed
        self.lock = threading.RLock()
        self._seed_tasks = seed_data(seed, apis)
        self.seed_ids = {api: tuple(task["id"] for task in tasks) for api, tasks in self._seed_tasks.items()}
        self.tasks: dict[str, dict[str, Task]] = {}
        self.clock = LogicalClock()
        self.created = 0
        self.reset()

    def reset(self) -> None:
        """Restore the seed state: the seed tasks, the clock at its start, the creation counter at zero."""
        with self.lock:
            self.tasks = {api: {task["id"]: task for task in tasks} for api, tasks in self._seed_tasks.items()}
            self.clock = LogicalClock()
            self.created = 0

    def next_serial(self) -> int:
        """Count one more created task and return its serial number (1, 2, ...)."""
        with self.lock:
            self.created += 1
            return self.created
