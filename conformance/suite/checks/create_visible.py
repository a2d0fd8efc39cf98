"""A created task can be read by its id and appears in the list."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from conformance.suite._violations import Violation
from conformance.suite.checks._check import Check, Subject, only, register
from conformance.suite.checks._semantics import Semantics, task_id


def prove(s: Semantics, subject: Subject) -> None:
    """A create with a documented body answers 2XX with an id that GET reads and the list holds.

    No list size or content is assumed: only the new id is looked for, in a whole-list read taken after the create,
    and read once more before it is called missing (a list that changed while paged can skip an item).
    """
    c = s.contract
    assert c.create is not None
    create = c.create
    strategy = st.fixed_dictionaries({name: st.sampled_from(values) for name, values in c.create_body.items()})

    def listed_now(new_id: str) -> bool:
        return any(task_id(i) == new_id for lst in c.lists for i in s.full_list(lst, "create_visible"))

    def prop(body: dict[str, Any]) -> None:
        created = s.caller.call(create, body=body, headers=c.headers)
        new_id = created.body.get("id") if isinstance(created.body, dict) else None
        read = s.read(str(new_id)) if new_id else None
        listed = new_id is not None and any(listed_now(str(new_id)) for _ in range(2))
        if created.status >= 300 or new_id is None or read is None or read.status != 200 or not listed:
            raise Violation(
                check="create_visible",
                exchange=created,
                title="Created task is not readable or not listed",
                message="a task created with a documented body must be readable by its id and appear in the list",
                expected="2XX with an id; GET by id 200; the id in the list",
                actual=f"HTTP {created.status}, id {new_id!r}, GET {read.status if read else '-'}, listed: {listed}",
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
    )
)
