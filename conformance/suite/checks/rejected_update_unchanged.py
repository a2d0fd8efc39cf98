"""An update to an undocumented value is rejected and changes nothing."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.suite._violations import Violation
from conformance.suite.checks._check import Check, Subject, only, register
from conformance.suite.checks._semantics import Semantics, Undecided, at, canonical

INVALID_VALUE = "NOT-A-VALID-VALUE"


def prove(s: Semantics, subject: Subject) -> None:
    """Setting the update field to a value outside its enum answers 4XX, and the task reads as it did just before.

    No starting value is assumed: the task is compared with its own read right before the update. After a
    refusal, a task that reads differently is judged changed by the update only when its field holds the refused
    value: any other change is another client's (decision 34), and leaves the example undecided.
    """
    c = s.contract
    candidates = s.update_candidates("rejected_update_unchanged")
    if not candidates:
        s.caller.tally.skipped(subject.operations[0], "rejected_update_unchanged", "the list holds no task to update")
        return
    field = "/".join(c.update_field)

    def prop(task: str) -> None:
        before, update, after = s.update(task, INVALID_VALUE)
        if before.status != 200:
            raise Undecided(f"task {task!r} could not be read before the update (HTTP {before.status})")
        unchanged = canonical(after.body) == canonical(before.body)
        if update.status >= 400 and not unchanged and at(after.body, c.update_field, default=None) != INVALID_VALUE:
            raise Undecided(f"task {task!r} changed, but not to the refused value: another client wrote it")
        if update.status < 400 or not unchanged:
            raise Violation(
                check="rejected_update_unchanged",
                exchange=update,
                title="Invalid update was not rejected, or changed the task",
                message=f"setting {field} to an undocumented value must get 400 and change nothing",
                expected="HTTP 400 and the task unchanged",
                actual=f"HTTP {update.status}, task {'unchanged' if unchanged else 'changed'}",
            )

    s.prove("rejected_update_unchanged", subject.operations, st.sampled_from(candidates), prop)


CHECK = register(
    Check(
        name="rejected_update_unchanged",
        summary="a rejected update changes nothing",
        kind="property",
        writes=True,
        subjects=only(lambda contract: contract.update),
        prove=prove,
    )
)
