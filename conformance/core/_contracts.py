"""What each API promises beyond its schemas, as data the checks read: lists, filters, sorters, writes, state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from conformance.core._statements import Statement

Pointer = tuple[str, ...]
State = Literal["open", "finished", "unclear"]
MISSING = object()


def at(value: Any, pointer: Pointer, default: Any = MISSING) -> Any:
    """The value at `pointer` inside `value` (None, or `default`, when a step is missing)."""
    for token in pointer:
        if not isinstance(value, dict) or token not in value:
            return None if default is MISSING else default
        value = value[token]
    return value


@dataclass(frozen=True)
class StateRule:
    """The fields that together say whether a task is finished, and the updates the documents name for an open task.

    With no `open_values`, a task is open when every field is null and finished when every field is set; a task
    with some set and some null (a half-update) is unclear. With `open_values`, the one field's value decides.
    """

    fields: tuple[Pointer, ...]
    rests_on: Statement | None = None
    open_values: tuple[str, ...] = ()
    finished_values: tuple[str, ...] = ()
    # The update values the documents name for an open task; empty: every documented update value.
    documented_updates: tuple[str, ...] = ()

    def state(self, item: Any) -> State:
        """`item`'s state under this rule."""
        values = [at(item, pointer, default=None) for pointer in self.fields]
        if self.open_values:
            value = values[0]
            return "open" if value in self.open_values else "finished" if value in self.finished_values else "unclear"
        if all(v is None for v in values):
            return "open"
        return "finished" if all(v is not None for v in values) else "unclear"

    def documents_update(self, contract: ApiContract, before: Any, value: str) -> bool:
        """True when the documents name setting the update field of `before` to `value` as a valid update."""
        named = self.documented_updates or contract.update_values
        return self.state(before) == "open" and value in named and at(before, contract.update_field) != value


@dataclass(frozen=True)
class FilterField:
    """A documented filter: its name, operators, and where the filtered value sits in an item."""

    name: str
    operators: tuple[str, ...]
    pointer: Pointer
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListContract:
    """A list operation: paging, total, filters, sorters and which items it holds."""

    operation: str
    max_limit: int
    items: Pointer = ()
    headers: dict[str, str] = field(default_factory=dict)
    total: Literal["header", "body"] = "header"
    filter_style: Literal["expression", "query"] = "expression"
    filters: tuple[FilterField, ...] = ()
    sort_style: Literal["sorters", "sort-order"] = "sorters"
    sorters: dict[str, Pointer] = field(default_factory=dict)
    membership: tuple[Pointer, bool] | None = None
    head: str | None = None
    # What a refusal (4XX) of the suite's pages rests on, when max_limit is a decision of ours rather than a
    # documented value (empty: the checks' own statements).
    page_rests_on: tuple[Statement, ...] = ()


@dataclass(frozen=True)
class ApiContract:
    """The semantic contract of one API."""

    get_by_id: str
    id_param: str
    headers: dict[str, str] = field(default_factory=dict)
    lists: tuple[ListContract, ...] = ()
    id_format: Literal["text", "uuid"] = "text"
    update: str | None = None
    update_style: Literal["json-patch", "field"] = "field"
    update_field: Pointer = ()
    update_values: tuple[str, ...] = ()
    create: str | None = None
    create_body: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    download: str | None = None
    downloadable: dict[str, str] = field(default_factory=dict)
    state: StateRule | None = None
    """Whether a task is open or finished, when the documents say (the update moves a task from one to the other)."""
