"""The conformance suite as pytest items: one per step of the run (collected by the taskconform plugin)."""

from __future__ import annotations

import pytest

from conformance._results import Failure
from conformance.suite._plan import Step
from conformance.suite._progress import RECORD, record
from conformance.suite._session import RUN_KEY


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One item per step: fuzz each operation, walk the links, prove each semantic property."""
    steps = metafunc.config.stash[RUN_KEY].steps()
    metafunc.parametrize("step", steps, ids=[step.id for step in steps])


def test_conformance(step: Step, request: pytest.FixtureRequest) -> None:
    """The step's checks hold against the API under test: its verdict is the step's outcome (warnings fail it only
    under --strict; failures that are all known make it an expected failure)."""
    run = request.config.stash[RUN_KEY]
    outcome = run.run_step(step)
    request.node.user_properties.append((RECORD, record(outcome)))  # for the controller's progress
    if outcome.status == "skipped":
        pytest.skip(outcome.reason)
    findings = outcome.failures + (outcome.warnings if run.settings.strict else ())
    if findings:
        first = {(f.operation, f.check): f for f in reversed(findings)}
        lines = [
            f"{f.operation} · {f.check}: {f.title}{' (warning)' if f.level == 'warning' else ''}\n    {f.message}\n"
            f"    expected: {f.expected}\n    actual:   {f.actual}\n    rests on: {_basis(f)}\n    reproduce: {f.curl}"
            for f in first.values()
        ]
        pytest.fail("\n".join(lines), pytrace=False)
    if outcome.known:
        named = sorted({f"{f.operation} · {f.check} (known-findings entry {f.known})" for f in outcome.known})
        pytest.xfail("known: " + "; ".join(named))


def _basis(failure: Failure) -> str:
    return "; ".join(f"{s.source}, {s.section}: {s.quote!r}" for s in failure.rests_on) or "-"
