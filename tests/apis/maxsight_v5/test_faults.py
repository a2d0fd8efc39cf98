"""Maxsight's faults: switching each on changes what a client sees, as its probe observes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.apis.maxsight_v5 import API
from tests.servers.helpers import MAXSIGHT, UNKNOWN_UUID, Clients, anonymous, observes_fault


def _mx_known(c: Clients, index: int = 3) -> str:
    return c.servers.known_task_ids(MAXSIGHT)[index]


# fault name -> probe: True when the client observes the fault's deviation (and False on the honest servers).
PROBES: dict[str, Callable[[Clients], bool]] = {
    "maxsight-missing-data-version": lambda c: "data_version" not in c.maxsight.get(f"/tasks/{_mx_known(c)}").json(),
    "maxsight-null-created-at": lambda c: c.maxsight.get(f"/tasks/{_mx_known(c)}").json()["created_at"] is None,
    "maxsight-unknown-id-200": lambda c: c.maxsight.get(f"/tasks/{UNKNOWN_UUID}").status_code == 200,
    "maxsight-text-plain": lambda c: (
        c.maxsight.get(f"/tasks/{_mx_known(c)}").headers["content-type"].startswith("text/plain")
    ),
    "maxsight-returns-other-task": lambda c: c.maxsight.get(f"/tasks/{_mx_known(c)}").json()["id"] != _mx_known(c),
    "maxsight-auth-ignored": lambda c: anonymous(c, MAXSIGHT, f"/tasks/{_mx_known(c)}").status_code == 200,
    "maxsight-non-ascii-id-500": lambda c: c.maxsight.get("/tasks/é").status_code == 500,
}


def test_every_fault_of_the_api_has_a_probe() -> None:
    assert PROBES.keys() == {fault.name for fault in API.server.faults}


@pytest.mark.parametrize("name", list(PROBES))
def test_switching_the_fault_on_changes_what_its_probe_observes(name: str, clients: Clients) -> None:
    observes_fault(name, PROBES[name], clients)
