"""An accepted update is visible to the next read."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.suite import _statements as q
from conformance.suite._failures import Violation
from conformance.suite._statements import FP, SP
from conformance.suite.checks._check import Check, Subject, only, register
from conformance.suite.checks._semantics import Semantics, at


def prove(s: Semantics, subject: Subject) -> None:
    """Setting the update field to a documented value answers 2XX, and the next GET shows the value."""
    c = s.contract
    candidates = s.update_candidates("update_persisted")
    if not candidates:
        s.caller.tally.skipped(subject.operations[0], "update_persisted", "the list holds no task to update")
        return
    field = "/".join(c.update_field)

    def prop(value: tuple[str, str]) -> None:
        task, new_value = value
        _, update, after = s.update(task, new_value)
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
        rests_on={SP: (q.SP_UPDATE,), FP: (q.FP_UPDATE, q.FP_UPDATE_SDK)},
    )
)
