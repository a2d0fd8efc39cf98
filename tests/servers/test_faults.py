"""The fault catalog: every fault names the statement it breaks, and switching it on changes what a client sees
(each API's faults are probed in tests/apis/<name>/test_faults.py, the cross-API ones here)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from conformance._registry import APIS, FAULTS
from conformance.servers import CATEGORIES, build_app
from conformance.servers._faults import CROSS_API
from tests.servers.helpers import UNKNOWN_UUID, Clients, observes_fault


def _allow_missing_on_405(c: Clients) -> bool:
    answers = [
        c.sailpoint.delete("/task-status"),
        c.flexprice.delete("/tasks"),
        c.maxsight.put(f"/tasks/{UNKNOWN_UUID}"),
    ]
    assert [answer.status_code for answer in answers] == [405, 405, 405]
    return all("allow" not in answer.headers for answer in answers)


# fault name -> probe: True when the client observes the fault's deviation (and False on the honest servers).
PROBES: dict[str, Callable[[Clients], bool]] = {
    "all-405-without-allow": _allow_missing_on_405,
}


def test_the_catalog_has_at_least_25_faults_over_every_category_and_api() -> None:
    assert len(FAULTS) >= 25
    assert {fault.category for fault in FAULTS.values()} == set(CATEGORIES)
    assert {fault.api for fault in FAULTS.values()} == {*APIS, "all"}


@pytest.mark.parametrize("name", list(FAULTS))
def test_each_fault_names_the_statement_it_breaks_and_what_it_does(name: str) -> None:
    fault = FAULTS[name]
    assert fault.name == name
    assert re.match(r"(000|001|002|003)\b", fault.statement), "the statement cites a seed document first"
    assert '"' in fault.statement, "the statement quotes the document"
    assert fault.description.endswith(".")
    assert name.split("-")[0] == fault.api.split("-")[0]


def test_the_catalog_is_every_apis_faults_then_the_cross_api_ones_by_category() -> None:
    own = [fault for api in APIS.values() for fault in api.server.faults]
    assert sorted(FAULTS) == sorted(fault.name for fault in (*own, *CROSS_API))
    assert [fault.category for fault in FAULTS.values()] == sorted(
        (fault.category for fault in FAULTS.values()), key=CATEGORIES.index
    )
    assert all(fault.api == api.name for api in APIS.values() for fault in api.server.faults)
    order = [*APIS, "all"]
    for category in CATEGORIES:
        apis = [fault.api for fault in FAULTS.values() if fault.category == category]
        assert apis == sorted(apis, key=order.index), category


def test_every_cross_api_fault_has_a_probe() -> None:
    # Each API's faults have theirs in tests/apis/<name>/test_faults.py.
    assert PROBES.keys() == {fault.name for fault in CROSS_API}


def test_an_unknown_fault_name_is_refused_with_the_valid_names() -> None:
    first = next(iter(FAULTS))
    with pytest.raises(ValueError, match=rf"unknown fault 'no-such-fault'; valid faults: {first}, "):
        build_app(APIS.values(), faults=["no-such-fault"])


@pytest.mark.parametrize("name", list(PROBES))
def test_switching_the_fault_on_changes_what_its_probe_observes(name: str, clients: Clients) -> None:
    observes_fault(name, PROBES[name], clients)
