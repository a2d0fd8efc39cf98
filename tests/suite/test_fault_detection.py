"""Known-bad reference servers: the suite detects a fault of every category of the catalog."""

from __future__ import annotations

import pytest

from conformance._registry import FAULTS
from conformance.suite import detect

CATEGORIES = ("response-schema", "status-and-headers", "semantics", "security", "input-validation", "robustness")


def _one_per_category() -> list[str]:
    return [min(name for name, fault in FAULTS.items() if fault.category == category) for category in CATEGORIES]


@pytest.mark.parametrize("fault", _one_per_category())
def test_the_suite_detects_the_fault(fault: str) -> None:
    detection = detect(fault, max_examples=5)
    assert detection.detected, f"{fault} was not detected (exit code {detection.exit_code})"
    assert detection.failed_checks
