"""The hostile battery's selection: CI runs a fixed sample; TASKCONFORM_HOSTILE=full runs all."""

from __future__ import annotations

import os

import pytest

FULL_ENV = "TASKCONFORM_HOSTILE"
FULL_REASON = f"full hostile battery only: set {FULL_ENV}=full, or run python bench/hostile.py"


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker of scenarios outside the CI sample."""
    config.addinivalue_line("markers", "hostile_full: a hostile scenario outside the CI sample (" + FULL_REASON + ")")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip, with the reason shown in the summary, the scenarios outside the sample unless the full set is asked for."""
    if os.environ.get(FULL_ENV) == "full":
        return
    for item in items:
        if item.get_closest_marker("hostile_full"):
            item.add_marker(pytest.mark.skip(reason=FULL_REASON))
