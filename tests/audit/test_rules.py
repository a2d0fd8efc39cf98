"""The rule catalog: every rule fires, alone, on its minimal pair, and stays silent on an unchanged copy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from conformance._results import Observation, OperationStats
from conformance.audit import RULES, RUN_RULES, SPEC_RULES, compare_documents, compare_runs, parse_document
from tests.audit.specimens import (
    OBSERVATIONS,
    OPERATIONS,
    RESULTS,
    edited,
    failure,
    minimal_run,
    minimal_spec,
    operation,
    parameter,
    replaced,
    response,
    round_trip,
)

Edit = Callable[[dict[str, Any]], object]


def unchanged(spec: dict[str, Any]) -> None:
    """Leave the document as it is."""


@dataclass(frozen=True)
class Pair:
    """A minimal pair: the edit making OLD and the edit making NEW, both from the minimal spec, and the rules that
    cannot help firing with the pair's own (a way of authenticating replaced is one lost and one gained)."""

    new: Edit = unchanged
    old: Edit = unchanged
    also: tuple[str, ...] = ()


def prop(name: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda schema: schema["properties"][name]


# Edits of one schema; each gives a request rule on the request body and a response rule on the response body.
SCHEMA_EDITS: dict[str, Pair] = {
    "type-changed": Pair(new=lambda s: prop("size")(s).update(type="boolean")),
    "type-narrowed": Pair(old=lambda s: prop("size")(s).update(type="number")),
    "type-widened": Pair(new=lambda s: prop("size")(s).update(type="number")),
    "format-changed": Pair(new=lambda s: prop("due")(s).update(format="date-time")),
    "format-narrowed": Pair(new=lambda s: prop("size")(s).update(format="int32")),
    "format-widened": Pair(new=lambda s: prop("due")(s).pop("format")),
    "became-nullable": Pair(new=lambda s: prop("title")(s).update(type=["string", "null"])),
    "became-not-nullable": Pair(old=lambda s: prop("title")(s).update(type=["string", "null"])),
    "enum-value-added": Pair(new=lambda s: prop("state")(s)["enum"].append("archived")),
    "enum-value-removed": Pair(new=lambda s: prop("state")(s)["enum"].remove("done")),
    "bound-tightened": Pair(new=lambda s: prop("title")(s).update(maxLength=50)),
    "bound-loosened": Pair(new=lambda s: prop("title")(s).update(maxLength=200)),
    "default-changed": Pair(new=lambda s: prop("state")(s).update(default="done")),
    "pattern-changed": Pair(new=lambda s: prop("title")(s).update(pattern="^[a-z0-9]+$")),
    "pattern-added": Pair(new=lambda s: prop("due")(s).update(pattern="^2")),
    "pattern-removed": Pair(new=lambda s: prop("title")(s).pop("pattern")),
    "additional-properties-narrowed": Pair(new=lambda s: s.update(additionalProperties=False)),
    "additional-properties-widened": Pair(old=lambda s: s.update(additionalProperties=False)),
    "schema-deprecated": Pair(new=lambda s: prop("due")(s).update(deprecated=True)),
    "variant-added": Pair(new=lambda s: prop("owner")(s)["oneOf"].append({"type": "boolean"})),
    "variant-removed": Pair(old=lambda s: prop("owner")(s)["oneOf"].append({"type": "boolean"})),
    "property-added-required": Pair(
        new=lambda s: (s["properties"].update(note={"type": "string"}), s["required"].append("note"))
    ),
    "property-added-optional": Pair(new=lambda s: s["properties"].update(note={"type": "string"})),
    "property-removed": Pair(new=lambda s: s["properties"].pop("due")),
    "property-became-required": Pair(new=lambda s: s["required"].append("state")),
    "property-became-optional": Pair(new=lambda s: s["required"].remove("title")),
}


def on_schema(name: str, edit: Edit) -> Edit:
    return lambda spec: edit(spec["components"]["schemas"][name])


def schema_pairs() -> dict[str, Pair]:
    return {
        f"{side}-{event}": Pair(new=on_schema(schema, pair.new), old=on_schema(schema, pair.old))
        for side, schema in (("request", "TaskIn"), ("response", "TaskOut"))
        for event, pair in SCHEMA_EDITS.items()
    }


def parameter_pairs() -> dict[str, Pair]:
    """The same six edits on a query parameter (`request-parameter-*`) and on a header one (`request-header-*`)."""
    pairs = {}
    for kind, where, name in (("parameter", "query", "limit"), ("header", "header", "X-Trace")):
        extra = {"name": "extra", "in": where, "schema": {"type": "string"}}
        pairs |= {
            f"request-{kind}-added-required": Pair(
                new=lambda d, x=extra: operation(d)["parameters"].append(x | {"required": True})
            ),
            f"request-{kind}-added-optional": Pair(new=lambda d, x=extra: operation(d)["parameters"].append(x)),
            f"request-{kind}-removed": Pair(new=lambda d, n=name: operation(d)["parameters"].remove(parameter(d, n))),
            f"request-{kind}-became-required": Pair(new=lambda d, n=name: parameter(d, n).update(required=True)),
            f"request-{kind}-became-optional": Pair(old=lambda d, n=name: parameter(d, n).update(required=True)),
            f"request-{kind}-deprecated": Pair(new=lambda d, n=name: parameter(d, n).update(deprecated=True)),
        }
    return pairs


def headers(spec: dict[str, Any]) -> dict[str, Any]:
    return response(spec)["headers"]


def body(spec: dict[str, Any]) -> dict[str, Any]:
    return operation(spec)["requestBody"]


XML = {"application/xml": {"schema": {"type": "string"}}}
LIST_TASKS = {"get": {"responses": {"200": {"description": "The tasks."}}}}
TWO_WAYS = [{"key": []}, {"oauth": ["tasks:write"]}]
OAUTH_ONLY = [{"oauth": ["tasks:write"]}]


def rename_key_scheme(spec: dict[str, Any]) -> None:
    """The API key scheme called apiKey: the same header, under another name."""
    spec["components"]["securitySchemes"]["apiKey"] = spec["components"]["securitySchemes"].pop("key")
    spec["security"] = [{"apiKey": []}]


SPEC_PAIRS: dict[str, Pair] = {
    **schema_pairs(),
    **parameter_pairs(),
    "operation-removed": Pair(old=lambda d: d["paths"].update({"/tasks": LIST_TASKS})),
    "operation-added": Pair(new=lambda d: d["paths"].update({"/tasks": LIST_TASKS})),
    "operation-deprecated": Pair(new=lambda d: operation(d).update(deprecated=True)),
    "operation-id-changed": Pair(new=lambda d: operation(d).update(operationId="replaceTask")),
    "deprecation-removed": Pair(old=lambda d: operation(d).update(deprecated=True)),
    "security-scheme-removed": Pair(new=lambda d: d["components"]["securitySchemes"].pop("oauth")),
    "security-scheme-added": Pair(
        new=lambda d: d["components"]["securitySchemes"].update(basic={"type": "http", "scheme": "basic"})
    ),
    "security-scheme-changed": Pair(new=lambda d: d["components"]["securitySchemes"]["key"].update(name="x-key")),
    "security-scheme-renamed": Pair(new=rename_key_scheme),
    "security-requirement-removed": Pair(
        old=lambda d: operation(d).update(security=OAUTH_ONLY), also=("security-requirement-added",)
    ),
    "security-alternative-removed": Pair(old=lambda d: operation(d).update(security=TWO_WAYS)),
    "security-requirement-added": Pair(new=lambda d: operation(d).update(security=TWO_WAYS)),
    "security-scope-added": Pair(
        old=lambda d: operation(d).update(security=[{"oauth": ["tasks:read"]}]),
        new=lambda d: operation(d).update(security=[{"oauth": ["tasks:read", "tasks:write"]}]),
    ),
    "security-scope-removed": Pair(
        old=lambda d: operation(d).update(security=[{"oauth": ["tasks:read", "tasks:write"]}]),
        new=lambda d: operation(d).update(security=[{"oauth": ["tasks:read"]}]),
    ),
    "request-body-added-required": Pair(old=lambda d: operation(d).pop("requestBody")),
    "request-body-added-optional": Pair(
        old=lambda d: operation(d).pop("requestBody"), new=lambda d: body(d).update(required=False)
    ),
    "request-body-removed": Pair(new=lambda d: operation(d).pop("requestBody")),
    "request-body-became-required": Pair(old=lambda d: body(d).update(required=False)),
    "request-body-became-optional": Pair(new=lambda d: body(d).update(required=False)),
    "request-content-type-added": Pair(new=lambda d: body(d)["content"].update(XML)),
    "request-content-type-removed": Pair(old=lambda d: body(d)["content"].update(XML)),
    "response-content-type-added": Pair(new=lambda d: response(d)["content"].update(XML)),
    "response-content-type-removed": Pair(old=lambda d: response(d)["content"].update(XML)),
    "response-status-added": Pair(new=lambda d: operation(d)["responses"].update({"404": {"description": "No task."}})),
    "response-status-removed": Pair(
        old=lambda d: operation(d)["responses"].update({"404": {"description": "No task."}})
    ),
    "response-header-added-required": Pair(
        new=lambda d: headers(d).update({"X-Id": {"required": True, "schema": {"type": "string"}}})
    ),
    "response-header-added-optional": Pair(new=lambda d: headers(d).update({"X-Id": {"schema": {"type": "string"}}})),
    "response-header-removed": Pair(new=lambda d: headers(d).pop("X-Rate")),
    "response-header-became-required": Pair(new=lambda d: headers(d)["X-Rate"].update(required=True)),
    "response-header-became-optional": Pair(old=lambda d: headers(d)["X-Rate"].update(required=True)),
    "response-header-deprecated": Pair(new=lambda d: headers(d)["X-Rate"].update(deprecated=True)),
    "servers-changed": Pair(new=lambda d: d["servers"][0].update(url="https://api.example.com/v2")),
    "info-changed": Pair(new=lambda d: d["info"].update(version="2")),
    "description-changed": Pair(new=lambda d: operation(d).update(description="Replace a whole task.")),
    "example-changed": Pair(new=lambda d: parameter(d, "limit").update(example=5)),
    "extension-changed": Pair(new=lambda d: operation(d).update({"x-internal": True})),
    "unclassified-change": Pair(new=lambda d: parameter(d, "limit").update(style="form")),
}

# What the issues state, rule by rule: the classification a reviewer checks the catalog against. Issue 13 moved two
# rules: a required request header breaks every client that does not send it, and a scheme dropped from the document
# is judged per operation (breaking only where no former way of authenticating is left).
ISSUE_CLASSIFICATION = {
    "operation-removed": "breaking",
    "response-property-removed": "breaking",
    "response-status-removed": "breaking",
    "response-content-type-removed": "breaking",
    "security-scheme-removed": "warning",
    "security-requirement-removed": "breaking",
    "security-alternative-removed": "warning",
    "request-parameter-added-required": "breaking",
    "request-property-added-required": "breaking",
    "request-parameter-became-required": "breaking",
    "request-property-became-required": "breaking",
    "request-type-changed": "breaking",
    "response-type-changed": "breaking",
    "request-format-changed": "breaking",
    "response-format-changed": "breaking",
    "response-became-nullable": "breaking",
    "response-property-became-optional": "breaking",
    "response-enum-value-added": "breaking",
    "request-enum-value-removed": "breaking",
    "request-bound-tightened": "breaking",
    "response-bound-loosened": "breaking",
    "request-default-changed": "breaking",
    "response-default-changed": "breaking",
    "operation-deprecated": "warning",
    "request-parameter-deprecated": "warning",
    "response-schema-deprecated": "warning",
    "response-status-added": "warning",
    "request-pattern-changed": "warning",
    "response-pattern-changed": "warning",
    "request-header-added-required": "breaking",
    "request-header-became-required": "breaking",
    "description-changed": "info",
    "example-changed": "info",
    "request-parameter-added-optional": "info",
    "operation-added": "info",
    "response-property-added-optional": "info",
    "request-enum-value-added": "info",
    "response-enum-value-removed": "info",
    "request-bound-loosened": "info",
    "response-bound-tightened": "info",
}


@pytest.mark.parametrize("rule_id", sorted(SPEC_PAIRS))
def test_spec_rule_fires_alone_on_its_minimal_pair_and_not_on_an_unchanged_copy(rule_id: str) -> None:
    pair = SPEC_PAIRS[rule_id]
    old, new = edited(minimal_spec(), pair.old), edited(minimal_spec(), pair.new)

    changes = compare_documents(parse_document(old), parse_document(new)).changes

    assert [c.rule_id for c in changes] == [rule_id, *pair.also]
    assert changes[0].severity == RULES[rule_id].severity
    assert compare_documents(parse_document(new), parse_document(edited(new))).changes == ()
    assert compare_documents(parse_document(old), parse_document(edited(old))).changes == ()


def test_every_spec_rule_has_a_minimal_pair_and_every_pair_a_rule() -> None:
    assert set(SPEC_PAIRS) == {rule.id for rule in SPEC_RULES}


def test_the_catalog_holds_at_least_forty_spec_rules_with_unique_ids() -> None:
    ids = [rule.id for rule in (*SPEC_RULES, *RUN_RULES)]
    assert len(SPEC_RULES) >= 40
    assert len(ids) == len(set(ids)) == len(RULES)


@pytest.mark.parametrize("rule_id", sorted(ISSUE_CLASSIFICATION))
def test_the_catalog_classifies_as_the_issue_states(rule_id: str) -> None:
    assert RULES[rule_id].severity == ISSUE_CLASSIFICATION[rule_id]


def test_a_rule_named_for_a_side_is_judged_from_that_side() -> None:
    for rule in SPEC_RULES:
        side = rule.id.split("-")[0]
        assert rule.side == (side if side in ("request", "response") else "both"), rule.id
    assert {rule.side for rule in RUN_RULES} == {"run"}


# Edits that narrow what a value may be, and the edits that widen it back.
NARROWING = (
    "type-narrowed",
    "format-narrowed",
    "pattern-added",
    "additional-properties-narrowed",
    "became-not-nullable",
    "enum-value-removed",
    "bound-tightened",
    "variant-removed",
)
WIDENING = (
    "type-widened",
    "format-widened",
    "pattern-removed",
    "additional-properties-widened",
    "became-nullable",
    "enum-value-added",
    "bound-loosened",
    "variant-added",
)


@pytest.mark.parametrize("event", NARROWING)
def test_narrowing_a_value_breaks_requests_and_no_response(event: str) -> None:
    assert RULES[f"request-{event}"].severity == "breaking"
    assert RULES[f"response-{event}"].severity == "info"


@pytest.mark.parametrize("event", WIDENING)
def test_widening_a_value_breaks_no_request_and_can_break_responses(event: str) -> None:
    assert RULES[f"request-{event}"].severity == "info"
    assert RULES[f"response-{event}"].severity in ("breaking", "warning")


def test_every_directional_schema_rule_is_in_one_direction() -> None:
    events = {rule.id.split("-", 1)[1] for rule in SPEC_RULES if rule.side in ("request", "response")}
    judged_both_ways = {"type-changed", "format-changed", "pattern-changed", "default-changed", "schema-deprecated"}
    schema_events = {e for e in events if RULES.get(f"request-{e}", RULES.get(f"response-{e}")).kind == "schema"}
    assert schema_events == {*NARROWING, *WIDENING, *judged_both_ways}


def test_every_rule_has_one_sentence() -> None:
    for rule in (*SPEC_RULES, *RUN_RULES):
        assert rule.sentence[0].isupper() and rule.sentence.endswith("."), rule.id
        assert rule.sentence.count(". ") == 0, rule.id


# Runs.

EXTRA_OPERATION = OperationStats("GET /tasks/result", 2, (5.0, 6.0), {"200": 2})
FAILED = failure("GET /tasks/{id}", "response_schema_conformance")


@dataclass(frozen=True)
class RunPair:
    """A minimal pair of runs: the ApiRun fields that differ from the minimal run in BASE and in NEW."""

    new: dict[str, Any] = field(default_factory=dict)
    old: dict[str, Any] = field(default_factory=dict)


RUN_PAIRS: dict[str, RunPair] = {
    "check-newly-failing": RunPair(new={"results": replaced(RESULTS, 0, status="failed", failures=(FAILED,))}),
    "check-newly-passing": RunPair(old={"results": replaced(RESULTS, 0, status="failed", failures=(FAILED,))}),
    "check-newly-warning": RunPair(new={"results": replaced(RESULTS, 0, status="warning", reason="slow")}),
    "check-not-run": RunPair(new={"results": replaced(RESULTS, 0, status="skipped", reason="no example")}),
    "tested-operation-added": RunPair(new={"operations": (*OPERATIONS, EXTRA_OPERATION)}),
    "tested-operation-gone": RunPair(old={"operations": (*OPERATIONS, EXTRA_OPERATION)}),
    "api-error-new": RunPair(new={"error": "connection refused"}),
    "api-error-gone": RunPair(old={"error": "connection refused"}),
    "undocumented-field-new": RunPair(
        new={"observations": (*OBSERVATIONS, Observation("GET /tasks/{id}", "undocumented_field", "/shard"))}
    ),
    "open-value-new": RunPair(new={"observations": replaced(OBSERVATIONS, 1, values=("ACTIVE", "PAUSED"))}),
    "status-code-new": RunPair(
        new={"operations": replaced(OPERATIONS, 0, status_codes={"200": 22, "404": 1, "500": 1})}
    ),
    "status-code-gone": RunPair(new={"operations": replaced(OPERATIONS, 0, status_codes={"200": 24})}),
    "latency-regressed": RunPair(
        new={"operations": replaced(OPERATIONS, 0, latencies_ms=tuple(2 * x for x in OPERATIONS[0].latencies_ms))}
    ),
    "latency-improved": RunPair(
        new={"operations": replaced(OPERATIONS, 0, latencies_ms=tuple(x / 2 for x in OPERATIONS[0].latencies_ms))}
    ),
}


@pytest.mark.parametrize("rule_id", sorted(RUN_PAIRS))
def test_run_rule_fires_alone_on_its_minimal_pair_and_not_on_an_unchanged_copy(rule_id: str) -> None:
    pair = RUN_PAIRS[rule_id]
    base, new = round_trip(minimal_run(**pair.old)), round_trip(minimal_run(**pair.new))

    changes = compare_runs(base, new).changes

    assert [c.rule_id for c in changes] == [rule_id]
    assert changes[0].severity == RULES[rule_id].severity
    assert compare_runs(new, round_trip(new)).changes == ()
    assert compare_runs(base, round_trip(base)).changes == ()


def test_every_run_rule_has_a_minimal_pair_and_every_pair_a_rule() -> None:
    assert set(RUN_PAIRS) == {rule.id for rule in RUN_RULES}
