"""Maxsight's variants: each one, switched on, shows a client the other choice it made (and the reference does not)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance import get_api
from tests.servers.helpers import MAXSIGHT, UNKNOWN_UUID, Clients, observes_variant

SEED_STATUSES = {"INCOMPLETE", "IN_PROGRESS", "COMPLETE", "SKIPPED"}

PROBES: dict[str, Callable[[Clients], bool]] = {
    "maxsight-ids-case-sensitive": lambda c: (
        c.maxsight.get(f"/tasks/{c.servers.known_task_ids(MAXSIGHT)[0].upper()}").status_code == 404
    ),
    "maxsight-errors-text": lambda c: (
        c.maxsight.get(f"/tasks/{UNKNOWN_UUID}").headers["content-type"].startswith("text/plain")
    ),
    "maxsight-tasks-worked-on": lambda c: any(
        c.maxsight.get(f"/tasks/{task_id}").json()["status"] not in SEED_STATUSES
        for task_id in c.servers.known_task_ids(MAXSIGHT)[:12]
    ),
}


def test_every_maxsight_variant_has_a_probe() -> None:
    assert PROBES.keys() == {variant.name for variant in get_api(MAXSIGHT).server.variants}


@pytest.mark.parametrize("name", list(PROBES))
def test_switching_the_variant_on_shows_its_choice(name: str, clients: Clients) -> None:
    observes_variant(name, PROBES[name], clients)
