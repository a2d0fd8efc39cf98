"""Maxsight's seed tasks: seed 003's example first, the nullable fields varied."""

from __future__ import annotations

import pytest

from conformance.apis.maxsight_v5 import API


@pytest.fixture(scope="module")
def tasks() -> list[dict]:
    return API.server.seed_tasks(0)


def test_maxsight_serves_its_page_example_first_and_varies_nullable_fields(tasks: list[dict]) -> None:
    assert tasks[0]["id"] == "497f6eca-6276-4993-bfeb-53cbbbba6f08"
    assert tasks[0]["c_name"] == "Review documentation"
    for field in ("assignment", "custom_metadata", "locked_at", "name"):
        assert {task[field] is None for task in tasks} == {True, False}, field
