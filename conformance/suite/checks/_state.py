"""Whether a task's completion state is clear under the documents: open, finished, or unclear (judged by no check)."""

from __future__ import annotations

from conformance.core._contracts import ApiContract, Pointer, State, StateRule

__all__ = ["State", "StateRule", "state_rule"]


def state_rule(contract: ApiContract, field: Pointer | None = None) -> StateRule | None:
    """The contract's completion rule (one that covers `field`, when given), or None when it has none."""
    rule = contract.state
    if rule is None or (field is not None and field not in rule.fields):
        return None
    return rule
