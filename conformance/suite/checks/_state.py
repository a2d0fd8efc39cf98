"""Whether a task's completion state is clear under the documents: open, finished, or unclear (judged by no check)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from conformance.suite._contracts import ApiContract, Pointer
from conformance.suite.checks._check import Statement
from conformance.suite.checks._semantics import at

State = Literal["open", "finished", "unclear"]

SAILPOINT_SEED = "000_f9d3521f83d1a133.txt"
FLEXPRICE_SEED = "002_574960079fb646db.txt"


@dataclass(frozen=True)
class StateRule:
    """The fields that together say whether a task is finished, and the updates the documents name for an open task.

    With no `open_values`, a task is open when every field is null and finished when every field is set; a task
    with some set and some null (a half-update) is unclear. With `open_values`, the one field's value decides.
    """

    fields: tuple[Pointer, ...]
    rests_on: Statement | None = None
    open_values: tuple[str, ...] = ()
    finished_values: tuple[str, ...] = ()
    # The update values the documents name for an open task; empty: every documented update value.
    documented_updates: tuple[str, ...] = ()

    def state(self, item: Any) -> State:
        """`item`'s state under this rule."""
        values = [at(item, pointer, default=None) for pointer in self.fields]
        if self.open_values:
            value = values[0]
            return "open" if value in self.open_values else "finished" if value in self.finished_values else "unclear"
        if all(v is None for v in values):
            return "open"
        return "finished" if all(v is not None for v in values) else "unclear"

    def documents_update(self, contract: ApiContract, before: Any, value: str) -> bool:
        """True when the documents name setting the update field of `before` to `value` as a valid update."""
        named = self.documented_updates or contract.update_values
        return self.state(before) == "open" and value in named and at(before, contract.update_field) != value


# Keyed by the contract's update field: the field whose update moves a task from open to finished.
RULES: dict[Pointer, StateRule] = {
    ("completionStatus",): StateRule(
        fields=(("completed",), ("completionStatus",)),
        rests_on=Statement(
            SAILPOINT_SEED,
            "update-task-status",
            "Use this API to clear a pending task by updating the completionStatus and completed attributes.",
        ),
    ),
    ("task_status",): StateRule(
        fields=(("task_status",),),
        rests_on=Statement(
            FLEXPRICE_SEED,
            "UpdateTaskStatus",
            "Use when updating task status (e.g. marking complete or failed from a worker).",
        ),
        open_values=("PENDING", "PROCESSING"),
        finished_values=("COMPLETED", "FAILED"),
        documented_updates=("PROCESSING", "COMPLETED", "FAILED"),
    ),
}


def state_rule(contract: ApiContract, field: Pointer | None = None) -> StateRule | None:
    """The contract's completion rule (one that covers `field`, when given), or None when it has none."""
    rule = RULES.get(contract.update_field)
    if rule is None or (field is not None and field not in rule.fields):
        return None
    return rule
