"""Each documented filter returns exactly the matching subset of the full list."""

from __future__ import annotations

import json

from hypothesis import strategies as st

from conformance.core._contracts import ApiContract, FilterField, ListContract
from conformance.suite._violations import Violation
from conformance.suite.checks._check import Check, Subject, register
from conformance.suite.checks._semantics import LIST_CHANGED, Semantics, Undecided, at, describe, task_id, text


def subjects(contract: ApiContract, operations: tuple[str, ...]) -> tuple[Subject, ...]:
    """Each list with documented filters."""
    return tuple(Subject((lst.operation,), lst) for lst in contract.lists if lst.filters)


def filter_query(lst: ListContract, field: FilterField, operator: str, values: list[str]) -> dict[str, str]:
    """The query that filters `lst` on `field` with `operator` over `values`, in the list's filter style."""
    if lst.filter_style == "query":
        return {field.name: values[0]}
    quoted = ", ".join(json.dumps(v) for v in values)
    return {
        "filters": f"{field.name} eq {json.dumps(values[0])}" if operator == "eq" else f"{field.name} in ({quoted})"
    }


def prove(s: Semantics, subject: Subject) -> None:
    """A filter on a value seen in the list (or a documented one) selects exactly the tasks that have it.

    A filtered answer that differs from the matching subset is a failure only when a fresh read of the whole list
    shows every task as it was (decision 34); a list that changed in between leaves that example undecided.
    """
    lst = subject.list
    assert lst is not None
    full = s.full_list(lst, "filters")
    fields = lst.filters
    seen = {f.name: sorted({text(at(i, f.pointer)) for i in full} - {""}) or ["x"] for f in fields}

    @st.composite
    def queries(draw: st.DrawFn) -> tuple[FilterField, str, list[str]]:
        field = draw(st.sampled_from(fields))
        operator = draw(st.sampled_from(field.operators))
        pool = sorted(set(seen[field.name]) | set(field.values))
        count = 1 if operator == "eq" else draw(st.integers(1, 3))
        return field, operator, draw(st.lists(st.sampled_from(pool), min_size=count, max_size=count, unique=True))

    def prop(value: tuple[FilterField, str, list[str]]) -> None:
        field, operator, values = value
        query = filter_query(lst, field, operator, values)
        wanted = {v.lower() for v in values}
        matching = [i for i in full if text(at(i, field.pointer)).lower() in wanted]
        filtered = s.listing(lst, "filters", **query)
        exchange = filtered.first
        collected = [task_id(i) for i in filtered.items]
        want = {task_id(i) for i in matching}
        if set(collected) != want:
            if not s.still(lst, full, "filters"):
                raise Undecided(LIST_CHANGED)
            raise Violation(
                check="filters",
                exchange=exchange,
                title="Filter does not return exactly the matching tasks",
                message=f"{describe(query)} should select the {len(want)} tasks whose {field.name} matches",
                expected=f"{len(want)} tasks",
                actual=f"{len(collected)} tasks, {len(set(collected) - want)} not matching, "
                f"{len(want - set(collected))} missing",
            )

    s.prove("filters", subject.operations, queries(), prop)


CHECK = register(
    Check(
        name="filters",
        summary="each filter returns exactly the matching subset",
        kind="property",
        writes=False,
        subjects=subjects,
        prove=prove,
    )
)
