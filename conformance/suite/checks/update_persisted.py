"""An accepted update is visible to the next read; a documented update of an open task is accepted."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.suite._violations import Violation
from conformance.suite.checks._check import Check, Subject, only, register
from conformance.suite.checks._semantics import Semantics, Undecided, at
from conformance.suite.checks._state import state_rule


def prove(s: Semantics, subject: Subject) -> None:
    """Setting the update field to a documented value: a 2XX shows in the next GET, whatever the task held before.

    A 4XX is a failure only when the documents name that update for the task's state as read just before it (an
    open task moved to a finishing value, decision 35); from any other state a refusal is undecided.
    """
    c = s.contract
    candidates = s.update_candidates("update_persisted")
    if not candidates:
        s.caller.tally.skipped(subject.operations[0], "update_persisted", "the list holds no task to update")
        return
    field = "/".join(c.update_field)
    rule = state_rule(c)

    def prop(value: tuple[str, str]) -> None:
        task, new_value = value
        before, update, after = s.update(task, new_value)
        if before.status != 200:
            raise Undecided(f"task {task!r} could not be read before the update (HTTP {before.status})")
        if 400 <= update.status < 500 and rule is not None and not rule.documents_update(c, before.body, new_value):
            raise Undecided(f"the documents name no update of {field} to {new_value!r} from the task's state")
        shown = at(after.body, c.update_field, default=None)
        if update.status >= 300 or shown != new_value:
            raise Violation(
                check="update_persisted",
                exchange=update,
                title="Update not visible to the next read",
                message=f"setting {field} of {task!r} to {new_value!r} should show in the next GET",
                expected=f"2XX, then GET shows {field} = {new_value!r}",
                actual=f"HTTP {update.status}, then GET shows {field} = {shown!r}",
            )

    strategy = st.tuples(st.sampled_from(candidates), st.sampled_from(c.update_values))
    s.prove("update_persisted", subject.operations, strategy, prop)


CHECK = register(
    Check(
        name="update_persisted",
        summary="an update is visible to the next read",
        kind="property",
        writes=True,
        subjects=only(lambda contract: contract.update),
        prove=prove,
    )
)
