"""The total (X-Total-Count with count=true, or the body's pagination total) is the full list's size."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.suite._violations import Violation
from conformance.suite.checks._check import Check, Subject, each_list, register
from conformance.suite.checks._semantics import LIST_CHANGED, Semantics, Undecided, at, task_id


def prove(s: Semantics, subject: Subject) -> None:
    """Every page states the size of the whole list, whatever its limit and offset, judged while the list holds still.

    A total that differs is a failure only when a fresh read of the whole list still has the size (and ids) it
    had (decision 34); a list that changed in between leaves that example undecided.
    """
    lst = subject.list
    assert lst is not None
    full = s.full_list(lst, "total_count")
    size = len(full)
    where = "X-Total-Count header" if lst.total == "header" else "pagination.total"

    def prop(value: tuple[int, int]) -> None:
        limit, offset = value
        extra = {"count": "true"} if lst.total == "header" else {}
        exchange = s.page(lst, limit=limit, offset=offset, **extra)
        if lst.total == "header":
            raw = exchange.headers.get("x-total-count")
        else:
            raw = at(exchange.body, ("pagination", "total"), default=None)
        if raw is None and lst.total == "body":
            return
        if raw is None or str(raw).strip() != str(size):
            if raw is not None and not s.still(lst, full, "total_count", key=task_id):
                raise Undecided(LIST_CHANGED)
            raise Violation(
                check="total_count",
                exchange=exchange,
                title="Total count is not the size of the full list",
                message=f"{where} must count every item that limit and offset would not cut",
                expected=f"{where} = {size}",
                actual=f"{where} = {raw if raw is not None else '(missing)'}",
            )

    strategy = st.tuples(st.integers(1, s.page_limit(lst)), st.integers(0, size + 5))
    s.prove("total_count", subject.operations, strategy, prop)


CHECK = register(
    Check(
        name="total_count",
        summary="the total count equals the full list's size",
        kind="property",
        writes=False,
        subjects=each_list,
        prove=prove,
    )
)
