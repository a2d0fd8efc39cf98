"""Flexprice's seed tasks: every task has its workflow, completed exports have files, failures their summary."""

from __future__ import annotations

import pytest

from conformance.apis.flexprice import API


@pytest.fixture(scope="module")
def tasks() -> list[dict]:
    return API.server.seed_tasks(0)


def test_flexprice_tasks_carry_workflows_and_completed_exports_have_files(tasks: list[dict]) -> None:
    assert all(task["workflow_id"] for task in tasks)
    exports = [task for task in tasks if task["task_type"] == "EXPORT" and task["task_status"] == "COMPLETED"]
    assert exports and all(task["file_url"] and task["completed_at"] for task in exports)
    assert all(task["failed_at"] and task["error_summary"] for task in tasks if task["task_status"] == "FAILED")
