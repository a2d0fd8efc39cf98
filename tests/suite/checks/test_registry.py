"""The check registry: every check is a value that says what it applies to, whether it writes and how it runs."""

from __future__ import annotations

import pytest

from conformance import APIS
from conformance.core._spec import load_spec
from conformance.suite import CHECKS, FUZZ_CHECKS, STATEFUL_CHECKS, Check, operations_of, properties, register
from conformance.suite._transport import SAFE_METHODS
from conformance.suite.checks._check import every_operation


@pytest.mark.parametrize("check", list(CHECKS.values()), ids=list(CHECKS))
def test_every_check_declares_its_operations_and_whether_it_writes(check: Check) -> None:
    assert isinstance(check.writes, bool) and check.summary
    for name, api in APIS.items():
        spec = load_spec(api.spec_path)
        operations = operations_of(spec)
        for subject in check.subjects(APIS[name].contract(spec), operations):
            assert subject.operations and set(subject.operations) <= set(operations)
            if not check.writes:
                assert check.kind == "schemathesis" or all(
                    op.split(" ", 1)[0] in SAFE_METHODS for op in subject.operations
                ), f"{check.name} calls a write operation but says it does not write"


def test_properties_run_themselves_and_builtins_are_left_to_the_engine() -> None:
    assert all(check.prove is not None for check in properties())
    builtins = {name for name, check in CHECKS.items() if check.kind == "schemathesis"}
    assert builtins == set(STATEFUL_CHECKS) and set(FUZZ_CHECKS) < builtins
    assert all(CHECKS[name].prove is None for name in builtins)


def test_a_name_is_registered_once() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        register(Check("pagination", "again", "property", False, every_operation))
