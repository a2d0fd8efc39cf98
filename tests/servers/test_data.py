"""Seed data: deterministic, every enum value present, every task valid against its schema (each API's own traits
are tested in tests/apis/<name>/test_data.py)."""

from __future__ import annotations

import pytest

from conformance import APIS
from conformance.servers._data import seed_data
from tests.servers.helpers import FLEXPRICE, MAXSIGHT, SAILPOINT, SpecCheck

SCHEMAS = {
    SAILPOINT: "/components/schemas/TaskStatus",
    FLEXPRICE: "/components/schemas/DtoTaskResponse",
    MAXSIGHT: "/components/schemas/Task",
}


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict]]:
    return seed_data(0, APIS.values())


def test_the_same_seed_gives_the_same_data_and_another_seed_other_ids(data: dict[str, list[dict]]) -> None:
    assert seed_data(0, APIS.values()) == data
    other = seed_data(1, APIS.values())
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
