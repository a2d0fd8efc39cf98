"""SailPoint's seed tasks: pending and completed ones, nested objects filled, never null where the SDK reads."""

from __future__ import annotations

import pytest

from conformance.apis.sailpoint_v2025 import API


@pytest.fixture(scope="module")
def tasks() -> list[dict]:
    return API.server.seed_tasks(0)


def test_sailpoint_has_pending_and_completed_tasks_with_nested_objects_filled(tasks: list[dict]) -> None:
    pending = [task for task in tasks if task["completed"] is None]
    completed = [task for task in tasks if task["completed"] is not None]
    assert len(pending) >= 50 and len(completed) >= 250
    assert all(task["completionStatus"] is None for task in pending)
    assert any(task["launched"] is None for task in pending) and any(task["launched"] for task in pending)
    assert all(task["messages"] and task["messages"][0]["localizedText"]["message"] for task in completed)
    assert sum(bool(task["target"]) for task in tasks) > len(tasks) / 2
    assert sum(bool(task["taskDefinitionSummary"]) for task in tasks) > len(tasks) / 2
    assert all(task["returns"] and task["attributes"] for task in tasks)
    # The spec lets them be null; the vendor's SDK (sailpoint 1.4.2 TaskStatus) does not, so the seed never is.
    assert all(task["description"] and task["modified"] for task in tasks)
