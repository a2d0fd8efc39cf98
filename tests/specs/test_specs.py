"""The hand-written specs: valid OpenAPI, valid examples, the documented inventory, loadable by schemathesis."""

from __future__ import annotations

import copy

import pytest
import schemathesis
from openapi_spec_validator import validate

from conformance import APIS
from conformance._examples import example_errors, iter_examples
from conformance.core._spec import load_spec

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}

DOCUMENTED_OPERATIONS = {
    "sailpoint-v2025": {
        ("HEAD", "/task-status/pending-tasks"),
        ("GET", "/task-status/pending-tasks"),
        ("GET", "/task-status/{id}"),
        ("GET", "/task-status"),
        ("PATCH", "/task-status/{id}"),
    },
    "flexprice": {
        ("GET", "/tasks"),
        ("POST", "/tasks"),
        ("GET", "/tasks/result"),
        ("GET", "/tasks/{id}"),
        ("GET", "/tasks/{id}/download"),
        ("PUT", "/tasks/{id}/status"),
    },
    "maxsight-v5": {("GET", "/tasks/{task_id}")},
}

api_names = pytest.mark.parametrize("name", sorted(APIS))


def _operations(spec: dict) -> set[tuple[str, str]]:
    return {(method.upper(), path) for path, item in spec["paths"].items() for method in item if method in HTTP_METHODS}


@api_names
def test_spec_is_valid_openapi(name: str) -> None:
    validate(load_spec(APIS[name].spec_path))


@api_names
def test_every_example_validates_against_its_schema(name: str) -> None:
    spec = load_spec(APIS[name].spec_path)
    assert list(iter_examples(spec)), "the spec carries the documents' examples"
    assert example_errors(spec) == []


def test_an_example_that_breaks_its_schema_is_reported() -> None:
    spec = copy.deepcopy(load_spec(APIS["sailpoint-v2025"].spec_path))
    spec["components"]["schemas"]["TaskStatus"]["example"]["percentComplete"] = "all of it"
    errors = example_errors(spec)
    assert len(errors) == 1
    assert errors[0].startswith("/components/schemas/TaskStatus/example")


def test_inventory_holds_the_twelve_documented_operations_and_no_more() -> None:
    found = {name: _operations(load_spec(api.spec_path)) for name, api in APIS.items()}
    assert found == DOCUMENTED_OPERATIONS
    assert sum(len(ops) for ops in found.values()) == 12


@api_names
def test_schemathesis_loads_the_spec_and_finds_every_operation(name: str) -> None:
    schema = schemathesis.openapi.from_path(str(APIS[name].spec_path))
    operations = {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}
    assert operations == DOCUMENTED_OPERATIONS[name]


@api_names
def test_every_operation_and_schema_names_its_source(name: str) -> None:
    spec = load_spec(APIS[name].spec_path)
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                assert operation["x-source"]["document"].startswith("shared/seeds/"), (method, path)
    for schema_name, schema in spec["components"]["schemas"].items():
        if schema.get("type") == "object":
            assert "x-source" in schema, schema_name


@api_names
def test_links_chain_operations_that_exist(name: str) -> None:
    spec = load_spec(APIS[name].spec_path)
    operation_ids = {
        op["operationId"] for item in spec["paths"].values() for m, op in item.items() if m in HTTP_METHODS
    }
    shared = spec["components"].get("links", {})
    links = [
        shared[link["$ref"].rsplit("/", 1)[1]] if "$ref" in link else link
        for item in spec["paths"].values()
        for method, op in item.items()
        if method in HTTP_METHODS
        for response in op["responses"].values()
        for link in response.get("links", {}).values()
    ]
    assert links, "a spec whose operations feed each other carries links"
    assert {link["operationId"] for link in links} <= operation_ids


def test_decisions_table_settles_at_least_ten_questions() -> None:
    readme = (APIS["flexprice"].spec_path.parent / "README.md").read_text()
    header = (
        "| # | question | decision | the sentence relied on "
        "| what a server that decided otherwise sees from the suite |"
    )
    assert header in readme
    rows = [line for line in readme.split(header, 1)[1].splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) >= 10
    assert all(line.count(" | ") >= 4 for line in rows)
