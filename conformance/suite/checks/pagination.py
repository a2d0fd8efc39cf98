"""Pages from limit and offset are the matching slices of the full list: no gaps, no duplicates."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.suite._violations import Violation
from conformance.suite.checks._check import Check, Subject, each_list, register
from conformance.suite.checks._semantics import LIST_CHANGED, Semantics, Undecided, task_id


def prove(s: Semantics, subject: Subject) -> None:
    """Every page is the slice of the full list its limit and offset name, judged while the list holds still.

    A page may stop short of `limit` (which names the most results, not a count) but not start elsewhere.

    A page that differs from the slice is a failure only when a fresh read of the whole list shows the ids it
    showed before (decision 34); a list that changed in between leaves that example undecided.
    """
    lst = subject.list
    assert lst is not None
    full = s.full_list(lst, "pagination")
    ids = [task_id(item) for item in full]
    if len(set(ids)) != len(ids):
        if not s.still(lst, full, "pagination", key=task_id):
            s.caller.tally.skipped(lst.operation, "pagination", LIST_CHANGED)
            return
        duplicate = next(i for i in ids if ids.count(i) > 1)
        s.fail(
            Violation(
                check="pagination",
                exchange=s.widest_page(lst),
                title="Pages overlap",
                message=f"task {duplicate!r} appears more than once when paging through {lst.operation}",
                expected="every task exactly once across pages",
                actual=f"{len(ids)} items, {len(set(ids))} distinct ids",
            )
        )
        return

    def prop(value: tuple[int, int]) -> None:
        limit, offset = value
        exchange = s.page(lst, limit=limit, offset=offset)
        got = [task_id(item) for item in s.items(lst, exchange, "pagination")]
        want = ids[offset : offset + limit]
        # "Max number of results to return": a shorter page is the start of the slice, and not empty while one is.
        if got != want and not (got and got == want[: len(got)]):
            if not s.still(lst, full, "pagination", key=task_id):
                raise Undecided(LIST_CHANGED)
            raise Violation(
                check="pagination",
                exchange=exchange,
                title="Page is not the matching slice of the full list",
                message=f"limit={limit}, offset={offset} should give items {offset}..{offset + len(want) - 1}",
                expected=f"{len(want)} ids starting {want[:3]}",
                actual=f"{len(got)} ids starting {got[:3]}",
            )

    strategy = st.tuples(st.integers(1, s.page_limit(lst)), st.integers(0, len(full) + 5))
    s.prove("pagination", subject.operations, strategy, prop)


CHECK = register(
    Check(
        name="pagination",
        summary="pages from limit and offset partition the full list",
        kind="property",
        writes=False,
        subjects=each_list,
        prove=prove,
    )
)
