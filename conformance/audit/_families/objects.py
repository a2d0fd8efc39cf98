"""Objects: the properties a schema declares (added, removed, made required or optional) and the undeclared ones
it admits (additionalProperties closed, opened or compared as a schema)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from conformance._comparison import Change
from conformance.audit._detectors import detects
from conformance.audit._families._walk import At, Compare, Member, MemberRules, Sided, members

_PROPERTY = {
    "request": MemberRules(
        added_required="request-property-added-required",
        added_optional="request-property-added-optional",
        removed="request-property-removed",
        became_required="request-property-became-required",
        became_optional="request-property-became-optional",
    ),
    "response": MemberRules(
        added_required="response-property-added-required",
        added_optional="response-property-added-optional",
        removed="response-property-removed",
        became_required="response-property-became-required",
        became_optional="response-property-became-optional",
    ),
}
_NARROWED = Sided("request-additional-properties-narrowed", "response-additional-properties-narrowed")
_WIDENED = Sided("request-additional-properties-widened", "response-additional-properties-widened")


@detects(
    "request-property-added-required",
    "request-property-added-optional",
    "request-property-removed",
    "request-property-became-required",
    "request-property-became-optional",
    "response-property-added-required",
    "response-property-added-optional",
    "response-property-removed",
    "response-property-became-required",
    "response-property-became-optional",
)
def properties(at: At, old: dict[str, Any], new: dict[str, Any], compare: Compare) -> Iterator[Change]:
    """Properties added, removed, made required or optional; each common one's schema by `compare`."""
    yield from members(_properties(at, old), _properties(at, new), lambda here, o, n: compare(here, o.node, n.node))


def _properties(at: At, schema: dict[str, Any]) -> dict[str, Member]:
    required = set(schema.get("required") or ())
    rules = _PROPERTY[at.side]
    return {
        name: Member(rules, f"property {name!r}", at.to("properties", name), name in required, node)
        for name, node in (schema.get("properties") or {}).items()
    }


@detects(
    "request-additional-properties-narrowed",
    "response-additional-properties-narrowed",
    "request-additional-properties-widened",
    "response-additional-properties-widened",
)
def additional(at: At, old: Any, new: Any, compare: Compare) -> Iterator[Change]:
    """Undeclared properties: closing the object narrows it, opening it widens it, two schemas are compared."""
    if isinstance(old, dict) and isinstance(new, dict):
        if old or new:
            yield from compare(at, old, new)
    elif old is False and isinstance(new, dict):
        yield at.change(_WIDENED.on(at.side), "undeclared properties now allowed", False, new)
    elif new is False and isinstance(old, dict):
        yield at.change(_NARROWED.on(at.side), "undeclared properties no longer allowed", old, False)
