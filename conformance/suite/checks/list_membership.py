"""Every item of a list belongs there: pending lists hold tasks not yet completed, and the reverse."""

from __future__ import annotations

from conformance.suite import _statements as q
from conformance.suite._contracts import ApiContract
from conformance.suite._failures import Violation
from conformance.suite._statements import SP
from conformance.suite.checks._check import Check, Subject, register
from conformance.suite.checks._semantics import Semantics, at, task_id


def subjects(contract: ApiContract, operations: tuple[str, ...]) -> tuple[Subject, ...]:
    """Each list whose contract says which tasks it holds."""
    return tuple(Subject((lst.operation,), lst) for lst in contract.lists if lst.membership is not None)


def prove(s: Semantics, subject: Subject) -> None:
    """Each listed task has the membership field null (or set) as the list promises."""
    lst = subject.list
    assert lst is not None and lst.membership is not None
    pointer, must_be_null = lst.membership
    field = "/".join(pointer)
    exchange = s.page(lst, limit=lst.max_limit, offset=0)
    for item in s.items(lst, exchange, "list_membership"):
        value = at(item, pointer, default=None)
        if (value is None) != must_be_null:
            s.fail(
                Violation(
                    check="list_membership",
                    exchange=exchange,
                    title="List holds a task that does not belong to it",
                    message=f"task {task_id(item)!r} has {field} = {value!r}",
                    expected=f"{field} {'null' if must_be_null else 'set'} for every item",
                    actual=f"{field} = {value!r}",
                )
            )
            return
    s.caller.tally.passed(lst.operation, "list_membership")


CHECK = register(
    Check(
        name="list_membership",
        summary="pending and completed lists hold the right tasks",
        kind="property",
        writes=False,
        subjects=subjects,
        prove=prove,
        rests_on={SP: (q.SP_PENDING, q.SP_COMPLETED)},
    )
)
