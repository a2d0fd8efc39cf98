"""A task's completion state is judged only where the documents make it clear."""

from __future__ import annotations

import pytest

from conformance._registry import APIS, get_api
from conformance.suite.checks._state import state_rule
from tests.seeds import seed_text

SAILPOINT = get_api("sailpoint-v2025").contract()
FLEXPRICE = get_api("flexprice").contract()
WHEN = "2026-01-01T00:00:00Z"


@pytest.mark.parametrize(
    ("completed", "status", "state"),
    [
        (None, None, "open"),
        (WHEN, "SUCCESS", "finished"),
        (WHEN, None, "unclear"),  # half-updated through PATCH: completed set, completionStatus not
        (None, "ERROR", "unclear"),  # and the reverse
    ],
)
def test_a_sailpoint_task_is_pending_or_completed_only_when_both_completion_fields_agree(
    completed: str | None, status: str | None, state: str
) -> None:
    rule = state_rule(SAILPOINT, ("completed",))
    assert rule is not None
    assert rule.state({"id": "t", "completed": completed, "completionStatus": status}) == state


@pytest.mark.parametrize(
    ("status", "state"),
    [("PENDING", "open"), ("PROCESSING", "open"), ("COMPLETED", "finished"), ("FAILED", "finished"), ("X", "unclear")],
)
def test_a_flexprice_task_state_is_its_status(status: str, state: str) -> None:
    rule = state_rule(FLEXPRICE)
    assert rule is not None and rule.state({"task_status": status}) == state


def test_only_an_update_the_documents_name_from_the_state_read_before_it_must_be_accepted() -> None:
    sailpoint, flexprice = state_rule(SAILPOINT), state_rule(FLEXPRICE)
    assert sailpoint is not None and flexprice is not None
    pending = {"completed": None, "completionStatus": None}
    assert sailpoint.documents_update(SAILPOINT, pending, "SUCCESS")
    assert not sailpoint.documents_update(SAILPOINT, {"completed": WHEN, "completionStatus": "ERROR"}, "SUCCESS")
    assert not sailpoint.documents_update(SAILPOINT, {"completed": WHEN, "completionStatus": None}, "SUCCESS")
    assert flexprice.documents_update(FLEXPRICE, {"task_status": "PENDING"}, "COMPLETED")
    assert flexprice.documents_update(FLEXPRICE, {"task_status": "PENDING"}, "PROCESSING")
    assert not flexprice.documents_update(FLEXPRICE, {"task_status": "PROCESSING"}, "PROCESSING")
    assert not flexprice.documents_update(FLEXPRICE, {"task_status": "COMPLETED"}, "PENDING")
    assert not flexprice.documents_update(FLEXPRICE, {"task_status": "PENDING"}, "PENDING")


def test_a_rule_covers_only_its_own_fields() -> None:
    assert state_rule(SAILPOINT, ("launched",)) is None
    assert state_rule(get_api("maxsight-v5").contract()) is None


RULES = {name: api.contract().state for name, api in APIS.items() if api.contract().state is not None}


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_every_rule_quotes_its_seed_verbatim(rule) -> None:
    assert rule.rests_on is not None
    assert rule.rests_on.quote in seed_text(rule.rests_on.source)
