"""What every semantic property uses: running a hypothesis property over real exchanges, and reading lists and tasks."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import FlakyFailure

from conformance.core._contracts import ApiContract, ListContract, at
from conformance.core._pointer import resolve
from conformance.suite._exchange import Caller, Exchange, NotSent, Unanswered
from conformance.suite._violations import Violation

MAX_PAGES = 200
# Where a server refuses the documented largest limit, the next smaller of these it takes (servers cap at round ones).
SMALLER_LIMITS = (1000, 500, 250, 200, 100, 50, 25, 20, 10, 5, 1)
PROPERTY_EXAMPLES = 10
# An id no task has (the suite's own unknown-id property draws others).
PLACEHOLDER_ID = "00000000-0000-4000-8000-000000000000"
UPDATE_CANDIDATES = 20
# Decision 34: the documents promise no snapshot; a list may change between two reads.
LIST_CHANGED = "the list changed between reads (decision 34: a comparison is judged on one consistent read)"


class Undecided(Exception):
    """The documents do not decide this example on the state the server holds; the message says why."""


@dataclass(frozen=True)
class Listing:
    """A whole list as read page by page: its items, and the first page's exchange (what a finding shows)."""

    first: Exchange
    items: list[dict[str, Any]]


@dataclass
class PageSizes:
    """What the run learnt of the API's pages: the largest it served, and the largest limit each list takes."""

    largest: int = 0
    """A page shorter than this is its list's last."""
    limits: dict[str, int] = field(default_factory=dict)


@dataclass
class Semantics:
    """The semantic checks' toolkit for one API, running through one Caller."""

    caller: Caller
    contract: ApiContract
    spec: dict[str, Any]
    known_ids: tuple[str, ...] = ()
    pages: PageSizes = field(default_factory=PageSizes)
    """Shared by the run's steps, so what one step learnt of a server's page size saves the next its requests."""

    # -- running a property -------------------------------------------------------------------

    def prove(self, check: str, operations: tuple[str, ...], strategy: st.SearchStrategy, prop: Callable) -> None:
        """Run `prop` over examples of `strategy`; record the (shrunk) violation, or a pass on each operation."""
        tally = self.caller.tally
        stopped: list[Unanswered | NotSent] = []
        judged: list[bool] = []
        undecided: list[str] = []

        @settings(
            max_examples=min(self.caller.settings.max_examples, PROPERTY_EXAMPLES),
            database=None,
            deadline=None,
            phases=(Phase.explicit, Phase.generate, Phase.shrink),
            suppress_health_check=list(HealthCheck),
        )
        @seed(self.caller.settings.seed)
        @given(strategy)
        def run(value: Any) -> None:
            if stopped:
                return
            try:
                prop(value)
                judged.append(True)
            except Undecided as why:
                undecided.append(str(why))
            except (Unanswered, NotSent) as error:
                stopped.append(error)

        try:
            try:
                run()
            except FlakyFailure as flaky:
                # A violation confirmed on one consistent read that a later replay, on a changed state, did not repeat.
                found = next((e for e in flaky.exceptions if isinstance(e, Violation)), None)
                if found is None:
                    raise
                raise found from None
            if stopped:
                raise stopped[0]
        except NotSent as withheld:
            for operation in operations:
                tally.skipped(operation, check, str(withheld))
        except Violation as found:
            self.fail(found)
            for operation in operations:
                if operation != found.exchange.operation:
                    tally.passed(operation, check)
        else:
            for operation in operations:
                if judged or not undecided:
                    tally.passed(operation, check)
                else:
                    tally.skipped(operation, check, f"no example could be judged: {undecided[0]}")

    def fail(self, violation: Violation) -> None:
        """Record a violation found outside a hypothesis property."""
        self.caller.record(violation, violation.check, violation.exchange)

    # -- reading lists and tasks ----------------------------------------------------------------

    def page(self, lst: ListContract, **query: Any) -> Exchange:
        """One page of a list operation."""
        return self.caller.call(lst.operation, query=query, headers=lst.headers)

    def items(self, lst: ListContract, exchange: Exchange, check: str) -> list[dict[str, Any]]:
        """The items of a list response, or a violation when the body is not a list where one is documented."""
        found = at(exchange.body, lst.items)
        if exchange.status != 200 or not isinstance(found, list):
            raise Violation(
                check=check,
                exchange=exchange,
                title="List operation did not answer a list",
                message=f"{lst.operation} answered HTTP {exchange.status} without a list of items",
                expected="HTTP 200 with a JSON list of items",
                actual=f"HTTP {exchange.status}: {exchange.excerpt(200)}",
                rests_on=lst.page_rests_on if 400 <= exchange.status < 500 else (),
            )
        return found

    def first_page(self, lst: ListContract, check: str) -> list[dict[str, Any]]:
        """The first page of a list at the largest page size the server takes."""
        return self.items(lst, self.widest_page(lst), check)

    def widest_page(self, lst: ListContract, offset: int = 0, **query: Any) -> Exchange:
        """A page at the largest limit the server takes: the documented largest, or (refused) a smaller round one.

        The largest limit is ours to choose where the documents name none (decision 37); a server that takes
        less answers 4XX to it, so the next smaller round limit is tried, and the one taken is kept for the run.
        """
        # Learnt on a plain page only: a filtered one may be refused for its filter.
        limit = self.pages.limits.get(lst.operation, lst.max_limit)
        exchange = self.page(lst, limit=limit, offset=offset, **query)
        if query or lst.operation in self.pages.limits or exchange.status not in (400, 422):
            if not query and exchange.status == 200:
                self.pages.limits.setdefault(lst.operation, limit)
            return exchange
        for smaller in (n for n in SMALLER_LIMITS if n < limit):
            retry = self.page(lst, limit=smaller, offset=offset, **query)
            if retry.status not in (400, 422):
                self.pages.limits[lst.operation] = smaller
                return retry
        return exchange

    def page_limit(self, lst: ListContract) -> int:
        """The largest limit the list takes (asked once a run: the documented largest unless refused)."""
        if lst.operation not in self.pages.limits:
            self.widest_page(lst)
        return self.pages.limits.get(lst.operation, lst.max_limit)

    def full_list(self, lst: ListContract, check: str, **query: Any) -> list[dict[str, Any]]:
        """Every item of a list operation, read page by page at the largest page size the server takes."""
        return self.listing(lst, check, **query).items

    def listing(self, lst: ListContract, check: str, **query: Any) -> Listing:
        """Every item of a list operation, read page by page at the largest documented page size.

        `limit` promises at most that many results ("Max number of results to return"), so a server may serve
        shorter pages than asked. A short page ends the list when the stated total is reached, or when the server
        served a longer page (of any of its lists) before; otherwise the next page is read to be sure.
        """
        collected: list[dict[str, Any]] = []
        seen: set[str] = set()
        first: Exchange | None = None
        for _ in range(MAX_PAGES):
            exchange = self.widest_page(lst, len(collected), **query)
            first = first or exchange
            page = self.items(lst, exchange, check)
            collected.extend(page)
            ids = {task_id(item) for item in page}
            total = at(exchange.body, ("pagination", "total"), default=None) if lst.total == "body" else None
            # A page that repeats an item read before does not move on (offset not honoured): reading on would too.
            if not page or ids & seen or (isinstance(total, int) and len(collected) >= total):
                break
            seen |= ids
            if len(page) < self.pages.limits.get(lst.operation, lst.max_limit) and len(page) < self.pages.largest:
                break
            self.pages.largest = max(self.pages.largest, len(page))
        assert first is not None
        return Listing(first, collected)

    def still(
        self, lst: ListContract, seen: list[Any], check: str, key: Callable[[Any], Any] | None = None, **query: Any
    ) -> bool:
        """True when a fresh read of the whole list shows what `seen` (an earlier full read) showed, item by item."""
        key = key or canonical
        return [key(item) for item in self.full_list(lst, check, **query)] == [key(item) for item in seen]

    def read(self, task_id: str) -> Exchange:
        """GET one task by id."""
        c = self.contract
        return self.caller.call(c.get_by_id, path_parameters={c.id_param: task_id}, headers=c.headers)

    def existing_id(self, check: str) -> str:
        """The id of a task the API holds: the first listed, else a known id, else one no task has."""
        for lst in self.contract.lists:
            items = self.items(lst, self.page(lst, limit=1, offset=0), check)
            if items:
                return task_id(items[0])
        return self.known_ids[0] if self.known_ids else PLACEHOLDER_ID

    def valid_inputs(self, operation: str, existing: str) -> dict[str, Any]:
        """Documented, valid inputs for `operation`: `existing` as every path id, required query from examples."""
        method, path = operation.split(" ", 1)
        item = self.spec["paths"][path]
        declared = item[method.lower()].get("parameters", []) + item.get("parameters", [])
        resolved = [resolve(self.spec, p) for p in declared]
        path_parameters = {p["name"]: existing for p in resolved if p["in"] == "path"}
        query = {p["name"]: p.get("example", "x") for p in resolved if p["in"] == "query" and p.get("required")}
        return {"path_parameters": path_parameters, "query": query, "headers": self.contract.headers}

    def update_candidates(self, check: str) -> list[str]:
        """Up to 20 task ids to update: the first page of every list, then the known ids (no list is assumed)."""
        listed = [task_id(item) for lst in self.contract.lists for item in self.first_page(lst, check)]
        return list(dict.fromkeys([*listed, *self.known_ids]))[:UPDATE_CANDIDATES]

    def update(self, task: str, value: str) -> tuple[Exchange, Exchange, Exchange]:
        """Read task `task`, set its update field to `value`, read it again: (before, update, after)."""
        c = self.contract
        assert c.update is not None
        before = self.read(task)
        update = self.caller.call(
            c.update, path_parameters={c.id_param: task}, **self.update_body(value), headers=c.headers
        )
        return before, update, self.read(task)

    def update_body(self, value: str) -> dict[str, Any]:
        """The request body (and media type) that sets the contract's update field to `value`."""
        c = self.contract
        if c.update_style == "json-patch":
            pointer = "/" + "/".join(c.update_field)
            patch = [{"op": "replace", "path": pointer, "value": value}]
            if value in c.update_values:
                patch.append({"op": "replace", "path": "/completed", "value": "2026-01-01T00:00:00Z"})
            return {"body": patch, "media_type": "application/json-patch+json"}
        return {"body": {c.update_field[-1]: value}}


def text(value: Any) -> str:
    """A filterable value as text; null and missing values match no filter value."""
    return "" if value is None else str(value)


def task_id(item: Any) -> str:
    """The id of a listed task, as text."""
    return str(item.get("id")) if isinstance(item, dict) else repr(item)


def canonical(value: Any) -> str:
    """`value` as canonical JSON, to compare two bodies."""
    return json.dumps(value, sort_keys=True)


def describe(query: dict[str, str]) -> str:
    """A query as it reads in a URL."""
    return "&".join(f"{k}={v}" for k, v in query.items())
