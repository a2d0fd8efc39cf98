"""Faults and variants as edits to the contract the server enforces (JSON Patch operations on its spec)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import jsonpatch


class Edits(Protocol):
    """A fault or a variant: something that may edit the contract."""

    @property
    def name(self) -> str: ...

    @property
    def contract_edits(self) -> tuple[dict[str, Any], ...]: ...


def edited_spec(spec: dict[str, Any], editors: Iterable[Edits]) -> dict[str, Any]:
    """`spec` with the contract edits of `editors` (in order) applied (a copy); ValueError when they conflict."""
    editors = tuple(editors)
    try:
        return jsonpatch.apply_patch(spec, [edit for editor in editors for edit in editor.contract_edits])
    except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException) as exc:
        names = ", ".join(editor.name for editor in editors if editor.contract_edits)
        raise ValueError(f"{names} cannot be switched on together: their contract edits conflict ({exc})") from None
