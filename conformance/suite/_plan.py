"""The steps of a conformance run for one API: fuzz each operation, walk the links, prove each registered property."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from conformance.core._contracts import ApiContract
from conformance.suite._transport import SAFE_METHODS
from conformance.suite.checks import Check, Subject, properties

StepKind = Literal["fuzz", "stateful", "property"]
HTTP_METHODS = ("get", "head", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Step:
    """One unit of work: a pytest item in the plugin, a row of progress in the CLI."""

    api: str
    kind: StepKind
    name: str
    operations: tuple[str, ...]
    check: Check | None = None  # the property a property step proves
    subject: Subject | None = None

    @property
    def target_list(self) -> str:
        """The list operation a list property reads ("" for other steps)."""
        return self.subject.list.operation if self.subject and self.subject.list else ""

    @property
    def writes(self) -> bool:
        """True when the step needs write requests; a link walk leaves writes out instead."""
        if self.check is not None:
            return self.check.writes
        return self.kind == "fuzz" and self.operations[0].split(" ", 1)[0] not in SAFE_METHODS

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
    """Every step of a run against `api`: read from the spec's operations and the registry's properties."""
    operations = operations_of(spec)
    steps = [Step(api, "fuzz", op, (op,)) for op in operations]
    if _has_links(spec):
        steps.append(Step(api, "stateful", "links", operations))
    for check in properties():
        for subject in check.subjects(contract, operations):
            steps.append(Step(api, "property", check.name, subject.operations, check, subject))
    return tuple(steps)
