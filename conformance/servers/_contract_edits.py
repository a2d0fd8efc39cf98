"""Input-validation faults as edits to the contract the server enforces (JSON Patch operations on its spec)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import jsonpatch

from conformance.servers._faults import applies_to

_PATCH_BODY = "/paths/~1task-status~1{id}/patch/requestBody/content"
_FP_LIST_LIMIT = "/paths/~1tasks/get/parameters/0"

CONTRACT_EDITS: dict[str, tuple[dict[str, Any], ...]] = {
    "sailpoint-experimental-header-optional": (
        {"op": "replace", "path": "/components/parameters/ExperimentalHeader/required", "value": False},
        {"op": "remove", "path": "/components/parameters/ExperimentalHeader/schema/enum"},
    ),
    "sailpoint-limit-over-max-accepted": ({"op": "remove", "path": "/components/parameters/limit/schema/maximum"},),
    "sailpoint-limit-250-rejected": (
        {"op": "replace", "path": "/components/parameters/limit/schema/maximum", "value": 100},
        {"op": "replace", "path": "/components/parameters/limit/schema/default", "value": 100},
    ),
    "sailpoint-patch-media-type-rejected": (
        {
            "op": "move",
            "from": f"{_PATCH_BODY}/application~1json-patch+json",
            "path": f"{_PATCH_BODY}/application~1json",
        },
    ),
    "flexprice-create-enum-unchecked": (
        {
            "op": "replace",
            "path": "/components/schemas/DtoCreateTaskRequest/properties/task_type",
            "value": {"type": "string", "minLength": 1},
        },
    ),
    "flexprice-limit-over-100-rejected": (
        {"op": "test", "path": f"{_FP_LIST_LIMIT}/name", "value": "limit"},
        {"op": "replace", "path": f"{_FP_LIST_LIMIT}/schema/maximum", "value": 100},
    ),
}


def edited_spec(spec: dict[str, Any], api_name: str, faults: Iterable[str]) -> dict[str, Any]:
    """`spec` with the contract edits of the active faults that act on `api_name` applied (a copy)."""
    edits = [edit for name in sorted(faults) if applies_to(name, api_name) for edit in CONTRACT_EDITS.get(name, ())]
    return jsonpatch.apply_patch(spec, edits)
