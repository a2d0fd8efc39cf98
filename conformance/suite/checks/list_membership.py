"""Every item of a list belongs there: pending lists hold tasks not yet completed, and the reverse."""

from __future__ import annotations

from conformance.core._contracts import ApiContract
from conformance.suite._violations import Violation
from conformance.suite.checks._check import Check, Subject, register
from conformance.suite.checks._semantics import Semantics, at, task_id
from conformance.suite.checks._state import StateRule, state_rule

NONE_CLEAR = "no listed task has a clear state (each has one completion field set and the other null)"


def subjects(contract: ApiContract, operations: tuple[str, ...]) -> tuple[Subject, ...]:
    """Each list whose contract says which tasks it holds."""
    return tuple(Subject((lst.operation,), lst) for lst in contract.lists if lst.membership is not None)


def prove(s: Semantics, subject: Subject) -> None:
    """Each listed task whose state is clear is open (pending list) or finished (the other), as the list promises.

    A task half-updated through PATCH (`completed` set, `completionStatus` null, or the reverse) is in neither
    state the documents name, so no list is judged on it (decision 35).
    """
    lst = subject.list
    assert lst is not None and lst.membership is not None
    pointer, must_be_null = lst.membership
    rule = state_rule(s.contract, pointer) or StateRule(fields=(pointer,))
    belongs = "open" if must_be_null else "finished"
    fields = " and ".join("/".join(p) for p in rule.fields)
    exchange = s.widest_page(lst)
    items = s.items(lst, exchange, "list_membership")
    clear = [item for item in items if rule.state(item) != "unclear"]
    for item in clear:
        if rule.state(item) != belongs:
            shown = ", ".join(f"{'/'.join(p)} = {at(item, p, default=None)!r}" for p in rule.fields)
            s.fail(
                Violation(
                    check="list_membership",
                    exchange=exchange,
                    title="List holds a task that does not belong to it",
                    message=f"task {task_id(item)!r} has {shown}",
                    expected=f"{fields} {'null' if must_be_null else 'set'} for every item whose state is clear",
                    actual=shown,
                )
            )
            return
    if items and not clear:
        s.caller.tally.skipped(lst.operation, "list_membership", NONE_CLEAR)
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
    )
)
