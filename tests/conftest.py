"""Fixtures for the reference-server and API tests: one honest server for the session, reset before every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance._registry import APIS
from conformance.servers import RunningServers, start_reference_servers
from tests.servers.helpers import FLEXPRICE, MAXSIGHT, SAILPOINT, Clients, SpecCheck, clients_for


@pytest.fixture(scope="session")
def honest() -> Iterator[RunningServers]:
    """The reference servers without faults, on a free loopback port."""
    with start_reference_servers(APIS.values()) as servers:
        yield servers


@pytest.fixture
def reference(honest: RunningServers) -> RunningServers:
    """The honest servers, restored to the seed state."""
    honest.reset()
    return honest


@pytest.fixture(scope="session")
def honest_clients(honest: RunningServers) -> Iterator[Clients]:
    """Authenticated clients on the honest servers."""
    with clients_for(honest) as made:
        yield made


@pytest.fixture
def clients(honest_clients: Clients) -> Clients:
    """Authenticated clients on the honest servers, restored to the seed state."""
    honest_clients.servers.reset()
    return honest_clients


@pytest.fixture(scope="session")
def spec_checks() -> dict[str, SpecCheck]:
    """A SpecCheck per API."""
    return {name: SpecCheck(name) for name in (SAILPOINT, FLEXPRICE, MAXSIGHT)}
