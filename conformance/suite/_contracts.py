"""What each API promises beyond its schemas, as data the semantic checks read: lists, filters, sorters, writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from conformance._registry import get_api
from conformance._results import Statement
from conformance._spec import load_spec
from conformance.suite._statements import decision

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


def _enum(spec: dict[str, Any], name: str) -> tuple[str, ...]:
    schema = spec["components"]["schemas"][name]
    return tuple(v for v in schema.get("enum", ()) if v is not None)


def _sailpoint(spec: dict[str, Any]) -> ApiContract:
    experimental = {"X-SailPoint-Experimental": "true"}
    limit_max = spec["components"]["parameters"]["limit"]["schema"]["maximum"]
    list_params = {p.get("name"): p for p in spec["paths"]["/task-status"]["get"]["parameters"]}
    pointers = {
        "id": ("id",),
        "sourceId": ("target", "id"),
        "completionStatus": ("completionStatus",),
        "type": ("type",),
    }
    status_values = tuple(
        v for v in spec["components"]["schemas"]["TaskStatus"]["properties"]["completionStatus"]["enum"] if v
    )
    type_values = tuple(spec["components"]["schemas"]["TaskStatus"]["properties"]["type"]["enum"])
    enums = {"completionStatus": status_values, "type": type_values}
    filters = tuple(
        FilterField(name, tuple(ops), pointers[name], enums.get(name, ()))
        for name, ops in list_params["filters"]["x-filter-fields"].items()
    )
    sorters = {name: (name,) for name in list_params["sorters"]["x-sorter-fields"]}
    return ApiContract(
        get_by_id="GET /task-status/{id}",
        id_param="id",
        headers=experimental,
        lists=(
            ListContract(
                operation="GET /task-status/pending-tasks",
                max_limit=limit_max,
                headers=experimental,
                membership=(("completed",), True),
                head="HEAD /task-status/pending-tasks",
            ),
            ListContract(
                operation="GET /task-status",
                max_limit=limit_max,
                headers=experimental,
                filters=filters,
                sorters=sorters,
                membership=(("completed",), False),
            ),
        ),
        update="PATCH /task-status/{id}",
        update_style="json-patch",
        update_field=("completionStatus",),
        update_values=status_values,
    )


def _flexprice(spec: dict[str, Any]) -> ApiContract:
    params = {p["name"]: p for p in spec["paths"]["/tasks"]["get"]["parameters"]}
    filters = tuple(
        FilterField(name, ("eq",), (name,), _enum(spec, params[name]["schema"]["$ref"].rsplit("/", 1)[1]))
        for name in ("task_type", "entity_type", "task_status")
    )
    sorters = {name: (name,) for name in params["sort"]["schema"]["enum"]}
    return ApiContract(
        get_by_id="GET /tasks/{id}",
        id_param="id",
        lists=(
            ListContract(
                operation="GET /tasks",
                max_limit=params["limit"]["schema"]["maximum"],
                items=("items",),
                total="body",
                filter_style="query",
                filters=filters,
                sort_style="sort-order",
                sorters=sorters,
                page_rests_on=(decision(25),),
            ),
        ),
        update="PUT /tasks/{id}/status",
        update_field=("task_status",),
        update_values=_enum(spec, "TaskStatus"),
        create="POST /tasks",
        download="GET /tasks/{id}/download",
        downloadable={"task_type": "EXPORT", "task_status": "COMPLETED"},
        create_body={
            "entity_type": _enum(spec, "EntityType"),
            "file_type": _enum(spec, "FileType"),
            "task_type": _enum(spec, "TaskType"),
            "file_url": ("https://files.example.com/import.json", "https://example.org/export.csv"),
        },
    )


def _maxsight(spec: dict[str, Any]) -> ApiContract:
    return ApiContract(get_by_id="GET /tasks/{task_id}", id_param="task_id", id_format="uuid")


_BUILDERS = {"sailpoint-v2025": _sailpoint, "flexprice": _flexprice, "maxsight-v5": _maxsight}


def contract_for(api_name: str, spec: dict[str, Any] | None = None) -> ApiContract:
    """The semantic contract of the API called `api_name`, read from its spec."""
    return _BUILDERS[api_name](spec if spec is not None else load_spec(get_api(api_name).spec_path))
