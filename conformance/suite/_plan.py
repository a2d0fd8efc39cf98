"""The steps of a conformance run for one API: fuzz each operation, walk the links, prove each property."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from conformance.suite._contracts import ApiContract
from conformance.suite._fuzz import WRITE_METHODS

StepKind = Literal["fuzz", "stateful", "property"]
HTTP_METHODS = ("get", "head", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Step:
    """One unit of work: a pytest item in the plugin, a row of progress in the CLI."""

    api: str
    kind: StepKind
    name: str
    operations: tuple[str, ...]
    target_list: str = ""

    @property
    def writes(self) -> bool:
        """True when the step needs write requests (POST, PUT, PATCH, DELETE); link walks leave writes out instead."""
        if self.kind == "stateful":
            return False
        return any(op.split(" ", 1)[0] in WRITE_METHODS for op in self.operations) or self.name in (
            "update_persisted",
            "create_visible",
        )

    @property
    def id(self) -> str:
        """A stable, readable id (the pytest parameter id)."""
        suffix = f" {self.target_list}" if self.target_list else ""
        return f"{self.api} {self.kind} {self.name}{suffix}"


def operations_of(spec: dict[str, Any]) -> tuple[str, ...]:
    """Every operation of the spec as "METHOD /path", in document order."""
    return tuple(
        f"{method.upper()} {path}" for path, item in spec["paths"].items() for method in HTTP_METHODS if method in item
    )


def _has_links(spec: dict[str, Any]) -> bool:
    return any(
        response.get("links")
        for item in spec["paths"].values()
        for method, operation in item.items()
        if method in HTTP_METHODS
        for response in operation.get("responses", {}).values()
        if isinstance(response, dict)
    )


def plan(api: str, spec: dict[str, Any], contract: ApiContract) -> tuple[Step, ...]:
    """Every step of a run against `api`."""
    operations = operations_of(spec)
    steps = [Step(api, "fuzz", op, (op,)) for op in operations]
    if _has_links(spec):
        steps.append(Step(api, "stateful", "links", operations))
    for lst in contract.lists:
        listed = (lst.operation,)
        steps += [Step(api, "property", name, listed, lst.operation) for name in ("pagination", "total_count")]
        if lst.membership is not None:
            steps.append(Step(api, "property", "list_membership", listed, lst.operation))
        if lst.filters:
            steps.append(Step(api, "property", "filters", listed, lst.operation))
        if lst.sorters:
            steps.append(Step(api, "property", "sorters", listed, lst.operation))
        if lst.head:
            steps.append(Step(api, "property", "head_matches_get", (lst.head,), lst.operation))
    steps.append(Step(api, "property", "get_matches_list", (contract.get_by_id,)))
    steps.append(Step(api, "property", "unknown_id", (contract.get_by_id,)))
    reads = tuple(op for op in operations if op.split(" ", 1)[0] not in WRITE_METHODS)
    steps.append(Step(api, "property", "auth_required", reads))
    if contract.update:
        steps.append(Step(api, "property", "update_persisted", (contract.update,)))
    if contract.create:
        steps.append(Step(api, "property", "create_visible", (contract.create,)))
    if contract.download:
        steps.append(Step(api, "property", "download_only_exports", (contract.download,)))
    return tuple(steps)
