"""A corpus of minimal pairs, class by class: two edits of the minimal spec and what a client of OLD sees in NEW.

Each class of the issue has a breaking side (the pair a client of OLD breaks on) and a safe side (a pair that looks
alike and breaks nobody). Directions are stated, not derived from the catalog: a request narrowed breaks the clients
that send it, a response narrowed breaks nobody, and the reverse for widening.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from conformance.audit import Verdict
from tests.audit.specimens import get_task, operation, parameter, response

Edit = Callable[[dict[str, Any]], object]


def unchanged(spec: dict[str, Any]) -> None:
    """Leave the document as it is."""


@dataclass(frozen=True)
class Case:
    """A minimal pair of one class: the edits making OLD and NEW, the verdict, and the rules that fire."""

    klass: str
    name: str
    verdict: Verdict
    rules: tuple[str, ...]
    new: Edit = unchanged
    old: Edit = unchanged

    @property
    def id(self) -> str:
        return f"{self.klass}/{self.name}"


def schema(name: str, edit: Edit) -> Edit:
    """`edit` applied to the component schema `name` (TaskIn is sent, TaskOut read)."""
    return lambda spec: edit(spec["components"]["schemas"][name])


def prop(name: str, edit: Edit) -> Edit:
    """`edit` applied to the property `name` of a schema."""
    return lambda s: edit(s["properties"][name])


def both(*edits: Edit) -> Edit:
    def apply(spec: dict[str, Any]) -> None:
        for edit in edits:
            edit(spec)

    return apply


# Request headers.

TOKEN = {"name": "X-Request-Token", "in": "header", "schema": {"type": "string"}}

HEADERS = (
    Case(
        "request-header",
        "required header added",
        "breaking",
        ("request-header-added-required",),
        new=lambda d: operation(d)["parameters"].append(TOKEN | {"required": True}),
    ),
    Case(
        "request-header",
        "optional header became required",
        "breaking",
        ("request-header-became-required",),
        new=lambda d: parameter(d, "X-Trace").update(required=True),
    ),
    Case(
        "request-header",
        "optional header added",
        "safe",
        ("request-header-added-optional",),
        new=lambda d: operation(d)["parameters"].append(TOKEN),
    ),
    Case(
        "request-header",
        "header name spelled in another case",
        "safe",
        (),
        new=lambda d: parameter(d, "X-Trace").update(name="x-trace"),
    ),
    Case(
        "request-header",
        "required response header added",
        "safe",
        ("response-header-added-required",),
        new=lambda d: response(d)["headers"].update({"X-Id": {"required": True, "schema": {"type": "string"}}}),
    ),
)


# Direction: one edit per keyword, judged on the request body (TaskIn) and on the response body (TaskOut).


@dataclass(frozen=True)
class Directed:
    """An edit of a schema that narrows (or widens) its values, and the rule events for narrowing and widening."""

    keyword: str
    edit: Edit
    narrows: bool
    narrowed: str
    widened: str
    widened_response: Verdict = "breaking"


DIRECTED = (
    Directed("format", prop("size", lambda s: s.update(format="int32")), True, "format-narrowed", "format-widened"),
    Directed(
        "additionalProperties",
        lambda s: s.update(additionalProperties=False),
        True,
        "additional-properties-narrowed",
        "additional-properties-widened",
        widened_response="warnings only",
    ),
    Directed(
        "additionalProperties schema",
        lambda s: s.update(additionalProperties={"type": "string"}),
        True,
        "type-narrowed",
        "type-widened",
    ),
    Directed("bounds", prop("title", lambda s: s.update(maxLength=50)), True, "bound-tightened", "bound-loosened"),
    Directed("pattern", prop("due", lambda s: s.update(pattern="^2")), True, "pattern-added", "pattern-removed"),
    Directed("enum", prop("state", lambda s: s["enum"].remove("done")), True, "enum-value-removed", "enum-value-added"),
    Directed(
        "nullability",
        prop("title", lambda s: s.update(type=["string", "null"])),
        False,
        "became-not-nullable",
        "became-nullable",
    ),
    Directed("type", prop("size", lambda s: s.update(type="number")), False, "type-narrowed", "type-widened"),
)


def directed_cases(directed: Directed) -> tuple[Case, ...]:
    """The four pairs of one edit: applied (NEW has it) and undone (OLD has it), on a request and on a response."""
    cases = []
    for side, component in (("request", "TaskIn"), ("response", "TaskOut")):
        for applied in (True, False):
            narrows = directed.narrows == applied
            event = directed.narrowed if narrows else directed.widened
            if side == "request":
                verdict: Verdict = "breaking" if narrows else "safe"
            else:
                verdict = "safe" if narrows else directed.widened_response
            edit = schema(component, directed.edit)
            cases.append(
                Case(
                    "direction",
                    f"{directed.keyword} {'narrowed' if narrows else 'widened'} in a {side}",
                    verdict,
                    (f"{side}-{event}",),
                    new=edit if applied else unchanged,
                    old=unchanged if applied else edit,
                )
            )
    return tuple(cases)


def size_format(value: str) -> Edit:
    return prop("size", lambda s: s.update(format=value))


FORMATS = tuple(
    case
    for side, component, wider in (("request", "TaskIn", "safe"), ("response", "TaskOut", "breaking"))
    for case in (
        Case(
            "direction",
            f"format made wider (int32 to int64) in a {side}",
            wider,  # type: ignore[arg-type]
            (f"{side}-format-widened",),
            old=schema(component, size_format("int32")),
            new=schema(component, size_format("int64")),
        ),
        Case(
            "direction",
            f"format changed to an unrelated one in a {side}",
            "breaking",
            (f"{side}-format-changed",),
            new=schema(component, prop("due", lambda s: s.update(format="date-time"))),
        ),
    )
)


DIRECTION = (*(case for directed in DIRECTED for case in directed_cases(directed)), *FORMATS)


# oneOf / anyOf alternatives.

# Two kinds of contact of the same shape, told apart only by the constant `kind`.
CONTACTS = {
    name: {
        "type": "object",
        "required": ["kind", "value"],
        "properties": {"kind": {"const": name.lower()}, "value": {"type": "string"}},
    }
    for name in ("Email", "Phone")
}


def contact(*names: str, inline: bool = False, rename: dict[str, str] | None = None) -> Edit:
    """TaskIn and TaskOut with a `contact` property: a oneOf of the contact kinds `names`, in this order."""
    rename = rename or {}

    def edit(spec: dict[str, Any]) -> None:
        schemas = spec["components"]["schemas"]
        for name in names:
            schemas[rename.get(name, name)] = copy.deepcopy(CONTACTS[name])
        for component in ("TaskIn", "TaskOut"):
            alternatives = [
                copy.deepcopy(CONTACTS[name]) if inline else {"$ref": f"#/components/schemas/{rename.get(name, name)}"}
                for name in names
            ]
            schemas[component]["properties"]["contact"] = {"oneOf": alternatives}

    return edit


def discriminated(*names: str) -> Edit:
    """TaskIn and TaskOut with a `contact` told apart by a discriminator's mapping alone (`kind` is any string; only
    an email's value has a format)."""

    def edit(spec: dict[str, Any]) -> None:
        schemas = spec["components"]["schemas"]
        for name in names:
            value = {"type": "string"} | ({"format": "email"} if name.startswith("Email") else {})
            schemas[name] = {"type": "object", "properties": {"kind": {"type": "string"}, "value": value}}
        mapping = {name.lower().removesuffix("contact"): f"#/components/schemas/{name}" for name in names}
        for component in ("TaskIn", "TaskOut"):
            schemas[component]["properties"]["contact"] = {
                "oneOf": [{"$ref": f"#/components/schemas/{name}"} for name in names],
                "discriminator": {"propertyName": "kind", "mapping": mapping},
            }

    return edit


def owner(*alternatives: dict[str, Any]) -> Edit:
    return lambda s: s["properties"]["owner"].update(oneOf=list(alternatives))


STRING, INTEGER, BOOLEAN = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}


def on_both(edit: Edit) -> Edit:
    return both(schema("TaskIn", edit), schema("TaskOut", edit))


def with_note(spec: dict[str, Any]) -> None:
    """The inline email alternative (in TaskOut, second after the reordering) gains an optional note."""
    alternative = spec["components"]["schemas"]["TaskOut"]["properties"]["contact"]["oneOf"][1]
    alternative["properties"] = alternative["properties"] | {"note": {"type": "string"}}


def date_or_day(s: dict[str, Any]) -> None:
    s["properties"]["due"] = {"oneOf": [{"type": "string", "format": "date"}, INTEGER]}


ALTERNATIVES = (
    Case("alternatives", "two types reordered", "safe", (), new=on_both(owner(INTEGER, STRING))),
    Case(
        "alternatives",
        "two $ref alternatives reordered",
        "safe",
        (),
        old=contact("Email", "Phone"),
        new=contact("Phone", "Email"),
    ),
    Case(
        "alternatives",
        "inline alternatives told apart by a constant, reordered, one gaining an optional field",
        "safe",
        ("response-property-added-optional",),
        old=contact("Email", "Phone", inline=True),
        new=both(contact("Phone", "Email", inline=True), with_note),
    ),
    Case(
        "alternatives",
        "the component an alternative refers to renamed",
        "safe",
        (),
        old=contact("Email", "Phone"),
        new=contact("Email", "Phone", rename={"Email": "EmailContact"}),
    ),
    Case(
        "alternatives",
        "discriminated alternatives renamed and reordered: only the mapping's targets to review",
        "warnings only",
        ("unclassified-change",) * 4,
        old=discriminated("Email", "Phone"),
        new=discriminated("PhoneContact", "EmailContact"),
    ),
    Case(
        "alternatives",
        "an alternative inserted first in a request",
        "safe",
        ("request-variant-added",),
        new=schema("TaskIn", owner(BOOLEAN, STRING, INTEGER)),
    ),
    Case(
        "alternatives",
        "an alternative inserted first in a response",
        "breaking",
        ("response-variant-added",),
        new=schema("TaskOut", owner(BOOLEAN, STRING, INTEGER)),
    ),
    Case(
        "alternatives",
        "the middle alternative removed from a request",
        "breaking",
        ("request-variant-removed",),
        old=schema("TaskIn", owner(STRING, BOOLEAN, INTEGER)),
    ),
    Case(
        "alternatives",
        "the middle alternative removed from a response",
        "safe",
        ("response-variant-removed",),
        old=schema("TaskOut", owner(STRING, BOOLEAN, INTEGER)),
    ),
    Case(
        "alternatives",
        "a plain value that becomes one of two alternatives, in a request",
        "safe",
        ("request-variant-added",),
        new=schema("TaskIn", date_or_day),
    ),
    Case(
        "alternatives",
        "a plain value that becomes one of two alternatives, in a response",
        "breaking",
        ("response-variant-added",),
        new=schema("TaskOut", date_or_day),
    ),
)


# Security.

KEY, OAUTH = {"key": []}, {"oauth": ["tasks:write"]}


def root_security(*alternatives: dict[str, list[str]]) -> Edit:
    return lambda d: d.update(security=list(alternatives))


def drop_scheme(name: str) -> Edit:
    return lambda d: d["components"]["securitySchemes"].pop(name)


def rename_key(spec: dict[str, Any]) -> None:
    spec["components"]["securitySchemes"]["apiKey"] = spec["components"]["securitySchemes"].pop("key")
    spec["security"] = [{"apiKey": []}]


SECURITY = (
    Case(
        "security",
        "one alternative dropped while another remains",
        "warnings only",
        ("security-alternative-removed",),
        old=root_security(KEY, OAUTH),
    ),
    Case(
        "security",
        "a scheme dropped from the document while the operations keep another",
        "warnings only",
        ("security-scheme-removed", "security-alternative-removed"),
        old=root_security(KEY, OAUTH),
        new=drop_scheme("oauth"),
    ),
    Case(
        "security",
        "the only way of authenticating replaced",
        "breaking",
        ("security-requirement-removed", "security-requirement-added"),
        new=root_security(OAUTH),
    ),
    Case(
        "security",
        "a scheme dropped from the document and the operations left with a new one only",
        "breaking",
        ("security-requirement-removed", "security-scheme-removed", "security-requirement-added"),
        old=root_security(OAUTH),
        new=both(root_security(KEY), drop_scheme("oauth")),
    ),
    Case("security", "a scheme renamed", "safe", ("security-scheme-renamed",), new=rename_key),
)


# A change in a shared component.


def shared_state(spec: dict[str, Any]) -> None:
    """`state` as one State component that TaskIn and TaskOut share."""
    schemas = spec["components"]["schemas"]
    schemas["State"] = schemas["TaskIn"]["properties"]["state"]
    for component in ("TaskIn", "TaskOut"):
        schemas[component]["properties"]["state"] = {"$ref": "#/components/schemas/State"}


SHARED = (
    Case(
        "shared-component",
        "a field dropped from the task two operations return",
        "breaking",
        ("response-property-removed",),
        old=get_task,
        new=both(get_task, schema("TaskOut", lambda s: s["properties"].pop("due"))),
    ),
    Case(
        "shared-component",
        "an enum value added to a component sent and read: once for each side",
        "breaking",
        ("response-enum-value-added", "request-enum-value-added"),
        old=both(get_task, shared_state),
        new=both(get_task, shared_state, schema("State", lambda s: s["enum"].append("archived"))),
    ),
    Case(
        "shared-component",
        "a description changed in the task two operations return",
        "safe",
        ("description-changed",),
        old=get_task,
        new=both(get_task, schema("TaskOut", lambda s: s.update(description="A task."))),
    ),
)

CORPUS: tuple[Case, ...] = (*HEADERS, *DIRECTION, *ALTERNATIVES, *SECURITY, *SHARED)
CLASSES = ("request-header", "direction", "alternatives", "security", "shared-component")
