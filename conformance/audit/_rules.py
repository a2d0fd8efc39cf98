"""The one catalog of audit rules, as data: every change the audit reports is classified by exactly one rule here.

A rule's side says from where a change is judged: in a request from the client's side (the client writes, the
server must keep accepting it), in a response from the reader's side (the server writes, the client must keep
understanding it); "both" for changes that are neither, "run" for the comparison of two runs.

The code that emits each rule is registered under its id with `conformance.audit._detectors.detects` (one module per
spec rule family in `conformance.audit._families`, the run rules in `_run_diff`): grep a rule id to find it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance._comparison import Change, Severity, Side


@dataclass(frozen=True)
class Rule:
    """A kind of change, how serious it is, and why, in one sentence."""

    id: str
    severity: Severity
    side: Side
    kind: str
    sentence: str


def _rules(*rows: tuple[str, Severity, Side, str, str]) -> tuple[Rule, ...]:
    return tuple(Rule(*row) for row in rows)


SPEC_RULES: tuple[Rule, ...] = _rules(
    # Operations.
    ("operation-removed", "breaking", "both", "operation", "An operation was removed; clients calling it break."),
    ("operation-added", "info", "both", "operation", "A new operation was added; no existing call is affected."),
    ("operation-deprecated", "warning", "both", "operation", "An operation was deprecated; it may go away later."),
    ("operation-id-changed", "warning", "both", "operation", "An operationId changed; generated SDK names change."),
    ("deprecation-removed", "info", "both", "operation", "Something deprecated is no longer deprecated."),
    # Security.
    (
        "security-scheme-removed",
        "warning",
        "both",
        "security",
        "A security scheme was removed from the document; each operation that accepted it is judged on its own.",
    ),
    ("security-scheme-added", "info", "both", "security", "A security scheme was added to the document."),
    (
        "security-scheme-renamed",
        "info",
        "both",
        "security",
        "A security scheme was renamed with the same definition; what clients send is unchanged.",
    ),
    ("security-scheme-changed", "breaking", "both", "security", "A security scheme's type, location or name changed."),
    (
        "security-requirement-removed",
        "breaking",
        "both",
        "security",
        "An operation accepts none of the ways of authenticating it accepted (anonymous access included).",
    ),
    (
        "security-alternative-removed",
        "warning",
        "both",
        "security",
        "An operation dropped one way of authenticating but still accepts another; its clients must move.",
    ),
    (
        "security-requirement-added",
        "info",
        "both",
        "security",
        "An operation accepts an additional way of authenticating.",
    ),
    (
        "security-scope-added",
        "breaking",
        "both",
        "security",
        "An operation requires an extra OAuth scope; tokens without it are refused.",
    ),
    ("security-scope-removed", "info", "both", "security", "An operation requires fewer OAuth scopes."),
    # Request parameters (path, query, cookie).
    (
        "request-parameter-added-required",
        "breaking",
        "request",
        "parameter",
        "A required parameter was added; clients that do not send it are refused.",
    ),
    (
        "request-parameter-added-optional",
        "info",
        "request",
        "parameter",
        "An optional parameter was added; existing calls are unaffected.",
    ),
    (
        "request-parameter-removed",
        "warning",
        "request",
        "parameter",
        "A parameter was removed; clients still sending it may be refused or silently ignored.",
    ),
    (
        "request-parameter-became-required",
        "breaking",
        "request",
        "parameter",
        "An optional parameter became required; clients that omit it are refused.",
    ),
    (
        "request-parameter-became-optional",
        "info",
        "request",
        "parameter",
        "A required parameter became optional; every existing call still qualifies.",
    ),
    ("request-parameter-deprecated", "warning", "request", "parameter", "A parameter was deprecated."),
    # Request headers (header parameters).
    (
        "request-header-added-required",
        "breaking",
        "request",
        "header",
        "A required request header was added; clients (or gateways) that do not send it are refused.",
    ),
    (
        "request-header-added-optional",
        "info",
        "request",
        "header",
        "An optional request header was added; existing calls are unaffected.",
    ),
    (
        "request-header-removed",
        "warning",
        "request",
        "header",
        "A request header was removed; clients still sending it may be refused or silently ignored.",
    ),
    (
        "request-header-became-required",
        "breaking",
        "request",
        "header",
        "An optional request header became required; clients (or gateways) that omit it are refused.",
    ),
    (
        "request-header-became-optional",
        "info",
        "request",
        "header",
        "A required request header became optional.",
    ),
    ("request-header-deprecated", "warning", "request", "header", "A request header was deprecated."),
    # Request body.
    (
        "request-body-added-required",
        "breaking",
        "request",
        "body",
        "A required request body was added; clients that send none are refused.",
    ),
    ("request-body-added-optional", "info", "request", "body", "An optional request body was added."),
    (
        "request-body-removed",
        "warning",
        "request",
        "body",
        "The request body was removed; clients still sending one may be refused.",
    ),
    (
        "request-body-became-required",
        "breaking",
        "request",
        "body",
        "The request body became required; clients that send none are refused.",
    ),
    ("request-body-became-optional", "info", "request", "body", "The request body became optional."),
    # Request body fields.
    (
        "request-property-added-required",
        "breaking",
        "request",
        "property",
        "A required request field was added; clients that do not send it are refused.",
    ),
    (
        "request-property-added-optional",
        "info",
        "request",
        "property",
        "An optional request field was added; existing requests still qualify.",
    ),
    (
        "request-property-removed",
        "warning",
        "request",
        "property",
        "A request field was removed; clients still sending it may be refused or silently ignored.",
    ),
    (
        "request-property-became-required",
        "breaking",
        "request",
        "property",
        "An optional request field became required; clients that omit it are refused.",
    ),
    (
        "request-property-became-optional",
        "info",
        "request",
        "property",
        "A required request field became optional.",
    ),
    # Request values (parameters, headers, body fields).
    (
        "request-type-changed",
        "breaking",
        "request",
        "schema",
        "A request value's type changed to an unrelated one; values clients send now may be refused.",
    ),
    (
        "request-type-narrowed",
        "breaking",
        "request",
        "schema",
        "A request value accepts fewer types (a type added, number to integer); values clients send may be refused.",
    ),
    (
        "request-type-widened",
        "info",
        "request",
        "schema",
        "A request value accepts more types (integer to number, a type dropped); every value sent before still is.",
    ),
    (
        "request-format-changed",
        "breaking",
        "request",
        "schema",
        "A request value's format changed to an unrelated one; values clients send now may be refused.",
    ),
    (
        "request-format-narrowed",
        "breaking",
        "request",
        "schema",
        "A request value gained a format or a narrower one (int64 to int32); values clients send may be refused.",
    ),
    (
        "request-format-widened",
        "info",
        "request",
        "schema",
        "A request value lost its format or got a wider one (int32 to int64); every value sent before still is.",
    ),
    ("request-became-nullable", "info", "request", "schema", "A request value may now be null."),
    (
        "request-became-not-nullable",
        "breaking",
        "request",
        "schema",
        "A request value may no longer be null; clients sending null are refused.",
    ),
    (
        "request-enum-value-added",
        "info",
        "request",
        "schema",
        "A request value accepts a new enum value; every existing value is still accepted.",
    ),
    (
        "request-enum-value-removed",
        "breaking",
        "request",
        "schema",
        "A request value no longer accepts an enum value; clients sending it are refused.",
    ),
    (
        "request-bound-tightened",
        "breaking",
        "request",
        "schema",
        "A request constraint was tightened (bound, length, size, enum, uniqueness, multiple); values may be refused.",
    ),
    (
        "request-bound-loosened",
        "info",
        "request",
        "schema",
        "A request constraint was loosened; every value accepted before is still accepted.",
    ),
    (
        "request-default-changed",
        "breaking",
        "request",
        "schema",
        "A request value's default changed; clients that omit it get a different behaviour.",
    ),
    (
        "request-pattern-changed",
        "warning",
        "request",
        "schema",
        "A request value's pattern changed; some values clients send may now be refused.",
    ),
    (
        "request-pattern-added",
        "breaking",
        "request",
        "schema",
        "A request value must now match a pattern; values clients send may be refused.",
    ),
    (
        "request-pattern-removed",
        "info",
        "request",
        "schema",
        "A request value no longer has to match a pattern; every value sent before is still accepted.",
    ),
    (
        "request-additional-properties-narrowed",
        "breaking",
        "request",
        "schema",
        "A request object accepts fewer undeclared properties; clients sending them may be refused.",
    ),
    (
        "request-additional-properties-widened",
        "info",
        "request",
        "schema",
        "A request object accepts more undeclared properties; every object sent before is still accepted.",
    ),
    ("request-schema-deprecated", "warning", "request", "schema", "A request value was deprecated."),
    (
        "request-variant-added",
        "info",
        "request",
        "schema",
        "A request value accepts a new oneOf/anyOf alternative.",
    ),
    (
        "request-variant-removed",
        "breaking",
        "request",
        "schema",
        "A request value lost a oneOf/anyOf alternative; clients sending that shape are refused.",
    ),
    # Request and response content.
    (
        "request-content-type-removed",
        "breaking",
        "request",
        "content",
        "A request content type is no longer accepted; clients sending it are refused.",
    ),
    ("request-content-type-added", "info", "request", "content", "A request content type was added."),
    (
        "response-content-type-removed",
        "breaking",
        "response",
        "content",
        "A response content type was removed; clients that ask for it get another one or an error.",
    ),
    (
        "response-content-type-added",
        "info",
        "response",
        "content",
        "A response content type was added; clients that ask for the existing ones still get them.",
    ),
    # Response status codes.
    (
        "response-status-removed",
        "breaking",
        "response",
        "status",
        "A response status code was removed; clients handling it will see another code.",
    ),
    (
        "response-status-added",
        "warning",
        "response",
        "status",
        "A response status code was added; clients may not handle it.",
    ),
    # Response headers.
    (
        "response-header-added-required",
        "info",
        "response",
        "header",
        "A response header that is always sent was added; readers may ignore it.",
    ),
    ("response-header-added-optional", "info", "response", "header", "An optional response header was added."),
    (
        "response-header-removed",
        "breaking",
        "response",
        "header",
        "A response header was removed; readers that use it break.",
    ),
    (
        "response-header-became-required",
        "info",
        "response",
        "header",
        "A response header is now always sent.",
    ),
    (
        "response-header-became-optional",
        "breaking",
        "response",
        "header",
        "A response header that was always sent may now be missing; readers that rely on it break.",
    ),
    ("response-header-deprecated", "warning", "response", "header", "A response header was deprecated."),
    # Response body fields.
    (
        "response-property-added-required",
        "info",
        "response",
        "property",
        "A response field that is always sent was added; readers may ignore it.",
    ),
    (
        "response-property-added-optional",
        "info",
        "response",
        "property",
        "An optional response field was added; readers may ignore it.",
    ),
    (
        "response-property-removed",
        "breaking",
        "response",
        "property",
        "A response field was removed; readers that use it break.",
    ),
    (
        "response-property-became-required",
        "info",
        "response",
        "property",
        "A response field is now always sent.",
    ),
    (
        "response-property-became-optional",
        "breaking",
        "response",
        "property",
        "A response field that was always sent may now be missing; readers that rely on it break.",
    ),
    # Response values (body fields, headers).
    (
        "response-type-changed",
        "breaking",
        "response",
        "schema",
        "A response value's type changed to an unrelated one; readers parsing the old type break.",
    ),
    (
        "response-type-narrowed",
        "info",
        "response",
        "schema",
        "A response value takes fewer types (number to integer, a type added); readers already handle every value.",
    ),
    (
        "response-type-widened",
        "breaking",
        "response",
        "schema",
        "A response value takes more types (integer to number, a type dropped); readers may get values they reject.",
    ),
    (
        "response-format-changed",
        "breaking",
        "response",
        "schema",
        "A response value's format changed to an unrelated one; readers parsing the old format break.",
    ),
    (
        "response-format-narrowed",
        "info",
        "response",
        "schema",
        "A response value gained a format or a narrower one (int64 to int32); readers already handle every value.",
    ),
    (
        "response-format-widened",
        "breaking",
        "response",
        "schema",
        "A response value lost its format or got a wider one (int32 to int64); readers parsing the old format break.",
    ),
    (
        "response-became-nullable",
        "breaking",
        "response",
        "schema",
        "A response value may now be null; readers that do not expect null break.",
    ),
    ("response-became-not-nullable", "info", "response", "schema", "A response value is no longer null."),
    (
        "response-enum-value-added",
        "breaking",
        "response",
        "schema",
        "A response value has a new enum value; readers with an exhaustive switch break.",
    ),
    (
        "response-enum-value-removed",
        "info",
        "response",
        "schema",
        "A response value no longer takes an enum value; readers still handle every value sent.",
    ),
    (
        "response-bound-tightened",
        "info",
        "response",
        "schema",
        "A response constraint was tightened; every value sent was already acceptable to readers.",
    ),
    (
        "response-bound-loosened",
        "breaking",
        "response",
        "schema",
        "A response constraint was loosened (bound, length, size, enum, uniqueness, multiple); readers may get others.",
    ),
    (
        "response-default-changed",
        "breaking",
        "response",
        "schema",
        "A response value's default changed; readers filling in missing values get a different one.",
    ),
    (
        "response-pattern-changed",
        "warning",
        "response",
        "schema",
        "A response value's pattern changed; readers that validate it may reject values.",
    ),
    (
        "response-pattern-added",
        "info",
        "response",
        "schema",
        "A response value now matches a pattern; readers already handle every value sent.",
    ),
    (
        "response-pattern-removed",
        "breaking",
        "response",
        "schema",
        "A response value no longer has to match its pattern; readers that rely on it may get values they reject.",
    ),
    (
        "response-additional-properties-narrowed",
        "info",
        "response",
        "schema",
        "A response object carries fewer undeclared properties; readers already handle every object sent.",
    ),
    (
        "response-additional-properties-widened",
        "warning",
        "response",
        "schema",
        "A response object may carry more undeclared properties; readers that reject unknown fields may break.",
    ),
    ("response-schema-deprecated", "warning", "response", "schema", "A response value was deprecated."),
    (
        "response-variant-added",
        "breaking",
        "response",
        "schema",
        "A response value has a new oneOf/anyOf alternative; readers may get a shape they do not know.",
    ),
    (
        "response-variant-removed",
        "info",
        "response",
        "schema",
        "A response value lost a oneOf/anyOf alternative; readers still know every shape sent.",
    ),
    # The document around the operations.
    ("servers-changed", "warning", "both", "document", "A server URL changed; clients may call the wrong host."),
    (
        "info-changed",
        "info",
        "both",
        "document",
        "The document's OpenAPI version, API version or metadata (contact, license) changed.",
    ),
    ("description-changed", "info", "both", "document", "A description, summary, title or tag changed."),
    ("example-changed", "info", "both", "document", "An example changed."),
    ("extension-changed", "info", "both", "document", "A vendor extension (x-...) changed."),
    (
        "unclassified-change",
        "warning",
        "both",
        "document",
        "A change no other rule classifies (such as style, links or readOnly); review it.",
    ),
)

RUN_RULES: tuple[Rule, ...] = _rules(
    (
        "check-newly-failing",
        "breaking",
        "run",
        "check",
        "A check fails that did not fail in the base run (or did not exist in it).",
    ),
    (
        "check-newly-passing",
        "info",
        "run",
        "check",
        "A check that failed in the base run now passes or only warns, or one that warned now passes.",
    ),
    ("check-newly-warning", "warning", "run", "check", "A check that passed in the base run now ends with a warning."),
    (
        "check-not-run",
        "warning",
        "run",
        "check",
        "A check that ran in the base run was skipped or absent for an operation tested in both runs.",
    ),
    ("tested-operation-added", "info", "run", "operation", "An operation was tested that the base run did not test."),
    ("tested-operation-gone", "warning", "run", "operation", "An operation the base run tested was not tested."),
    ("api-error-new", "breaking", "run", "api", "An API could not be tested, though it could in the base run."),
    ("api-error-gone", "info", "run", "api", "An API that could not be tested in the base run now could."),
    (
        "undocumented-field-new",
        "warning",
        "run",
        "observation",
        "A response field the documents do not describe was seen for the first time.",
    ),
    (
        "open-value-new",
        "warning",
        "run",
        "observation",
        "A value was seen for the first time in a field the documents leave open.",
    ),
    (
        "status-code-new",
        "warning",
        "run",
        "status",
        "An operation answered with a status code it never answered in the base run.",
    ),
    (
        "status-code-gone",
        "info",
        "run",
        "status",
        "An operation no longer answered with a status code it answered in the base run.",
    ),
    (
        "latency-regressed",
        "warning",
        "run",
        "latency",
        "An operation's median or p95 latency grew past the threshold ratio, with enough samples in both runs.",
    ),
    (
        "latency-improved",
        "info",
        "run",
        "latency",
        "An operation's median or p95 latency shrank past the threshold ratio, with enough samples in both runs.",
    ),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in (*SPEC_RULES, *RUN_RULES)}


def change(rule_id: str, operation: str | None, pointer: str, message: str, old: Any = None, new: Any = None) -> Change:
    """A change classified by the catalog rule `rule_id` (a KeyError names a rule the catalog lacks)."""
    rule = RULES[rule_id]
    return Change(rule.id, rule.severity, rule.kind, operation, pointer, message, old, new)
