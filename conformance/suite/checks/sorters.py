"""Each documented sorter orders the list as asked, ascending or descending."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.suite import _statements as q
from conformance.suite._contracts import ApiContract
from conformance.suite._failures import Violation
from conformance.suite._statements import FP, SP, decision
from conformance.suite.checks._check import Check, Subject, register
from conformance.suite.checks._semantics import Semantics, at, describe


def subjects(contract: ApiContract, operations: tuple[str, ...]) -> tuple[Subject, ...]:
    """Each list with documented sorters."""
    return tuple(Subject((lst.operation,), lst) for lst in contract.lists if lst.sorters)


def prove(s: Semantics, subject: Subject) -> None:
    """Sorting by a documented field orders the list by that field, and keeps every task."""
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
        exchange = s.page(lst, limit=lst.max_limit, offset=0, **query)
        keys = [str(at(i, lst.sorters[name], default="")) for i in s.items(lst, exchange, "sorters")]
        ordered = sorted(keys, reverse=descending)
        direction = "descending" if descending else "ascending"
        if keys != ordered or (len(full) <= lst.max_limit and len(keys) != len(full)):
            raise Violation(
                check="sorters",
                exchange=exchange,
                title="Sorter does not order the list as asked",
                message=f"{describe(query)} should order by {name} {direction}",
                expected=f"{name} values in {direction} order",
                actual=f"first values {keys[:3]}",
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
        rests_on={SP: (q.SP_SORTERS,), FP: (q.FP_LIST, decision(15))},
    )
)
