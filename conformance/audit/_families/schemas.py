"""Schemas, walked side by side: deprecation, type and nullability here, then constraints, properties, items,
additional properties and alternatives (each in its family's module), and any other keyword as a leftover."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from conformance._comparison import Change
from conformance.audit._detectors import detects
from conformance.audit._families import constraints, objects
from conformance.audit._families._shape import extra, lifted, shape, type_direction, types_of
from conformance.audit._families._values import ABSENT
from conformance.audit._families._walk import At, Sided
from conformance.audit._families.deprecation import deprecation
from conformance.audit._families.document import leftovers
from conformance.audit._families.variants import variants

# Schema keywords compared structurally here (the rest go to `leftovers`).
_SCHEMA_KEYS = frozenset(
    {
        "type",
        "format",
        "nullable",
        "enum",
        "const",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
        "uniqueItems",
        "multipleOf",
        "pattern",
        "default",
        "deprecated",
        "properties",
        "required",
        "items",
        "additionalProperties",
        "allOf",
        "oneOf",
        "anyOf",
    }
)

_DEPRECATED = Sided("request-schema-deprecated", "response-schema-deprecated")
_TYPE = {
    "changed": Sided("request-type-changed", "response-type-changed"),
    "narrowed": Sided("request-type-narrowed", "response-type-narrowed"),
    "widened": Sided("request-type-widened", "response-type-widened"),
}
_BECAME_NULLABLE = Sided("request-became-nullable", "response-became-nullable")
_BECAME_NOT_NULLABLE = Sided("request-became-not-nullable", "response-became-not-nullable")


@detects(
    "request-schema-deprecated",
    "response-schema-deprecated",
    "request-type-changed",
    "response-type-changed",
    "request-type-narrowed",
    "response-type-narrowed",
    "request-type-widened",
    "response-type-widened",
    "request-became-nullable",
    "response-became-nullable",
    "request-became-not-nullable",
    "response-became-not-nullable",
)
def schema(at: At, old_node: Any, new_node: Any) -> Iterator[Change]:
    """Every change between two schemas at `at`, judged from its side."""
    inside = at.enter(old_node, new_node)
    if inside is None:
        return
    at, old, new = inside.named(old_node, new_node), shape(old_node), shape(new_node)
    if bool(old.variants) != bool(new.variants):
        # A plain schema facing alternatives is compared as their one alternative.
        old, new = (
            (lifted(old, old_node, new.combinator), new)
            if new.variants
            else (old, lifted(new, new_node, old.combinator))
        )
    yield from deprecation(at, old.node, new.node, _DEPRECATED.on(at.side), "value")
    direction = type_direction(old.types, new.types)
    if direction:
        message = f"type changed from {types_of(old)} to {types_of(new)}"
        yield at.to("type").change(_TYPE[direction].on(at.side), message, types_of(old), types_of(new))
    yield from constraints.format_(at.to("format"), old.node.get("format", ABSENT), new.node.get("format", ABSENT))
    yield from constraints.pattern_and_default(at, old.node, new.node)
    if old.nullable != new.nullable:
        rule, verb = (_BECAME_NULLABLE, "may now be") if new.nullable else (_BECAME_NOT_NULLABLE, "may no longer be")
        yield at.change(rule.on(at.side), f"value {verb} null", old.nullable, new.nullable)
    yield from constraints.enum(at.to("enum"), old.enum, new.enum)
    yield from constraints.bounds(at, old.node, new.node)
    if direction != "changed":
        yield from objects.properties(at, old.node, new.node, schema)
        if "items" in old.node or "items" in new.node:
            yield from schema(at.to("items"), old.node.get("items", {}), new.node.get("items", {}))
        yield from objects.additional(at.to("additionalProperties"), extra(old.node), extra(new.node), schema)
        yield from variants(at, old, new, schema)
    yield from leftovers(at, old.node, new.node, _SCHEMA_KEYS)
