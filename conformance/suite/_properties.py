"""Semantics a schema cannot express, written as hypothesis properties over real HTTP exchanges."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from conformance.suite._contracts import ApiContract, FilterField, ListContract, Pointer
from conformance.suite._exchange import Caller, Exchange, NotSent, Unanswered, Violation, violation

MAX_PAGES = 200
PROPERTY_EXAMPLES = 10
MISSING = object()


@dataclass
class Semantics:
    """The semantic checks of one API, run through one Caller."""

    caller: Caller
    contract: ApiContract
    known_ids: tuple[str, ...] = ()

    # -- running a property -------------------------------------------------------------------

    def prove(self, check: str, operations: tuple[str, ...], strategy: st.SearchStrategy, prop: Callable) -> None:
        """Run `prop` over examples of `strategy`; record the (shrunk) violation, or a pass on each operation."""
        tally = self.caller.tally
        unanswered: list[Unanswered | NotSent] = []

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
            if unanswered:
                return
            try:
                prop(value)
            except (Unanswered, NotSent) as error:
                unanswered.append(error)

        try:
            run()
            if unanswered:
                raise unanswered[0]
        except NotSent as withheld:
            for operation in operations:
                tally.skipped(operation, check, str(withheld))
        except Violation as found:
            tally.failed(found.failure)
            for operation in operations:
                if operation != found.failure.operation:
                    tally.passed(operation, check)
        else:
            for operation in operations:
                tally.passed(operation, check)

    # -- reading lists ------------------------------------------------------------------------

    def page(self, lst: ListContract, **query: Any) -> Exchange:
        """One page of a list operation."""
        return self.caller.call(lst.operation, query=query, headers=lst.headers)

    def items(self, lst: ListContract, exchange: Exchange, check: str) -> list[dict[str, Any]]:
        """The items of a list response, or a violation when the body is not a list where one is documented."""
        found = _at(exchange.body, lst.items)
        if exchange.status != 200 or not isinstance(found, list):
            raise violation(
                check,
                exchange,
                title="List operation did not answer a list",
                message=f"{lst.operation} answered HTTP {exchange.status} without a list of items",
                expected="HTTP 200 with a JSON list of items",
                actual=f"HTTP {exchange.status}: {exchange.excerpt(200)}",
            )
        return found

    def full_list(self, lst: ListContract, check: str, **query: Any) -> list[dict[str, Any]]:
        """Every item of a list operation, read page by page at the largest documented page size."""
        collected: list[dict[str, Any]] = []
        for _ in range(MAX_PAGES):
            page = self.items(lst, self.page(lst, limit=lst.max_limit, offset=len(collected), **query), check)
            collected.extend(page)
            if len(page) < lst.max_limit:
                return collected
        return collected

    # -- the checks -----------------------------------------------------------------------------

    def pagination(self, lst: ListContract) -> None:
        """Pages from limit and offset are the matching slices of the full list: no gaps, no duplicates."""
        full = self.full_list(lst, "pagination")
        ids = [_id(item) for item in full]
        if len(set(ids)) != len(ids):
            duplicate = next(i for i in ids if ids.count(i) > 1)
            exchange = self.page(lst, limit=lst.max_limit, offset=0)
            overlap = violation(
                "pagination",
                exchange,
                title="Pages overlap",
                message=f"task {duplicate!r} appears more than once when paging through {lst.operation}",
                expected="every task exactly once across pages",
                actual=f"{len(ids)} items, {len(set(ids))} distinct ids",
            )
            self.caller.tally.failed(overlap.failure)
            return

        strategy = st.tuples(st.integers(1, lst.max_limit), st.integers(0, len(full) + 5))

        def prop(value: tuple[int, int]) -> None:
            limit, offset = value
            exchange = self.page(lst, limit=limit, offset=offset)
            got = [_id(item) for item in self.items(lst, exchange, "pagination")]
            want = ids[offset : offset + limit]
            if got != want:
                raise violation(
                    "pagination",
                    exchange,
                    title="Page is not the matching slice of the full list",
                    message=f"limit={limit}, offset={offset} should give items {offset}..{offset + len(want) - 1}",
                    expected=f"{len(want)} ids starting {want[:3]}",
                    actual=f"{len(got)} ids starting {got[:3]}",
                )

        self.prove("pagination", (lst.operation,), strategy, prop)

    def total_count(self, lst: ListContract) -> None:
        """The total (X-Total-Count with count=true, or the body's pagination total) is the full list's size."""
        size = len(self.full_list(lst, "total_count"))
        strategy = st.tuples(st.integers(1, lst.max_limit), st.integers(0, size + 5))

        def prop(value: tuple[int, int]) -> None:
            limit, offset = value
            extra = {"count": "true"} if lst.total == "header" else {}
            exchange = self.page(lst, limit=limit, offset=offset, **extra)
            if lst.total == "header":
                raw = exchange.headers.get("x-total-count")
            else:
                raw = _at(exchange.body, ("pagination", "total"), default=None)
            if raw is None and lst.total == "body":
                return
            if raw is None or str(raw).strip() != str(size):
                where = "X-Total-Count header" if lst.total == "header" else "pagination.total"
                raise violation(
                    "total_count",
                    exchange,
                    title="Total count is not the size of the full list",
                    message=f"{where} must count every item that limit and offset would not cut",
                    expected=f"{where} = {size}",
                    actual=f"{where} = {raw if raw is not None else '(missing)'}",
                )

        self.prove("total_count", (lst.operation,), strategy, prop)

    def list_membership(self, lst: ListContract) -> None:
        """Every item of the list belongs there (pending lists hold tasks not yet completed, and the reverse)."""
        assert lst.membership is not None
        pointer, must_be_null = lst.membership
        exchange = self.page(lst, limit=lst.max_limit, offset=0)
        for item in self.items(lst, exchange, "list_membership"):
            value = _at(item, pointer, default=None)
            if (value is None) != must_be_null:
                self.caller.tally.failed(
                    violation(
                        "list_membership",
                        exchange,
                        title="List holds a task that does not belong to it",
                        message=f"task {_id(item)!r} has {'/'.join(pointer)} = {value!r}",
                        expected=f"{'/'.join(pointer)} {'null' if must_be_null else 'set'} for every item",
                        actual=f"{'/'.join(pointer)} = {value!r}",
                    ).failure
                )
                return
        self.caller.tally.passed(lst.operation, "list_membership")

    def filters(self, lst: ListContract) -> None:
        """Each documented filter returns exactly the matching subset of the full list."""
        full = self.full_list(lst, "filters")
        fields = lst.filters
        seen = {f.name: sorted({_text(_at(i, f.pointer)) for i in full} - {""}) or ["x"] for f in fields}

        @st.composite
        def filter_query(draw: st.DrawFn) -> tuple[FilterField, str, list[str]]:
            field = draw(st.sampled_from(fields))
            operator = draw(st.sampled_from(field.operators))
            pool = sorted(set(seen[field.name]) | set(field.values))
            count = 1 if operator == "eq" else draw(st.integers(1, 3))
            return field, operator, draw(st.lists(st.sampled_from(pool), min_size=count, max_size=count, unique=True))

        def prop(value: tuple[FilterField, str, list[str]]) -> None:
            field, operator, values = value
            query = _filter_query(lst, field, operator, values)
            wanted = {v.lower() for v in values}
            matching = [i for i in full if _text(_at(i, field.pointer)).lower() in wanted]
            exchange = self.page(lst, limit=lst.max_limit, offset=0, **query)
            collected = [_id(i) for i in self.items(lst, exchange, "filters")]
            want = {_id(i) for i in matching[: lst.max_limit]} if len(matching) <= lst.max_limit else None
            if want is not None and set(collected) != want:
                raise violation(
                    "filters",
                    exchange,
                    title="Filter does not return exactly the matching tasks",
                    message=f"{_describe(query)} should select the {len(want)} tasks whose {field.name} matches",
                    expected=f"{len(want)} tasks",
                    actual=f"{len(collected)} tasks, {len(set(collected) - want)} not matching, "
                    f"{len(want - set(collected))} missing",
                )

        self.prove("filters", (lst.operation,), filter_query(), prop)

    def sorters(self, lst: ListContract) -> None:
        """Each documented sorter orders the list as asked, ascending or descending."""
        full = self.full_list(lst, "sorters")
        strategy = st.tuples(st.sampled_from(sorted(lst.sorters)), st.booleans())

        def prop(value: tuple[str, bool]) -> None:
            name, descending = value
            query = (
                {"sorters": f"-{name}" if descending else name}
                if lst.sort_style == "sorters"
                else {"sort": name, "order": "desc" if descending else "asc"}
            )
            exchange = self.page(lst, limit=lst.max_limit, offset=0, **query)
            keys = [str(_at(i, lst.sorters[name], default="")) for i in self.items(lst, exchange, "sorters")]
            ordered = sorted(keys, reverse=descending)
            if keys != ordered or (len(full) <= lst.max_limit and len(keys) != len(full)):
                raise violation(
                    "sorters",
                    exchange,
                    title="Sorter does not order the list as asked",
                    message=f"{_describe(query)} should order by {name} {'descending' if descending else 'ascending'}",
                    expected=f"{name} values in {'descending' if descending else 'ascending'} order",
                    actual=f"first values {keys[:3]}",
                )

        self.prove("sorters", (lst.operation,), strategy, prop)

    def head_matches_get(self, lst: ListContract) -> None:
        """HEAD answers what GET answers, headers included, without a body."""
        assert lst.head is not None
        strategy = st.tuples(st.integers(1, lst.max_limit), st.integers(0, 50), st.booleans())

        def prop(value: tuple[int, int, bool]) -> None:
            limit, offset, count = value
            query = {"limit": limit, "offset": offset, "count": str(count).lower()}
            get = self.caller.call(lst.operation, query=query, headers=lst.headers)
            head = self.caller.call(lst.head, query=query, headers=lst.headers)
            differences = []
            if head.status != get.status:
                differences.append(f"status {head.status} vs {get.status}")
            if head.headers.get("x-total-count") != get.headers.get("x-total-count"):
                differences.append(
                    f"X-Total-Count {head.headers.get('x-total-count')} vs {get.headers.get('x-total-count')}"
                )
            if head.content:
                differences.append(f"HEAD sent a {len(head.content)}-byte body")
            if differences:
                raise violation(
                    "head_matches_get",
                    head,
                    title="HEAD does not answer the headers of GET without a body",
                    message="; ".join(differences),
                    expected="the status and headers of GET, and no body",
                    actual="; ".join(differences),
                )

        self.prove("head_matches_get", (lst.head,), strategy, prop)

    def get_matches_list(self) -> None:
        """Reading a task by id gives the task the list (or the caller's known ids) holds under that id."""
        c = self.contract
        listed = {
            _id(i): i
            for lst in c.lists
            for i in self.items(lst, self.page(lst, limit=lst.max_limit, offset=0), "get_matches_list")
        }
        ids = sorted(listed) or list(self.known_ids)
        if not ids:
            self.caller.tally.skipped(c.get_by_id, "get_matches_list", "no known task ids: pass --task-id")
            return

        def prop(task_id: str) -> None:
            exchange = self.caller.call(c.get_by_id, path_parameters={c.id_param: task_id}, headers=c.headers)
            body = exchange.body
            expected = listed.get(task_id)
            wrong = exchange.status != 200 or not isinstance(body, dict) or body.get("id") != task_id
            if not wrong and expected is not None:
                wrong = _canonical(body) != _canonical(expected)
            if wrong:
                raise violation(
                    "get_matches_list",
                    exchange,
                    title="Get by id does not return the task with that id",
                    message=f"GET of task {task_id!r} should return that task"
                    + (" exactly as the list shows it" if expected is not None else ""),
                    expected=f"HTTP 200 with id {task_id!r}",
                    actual=f"HTTP {exchange.status} with id {body.get('id') if isinstance(body, dict) else None!r}",
                )

        self.prove("get_matches_list", (c.get_by_id,), st.sampled_from(ids), prop)

    def unknown_id(self) -> None:
        """An id the API does not hold gives 404."""
        c = self.contract
        known = set(self.known_ids)
        for lst in c.lists:
            known |= {_id(i) for i in self.full_list(lst, "unknown_id")}
        ids = (
            st.uuids().map(str)
            if c.id_format == "uuid"
            else st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=8, max_size=32)
        )
        operations = tuple(op for op in (c.get_by_id,) if op)

        def prop(task_id: str) -> None:
            if task_id in known:
                return
            exchange = self.caller.call(c.get_by_id, path_parameters={c.id_param: task_id}, headers=c.headers)
            if exchange.status != 404:
                raise violation(
                    "unknown_id",
                    exchange,
                    title="Unknown id does not give 404",
                    message=f"no task has id {task_id!r}, so the documented answer is 404",
                    expected="HTTP 404",
                    actual=f"HTTP {exchange.status}",
                )

        self.prove("unknown_id", operations, ids, prop)

    def auth_required(self, operations: tuple[str, ...], inputs: Callable[[str], dict[str, Any]]) -> None:
        """Requests without credentials, or with invalid ones, get 401."""
        strategy = st.tuples(st.sampled_from(operations), st.sampled_from([None, "invalid-credentials-0"]))

        def prop(value: tuple[str, str | None]) -> None:
            operation, credentials = value
            exchange = self.caller.call(operation, credentials=credentials, **inputs(operation))
            if exchange.status != 401:
                raise violation(
                    "auth_required",
                    exchange,
                    title="Request without valid credentials was not refused with 401",
                    message="no credentials" if credentials is None else "invalid credentials",
                    expected="HTTP 401",
                    actual=f"HTTP {exchange.status}",
                    severity="critical",
                )

        self.prove("auth_required", operations, strategy, prop)

    def update_persisted(self) -> None:
        """An accepted update is visible to the next read, and a rejected update changes nothing."""
        c = self.contract
        assert c.update is not None
        candidates = [
            _id(item)
            for lst in c.lists[:1]
            for item in self.items(lst, self.page(lst, limit=lst.max_limit, offset=0), "update_persisted")
        ]
        if not candidates:
            self.caller.tally.skipped(c.update, "update_persisted", "the list holds no task to update")
            return
        field_name = "/".join(c.update_field)
        strategy = st.tuples(st.sampled_from(candidates[:20]), st.sampled_from(c.update_values), st.booleans())

        def prop(value: tuple[str, str, bool]) -> None:
            task_id, new_value, valid = value
            before = self.read(task_id)
            update = self.caller.call(
                c.update,
                path_parameters={c.id_param: task_id},
                **self._update_body(new_value if valid else "NOT-A-VALID-VALUE"),
                headers=c.headers,
            )
            after = self.read(task_id)
            if valid and (update.status >= 300 or _at(after.body, c.update_field, default=None) != new_value):
                raise violation(
                    "update_persisted",
                    update,
                    title="Update not visible to the next read",
                    message=f"setting {field_name} of {task_id!r} to {new_value!r} should show in the next GET",
                    expected=f"2XX, then GET shows {field_name} = {new_value!r}",
                    actual=f"HTTP {update.status}, then GET shows "
                    f"{field_name} = {_at(after.body, c.update_field, default=None)!r}",
                )
            if not valid and (update.status < 400 or _canonical(after.body) != _canonical(before.body)):
                raise violation(
                    "rejected_update_unchanged",
                    update,
                    title="Invalid update was not rejected, or changed the task",
                    message=f"setting {field_name} to an undocumented value must get 400 and change nothing",
                    expected="HTTP 400 and the task unchanged",
                    actual=f"HTTP {update.status}, task "
                    f"{'unchanged' if _canonical(after.body) == _canonical(before.body) else 'changed'}",
                )

        self.prove("update_persisted", (c.update,), strategy, prop)

    def create_visible(self) -> None:
        """A created task can be read by its id and appears in the list."""
        c = self.contract
        assert c.create is not None
        strategy = st.fixed_dictionaries({name: st.sampled_from(values) for name, values in c.create_body.items()})

        def prop(body: dict[str, Any]) -> None:
            created = self.caller.call(c.create, body=body, headers=c.headers)
            task_id = created.body.get("id") if isinstance(created.body, dict) else None
            listed = {_id(i) for lst in c.lists for i in self.full_list(lst, "create_visible")}
            read = self.read(str(task_id)) if task_id else None
            if created.status >= 300 or task_id is None or read is None or read.status != 200 or task_id not in listed:
                raise violation(
                    "create_visible",
                    created,
                    title="Created task is not readable or not listed",
                    message="a task created with a documented body must be readable by its id and appear in the list",
                    expected="2XX with an id; GET by id 200; the id in the list",
                    actual=f"HTTP {created.status}, id {task_id!r}, GET "
                    f"{read.status if read else '-'}, listed: {task_id in listed}",
                )

        self.prove("create_visible", (c.create,), strategy, prop)

    def download_only_exports(self) -> None:
        """A download URL comes only for a task that has an exported file (a completed export); others get 404."""
        c = self.contract
        assert c.download is not None
        tasks = [
            i for lst in c.lists for i in self.items(lst, self.page(lst, limit=lst.max_limit, offset=0), "download")
        ]
        if not tasks:
            self.caller.tally.skipped(c.download, "download_only_exports", "the list holds no task")
            return

        def prop(task: dict[str, Any]) -> None:
            has_file = all(task.get(name) == value for name, value in c.downloadable.items())
            exchange = self.caller.call(c.download, path_parameters={c.id_param: _id(task)}, headers=c.headers)
            if (exchange.status == 200) != has_file or exchange.status not in (200, 404):
                wanted = "HTTP 200 with the file's URL" if has_file else "HTTP 404: the task has no exported file"
                raise violation(
                    "download_only_exports",
                    exchange,
                    title="Download answer does not match the task's state",
                    message=f"task {_id(task)!r} is " + ", ".join(f"{k}={task.get(k)}" for k in c.downloadable),
                    expected=wanted,
                    actual=f"HTTP {exchange.status}",
                )

        self.prove("download_only_exports", (c.download,), st.sampled_from(tasks), prop)

    def read(self, task_id: str) -> Exchange:
        """GET one task by id."""
        c = self.contract
        return self.caller.call(c.get_by_id, path_parameters={c.id_param: task_id}, headers=c.headers)

    def _update_body(self, value: str) -> dict[str, Any]:
        c = self.contract
        if c.update_style == "json-patch":
            pointer = "/" + "/".join(c.update_field)
            patch = [{"op": "replace", "path": pointer, "value": value}]
            if value in c.update_values:
                patch.append({"op": "replace", "path": "/completed", "value": "2026-01-01T00:00:00Z"})
            return {"body": patch, "media_type": "application/json-patch+json"}
        return {"body": {c.update_field[-1]: value}}


def _at(value: Any, pointer: Pointer, default: Any = MISSING) -> Any:
    for token in pointer:
        if not isinstance(value, dict) or token not in value:
            return None if default is MISSING else default
        value = value[token]
    return value


def _text(value: Any) -> str:
    """A filterable value as text; null and missing values match no filter value."""
    return "" if value is None else str(value)


def _id(item: Any) -> str:
    return str(item.get("id")) if isinstance(item, dict) else repr(item)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _filter_query(lst: ListContract, field: FilterField, operator: str, values: list[str]) -> dict[str, str]:
    if lst.filter_style == "query":
        return {field.name: values[0]}
    quoted = ", ".join(json.dumps(v) for v in values)
    return {
        "filters": f"{field.name} eq {json.dumps(values[0])}" if operator == "eq" else f"{field.name} in ({quoted})"
    }


def _describe(query: dict[str, str]) -> str:
    return "&".join(f"{k}={v}" for k, v in query.items())
