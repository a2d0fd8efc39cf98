"""What each API promises beyond its schemas, as data the semantic checks read: lists, filters, sorters, writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from conformance._results import Statement

Pointer = tuple[str, ...]


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
