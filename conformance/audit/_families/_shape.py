"""Reading a schema for comparison (`Shape`: allOf merged, null folded into `nullable`) and ordering what it
admits: types, formats and how strict each constraint is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Formats whose values all belong to another, wider format.
_WIDER_FORMAT = {"int32": "int64", "float": "double"}

Strictness = Callable[[dict[str, Any]], tuple[float, ...] | None]


@dataclass(frozen=True)
class Shape:
    """A schema read for comparison: allOf merged, null alternatives folded into `nullable`."""

    node: dict[str, Any]
    types: frozenset[str] | None
    nullable: bool
    enum: tuple[Any, ...] | None
    combinator: str
    variants: tuple[Any, ...]


def shape(node: Any) -> Shape:
    """Read a schema: merge allOf, fold null types and null alternatives into `nullable`, collapse one alternative."""
    schema: dict[str, Any] = {"not": {}} if node is False else node if isinstance(node, dict) else {}
    merged = {key: value for key, value in schema.items() if key != "allOf"}
    for part in schema.get("allOf") or ():
        sub = shape(part).node
        merged["properties"] = {**sub.get("properties", {}), **merged.get("properties", {})}
        merged["required"] = sorted({*sub.get("required", ()), *merged.get("required", ())})
        merged.update({key: value for key, value in sub.items() if key not in merged})
    nullable = bool(merged.get("nullable"))
    combinator = "oneOf" if "oneOf" in merged else "anyOf" if "anyOf" in merged else ""
    variants: tuple[Any, ...] = ()
    if combinator:
        everything = merged.pop(combinator)
        alternatives = [v for v in everything if not (isinstance(v, dict) and v.get("type") == "null")]
        nullable = nullable or len(alternatives) < len(everything)
        if len(alternatives) == 1:
            only = shape(alternatives[0])
            merged = {**only.node, **merged}
            nullable = nullable or only.nullable
            combinator, variants = only.combinator, only.variants
        else:
            variants = tuple(alternatives)
    declared = merged.get("type")
    types = {declared} if isinstance(declared, str) else set(declared) if isinstance(declared, list) else set()
    values = merged["enum"] if "enum" in merged else [merged["const"]] if "const" in merged else None
    nullable = nullable or "null" in types or (values is not None and None in values)
    enum = tuple(v for v in values if v is not None) if values is not None else None
    return Shape(merged, frozenset(types - {"null"}) or None, nullable, enum, combinator, variants)


def lifted(read: Shape, node: Any, combinator: str) -> Shape:
    """A plain schema as the one alternative of `combinator` (null stays outside, as a null alternative would)."""
    alternative = node
    if read.nullable:
        alternative = {key: value for key, value in read.node.items() if key != "nullable"}
        if read.types is not None:
            alternative["type"] = sorted(read.types) if len(read.types) > 1 else next(iter(read.types))
        if read.enum is not None:
            alternative["enum"] = list(read.enum)
    return Shape({}, None, read.nullable, None, combinator, (alternative,))


def types_of(read: Shape) -> str:
    """The schema's types as a reader sees them ("integer|string", or "any")."""
    return "|".join(sorted(read.types)) if read.types else "any"


def type_direction(old: frozenset[str] | None, new: frozenset[str] | None) -> str | None:
    """ "narrowed" when NEW admits fewer values, "widened" when more, "changed" when neither, None when the same."""
    wider, narrower = _covers(new, old), _covers(old, new)
    if wider and narrower:
        return None
    return "widened" if wider else "narrowed" if narrower else "changed"


def _covers(wide: frozenset[str] | None, narrow: frozenset[str] | None) -> bool:
    """Whether every value of the types `narrow` is one of `wide` (None: any type; every integer is a number)."""
    if wide is None:
        return True
    return narrow is not None and all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def wider(narrow: Any, wide: Any) -> bool:
    """Whether every value of format `narrow` is one of format `wide` (int32 in int64, float in double)."""
    while narrow in _WIDER_FORMAT:
        narrow = _WIDER_FORMAT[narrow]
        if narrow == wide:
            return True
    return False


def extra(schema: dict[str, Any]) -> Any:
    """additionalProperties as a schema ({} when any value goes) or False."""
    value = schema.get("additionalProperties", True)
    return {} if value is True else value


def _numeric(lower: bool) -> Strictness:
    """The strictness of a numeric bound, read from both the 3.0 (boolean) and 3.1 (number) exclusive forms."""
    inclusive, exclusive = ("minimum", "exclusiveMinimum") if lower else ("maximum", "exclusiveMaximum")
    sign = 1 if lower else -1

    def strictness(schema: dict[str, Any]) -> tuple[float, ...] | None:
        bounds = []
        if isinstance(schema.get(inclusive), int | float):
            bounds.append((sign * schema[inclusive], schema.get(exclusive) is True))
        if isinstance(schema.get(exclusive), int | float) and not isinstance(schema.get(exclusive), bool):
            bounds.append((sign * schema[exclusive], True))
        return max(bounds) if bounds else None

    return strictness


def _count(keyword: str, sign: int) -> Strictness:
    return lambda schema: (sign * schema[keyword],) if isinstance(schema.get(keyword), int | float) else None


def _flag(keyword: str, strict: Any) -> Strictness:
    return lambda schema: (1,) if schema.get(keyword) is strict else None


# How strict each constraint is: a larger tuple is stricter, None is no constraint (multipleOf is ordered apart).
STRICTNESS: tuple[tuple[str, Strictness], ...] = (
    ("minimum", _numeric(lower=True)),
    ("maximum", _numeric(lower=False)),
    ("minLength", _count("minLength", 1)),
    ("maxLength", _count("maxLength", -1)),
    ("minItems", _count("minItems", 1)),
    ("maxItems", _count("maxItems", -1)),
    ("minProperties", _count("minProperties", 1)),
    ("maxProperties", _count("maxProperties", -1)),
    ("uniqueItems", _flag("uniqueItems", True)),
    ("multipleOf", _count("multipleOf", 1)),
)

# The keywords each numeric bound is written with.
BOUND_KEYWORDS = {"minimum": ("minimum", "exclusiveMinimum"), "maximum": ("maximum", "exclusiveMaximum")}


def stricter(than: tuple[float, ...] | None, value: tuple[float, ...] | None) -> bool:
    """Whether the constraint `value` is stricter than `than` (any constraint is stricter than none)."""
    return value is not None and (than is None or value > than)
