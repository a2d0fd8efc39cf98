"""A property judges what the state lets it judge: an undecided example is neither a pass nor a failure."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import strategies as st

from conformance._redact import Redactor
from conformance._registry import get_api
from conformance.suite import Tally
from conformance.suite.checks._semantics import Semantics, Undecided

OPERATION = "GET /tasks/{task_id}"


def semantics() -> Semantics:
    caller = SimpleNamespace(
        tally=Tally(spec={}, redactor=Redactor.of([])), settings=SimpleNamespace(max_examples=10, seed=0)
    )
    return Semantics(caller=caller, contract=get_api("maxsight-v5").contract(), spec={})  # type: ignore[arg-type]


def test_a_check_none_of_whose_examples_could_be_judged_is_skipped_with_the_reason() -> None:
    s = semantics()

    def prop(value: int) -> None:
        raise Undecided("the list changed between reads")

    s.prove("pagination", (OPERATION,), st.integers(0, 5), prop)
    cell = s.caller.tally.cells[(OPERATION, "pagination")]
    assert cell.status == "skipped"
    assert cell.reason == "no example could be judged: the list changed between reads"


def test_a_check_with_some_judged_examples_passes() -> None:
    s = semantics()

    def prop(value: int) -> None:
        if value % 2:
            raise Undecided("the task changed")

    s.prove("pagination", (OPERATION,), st.integers(0, 5), prop)
    assert s.caller.tally.cells[(OPERATION, "pagination")].status == "passed"


class _CappedList:
    """A list server that serves at most `cap` items a page, whatever the limit asked; it counts the reads."""

    def __init__(
        self, size: int, cap: int, *, total: bool, refused_above: int | None = None, ignores_offset: bool = False
    ) -> None:
        self.ids = [f"task-{n}" for n in range(size)]
        self.cap, self.total, self.refused_above, self.reads = cap, total, refused_above, 0
        self.ignores_offset = ignores_offset

    def call(self, operation: str, *, query: dict, headers: dict) -> SimpleNamespace:
        self.reads += 1
        if self.refused_above is not None and query["limit"] > self.refused_above:
            return SimpleNamespace(status=400, body={"message": "limit too large"})
        offset, limit = 0 if self.ignores_offset else query["offset"], min(query["limit"], self.cap)
        page = [{"id": task_id} for task_id in self.ids[offset : offset + limit]]
        body = {"items": page, "pagination": {"total": len(self.ids)}} if self.total else page
        return SimpleNamespace(status=200, body=body)


def _reading(api: str, server: _CappedList) -> tuple[Semantics, object]:
    contract = get_api(api).contract()
    s = Semantics(caller=server, contract=contract, spec={})  # type: ignore[arg-type]
    return s, contract.lists[0]


def test_a_whole_list_is_read_past_pages_a_server_caps_below_the_limit_asked() -> None:
    server = _CappedList(344, cap=100, total=False)
    s, lst = _reading("sailpoint-v2025", server)
    assert [item["id"] for item in s.full_list(lst, "pagination")] == server.ids  # type: ignore[arg-type]
    assert server.reads == 4  # 100 + 100 + 100 + 44: the last page is shorter than one served before


def test_a_short_first_page_is_confirmed_by_one_more_read_unless_the_total_says_it_is_all() -> None:
    uncounted = _CappedList(40, cap=1000, total=False)
    s, lst = _reading("sailpoint-v2025", uncounted)
    assert len(s.full_list(lst, "pagination")) == 40 and uncounted.reads == 2  # type: ignore[arg-type]
    counted = _CappedList(40, cap=1000, total=True)
    s, lst = _reading("flexprice", counted)
    assert len(s.full_list(lst, "pagination")) == 40 and counted.reads == 1  # type: ignore[arg-type]


def test_a_server_that_refuses_the_largest_limit_is_read_at_the_next_round_one_it_takes() -> None:
    server = _CappedList(344, cap=1000, total=True, refused_above=100)
    s, lst = _reading("flexprice", server)
    assert [item["id"] for item in s.full_list(lst, "pagination")] == server.ids  # type: ignore[arg-type]
    assert s.page_limit(lst) == 100  # type: ignore[arg-type]
    assert server.reads == 5 + 3  # 1000, 500, 250, 200 refused, then 100 taken; 100 + 100 + 44 more
    s.full_list(lst, "pagination")  # type: ignore[arg-type]
    assert server.reads == 8 + 4  # the limit it takes is kept: no more refusals


def test_reading_stops_at_a_page_that_repeats_what_was_read_when_the_server_ignores_offset() -> None:
    server = _CappedList(60, cap=1000, total=False, ignores_offset=True)
    s, lst = _reading("sailpoint-v2025", server)
    assert len(s.full_list(lst, "pagination")) == 120 and server.reads == 2  # type: ignore[arg-type]
