"""The plan of a run: which steps each API gets, and which of them write."""

from __future__ import annotations

import pytest

from conformance import APIS
from conformance.core._spec import load_spec
from conformance.suite import CHECKS, operations_of, plan, properties


def _plan(name: str):
    spec = load_spec(APIS[name].spec_path)
    return plan(name, spec, APIS[name].contract(spec))


@pytest.mark.parametrize("name", sorted(APIS))
def test_every_operation_is_fuzzed_once(name: str) -> None:
    steps = _plan(name)
    fuzzed = [s.operations[0] for s in steps if s.kind == "fuzz"]
    assert fuzzed == list(operations_of(load_spec(APIS[name].spec_path)))


def test_sailpoint_gets_every_list_property_and_the_patch_is_a_write() -> None:
    names = {(s.name, s.target_list) for s in _plan("sailpoint-v2025") if s.kind == "property"}
    for prop in ("pagination", "total_count", "list_membership"):
        assert (prop, "GET /task-status/pending-tasks") in names
        assert (prop, "GET /task-status") in names
    assert ("filters", "GET /task-status") in names
    assert ("head_matches_get", "GET /task-status/pending-tasks") in names
    writes = {s.name for s in _plan("sailpoint-v2025") if s.writes}
    assert writes == {"PATCH /task-status/{id}", "update_persisted", "rejected_update_unchanged"}


def test_maxsight_without_a_list_still_checks_ids_and_auth() -> None:
    names = {s.name for s in _plan("maxsight-v5")}
    assert {"get_matches_list", "unknown_id", "auth_required", "links"} <= names
    assert not {"pagination", "filters", "update_persisted"} & names


@pytest.mark.parametrize("name", sorted(APIS))
def test_every_property_step_is_a_registered_check_and_says_whether_it_writes(name: str) -> None:
    for step in _plan(name):
        if step.kind == "property":
            assert step.check is CHECKS[step.name]
            assert step.writes is step.check.writes
            assert step.operations and step.operations == step.subject.operations


def test_a_check_that_is_not_registered_gets_no_step() -> None:
    spec = load_spec(APIS["flexprice"].spec_path)
    names = {s.name for s in plan("flexprice", spec, APIS["flexprice"].contract(spec)) if s.kind == "property"}
    assert names <= set(CHECKS)
    assert names == {c.name for c in properties() if c.subjects(APIS["flexprice"].contract(spec), operations_of(spec))}
