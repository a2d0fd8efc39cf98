"""Input-validation faults as edits to the contract the server enforces (JSON Patch operations on its spec)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import jsonpatch

if TYPE_CHECKING:
    from conformance.servers._faults import Fault


def edited_spec(spec: dict[str, Any], faults: Iterable[Fault]) -> dict[str, Any]:
    """`spec` with the contract edits of the faults (those acting on its API, in name order) applied (a copy)."""
    return jsonpatch.apply_patch(spec, [edit for fault in faults for edit in fault.contract_edits])
