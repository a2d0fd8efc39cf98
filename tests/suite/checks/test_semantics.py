"""A property judges what the state lets it judge: an undecided example is neither a pass nor a failure."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import strategies as st

from conformance._redact import Redactor
from conformance.apis import get_api
from conformance.suite._tally import Tally
from conformance.suite.checks._semantics import Semantics, Undecided

OPERATION = "GET /tasks/{task_id}"


def semantics() -> Semantics:
    caller = SimpleNamespace(
        tally=Tally(spec={}, redactor=Redactor.of([])), settings=SimpleNamespace(max_examples=10, seed=0)
    )
    return Semantics(caller=caller, contract=get_api("maxsight-v5").contract(), spec={})  # type: ignore[arg-type]


def test_a_check_none_of_whose_examples_could_be_judged_is_skipped_with_the_reason() -> None:
    s = semantics()

    def prop(value: int) -> None:
        raise Undecided("the list changed between reads")

    s.prove("pagination", (OPERATION,), st.integers(0, 5), prop)
    cell = s.caller.tally.cells[(OPERATION, "pagination")]
    assert cell.status == "skipped"
    assert cell.reason == "no example could be judged: the list changed between reads"


def test_a_check_with_some_judged_examples_passes() -> None:
    s = semantics()

    def prop(value: int) -> None:
        if value % 2:
            raise Undecided("the task changed")

    s.prove("pagination", (OPERATION,), st.integers(0, 5), prop)
    assert s.caller.tally.cells[(OPERATION, "pagination")].status == "passed"
