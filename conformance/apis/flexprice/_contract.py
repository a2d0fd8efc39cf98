"""Flexprice's semantic contract, read from its spec: one list (query filters, sort, order), create, update."""

from __future__ import annotations

from typing import Any

from conformance.apis.flexprice._statements import FP_UPDATE
from conformance.core._contracts import ApiContract, FilterField, ListContract, StateRule
from conformance.core._statements import decision


def _enum(spec: dict[str, Any], name: str) -> tuple[str, ...]:
    schema = spec["components"]["schemas"][name]
    return tuple(v for v in schema.get("enum", ()) if v is not None)


def contract_from(spec: dict[str, Any]) -> ApiContract:
    """The semantic contract `spec` states for Flexprice."""
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
                page_rests_on=(decision(37),),
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
        state=StateRule(
            fields=(("task_status",),),
            rests_on=FP_UPDATE,
            open_values=("PENDING", "PROCESSING"),
            finished_values=("COMPLETED", "FAILED"),
            documented_updates=("PROCESSING", "COMPLETED", "FAILED"),
        ),
    )
