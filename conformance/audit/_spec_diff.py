"""Walking two resolved OpenAPI documents side by side and classifying every difference with the rule catalog.

One walker serves requests and responses: the side being walked (`_At.side`) picks the rule, and the catalog says
how serious that change is from that side. Keys no structural step handles fall to `_leftovers`, which still
reports them (documentation, examples, extensions, servers, or `unclassified-change`), so no change goes unlisted.
Documents compared are resolved (`_sources`), so a shared component is compared, and reported, once per place an
operation uses it; components no operation uses are not compared.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from conformance.audit._model import Change, Side, SpecComparison, most_serious_first
from conformance.audit._rules import change
from conformance.audit._sources import Document

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Keys classified by their name wherever `_leftovers` meets them.
_KEY_RULES = {
    "description": "description-changed",
    "summary": "description-changed",
    "title": "description-changed",
    "externalDocs": "description-changed",
    "tags": "description-changed",
    "example": "example-changed",
    "examples": "example-changed",
    "servers": "servers-changed",
}

# Schema keywords compared structurally by `_schema` (the rest go to `_leftovers`).
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

_ABSENT = object()


@dataclass(frozen=True)
class _At:
    """Where the walk is: the operation, the side judged, the JSON pointer, and the node pairs already entered."""

    operation: str | None
    side: Side
    pointer: str
    entered: tuple[tuple[Any, Any], ...] = ()

    def to(self, *tokens: object) -> _At:
        """The place one or more keys further down."""
        escaped = (str(t).replace("~", "~0").replace("/", "~1") for t in tokens)
        return replace(self, pointer=self.pointer + "".join("/" + t for t in escaped))

    def at(self, pointer: str) -> _At:
        """The same walk at another pointer."""
        return replace(self, pointer=pointer)

    def enter(self, old: Any, new: Any) -> _At | None:
        """The walk inside this pair of nodes, or None when it is already inside them (a circular reference)."""
        if any(o is old and n is new for o, n in self.entered):
            return None
        return replace(self, entered=(*self.entered, (old, new)))

    def change(self, rule_id: str, message: str, old: Any = None, new: Any = None) -> Change:
        """A change found here."""
        return change(rule_id, self.operation, self.pointer, message, _brief(old), _brief(new))


@dataclass(frozen=True)
class _Member:
    """A named thing that may be required: a parameter, a header, the request body, a property."""

    kind: str
    label: str
    pointer: str
    required: bool
    node: Any


@dataclass(frozen=True)
class _Operation:
    """One operation and where it lives."""

    label: str
    pointer: str
    path: str
    item: dict[str, Any]
    node: dict[str, Any]


@dataclass(frozen=True)
class _Shape:
    """A schema read for comparison: allOf merged, null alternatives folded into `nullable`."""

    node: dict[str, Any]
    types: frozenset[str] | None
    nullable: bool
    enum: tuple[Any, ...] | None
    combinator: str
    variants: tuple[Any, ...]


def compare_documents(old: Document, new: Document) -> SpecComparison:
    """Every change from `old` to `new`, most serious first (document order within a severity)."""
    changes = _document(_At(None, "both", ""), old.root, new.root)
    return SpecComparison(old.source, new.source, most_serious_first(changes))


def _document(at: _At, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    yield from _leftovers(at, _pick(old, "openapi", "info"), _pick(new, "openapi", "info"), fallback="info-changed")
    yield from _leftovers(at, old, new, {"openapi", "info", "paths", "components", "security"})
    schemes = at.to("components", "securitySchemes")
    yield from _keyed(
        schemes,
        _get(old, "components", "securitySchemes"),
        _get(new, "components", "securitySchemes"),
        "security-scheme",
        lambda here, o, n: _leftovers(here, o, n, fallback="security-scheme-changed"),
    )
    yield from _paths(at, old, new)


def _paths(at: _At, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    old_items, new_items = _path_items(old), _path_items(new)
    for template in _union(old_items, new_items):
        if template in old_items and template in new_items:
            (_, old_item), (new_path, new_item) = old_items[template], new_items[template]
            yield from _leftovers(at.at(_pointer("paths", new_path)), old_item, new_item, {*HTTP_METHODS, "parameters"})
    old_ops, new_ops = _operations(old), _operations(new)
    for key in _union(old_ops, new_ops):
        before, after = old_ops.get(key), new_ops.get(key)
        if after is None and before is not None:
            yield change("operation-removed", before.label, before.pointer, f"operation {before.label} removed")
        elif before is None and after is not None:
            yield change("operation-added", after.label, after.pointer, f"operation {after.label} added")
        elif before is not None and after is not None:
            here = _At(after.label, "both", after.pointer)
            security = (
                before.node.get("security", old.get("security", [])),
                after.node.get("security", new.get("security", [])),
            )
            yield from _operation(here, before, after, security)


def _operation(at: _At, old: _Operation, new: _Operation, security: tuple[Any, Any]) -> Iterator[Change]:
    yield from _deprecation(at, old.node, new.node, "operation-deprecated", "operation")
    old_id, new_id = old.node.get("operationId"), new.node.get("operationId")
    if old_id != new_id:
        yield at.to("operationId").change("operation-id-changed", "operationId changed", old_id, new_id)
    yield from _security(at.to("security"), *security)
    request = replace(at, side="request")
    yield from _members(request, _parameters(old), _parameters(new), _parameter)
    yield from _members(request, _body(old), _body(new), _body_details)
    responses = replace(at, side="response").to("responses")
    yield from _keyed(responses, old.node.get("responses"), new.node.get("responses"), "response-status", _response)
    handled = {"deprecated", "operationId", "security", "parameters", "requestBody", "responses"}
    yield from _leftovers(at, old.node, new.node, handled)


def _security(at: _At, old: list[dict[str, list[str]]], new: list[dict[str, list[str]]]) -> Iterator[Change]:
    """Ways of authenticating gained or lost; once NEW admits anonymous access, no client is locked out."""
    old_alternatives, new_alternatives = _alternatives(old), _alternatives(new)
    for names in _union(old_alternatives, new_alternatives):
        label = " + ".join(sorted(names)) or "anonymous access"
        if names not in new_alternatives and frozenset() in new_alternatives:
            continue
        if names not in new_alternatives:
            yield at.change("security-requirement-removed", f"security alternative {label} no longer accepted", label)
        elif names not in old_alternatives:
            yield at.change("security-requirement-added", f"security alternative {label} now accepted", None, label)
        else:
            for scheme in sorted(names):
                old_scopes, new_scopes = old_alternatives[names][scheme], new_alternatives[names][scheme]
                for scope in sorted(new_scopes - old_scopes):
                    yield at.change("security-scope-added", f"{scheme} now requires scope {scope!r}", None, scope)
                for scope in sorted(old_scopes - new_scopes):
                    yield at.change("security-scope-removed", f"{scheme} no longer requires scope {scope!r}", scope)


def _parameter(at: _At, old: _Member, new: _Member) -> Iterator[Change]:
    yield from _deprecation(at, old.node, new.node, f"{at.side}-{new.kind}-deprecated", new.label)
    if "schema" in old.node or "schema" in new.node:
        yield from _schema(at.to("schema"), old.node.get("schema", {}), new.node.get("schema", {}))
    yield from _content(at.to("content"), old.node.get("content"), new.node.get("content"))
    yield from _leftovers(at, old.node, new.node, {"name", "in", "required", "deprecated", "schema", "content"})


def _body_details(at: _At, old: _Member, new: _Member) -> Iterator[Change]:
    yield from _content(at.to("content"), old.node.get("content"), new.node.get("content"))
    yield from _leftovers(at, old.node, new.node, {"required", "content"})


def _response(at: _At, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    yield from _members(at, _headers(at.pointer, old), _headers(at.pointer, new), _parameter)
    yield from _content(at.to("content"), old.get("content"), new.get("content"))
    yield from _leftovers(at, old, new, {"headers", "content"})


def _content(at: _At, old: dict[str, Any] | None, new: dict[str, Any] | None) -> Iterator[Change]:
    def media(here: _At, old_media: dict[str, Any], new_media: dict[str, Any]) -> Iterator[Change]:
        if "schema" in old_media or "schema" in new_media:
            yield from _schema(here.to("schema"), old_media.get("schema", {}), new_media.get("schema", {}))
        yield from _leftovers(here, old_media, new_media, {"schema"})

    yield from _keyed(at, old, new, f"{at.side}-content-type", media)


def _schema(at: _At, old_node: Any, new_node: Any) -> Iterator[Change]:
    inside = at.enter(old_node, new_node)
    if inside is None:
        return
    at, old, new = inside, _shape(old_node), _shape(new_node)
    side = at.side
    yield from _deprecation(at, old.node, new.node, f"{side}-schema-deprecated", "value")
    same_type = old.types == new.types
    if not same_type:
        yield at.to("type").change(
            f"{side}-type-changed", f"type changed from {_types(old)} to {_types(new)}", _types(old), _types(new)
        )
    for keyword, rule in (("format", "format-changed"), ("pattern", "pattern-changed"), ("default", "default-changed")):
        before, after = old.node.get(keyword, _ABSENT), new.node.get(keyword, _ABSENT)
        if not _equal(before, after):
            yield at.to(keyword).change(f"{side}-{rule}", f"{keyword} {_verb(before, after)}", before, after)
    if old.nullable != new.nullable:
        rule, verb = ("became-nullable", "may now be") if new.nullable else ("became-not-nullable", "may no longer be")
        yield at.change(f"{side}-{rule}", f"value {verb} null", old.nullable, new.nullable)
    yield from _enum(at.to("enum"), old.enum, new.enum)
    yield from _bounds(at, old.node, new.node)
    if same_type:
        yield from _members(at, _properties(at.pointer, old.node), _properties(at.pointer, new.node), _property)
        if "items" in old.node or "items" in new.node:
            yield from _schema(at.to("items"), old.node.get("items", {}), new.node.get("items", {}))
        old_extra, new_extra = _extra(old.node), _extra(new.node)
        if isinstance(old_extra, dict) and isinstance(new_extra, dict) and (old_extra or new_extra):
            yield from _schema(at.to("additionalProperties"), old_extra, new_extra)
        yield from _variants(at, old, new)
    yield from _leftovers(at, old.node, new.node, _SCHEMA_KEYS)


def _property(at: _At, old: _Member, new: _Member) -> Iterator[Change]:
    yield from _schema(at, old.node, new.node)


def _enum(at: _At, old: tuple[Any, ...] | None, new: tuple[Any, ...] | None) -> Iterator[Change]:
    if old is None and new is None:
        return
    if old is None or new is None:
        rule, verb = ("bound-tightened", "introduced") if old is None else ("bound-loosened", "dropped")
        yield at.change(f"{at.side}-{rule}", f"enum {verb}", old and list(old), new and list(new))
        return
    for value in new:
        if value not in old:
            yield at.change(f"{at.side}-enum-value-added", f"enum value {value!r} added", None, value)
    for value in old:
        if value not in new:
            yield at.change(f"{at.side}-enum-value-removed", f"enum value {value!r} removed", value, None)


def _bounds(at: _At, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    for keyword, strictness in _STRICTNESS:
        before, after = strictness(old), strictness(new)
        if before == after:
            continue
        if keyword == "multipleOf" and before is not None and after is not None:
            # Some old multiple is no new multiple (tightened), some new multiple was no old one (loosened), or both.
            tightened, loosened = before[0] % after[0] != 0, after[0] % before[0] != 0
        else:
            tightened, loosened = _stricter(before, after), _stricter(after, before)
        key = next((k for k in _KEYWORDS.get(keyword, ()) if not _equal(old.get(k), new.get(k))), keyword)
        message = f"{key} {_show(old.get(key, _ABSENT))} -> {_show(new.get(key, _ABSENT))}"
        for moved, rule in ((tightened, "bound-tightened"), (loosened, "bound-loosened")):
            if moved:
                yield at.to(key).change(f"{at.side}-{rule}", message, old.get(key), new.get(key))


def _variants(at: _At, old: _Shape, new: _Shape) -> Iterator[Change]:
    if old.variants and new.variants and old.combinator != new.combinator:
        yield at.to(new.combinator).change("unclassified-change", f"{old.combinator} became {new.combinator}")
    combinator = new.combinator or old.combinator
    for index, (before, after) in enumerate(zip(old.variants, new.variants, strict=False)):
        yield from _schema(at.to(combinator, index), before, after)
    for index in range(len(old.variants), len(new.variants)):
        yield at.to(combinator, index).change(f"{at.side}-variant-added", f"alternative {index} added")
    for index in range(len(new.variants), len(old.variants)):
        yield at.to(combinator, index).change(f"{at.side}-variant-removed", f"alternative {index} removed")


def _members(
    at: _At,
    old: Mapping[Any, _Member],
    new: Mapping[Any, _Member],
    details: Callable[[_At, _Member, _Member], Iterable[Change]],
) -> Iterator[Change]:
    """Added, removed, newly required or optional members, then each common member's `details`."""
    for key in _union(old, new):
        before, after = old.get(key), new.get(key)
        if before is None and after is not None:
            requirement = "required" if after.required else "optional"
            message = f"{after.label} added as {requirement}"
            yield at.at(after.pointer).change(f"{at.side}-{after.kind}-added-{requirement}", message)
        elif after is None and before is not None:
            message = f"{before.label} removed"
            yield at.at(before.pointer).change(f"{at.side}-{before.kind}-removed", message)
        elif before is not None and after is not None:
            here = at.at(after.pointer)
            if before.required != after.required:
                requirement = "required" if after.required else "optional"
                message = f"{after.label} became {requirement}"
                rule = f"{at.side}-{after.kind}-became-{requirement}"
                yield here.change(rule, message, before.required, after.required)
            yield from details(here, before, after)


def _keyed(
    at: _At,
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    rule_prefix: str,
    details: Callable[[_At, Any, Any], Iterable[Change]],
) -> Iterator[Change]:
    """Entries added to or removed from a map (rules `<prefix>-added`, `<prefix>-removed`), then the common ones."""
    old, new = old or {}, new or {}
    for key in _union(old, new):
        here = at.to(key)
        if key not in new:
            yield here.change(f"{rule_prefix}-removed", f"{rule_prefix.replace('-', ' ')} {key!r} removed", key)
        elif key not in old:
            yield here.change(f"{rule_prefix}-added", f"{rule_prefix.replace('-', ' ')} {key!r} added", None, key)
        else:
            yield from details(here, old[key], new[key])


def _deprecation(at: _At, old: Mapping[str, Any], new: Mapping[str, Any], rule_id: str, what: str) -> Iterator[Change]:
    was, now = bool(old.get("deprecated")), bool(new.get("deprecated"))
    if now and not was:
        yield at.to("deprecated").change(rule_id, f"{what} deprecated", was, now)
    elif was and not now:
        yield at.to("deprecated").change("deprecation-removed", f"{what} no longer deprecated", was, now)


def _leftovers(
    at: _At,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    handled: Iterable[str] = (),
    fallback: str = "unclassified-change",
) -> Iterator[Change]:
    """Every other key that differs, classified by its name, else by `fallback` (objects are compared inside)."""
    inside = at.enter(old, new)
    if inside is None:
        return
    skip = set(handled)
    for key in _union(old, new):
        before, after = old.get(key, _ABSENT), new.get(key, _ABSENT)
        if key in skip or _equal(before, after):
            continue
        rule = _KEY_RULES.get(key) or ("extension-changed" if key.startswith("x-") else None)
        if rule is None and isinstance(before, dict) and isinstance(after, dict):
            yield from _leftovers(inside.to(key), before, after, fallback=fallback)
        else:
            yield inside.to(key).change(rule or fallback, f"{key} {_verb(before, after)}", before, after)


# Reading the documents.


def _operations(doc: dict[str, Any]) -> dict[tuple[str, str], _Operation]:
    """The operations keyed by method and path template with anonymous variables (`/tasks/{}`)."""
    return {
        (method.upper(), _template(path)): _Operation(
            f"{method.upper()} {path}", _pointer("paths", path, method), path, item, item[method]
        )
        for path, item in (doc.get("paths") or {}).items()
        for method in HTTP_METHODS
        if isinstance(item.get(method), dict)
    }


def _path_items(doc: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    return {_template(path): (path, item) for path, item in (doc.get("paths") or {}).items()}


def _template(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def _parameters(operation: _Operation) -> dict[tuple[str, str], _Member]:
    """Path-level then operation-level parameters (which override), keyed so renaming a path variable is no change."""
    variables = re.findall(r"\{([^}]*)\}", operation.path)
    members: dict[tuple[str, str], _Member] = {}
    for pointer, parameters in (
        (_pointer("paths", operation.path, "parameters"), operation.item.get("parameters") or []),
        (f"{operation.pointer}/parameters", operation.node.get("parameters") or []),
    ):
        for index, parameter in enumerate(parameters):
            where, name = parameter.get("in", ""), parameter.get("name", "")
            if where == "path" and name in variables:
                key = (where, f"#{variables.index(name)}")
            else:
                key = (where, name.lower() if where == "header" else name)
            kind, label = (
                ("header", f"header {name!r}") if where == "header" else ("parameter", f"{where} parameter {name!r}")
            )
            required = bool(parameter.get("required")) or where == "path"
            members[key] = _Member(kind, label, f"{pointer}/{index}", required, parameter)
    return members


def _body(operation: _Operation) -> dict[str, _Member]:
    body = operation.node.get("requestBody")
    if body is None:
        return {}
    return {
        "body": _Member("body", "request body", f"{operation.pointer}/requestBody", bool(body.get("required")), body)
    }


def _headers(pointer: str, response: dict[str, Any]) -> dict[str, _Member]:
    return {
        name.lower(): _Member(
            "header", f"header {name!r}", f"{pointer}/headers/{_escape(name)}", bool(header.get("required")), header
        )
        for name, header in (response.get("headers") or {}).items()
        if name.lower() != "content-type"
    }


def _properties(pointer: str, schema: dict[str, Any]) -> dict[str, _Member]:
    required = set(schema.get("required") or ())
    return {
        name: _Member("property", f"property {name!r}", f"{pointer}/properties/{_escape(name)}", name in required, node)
        for name, node in (schema.get("properties") or {}).items()
    }


def _alternatives(requirements: list[dict[str, list[str]]]) -> dict[frozenset[str], dict[str, frozenset[str]]]:
    """Each accepted way of authenticating (an empty set: anonymous, as `security: []` means) with its scopes."""
    return {
        frozenset(requirement): {name: frozenset(scopes or ()) for name, scopes in requirement.items()}
        for requirement in requirements or [{}]
    }


def _shape(node: Any) -> _Shape:
    """Read a schema: merge allOf, fold null types and null alternatives into `nullable`, collapse one alternative."""
    schema: dict[str, Any] = {"not": {}} if node is False else node if isinstance(node, dict) else {}
    merged = {key: value for key, value in schema.items() if key != "allOf"}
    for part in schema.get("allOf") or ():
        sub = _shape(part).node
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
            only = _shape(alternatives[0])
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
    return _Shape(merged, frozenset(types - {"null"}) or None, nullable, enum, combinator, variants)


def _extra(schema: dict[str, Any]) -> Any:
    """additionalProperties as a schema ({} when any value goes) or False."""
    value = schema.get("additionalProperties", True)
    return {} if value is True else value


def _numeric(lower: bool) -> Callable[[dict[str, Any]], tuple[float, ...] | None]:
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


def _count(keyword: str, sign: int) -> Callable[[dict[str, Any]], tuple[float, ...] | None]:
    return lambda schema: (sign * schema[keyword],) if isinstance(schema.get(keyword), int | float) else None


def _flag(keyword: str, strict: Any) -> Callable[[dict[str, Any]], tuple[float, ...] | None]:
    return lambda schema: (1,) if schema.get(keyword) is strict else None


# How strict each constraint is: a larger tuple is stricter, None is no constraint (multipleOf is ordered apart).
_STRICTNESS: tuple[tuple[str, Callable[[dict[str, Any]], tuple[float, ...] | None]], ...] = (
    ("minimum", _numeric(lower=True)),
    ("maximum", _numeric(lower=False)),
    ("minLength", _count("minLength", 1)),
    ("maxLength", _count("maxLength", -1)),
    ("minItems", _count("minItems", 1)),
    ("maxItems", _count("maxItems", -1)),
    ("minProperties", _count("minProperties", 1)),
    ("maxProperties", _count("maxProperties", -1)),
    ("uniqueItems", _flag("uniqueItems", True)),
    ("additionalProperties", _flag("additionalProperties", False)),
    ("multipleOf", _count("multipleOf", 1)),
)
_KEYWORDS = {"minimum": ("minimum", "exclusiveMinimum"), "maximum": ("maximum", "exclusiveMaximum")}


def _stricter(than: tuple[float, ...] | None, value: tuple[float, ...] | None) -> bool:
    return value is not None and (than is None or value > than)


def _show(value: Any) -> str:
    return "none" if value is _ABSENT else json.dumps(value)


# Small helpers.


def _union(old: Iterable[Any], new: Iterable[Any]) -> list[Any]:
    """The keys of both, in the old document's order, then the new one's."""
    seen = list(old)
    return seen + [key for key in new if key not in seen]


def _pick(doc: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    return {key: doc[key] for key in keys if key in doc}


def _get(doc: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        doc = doc.get(key) or {}
    return doc


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _pointer(*tokens: str) -> str:
    return "".join("/" + _escape(t) for t in tokens)


def _types(shape: _Shape) -> str:
    return "|".join(sorted(shape.types)) if shape.types else "any"


def _verb(before: Any, after: Any) -> str:
    return "added" if before is _ABSENT else "removed" if after is _ABSENT else "changed"


def _equal(a: Any, b: Any, entered: tuple[tuple[Any, Any], ...] = ()) -> bool:
    """Structural equality that terminates on cyclic (resolved) documents and tells True from 1."""
    if a is b:
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        if any(x is a and y is b for x, y in entered):
            return True
        inside = (*entered, (a, b))
        return a.keys() == b.keys() and all(_equal(a[k], b[k], inside) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y, entered) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _brief(value: Any) -> Any:
    """A value fit for a report: scalars as they are, anything larger as short JSON text."""
    if value is _ABSENT or value is None or isinstance(value, str | int | float | bool):
        return None if value is _ABSENT else value
    try:
        text = json.dumps(value, sort_keys=True, default=str)
    except ValueError:
        text = "(circular)"
    return text if len(text) <= 80 else text[:79] + "…"
