"""A created task can be read by its id and appears in the list."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from conformance.suite import _statements as q
from conformance.suite._failures import Violation
from conformance.suite._statements import FP
from conformance.suite.checks._check import Check, Subject, only, register
from conformance.suite.checks._semantics import Semantics, task_id


def prove(s: Semantics, subject: Subject) -> None:
    """A create with a documented body answers 2XX with an id that GET reads and the list holds."""
    c = s.contract
    assert c.create is not None
    create = c.create
    strategy = st.fixed_dictionaries({name: st.sampled_from(values) for name, values in c.create_body.items()})

    def prop(body: dict[str, Any]) -> None:
        created = s.caller.call(create, body=body, headers=c.headers)
        new_id = created.body.get("id") if isinstance(created.body, dict) else None
        listed = {task_id(i) for lst in c.lists for i in s.full_list(lst, "create_visible")}
        read = s.read(str(new_id)) if new_id else None
        if created.status >= 300 or new_id is None or read is None or read.status != 200 or new_id not in listed:
            raise Violation(
                check="create_visible",
                exchange=created,
                title="Created task is not readable or not listed",
                message="a task created with a documented body must be readable by its id and appear in the list",
                expected="2XX with an id; GET by id 200; the id in the list",
                actual=f"HTTP {created.status}, id {new_id!r}, GET "
                f"{read.status if read else '-'}, listed: {new_id in listed}",
            )

    s.prove("create_visible", subject.operations, strategy, prop)


CHECK = register(
    Check(
        name="create_visible",
        summary="a created task appears in the list",
        kind="property",
        writes=True,
        subjects=only(lambda contract: contract.create),
        prove=prove,
        rests_on={FP: (q.FP_CREATE, q.FP_LISTING)},
    )
)
