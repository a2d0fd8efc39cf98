"""A check as a registered value: its name, what it applies to, whether it writes, what it rests on, how it runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from conformance.core._api import Api
from conformance.core._contracts import ApiContract, ListContract
from conformance.core._statements import Statement

if TYPE_CHECKING:
    from conformance.suite.checks._semantics import Semantics

CheckKind = Literal["schemathesis", "property"]


@dataclass(frozen=True)
class Subject:
    """What one step of a check works on: the operations it calls and, for a list property, the list."""

    operations: tuple[str, ...]
    list: ListContract | None = None


Subjects = Callable[[ApiContract, tuple[str, ...]], tuple[Subject, ...]]


@dataclass(frozen=True)
class Check:
    """One check of the suite: a schemathesis built-in the suite enables, or a semantic property of its own."""

    name: str
    summary: str
    kind: CheckKind
    writes: bool
    # The steps this check gets for one API, derived from the API's contract and its operations.
    subjects: Subjects
    # How a property runs on one subject (None for a schemathesis built-in: the engine runs those).
    prove: Callable[[Semantics, Subject], None] | None = None

    def statements(self, api: Api) -> tuple[Statement, ...]:
        """What this check rests on for `api`: the entry's statements under the check's name.

        A finding that breaks only decisions is a warning (see conformance.suite._levels).
        """
        return api.statements(self.name)


CHECKS: dict[str, Check] = {}


def register(check: Check) -> Check:
    """Add `check` to the registry (a name is registered once)."""
    if check.name in CHECKS:
        raise ValueError(f"check {check.name!r} is registered twice")
    CHECKS[check.name] = check
    return check


def every_operation(contract: ApiContract, operations: tuple[str, ...]) -> tuple[Subject, ...]:
    """One subject per operation of the API (the schemathesis built-ins run on each)."""
    return tuple(Subject((operation,)) for operation in operations)


def each_list(contract: ApiContract, operations: tuple[str, ...]) -> tuple[Subject, ...]:
    """One subject per list operation of the API."""
    return tuple(Subject((lst.operation,), lst) for lst in contract.lists)


def get_by_id(contract: ApiContract, operations: tuple[str, ...]) -> tuple[Subject, ...]:
    """The API's read-by-id operation."""
    return (Subject((contract.get_by_id,)),)


def only(operation: Callable[[ApiContract], str | None]) -> Subjects:
    """The one operation `operation` picks from the contract, or none when the API has no such operation."""

    def subjects(contract: ApiContract, operations: tuple[str, ...]) -> tuple[Subject, ...]:
        chosen = operation(contract)
        return (Subject((chosen,)),) if chosen else ()

    return subjects
