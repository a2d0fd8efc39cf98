"""Reading a task by id gives the task the list (or the caller's known ids) holds under that id."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from conformance.suite._violations import Violation
from conformance.suite.checks._check import Check, Subject, get_by_id, register
from conformance.suite.checks._semantics import Semantics, Undecided, canonical, task_id

NO_IDS = "no list operation and no known task ids: pass --task-id"
TASK_CHANGED = "the task changed, or left the list, between the list read and the GET (decision 34)"


def prove(s: Semantics, subject: Subject) -> None:
    """GET by id answers 200 with that id, and with the body the list shows for it.

    The body is compared with a list read only while the list still shows the task as it did: when a fresh list
    read differs from the one compared with, the task changed in between and the example is undecided.
    """
    c = s.contract

    def listing() -> dict[str, Any]:
        return {task_id(i): i for lst in c.lists for i in s.first_page(lst, "get_matches_list")}

    listed = listing()
    ids = sorted(listed) or list(s.known_ids)
    if not ids:
        s.caller.tally.skipped(c.get_by_id, "get_matches_list", NO_IDS)
        return

    def prop(wanted: str) -> None:
        exchange = s.read(wanted)
        body = exchange.body
        expected = listed.get(wanted)
        wrong = exchange.status != 200 or not isinstance(body, dict) or body.get("id") != wanted
        differs = not wrong and expected is not None and canonical(body) != canonical(expected)
        if (differs or (wrong and exchange.status == 404)) and expected is not None:
            fresh = listing().get(wanted)
            if fresh is None or canonical(fresh) != canonical(expected):
                raise Undecided(TASK_CHANGED)
        if wrong or differs:
            raise Violation(
                check="get_matches_list",
                exchange=exchange,
                title="Get by id does not return the task with that id",
                message=f"GET of task {wanted!r} should return that task"
                + (" exactly as the list shows it" if expected is not None else ""),
                expected=f"HTTP 200 with id {wanted!r}",
                actual=f"HTTP {exchange.status} with id {body.get('id') if isinstance(body, dict) else None!r}",
            )

    s.prove("get_matches_list", subject.operations, st.sampled_from(ids), prop)


CHECK = register(
    Check(
        name="get_matches_list",
        summary="get-by-id equals the item in the list",
        kind="property",
        writes=False,
        subjects=get_by_id,
        prove=prove,
    )
)
