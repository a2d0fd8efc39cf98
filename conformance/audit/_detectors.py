"""Which code emits each rule: every detector is registered under the rule ids it emits, each written literally.

`@detects("operation-removed", "operation-added")` above a function records that it (and only code in its module)
emits those rules, so grepping a rule id leads from the catalog (`_rules`) to the code that finds it, and a test
checks that every rule of the catalog has a detector and every id a detector emits is in the catalog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

Detector = TypeVar("Detector", bound=Callable[..., Any])

# Each rule id -> the functions that emit it, in the order they registered.
DETECTORS: dict[str, tuple[Callable[..., Any], ...]] = {}


def detects(*rule_ids: str) -> Callable[[Detector], Detector]:
    """Register the decorated function as the code that emits the rules `rule_ids`."""

    def register(detector: Detector) -> Detector:
        for rule_id in rule_ids:
            DETECTORS[rule_id] = (*DETECTORS.get(rule_id, ()), detector)
        return detector

    return register


def detector_names(rule_id: str) -> tuple[str, ...]:
    """The dotted names of the functions that emit `rule_id` (none for an id no detector registered)."""
    return tuple(f"{d.__module__}.{d.__qualname__}" for d in DETECTORS.get(rule_id, ()))
