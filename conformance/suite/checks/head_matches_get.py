"""HEAD answers what GET answers, headers included, without a body."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.core._contracts import ApiContract
from conformance.suite._violations import Violation
from conformance.suite.checks._check import Check, Subject, register
from conformance.suite.checks._semantics import LIST_CHANGED, Semantics, Undecided


def subjects(contract: ApiContract, operations: tuple[str, ...]) -> tuple[Subject, ...]:
    """Each list that has a HEAD twin: the step calls the HEAD operation."""
    return tuple(Subject((lst.head,), lst) for lst in contract.lists if lst.head)


def prove(s: Semantics, subject: Subject) -> None:
    """For any limit, offset and count, HEAD succeeds when GET does, with GET's X-Total-Count, and has no body.

    A count that differs is a failure only when a second GET, after the HEAD, repeats the first GET's count: a list
    that changed between the requests leaves that example undecided (decision 34).
    """
    lst = subject.list
    assert lst is not None and lst.head is not None
    head_operation = lst.head

    def prop(value: tuple[int, int, bool]) -> None:
        limit, offset, count = value
        query = {"limit": limit, "offset": offset, "count": str(count).lower()}
        get = s.caller.call(lst.operation, query=query, headers=lst.headers)
        head = s.caller.call(head_operation, query=query, headers=lst.headers)
        differences = []
        # Both successes is agreement: a HEAD answer without content may say so with 204 (decision 40).
        if head.status != get.status and not (200 <= head.status < 300 and 200 <= get.status < 300):
            differences.append(f"status {head.status} vs {get.status}")
        if head.headers.get("x-total-count") != get.headers.get("x-total-count"):
            again = s.caller.call(lst.operation, query=query, headers=lst.headers)
            if (again.status, again.headers.get("x-total-count")) != (get.status, get.headers.get("x-total-count")):
                raise Undecided(LIST_CHANGED)
            differences.append(
                f"X-Total-Count {head.headers.get('x-total-count')} vs {get.headers.get('x-total-count')}"
            )
        if head.content:
            differences.append(f"HEAD sent a {len(head.content)}-byte body")
        if differences:
            raise Violation(
                check="head_matches_get",
                exchange=head,
                title="HEAD does not answer the headers of GET without a body",
                message="; ".join(differences),
                expected="the status and headers of GET, and no body",
                actual="; ".join(differences),
            )

    strategy = st.tuples(st.integers(1, s.page_limit(lst)), st.integers(0, 50), st.booleans())
    s.prove("head_matches_get", subject.operations, strategy, prop)


CHECK = register(
    Check(
        name="head_matches_get",
        summary="HEAD equals GET without a body",
        kind="property",
        writes=False,
        subjects=subjects,
        prove=prove,
    )
)
