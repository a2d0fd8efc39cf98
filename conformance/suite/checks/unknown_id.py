"""An id the API does not hold gives 404."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.suite._violations import Violation
from conformance.suite.checks._check import Check, Subject, get_by_id, register
from conformance.suite.checks._semantics import Semantics, task_id


def prove(s: Semantics, subject: Subject) -> None:
    """GET of an id that is neither listed nor known answers 404."""
    c = s.contract
    known = set(s.known_ids)
    for lst in c.lists:
        known |= {task_id(i) for i in s.full_list(lst, "unknown_id")}
    ids = (
        st.uuids().map(str)
        if c.id_format == "uuid"
        else st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=8, max_size=32)
    )

    def prop(unknown: str) -> None:
        if unknown in known:
            return
        exchange = s.read(unknown)
        if exchange.status != 404:
            raise Violation(
                check="unknown_id",
                exchange=exchange,
                title="Unknown id does not give 404",
                message=f"no task has id {unknown!r}, so the documented answer is 404",
                expected="HTTP 404",
                actual=f"HTTP {exchange.status}",
            )

    s.prove("unknown_id", subject.operations, ids, prop)


CHECK = register(
    Check(
        name="unknown_id",
        summary="unknown ids give 404",
        kind="property",
        writes=False,
        subjects=get_by_id,
        prove=prove,
    )
)
