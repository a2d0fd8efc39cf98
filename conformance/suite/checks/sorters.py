"""Each documented sorter orders the list as asked, ascending or descending."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hypothesis import strategies as st

from conformance.core._contracts import ApiContract
from conformance.suite._violations import Violation
from conformance.suite.checks._check import Check, Subject, register
from conformance.suite.checks._semantics import LIST_CHANGED, Semantics, Undecided, at, describe, task_id


def subjects(contract: ApiContract, operations: tuple[str, ...]) -> tuple[Subject, ...]:
    """Each list with documented sorters."""
    return tuple(Subject((lst.operation,), lst) for lst in contract.lists if lst.sorters)


def sort_key(value: Any) -> tuple[int, Any]:
    """A sortable field's value as it orders: a date-time by its instant (whatever its precision), else as text."""
    if isinstance(value, str):
        try:
            return (0, datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())
        except ValueError:
            pass
    return (1, str(value))


def prove(s: Semantics, subject: Subject) -> None:
    """Sorting by a documented field orders the list by that field, and keeps every task.

    The order is judged on the first sorted page (the whole list when the server serves shorter pages than asked),
    among the tasks that have the field (where a null sorts is not documented). The count is compared with the
    unsorted list only while a fresh read shows the same ids (decision 34).
    """
    lst = subject.list
    assert lst is not None
    full = s.full_list(lst, "sorters")

    def prop(value: tuple[str, bool]) -> None:
        name, descending = value
        query = (
            {"sorters": f"-{name}" if descending else name}
            if lst.sort_style == "sorters"
            else {"sort": name, "order": "desc" if descending else "asc"}
        )
        exchange = s.widest_page(lst, **query)
        items = s.items(lst, exchange, "sorters")
        whole_page = min(s.page_limit(lst), len(full))
        if len(items) < whole_page:  # a server may serve fewer than asked: read the rest
            items = s.listing(lst, "sorters", **query).items
        shown = [v for v in (at(i, lst.sorters[name], default=None) for i in items) if v is not None]
        keys = [sort_key(v) for v in shown]
        direction = "descending" if descending else "ascending"
        ordered = keys == sorted(keys, reverse=descending)
        complete = len(items) >= whole_page
        if not ordered or not complete:
            if ordered and not s.still(lst, full, "sorters", key=task_id):
                raise Undecided(LIST_CHANGED)
            raise Violation(
                check="sorters",
                exchange=exchange,
                title="Sorter does not order the list as asked",
                message=f"{describe(query)} should order by {name} {direction}"
                + ("" if complete else f" and keep all {len(full)} tasks"),
                expected=f"{name} values in {direction} order",
                actual=f"first values {shown[:3]}, {len(items)} tasks",
            )

    s.prove("sorters", subject.operations, st.tuples(st.sampled_from(sorted(lst.sorters)), st.booleans()), prop)


CHECK = register(
    Check(
        name="sorters",
        summary="sorters order the list as asked",
        kind="property",
        writes=False,
        subjects=subjects,
        prove=prove,
    )
)
