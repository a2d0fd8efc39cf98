"""The conformance suite as pytest items: one per step of the run (collected by the taskconform plugin)."""

from __future__ import annotations

import pytest

from conformance.suite._plan import Step
from conformance.suite._session import RUN_KEY


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One item per step: fuzz each operation, walk the links, prove each semantic property."""
    steps = metafunc.config.stash[RUN_KEY].steps()
    metafunc.parametrize("step", steps, ids=[step.id for step in steps])


def test_conformance(step: Step, request: pytest.FixtureRequest) -> None:
    """The step's checks hold against the API under test."""
    reason, failed = request.config.stash[RUN_KEY].run_step(step)
    if reason:
        pytest.skip(reason)
    if failed:
        lines = [
            f"{cell.operation} · {cell.check}: {failure.title}\n    {failure.message}\n"
            f"    expected: {failure.expected}\n    actual:   {failure.actual}\n    reproduce: {failure.curl}"
            for cell in failed
            for failure in cell.failures[:1]
        ]
        pytest.fail("\n".join(lines), pytrace=False)
