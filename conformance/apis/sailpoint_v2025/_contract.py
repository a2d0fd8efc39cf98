"""SailPoint's semantic contract, read from its spec: two lists (pending, completed), filters, sorters, JSON Patch."""

from __future__ import annotations

from typing import Any

from conformance.apis.sailpoint_v2025._statements import SP_UPDATE
from conformance.core._contracts import ApiContract, FilterField, ListContract, StateRule


def contract_from(spec: dict[str, Any]) -> ApiContract:
    """The semantic contract `spec` states for SailPoint."""
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
        # Open while neither is set, finished once both are; a half-update leaves the state unclear.
        state=StateRule(fields=(("completed",), ("completionStatus",)), rests_on=SP_UPDATE),
    )
