"""Our three specs against realistic edits of themselves: a version bump that renames, alternatives reordered, headers
added, formats tightened, a scheme dropped. Each edit is made on the loaded document, as a vendor would make it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from conformance import APIS
from conformance.audit import Change, compare_documents, parse_document, verdict
from conformance.core._spec import load_spec
from tests.audit.specimens import edited

NAMES = sorted(APIS)
Edit = Callable[[dict[str, Any]], object]


def spec(name: str) -> dict[str, Any]:
    return load_spec(APIS[name].spec_path)


def compared(old: dict[str, Any], new: dict[str, Any]) -> tuple[Change, ...]:
    return compare_documents(parse_document(old), parse_document(new)).changes


def nodes(node: Any) -> Iterator[Any]:
    """Every object and array in a (not yet resolved) document, the root first."""
    if isinstance(node, dict | list):
        yield node
        for child in node.values() if isinstance(node, dict) else node:
            yield from nodes(child)


def operations(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for item in document["paths"].values():
        yield from (op for method, op in item.items() if method != "parameters")


def operation_labels(document: dict[str, Any]) -> set[str]:
    return {f"{m.upper()} {p}" for p, item in document["paths"].items() for m in item if m != "parameters"}


# A version bump that renames: the version, every schema component, every operationId, every security scheme.


def version_bump(document: dict[str, Any]) -> None:
    document["info"]["version"] = "next"
    schemas = document["components"]["schemas"]
    renamed = {name: f"{name}V2" for name in schemas}
    document["components"]["schemas"] = {renamed[name]: schema for name, schema in schemas.items()}
    for node in nodes(document):
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            node["$ref"] = re.sub(
                r"^#/components/schemas/(.+)$", lambda m: f"#/components/schemas/{renamed[m[1]]}", node["$ref"]
            )
    for op in operations(document):
        op["operationId"] = op["operationId"] + "V2"
    schemes = document["components"]["securitySchemes"]
    document["components"]["securitySchemes"] = {f"{name}V2": scheme for name, scheme in schemes.items()}
    document["security"] = [{f"{name}V2": scopes for name, scopes in r.items()} for r in document["security"]]


@pytest.mark.parametrize("name", NAMES)
def test_a_version_bump_that_renames_components_operation_ids_and_schemes_breaks_nothing(name: str) -> None:
    old = spec(name)
    changes = compared(old, edited(old, version_bump))

    assert {c.rule_id for c in changes} == {"info-changed", "operation-id-changed", "security-scheme-renamed"}
    assert sum(c.rule_id == "operation-id-changed" for c in changes) == len(operation_labels(old))
    assert verdict(changes) == "warnings only"


# Alternatives reordered.


def reorder_alternatives(document: dict[str, Any]) -> None:
    for node in nodes(document):
        for combinator in ("oneOf", "anyOf"):
            if isinstance(node, dict) and isinstance(node.get(combinator), list):
                node[combinator].reverse()


def widen_alternatives(document: dict[str, Any]) -> None:
    """Every oneOf also accepts a bare string id, first: [string, Target, null] where [Target, null] was."""
    for node in nodes(document):
        if isinstance(node, dict) and isinstance(node.get("oneOf"), list):
            node["oneOf"].insert(0, {"type": "string", "description": "The bare id."})


def count_alternatives(document: dict[str, Any]) -> int:
    return sum(len(node["oneOf"]) for node in nodes(document) if isinstance(node, dict) and "oneOf" in node)


@pytest.mark.parametrize("name", NAMES)
def test_our_specs_with_their_alternatives_reordered_give_no_change(name: str) -> None:
    old = spec(name)
    assert compared(old, edited(old, reorder_alternatives)) == ()


@pytest.mark.parametrize("name", [n for n in NAMES if count_alternatives(spec(n))])
def test_our_specs_with_three_alternatives_a_field_reordered_give_no_change(name: str) -> None:
    old = edited(spec(name), widen_alternatives)
    assert count_alternatives(old) >= 3
    assert compared(old, edited(old, reorder_alternatives)) == ()


@pytest.mark.parametrize("name", [n for n in NAMES if count_alternatives(spec(n))])
def test_an_alternative_inserted_first_is_one_change_per_place_not_a_type_change_for_every_later_one(
    name: str,
) -> None:
    old = spec(name)
    changes = compared(old, edited(old, widen_alternatives))
    assert changes
    assert {c.rule_id.split("-", 1)[1] for c in changes} == {"variant-added"}


@pytest.mark.parametrize("name", NAMES)
def test_our_specs_compared_with_themselves_give_no_breaking_change(name: str) -> None:
    assert verdict(compared(spec(name), spec(name))) == "safe"


# Headers added.


def add_header(name: str, *, required: bool) -> Edit:
    """A shared header parameter, as a component, added to every operation."""

    def edit(document: dict[str, Any]) -> None:
        header = {"name": name, "in": "header", "required": required, "schema": {"type": "string"}}
        document["components"].setdefault("parameters", {})[name] = header
        for op in operations(document):
            op.setdefault("parameters", []).append({"$ref": f"#/components/parameters/{name}"})

    return edit


def add_response_header(document: dict[str, Any]) -> None:
    for op in operations(document):
        for status, answer in op["responses"].items():
            if status.startswith("2") and "$ref" not in answer:
                answer.setdefault("headers", {})["X-Request-Id"] = {"schema": {"type": "string"}}


@pytest.mark.parametrize("name", NAMES)
def test_an_optional_request_header_and_a_response_header_added_everywhere_are_safe(name: str) -> None:
    old = spec(name)
    changes = compared(old, edited(old, add_header("X-Request-Id", required=False), add_response_header))
    assert {c.rule_id for c in changes} == {"request-header-added-optional", "response-header-added-optional"}
    assert verdict(changes) == "safe"


@pytest.mark.parametrize("name", NAMES)
def test_a_required_request_header_added_everywhere_breaks_every_operation(name: str) -> None:
    old = spec(name)
    changes = compared(old, edited(old, add_header("X-Tenant", required=True)))
    assert {c.rule_id for c in changes} == {"request-header-added-required"}
    assert {op for c in changes for op in c.operations} == operation_labels(old)
    assert verdict(changes) == "breaking"


# Formats tightened: on a value only read (safe), and on a value clients send (breaking).


def set_format(*path: str, value: str) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        node: Any = document
        for key in path:
            node = next(p for p in node if p["name"] == key) if isinstance(node, list) else node[key]
        node["format"] = value

    return edit


READ_FORMATS: dict[str, Edit] = {
    "flexprice": set_format("components", "schemas", "DtoTaskResponse", "properties", "total_records", value="int32"),
    "maxsight-v5": set_format("components", "schemas", "Task", "properties", "data_version", value="int32"),
    "sailpoint-v2025": set_format(
        "components", "schemas", "TaskStatus", "properties", "percentComplete", value="int32"
    ),
}
SENT_FORMATS: dict[str, Edit] = {
    "flexprice": set_format("paths", "/tasks/result", "get", "parameters", "workflow_id", "schema", value="uuid"),
    "sailpoint-v2025": set_format(
        "components", "schemas", "JsonPatchOperation", "properties", "path", value="json-pointer"
    ),
}


@pytest.mark.parametrize("name", NAMES)
def test_a_format_added_to_a_value_clients_only_read_is_safe(name: str) -> None:
    old = spec(name)
    changes = compared(old, edited(old, READ_FORMATS[name]))
    assert {c.rule_id for c in changes} == {"response-format-narrowed"}
    assert verdict(changes) == "safe"


@pytest.mark.parametrize("name", sorted(SENT_FORMATS))
def test_a_format_added_to_a_value_clients_send_breaks(name: str) -> None:
    old = spec(name)
    changes = compared(old, edited(old, SENT_FORMATS[name]))
    assert [c.rule_id for c in changes] == ["request-format-narrowed"]
    assert verdict(changes) == "breaking"


def test_request_parameters_made_int64_from_int32_are_safe() -> None:
    old = spec("sailpoint-v2025")
    wider = (set_format("components", "parameters", p, "schema", value="int64") for p in ("offset", "limit"))
    changes = compared(old, edited(old, *wider))
    assert {(c.rule_id, c.pointer) for c in changes} == {
        ("request-format-widened", "/components/parameters/offset/schema/format"),
        ("request-format-widened", "/components/parameters/limit/schema/format"),
    }
    assert verdict(changes) == "safe"


# A security scheme dropped while the scheme every client uses remains.

OAUTH = {
    "type": "oauth2",
    "flows": {"clientCredentials": {"tokenUrl": "https://auth.example.com/oauth/token", "scopes": {}}},
}


def offer_oauth(document: dict[str, Any]) -> None:
    """A second way in, accepted by every operation: an OAuth 2.0 client-credentials token."""
    document["components"]["securitySchemes"]["partnerOAuth"] = OAUTH
    document["security"] = [*document["security"], {"partnerOAuth": []}]


@pytest.mark.parametrize("name", NAMES)
def test_dropping_a_second_scheme_warns_once_for_every_operation_and_breaks_nothing(name: str) -> None:
    new = spec(name)
    changes = compared(edited(new, offer_oauth), new)

    assert {(c.rule_id, c.pointer) for c in changes} == {
        ("security-scheme-removed", "/components/securitySchemes/partnerOAuth"),
        ("security-alternative-removed", "/security"),
    }
    (dropped,) = (c for c in changes if c.rule_id == "security-alternative-removed")
    assert set(dropped.operations) == operation_labels(new)
    assert verdict(changes) == "warnings only"


@pytest.mark.parametrize("name", NAMES)
def test_replacing_the_only_scheme_breaks_every_operation(name: str) -> None:
    old = spec(name)

    def oauth_only(document: dict[str, Any]) -> None:
        offer_oauth(document)
        document["security"] = [{"partnerOAuth": []}]

    changes = compared(old, edited(old, oauth_only))
    removed = [c for c in changes if c.rule_id == "security-requirement-removed"]
    assert len(removed) == 1
    assert set(removed[0].operations) == operation_labels(old)
    assert verdict(changes) == "breaking"
