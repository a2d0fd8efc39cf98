"""The hostile battery's selection: CI runs a fixed sample; TASKCONFORM_HOSTILE=full runs all."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.hostile.scenarios import SCENARIOS
from tests.hostile.verdict import Verdicts

FULL_ENV = "TASKCONFORM_HOSTILE"
FULL_REASON = f"full hostile battery only: set {FULL_ENV}=full, or run python bench/hostile.py"
# Runs against hostile servers wait more than they compute: two at a time halve the battery's wall time
# on two cores, and every bound still holds.
PARALLEL_RUNS = 2


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker of scenarios outside the CI sample."""
    config.addinivalue_line("markers", "hostile_full: a hostile scenario outside the CI sample (" + FULL_REASON + ")")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave the scenarios outside the sample out of the run (deselected) unless the full set is asked for."""
    if os.environ.get(FULL_ENV) == "full":
        return
    outside = [item for item in items if item.get_closest_marker("hostile_full")]
    if outside:
        config.hook.pytest_deselected(items=outside)
        items[:] = [item for item in items if not item.get_closest_marker("hostile_full")]


@pytest.fixture(scope="session")
def verdicts(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Verdicts]:
    """Verdicts of the selected scenarios, all started at once; under pytest-xdist, one at a time on demand."""
    under_xdist = hasattr(request.config, "workerinput")
    with ThreadPoolExecutor(1 if under_xdist else PARALLEL_RUNS, thread_name_prefix="hostile-run") as pool:
        runs = Verdicts(pool, lambda name: tmp_path_factory.mktemp(name, numbered=True))
        for name in [] if under_xdist else _selected(request.session.items):
            runs.start(name)
        yield runs
        pool.shutdown(cancel_futures=True)


def _selected(items: list[pytest.Item]) -> list[str]:
    """The scenarios of the selected battery tests; the longest bound first, to overlap the rest."""
    names = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "scenario" in callspec.params:
            names.append(callspec.params["scenario"])
    return sorted(names, key=lambda name: -SCENARIOS[name].bound_s)
