"""Drift sightings: undocumented response fields and the values of fields the documents leave open."""

from __future__ import annotations

from conformance import get_api
from conformance.core._spec import load_spec
from conformance.suite._drift import DriftWalker, Sighting, response_schema

SPEC = load_spec(get_api("maxsight-v5").spec_path)


def test_open_values_and_undocumented_fields_are_seen() -> None:
    schema = response_schema(SPEC, "/tasks/{task_id}", "GET", 200)
    body = dict(SPEC["components"]["schemas"]["Task"]["example"], surprise=1)
    found = set(DriftWalker(SPEC).sightings(schema, body))
    assert found == {
        Sighting("open_value", "/status", "INCOMPLETE"),
        Sighting("open_value", "/assignment/assigned_to_type", "USER"),
        Sighting("undocumented_field", "/surprise"),
    }


def test_free_form_objects_hold_no_undocumented_fields() -> None:
    spec = load_spec(get_api("sailpoint-v2025").spec_path)
    schema = response_schema(spec, "/task-status", "GET", 200)
    body = [dict(spec["components"]["schemas"]["TaskStatus"]["example"], attributes={"anything": 1})]
    assert {s.kind for s in DriftWalker(spec).sightings(schema, body)} == {"open_value"}


def test_status_ranges_are_found_when_no_exact_code_is_documented() -> None:
    spec = load_spec(get_api("flexprice").spec_path)
    assert response_schema(spec, "/tasks", "POST", 201) == spec["components"]["schemas"]["DtoTaskResponse"]
