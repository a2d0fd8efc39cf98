"""Maxsight's semantic contract: get by UUID only (no list operation)."""

from __future__ import annotations

from typing import Any

from conformance.core._contracts import ApiContract


def contract_from(spec: dict[str, Any]) -> ApiContract:
    """The semantic contract `spec` states for Maxsight (the spec adds nothing to read)."""
    return ApiContract(get_by_id="GET /tasks/{task_id}", id_param="task_id", id_format="uuid")
