"""Comparing two documents: our specs against themselves and against edited copies, directions, refs, 3.0 vs 3.1."""

from __future__ import annotations

from typing import Any

import pytest

from conformance import APIS
from conformance.audit import Change, compare_documents, parse_document
from conformance.core._spec import load_spec
from tests.audit.specimens import edited, minimal_spec, operation


def node_at(root: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        root = root[int(token)] if isinstance(root, list) else root[token]
    return root


@pytest.mark.parametrize("name", sorted(APIS))
def test_each_of_our_specs_compared_with_itself_gives_no_change(name: str) -> None:
    spec = load_spec(APIS[name].spec_path)
    assert compare_documents(parse_document(spec), parse_document(edited(spec))).changes == ()


def edit_flexprice(spec: dict[str, Any]) -> None:
    """A field removed, an enum value added, a parameter made required, a description changed."""
    del spec["components"]["schemas"]["DtoSuccessResponse"]["properties"]["message"]
    spec["components"]["schemas"]["TaskType"]["enum"].append("SYNC")
    next(p for p in spec["paths"]["/tasks"]["get"]["parameters"] if p["name"] == "limit")["required"] = True
    spec["paths"]["/tasks/{id}"]["get"]["description"] = "Returns one task."


def reached(changes: tuple[Change, ...]) -> set[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]]:
    return {(c.rule_id, c.severity, c.pointer, c.operations, c.locations) for c in changes}


def test_known_edits_of_a_spec_are_reported_exactly_once_and_classified_by_side() -> None:
    old = load_spec(APIS["flexprice"].spec_path)
    new = edited(old, edit_flexprice)
    json_body = "content/application~1json/schema"
    task_type = "/components/schemas/TaskType/enum"

    changes = compare_documents(parse_document(old), parse_document(new)).changes

    assert reached(changes) == {
        # The field removed from a response, where the shared component has it.
        (
            "response-property-removed",
            "breaking",
            "/components/schemas/DtoSuccessResponse/properties/message",
            ("PUT /tasks/{id}/status",),
            (f"/paths/~1tasks~1{{id}}~1status/put/responses/200/{json_body}/properties/message",),
        ),
        # The enum value added: harmless where clients send it, breaking where they read it; once for each side.
        (
            "request-enum-value-added",
            "info",
            task_type,
            ("GET /tasks", "POST /tasks"),
            (
                "/paths/~1tasks/get/parameters/2/schema/enum",
                f"/paths/~1tasks/post/requestBody/{json_body}/properties/task_type/enum",
            ),
        ),
        (
            "response-enum-value-added",
            "breaking",
            task_type,
            ("GET /tasks", "POST /tasks", "GET /tasks/{id}"),
            (
                f"/paths/~1tasks/get/responses/200/{json_body}/properties/items/items/properties/task_type/enum",
                f"/paths/~1tasks/post/responses/2XX/{json_body}/properties/task_type/enum",
                f"/paths/~1tasks~1{{id}}/get/responses/200/{json_body}/properties/task_type/enum",
            ),
        ),
        # The parameter made required.
        (
            "request-parameter-became-required",
            "breaking",
            "/paths/~1tasks/get/parameters/0",
            ("GET /tasks",),
            ("/paths/~1tasks/get/parameters/0",),
        ),
        # The description changed.
        (
            "description-changed",
            "info",
            "/paths/~1tasks~1{id}/get/description",
            ("GET /tasks/{id}",),
            ("/paths/~1tasks~1{id}/get/description",),
        ),
    }
    assert len(changes) == 5


def test_changes_come_most_serious_first() -> None:
    old = load_spec(APIS["flexprice"].spec_path)
    changes = compare_documents(parse_document(old), parse_document(edited(old, edit_flexprice))).changes
    severities = [c.severity for c in changes]
    assert severities == sorted(severities, key=["breaking", "warning", "info"].index)


def test_every_pointer_and_location_locates_the_change_in_the_document_that_has_it() -> None:
    old = parse_document(load_spec(APIS["flexprice"].spec_path))
    new = parse_document(edited(load_spec(APIS["flexprice"].spec_path), edit_flexprice))
    for change in compare_documents(old, new).changes:
        holder = old.root if change.rule_id.endswith("removed") else new.root
        for pointer in (change.pointer, *change.locations):
            node_at(holder, pointer)


def test_a_change_to_a_shared_component_is_reported_once_with_every_operation_and_location_it_reaches() -> None:
    old = load_spec(APIS["sailpoint-v2025"].spec_path)
    new = edited(old, lambda d: d["components"]["schemas"]["TaskStatus"]["properties"].pop("launcher"))

    (change,) = compare_documents(parse_document(old), parse_document(new)).changes

    body = "responses/200/content/application~1json/schema"
    assert (change.rule_id, change.pointer) == (
        "response-property-removed",
        "/components/schemas/TaskStatus/properties/launcher",
    )
    assert change.operations == (
        "GET /task-status/pending-tasks",
        "GET /task-status/{id}",
        "PATCH /task-status/{id}",
        "GET /task-status",
    )
    assert change.operation == change.operations[0]
    assert change.locations == (
        f"/paths/~1task-status~1pending-tasks/get/{body}/items/properties/launcher",
        f"/paths/~1task-status~1{{id}}/get/{body}/properties/launcher",
        f"/paths/~1task-status~1{{id}}/patch/{body}/properties/launcher",
        f"/paths/~1task-status/get/{body}/items/properties/launcher",
    )


def recursive_spec(name_type: str) -> dict[str, Any]:
    spec = minimal_spec()
    spec["components"]["schemas"]["TaskOut"]["properties"]["subtasks"] = {
        "type": "array",
        "items": {"$ref": "#/components/schemas/TaskOut"},
    }
    spec["components"]["schemas"]["TaskOut"]["properties"]["title"]["type"] = name_type
    return spec


def test_circular_references_are_compared_once_and_terminate() -> None:
    old, new = parse_document(recursive_spec("string")), parse_document(recursive_spec("integer"))

    assert compare_documents(old, parse_document(recursive_spec("string"))).changes == ()
    changes = compare_documents(old, new).changes

    assert [(c.rule_id, c.pointer) for c in changes] == [
        ("response-type-changed", "/components/schemas/TaskOut/properties/title/type")
    ]


def test_renaming_a_path_variable_is_no_change() -> None:
    def rename(spec: dict[str, Any]) -> None:
        spec["paths"]["/tasks/{task_id}"] = spec["paths"].pop("/tasks/{id}")
        operation_ = spec["paths"]["/tasks/{task_id}"]["put"]
        operation_["parameters"][0]["name"] = "task_id"

    old = minimal_spec()
    assert compare_documents(parse_document(old), parse_document(edited(old, rename))).changes == ()


def test_a_path_level_parameter_counts_for_every_operation_of_the_path() -> None:
    def move_limit_to_path_level(spec: dict[str, Any]) -> None:
        limit = operation(spec)["parameters"].pop(1)
        spec["paths"]["/tasks/{id}"]["parameters"] = [limit | {"required": True}]

    old = minimal_spec()
    changes = compare_documents(parse_document(old), parse_document(edited(old, move_limit_to_path_level))).changes
    assert [(c.rule_id, c.pointer) for c in changes] == [
        ("request-parameter-became-required", "/paths/~1tasks~1{id}/parameters/0")
    ]


def openapi_30(spec: dict[str, Any]) -> None:
    """The same contract written the 3.0 way: `nullable`, boolean exclusive bounds."""
    spec["openapi"] = "3.0.3"
    title = spec["components"]["schemas"]["TaskOut"]["properties"]["title"]
    title["nullable"] = True
    size = spec["components"]["schemas"]["TaskOut"]["properties"]["size"]
    size.update(minimum=0, exclusiveMinimum=True)


def openapi_31(spec: dict[str, Any]) -> None:
    """The same contract written the 3.1 way: null in the type, numeric exclusive bounds."""
    title = spec["components"]["schemas"]["TaskOut"]["properties"]["title"]
    title["type"] = ["string", "null"]
    size = spec["components"]["schemas"]["TaskOut"]["properties"]["size"]
    del size["minimum"]
    size["exclusiveMinimum"] = 0


def test_a_30_document_and_its_31_translation_differ_only_in_version() -> None:
    old, new = edited(minimal_spec(), openapi_30), edited(minimal_spec(), openapi_31)
    changes = compare_documents(parse_document(old), parse_document(new)).changes
    assert [(c.rule_id, c.pointer, c.old, c.new) for c in changes] == [("info-changed", "/openapi", "3.0.3", "3.1.0")]


def test_null_as_a_oneof_alternative_is_nullability_not_a_variant() -> None:
    def wrap_owner_in_nullable_ref(spec: dict[str, Any]) -> None:
        properties = spec["components"]["schemas"]["TaskOut"]["properties"]
        properties["due"] = {"oneOf": [properties["due"], {"type": "null"}]}

    old = minimal_spec()
    changes = compare_documents(parse_document(old), parse_document(edited(old, wrap_owner_in_nullable_ref))).changes
    assert [c.rule_id for c in changes] == ["response-became-nullable"]


def test_fields_merged_from_allof_are_compared_like_inline_ones() -> None:
    def split_with_allof(spec: dict[str, Any]) -> None:
        schema = spec["components"]["schemas"]["TaskOut"]
        spec["components"]["schemas"]["TaskOut"] = {
            "allOf": [
                {"type": "object", "required": ["id"], "properties": {"id": schema["properties"]["id"]}},
                {k: v for k, v in schema.items() if k != "required"} | {"required": ["title"]},
            ]
        }
        del spec["components"]["schemas"]["TaskOut"]["allOf"][1]["properties"]["id"]

    old = minimal_spec()
    assert compare_documents(parse_document(old), parse_document(edited(old, split_with_allof))).changes == ()


def test_multipleof_changed_both_ways_is_tightened_and_loosened() -> None:
    def multiple_of_three(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["TaskIn"]["properties"]["size"]["multipleOf"] = 3

    old = minimal_spec()
    changes = compare_documents(parse_document(old), parse_document(edited(old, multiple_of_three))).changes
    assert sorted(c.rule_id for c in changes) == ["request-bound-loosened", "request-bound-tightened"]


def test_an_enum_introduced_on_a_request_value_tightens_it() -> None:
    def closed_title(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["TaskIn"]["properties"]["title"]["enum"] = ["a", "b"]

    old = minimal_spec()
    changes = compare_documents(parse_document(old), parse_document(edited(old, closed_title))).changes
    assert [(c.rule_id, c.message) for c in changes] == [("request-bound-tightened", "enum introduced")]


def test_making_an_operation_public_locks_no_client_out() -> None:
    def public(spec: dict[str, Any]) -> None:
        operation(spec)["security"] = []

    old = minimal_spec()
    changes = compare_documents(parse_document(old), parse_document(edited(old, public))).changes
    assert [(c.rule_id, c.severity, c.new) for c in changes] == [
        ("security-requirement-added", "info", "anonymous access")
    ]


def test_removing_anonymous_access_is_breaking() -> None:
    def open_to_all(spec: dict[str, Any]) -> None:
        operation(spec)["security"] = [{}]

    old = edited(minimal_spec(), open_to_all)
    changes = compare_documents(parse_document(old), parse_document(minimal_spec())).changes
    assert [(c.rule_id, c.old) for c in changes] == [
        ("security-requirement-removed", "anonymous access"),
        ("security-requirement-added", None),
    ]
