"""Seed data: deterministic, realistic, every enum value present, every task valid against its schema."""

from __future__ import annotations

import pytest

from conformance.servers._data import seed_data
from tests.servers.helpers import FLEXPRICE, MAXSIGHT, SAILPOINT, SpecCheck

SCHEMAS = {
    SAILPOINT: "/components/schemas/TaskStatus",
    FLEXPRICE: "/components/schemas/DtoTaskResponse",
    MAXSIGHT: "/components/schemas/Task",
}


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict]]:
    return seed_data(0)


def test_the_same_seed_gives_the_same_data_and_another_seed_other_ids(data: dict[str, list[dict]]) -> None:
    assert seed_data(0) == data
    other = seed_data(1)
    for api_name, tasks in data.items():
        assert {task["id"] for task in tasks}.isdisjoint(task["id"] for task in other[api_name][1:])


@pytest.mark.parametrize("api_name", list(SCHEMAS))
def test_each_api_has_at_least_300_tasks_with_unique_ids_all_valid(
    api_name: str, data: dict[str, list[dict]], spec_checks: dict[str, SpecCheck]
) -> None:
    tasks = data[api_name]
    assert len(tasks) >= 300
    assert len({task["id"] for task in tasks}) == len(tasks)
    errors = [error for task in tasks for error in spec_checks[api_name].schema_errors(SCHEMAS[api_name], task)]
    assert errors == []


@pytest.mark.parametrize(
    ("api_name", "field", "schema"),
    [
        (SAILPOINT, "type", "/components/schemas/TaskStatus/properties/type"),
        (SAILPOINT, "completionStatus", "/components/schemas/TaskStatus/properties/completionStatus"),
        (FLEXPRICE, "task_type", "/components/schemas/TaskType"),
        (FLEXPRICE, "entity_type", "/components/schemas/EntityType"),
        (FLEXPRICE, "file_type", "/components/schemas/FileType"),
        (FLEXPRICE, "task_status", "/components/schemas/TaskStatus"),
    ],
)
def test_every_enum_value_of_the_spec_occurs(
    api_name: str, field: str, schema: str, data: dict[str, list[dict]], spec_checks: dict[str, SpecCheck]
) -> None:
    node = spec_checks[api_name].spec
    for token in schema.strip("/").split("/"):
        node = node[token]
    assert {task[field] for task in data[api_name]} == set(node["enum"])


def test_sailpoint_has_pending_and_completed_tasks_with_nested_objects_filled(data: dict[str, list[dict]]) -> None:
    tasks = data[SAILPOINT]
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


def test_flexprice_tasks_carry_workflows_and_completed_exports_have_files(data: dict[str, list[dict]]) -> None:
    tasks = data[FLEXPRICE]
    assert all(task["workflow_id"] for task in tasks)
    exports = [task for task in tasks if task["task_type"] == "EXPORT" and task["task_status"] == "COMPLETED"]
    assert exports and all(task["file_url"] and task["completed_at"] for task in exports)
    assert all(task["failed_at"] and task["error_summary"] for task in tasks if task["task_status"] == "FAILED")


def test_maxsight_serves_its_page_example_first_and_varies_nullable_fields(data: dict[str, list[dict]]) -> None:
    tasks = data[MAXSIGHT]
    assert tasks[0]["id"] == "497f6eca-6276-4993-bfeb-53cbbbba6f08"
    assert tasks[0]["c_name"] == "Review documentation"
    for field in ("assignment", "custom_metadata", "locked_at", "name"):
        assert {task[field] is None for task in tasks} == {True, False}, field
