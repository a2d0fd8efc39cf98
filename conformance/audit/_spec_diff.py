"""Walking two resolved OpenAPI documents side by side and classifying every difference with the rule catalog.

One walker serves requests and responses: the side being walked (`_At.side`) picks the rule, and the catalog says
how serious that change is from that side. Every constraint is judged by direction: one that narrows what a value
may be (a type, format, pattern, bound, enum, closed object, null refused) breaks a request and no response, one that
widens it the reverse. Keys no structural step handles fall to `_leftovers`, which still reports them (documentation,
examples, extensions, servers, or `unclassified-change`), so no change goes unlisted.

Documents compared are resolved (`_sources`), so a shared component is walked once per place an operation uses it;
each change remembers where it is written (`_At.origin`: inside a component, the component's own place), and the
changes found at one place are merged into one that lists every operation and location it reaches. Components no
operation uses are not compared. oneOf/anyOf alternatives are paired by what they are ($ref target, constant
properties, type), not by position, so reordering them is no change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from conformance._comparison import Change, Side, most_serious_first
from conformance.audit._rules import change
from conformance.audit._sources import Document
from conformance.audit._spec_audit import SpecAudit

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

# Formats whose values all belong to another, wider format.
_WIDER_FORMAT = {"int32": "int64", "float": "double"}

_ABSENT = object()


@dataclass(frozen=True)
class _At:
    """Where the walk is: the operation, the side judged, the JSON pointer through the operation, where what is
    walked is written (`origin`), the two documents, and the node pairs already entered."""

    operation: str | None
    side: Side
    pointer: str
    origin: str
    documents: tuple[Document, Document]
    entered: tuple[tuple[Any, Any], ...] = ()

    def to(self, *tokens: object) -> _At:
        """The place one or more keys further down."""
        path = "".join("/" + _escape(str(t)) for t in tokens)
        return replace(self, pointer=self.pointer + path, origin=self.origin + path)

    def at(self, pointer: str) -> _At:
        """The same walk at another pointer, written there."""
        return replace(self, pointer=pointer, origin=pointer)

    def written_at(self, origin: str) -> _At:
        """The same place, written at `origin` (a node shared by several operations)."""
        return replace(self, origin=origin)

    def named(self, old: Any, new: Any) -> _At:
        """The same place, written where the component it holds is (NEW's name first), if it holds one."""
        name = (self.name_of(new, 1) if new is not None else None) or (
            self.name_of(old, 0) if old is not None else None
        )
        return self if name is None else self.written_at(name)

    def name_of(self, node: Any, document: int) -> str | None:
        """What the old (0) or new (1) document calls `node`, if a `$ref` led to it."""
        return self.documents[document].name_of(node)

    def enter(self, old: Any, new: Any) -> _At | None:
        """The walk inside this pair of nodes, or None when it is already inside them (a circular reference)."""
        if any(o is old and n is new for o, n in self.entered):
            return None
        return replace(self, entered=(*self.entered, (old, new)))

    def change(self, rule_id: str, message: str, old: Any = None, new: Any = None) -> Change:
        """A change found here: at its origin, reaching this operation through this pointer."""
        found = change(rule_id, self.operation, self.origin, message, _brief(old), _brief(new))
        if self.operation is None:
            return found
        return replace(found, operations=(self.operation,), locations=(self.pointer,))


@dataclass(frozen=True)
class _Member:
    """A named thing that may be required: a parameter, a header, the request body, a property; and where it is."""

    kind: str
    label: str
    at: _At
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


def compare_documents(old: Document, new: Document) -> SpecAudit:
    """Every change from `old` to `new`, each once with all it reaches, most serious first (else document order),
    and the `$ref`s of both that resolve nowhere."""
    changes = _document(_At(None, "both", "", "", (old, new)), old.root, new.root)
    merged = most_serious_first(_merged(changes))
    return SpecAudit(old.source, new.source, merged, unresolved=(*old.unresolved, *new.unresolved))


def _merged(changes: Iterable[Change]) -> Iterator[Change]:
    """One change per rule, place and values, listing every operation and location the equal ones reached."""
    groups: dict[tuple[Any, ...], list[Change]] = {}
    for found in changes:
        groups.setdefault((found.rule_id, found.pointer, found.message, found.old, found.new), []).append(found)
    for group in groups.values():
        operations = tuple(dict.fromkeys(op for c in group for op in c.operations))
        locations = tuple(dict.fromkeys(loc for c in group for loc in c.locations))
        yield replace(group[0], operations=operations, locations=locations)


def _document(at: _At, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    yield from _leftovers(at, _pick(old, "openapi", "info"), _pick(new, "openapi", "info"), fallback="info-changed")
    yield from _leftovers(at, old, new, {"openapi", "info", "paths", "components", "security"})
    old_schemes, new_schemes = _get(old, "components", "securitySchemes"), _get(new, "components", "securitySchemes")
    renamed = _renamed_schemes(old_schemes, new_schemes)
    schemes = at.to("components", "securitySchemes")
    for before, after in renamed.items():
        message = f"security scheme {before!r} renamed {after!r}"
        yield schemes.to(after).change("security-scheme-renamed", message, before, after)
    yield from _keyed(
        schemes,
        {name: scheme for name, scheme in old_schemes.items() if name not in renamed},
        {name: scheme for name, scheme in new_schemes.items() if name not in renamed.values()},
        "security-scheme",
        lambda here, o, n: _leftovers(here, o, n, fallback="security-scheme-changed"),
    )
    yield from _paths(at, old, new, renamed)


def _renamed_schemes(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, str]:
    """Old scheme names gone from NEW whose definition a scheme only NEW has repeats (documentation aside)."""

    def essence(scheme: Any) -> Any:
        if not isinstance(scheme, dict):
            return scheme
        return {k: v for k, v in scheme.items() if k not in ("description", "summary") and not k.startswith("x-")}

    renamed: dict[str, str] = {}
    added = [name for name in new if name not in old]
    for name in (name for name in old if name not in new):
        twin = next(
            (a for a in added if a not in renamed.values() and _equal(essence(old[name]), essence(new[a]))), None
        )
        if twin is not None:
            renamed[name] = twin
    return renamed


def _paths(at: _At, old: dict[str, Any], new: dict[str, Any], renamed: Mapping[str, str]) -> Iterator[Change]:
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
            here = _At(after.label, "both", after.pointer, after.pointer, at.documents)
            yield from _operation(here, before, after, _Security(old, new, renamed))


@dataclass(frozen=True)
class _Security:
    """What the security of an operation is read from: both documents' top-level requirements, and renamed schemes."""

    old_root: dict[str, Any]
    new_root: dict[str, Any]
    renamed: Mapping[str, str]


def _operation(at: _At, old: _Operation, new: _Operation, security: _Security) -> Iterator[Change]:
    yield from _deprecation(at, old.node, new.node, "operation-deprecated", "operation")
    old_id, new_id = old.node.get("operationId"), new.node.get("operationId")
    if old_id != new_id:
        yield at.to("operationId").change("operation-id-changed", "operationId changed", old_id, new_id)
    inherited = "security" not in old.node and "security" not in new.node
    here = at.to("security").written_at("/security") if inherited else at.to("security")
    old_security = old.node.get("security", security.old_root.get("security", []))
    new_security = new.node.get("security", security.new_root.get("security", []))
    yield from _security(here, _alternatives(old_security, security.renamed), _alternatives(new_security, {}))
    request = replace(at, side="request")
    yield from _members(request, _parameters(request, old), _parameters(request, new), _parameter)
    yield from _members(request, _body(request, old), _body(request, new), _body_details)
    responses = replace(at, side="response").to("responses")
    yield from _keyed(responses, old.node.get("responses"), new.node.get("responses"), "response-status", _response)
    handled = {"deprecated", "operationId", "security", "parameters", "requestBody", "responses"}
    yield from _leftovers(at, old.node, new.node, handled)


def _security(at: _At, old_alternatives: _Ways, new_alternatives: _Ways) -> Iterator[Change]:
    """Ways of authenticating gained or lost: losing one is breaking only when no former way is still accepted (once
    NEW admits anonymous access, no client is locked out)."""
    kept = [names for names in old_alternatives if names in new_alternatives or frozenset() in new_alternatives]
    for names in _union(old_alternatives, new_alternatives):
        label = _label(names)
        if names not in new_alternatives and frozenset() in new_alternatives:
            continue
        if names not in new_alternatives and kept:
            message = f"security alternative {label} no longer accepted; {_label(kept[0])} still is"
            yield at.change("security-alternative-removed", message, label)
        elif names not in new_alternatives:
            message = f"security alternative {label} no longer accepted, nor any other it accepted"
            yield at.change("security-requirement-removed", message, label)
        elif names not in old_alternatives:
            yield at.change("security-requirement-added", f"security alternative {label} now accepted", None, label)
        else:
            for scheme in sorted(names):
                old_scopes, new_scopes = old_alternatives[names][scheme], new_alternatives[names][scheme]
                for scope in sorted(new_scopes - old_scopes):
                    yield at.change("security-scope-added", f"{scheme} now requires scope {scope!r}", None, scope)
                for scope in sorted(old_scopes - new_scopes):
                    yield at.change("security-scope-removed", f"{scheme} no longer requires scope {scope!r}", scope)


def _label(names: frozenset[str]) -> str:
    return " + ".join(sorted(names)) or "anonymous access"


def _parameter(at: _At, old: _Member, new: _Member) -> Iterator[Change]:
    at = at.named(old.node, new.node)
    yield from _deprecation(at, old.node, new.node, f"{at.side}-{new.kind}-deprecated", new.label)
    if "schema" in old.node or "schema" in new.node:
        yield from _schema(at.to("schema"), old.node.get("schema", {}), new.node.get("schema", {}))
    yield from _content(at.to("content"), old.node.get("content"), new.node.get("content"))
    yield from _leftovers(at, old.node, new.node, {"name", "in", "required", "deprecated", "schema", "content"})


def _body_details(at: _At, old: _Member, new: _Member) -> Iterator[Change]:
    at = at.named(old.node, new.node)
    yield from _content(at.to("content"), old.node.get("content"), new.node.get("content"))
    yield from _leftovers(at, old.node, new.node, {"required", "content"})


def _response(at: _At, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    at = at.named(old, new)
    yield from _members(at, _headers(at, old), _headers(at, new), _parameter)
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
    at, old, new = inside.named(old_node, new_node), _shape(old_node), _shape(new_node)
    if bool(old.variants) != bool(new.variants):
        # A plain schema facing alternatives is compared as their one alternative.
        old, new = (
            (_lifted(old, old_node, new.combinator), new)
            if new.variants
            else (old, _lifted(new, new_node, old.combinator))
        )
    side = at.side
    yield from _deprecation(at, old.node, new.node, f"{side}-schema-deprecated", "value")
    direction = _type_direction(old.types, new.types)
    if direction:
        message = f"type changed from {_types(old)} to {_types(new)}"
        yield at.to("type").change(f"{side}-type-{direction}", message, _types(old), _types(new))
    yield from _format(at.to("format"), old.node.get("format", _ABSENT), new.node.get("format", _ABSENT))
    for keyword in ("pattern", "default"):
        before, after = old.node.get(keyword, _ABSENT), new.node.get(keyword, _ABSENT)
        if not _equal(before, after):
            rule = f"{side}-{keyword}-changed" if keyword == "default" else f"{side}-pattern-{_verb(before, after)}"
            yield at.to(keyword).change(rule, f"{keyword} {_verb(before, after)}", before, after)
    if old.nullable != new.nullable:
        rule, verb = ("became-nullable", "may now be") if new.nullable else ("became-not-nullable", "may no longer be")
        yield at.change(f"{side}-{rule}", f"value {verb} null", old.nullable, new.nullable)
    yield from _enum(at.to("enum"), old.enum, new.enum)
    yield from _bounds(at, old.node, new.node)
    if direction != "changed":
        yield from _members(at, _properties(at, old.node), _properties(at, new.node), _property)
        if "items" in old.node or "items" in new.node:
            yield from _schema(at.to("items"), old.node.get("items", {}), new.node.get("items", {}))
        yield from _additional(at.to("additionalProperties"), _extra(old.node), _extra(new.node))
        yield from _variants(at, old, new)
    yield from _leftovers(at, old.node, new.node, _SCHEMA_KEYS)


def _property(at: _At, old: _Member, new: _Member) -> Iterator[Change]:
    yield from _schema(at, old.node, new.node)


def _format(at: _At, old: Any, new: Any) -> Iterator[Change]:
    """A format added or made narrower narrows the value; dropped or made wider widens it; otherwise it changed."""
    if _equal(old, new):
        return
    if old is _ABSENT or _wider(new, old):
        direction = "narrowed"
    elif new is _ABSENT or _wider(old, new):
        direction = "widened"
    else:
        direction = "changed"
    yield at.change(f"{at.side}-format-{direction}", f"format {_verb(old, new)}", old, new)


def _additional(at: _At, old: Any, new: Any) -> Iterator[Change]:
    """Undeclared properties: closing the object narrows it, opening it widens it, two schemas are compared."""
    if isinstance(old, dict) and isinstance(new, dict):
        if old or new:
            yield from _schema(at, old, new)
    elif old is False and isinstance(new, dict):
        yield at.change(f"{at.side}-additional-properties-widened", "undeclared properties now allowed", False, new)
    elif new is False and isinstance(old, dict):
        yield at.change(
            f"{at.side}-additional-properties-narrowed", "undeclared properties no longer allowed", old, False
        )


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
    """oneOf/anyOf alternatives paired by what they are, compared pair by pair; the rest were added or removed."""
    if old.variants and new.variants and old.combinator != new.combinator:
        yield at.to(new.combinator).change("unclassified-change", f"{old.combinator} became {new.combinator}")
    combinator = new.combinator or old.combinator
    pairs = _paired(at, old, new)
    for i, j in pairs:
        yield from _schema(at.to(combinator, j), old.variants[i], new.variants[j])
    for j, variant in enumerate(new.variants):
        if j not in {p[1] for p in pairs}:
            describe = _describe(variant, at.name_of(variant, 1))
            yield at.to(combinator, j).change(
                f"{at.side}-variant-added", f"alternative {describe} added", None, describe
            )
    for i, variant in enumerate(old.variants):
        if i not in {p[0] for p in pairs}:
            describe = _describe(variant, at.name_of(variant, 0))
            yield at.to(combinator, i).change(f"{at.side}-variant-removed", f"alternative {describe} removed", describe)


def _paired(at: _At, old: _Shape, new: _Shape) -> list[tuple[int, int]]:
    """Indices of OLD and NEW alternatives that are the same alternative: the same $ref target, else the same
    constant properties (a discriminator's values), else the same type and property names, else the same type."""
    identities: tuple[Callable[[Any, str | None, Any], Any], ...] = (
        lambda node, name, discriminator: name,
        _constants,
        lambda node, name, discriminator: (_shape(node).types, frozenset(_shape(node).node.get("properties") or ())),
        lambda node, name, discriminator: _shape(node).types or "any",
    )
    pairs: list[tuple[int, int]] = []
    for identity in identities:
        taken_old, taken_new = {p[0] for p in pairs}, {p[1] for p in pairs}
        new_keys = {
            j: identity(v, at.name_of(v, 1), new.node.get("discriminator"))
            for j, v in enumerate(new.variants)
            if j not in taken_new
        }
        for i, variant in enumerate(old.variants):
            if i in taken_old:
                continue
            key = identity(variant, at.name_of(variant, 0), old.node.get("discriminator"))
            match = next((j for j, k in new_keys.items() if key not in (None, frozenset()) and k == key), None)
            if match is not None:
                pairs.append((i, match))
                del new_keys[match]
    return sorted(pairs, key=lambda p: p[1])


def _constants(node: Any, name: str | None, discriminator: Any) -> frozenset[tuple[str, Any]]:
    """The properties an alternative fixes to one value, with the discriminator's mapping value for it if any."""
    properties = _shape(node).node.get("properties") or {}
    fixed = {
        (prop, json.dumps(shape.enum[0], default=str))
        for prop, schema in properties.items()
        if (shape := _shape(schema)).enum is not None and len(shape.enum) == 1
    }
    if isinstance(discriminator, dict) and name is not None:
        mapping = (discriminator.get("mapping") or {}).items()
        mapped = [value for value, target in mapping if target.removeprefix("#") == name or name.endswith("/" + target)]
        fixed |= {(str(discriminator.get("propertyName")), json.dumps(value, default=str)) for value in mapped}
    return frozenset(fixed)


def _describe(variant: Any, name: str | None) -> str:
    if name is not None:
        return name.rsplit("/", 1)[-1]
    return _types(_shape(variant))


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
            yield after.at.change(f"{at.side}-{after.kind}-added-{requirement}", message)
        elif after is None and before is not None:
            message = f"{before.label} removed"
            yield before.at.change(f"{at.side}-{before.kind}-removed", message)
        elif before is not None and after is not None:
            here = after.at
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


def _parameters(at: _At, operation: _Operation) -> dict[tuple[str, str], _Member]:
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
            members[key] = _Member(kind, label, at.at(f"{pointer}/{index}"), required, parameter)
    return members


def _body(at: _At, operation: _Operation) -> dict[str, _Member]:
    body = operation.node.get("requestBody")
    if body is None:
        return {}
    return {"body": _Member("body", "request body", at.to("requestBody"), bool(body.get("required")), body)}


def _headers(at: _At, response: dict[str, Any]) -> dict[str, _Member]:
    return {
        name.lower(): _Member(
            "header", f"header {name!r}", at.to("headers", name), bool(header.get("required")), header
        )
        for name, header in (response.get("headers") or {}).items()
        if name.lower() != "content-type"
    }


def _properties(at: _At, schema: dict[str, Any]) -> dict[str, _Member]:
    required = set(schema.get("required") or ())
    return {
        name: _Member("property", f"property {name!r}", at.to("properties", name), name in required, node)
        for name, node in (schema.get("properties") or {}).items()
    }


# Each accepted way of authenticating (its scheme names) with each scheme's scopes.
_Ways = dict[frozenset[str], dict[str, frozenset[str]]]


def _alternatives(requirements: list[dict[str, list[str]]], renamed: Mapping[str, str]) -> _Ways:
    """Each accepted way of authenticating (an empty set: anonymous, as `security: []` means) with its scopes,
    schemes called by their `renamed` names."""
    return {
        frozenset(renamed.get(name, name) for name in requirement): {
            renamed.get(name, name): frozenset(scopes or ()) for name, scopes in requirement.items()
        }
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


def _lifted(shape: _Shape, node: Any, combinator: str) -> _Shape:
    """A plain schema as the one alternative of `combinator` (null stays outside, as a null alternative would)."""
    alternative = node
    if shape.nullable:
        alternative = {key: value for key, value in shape.node.items() if key != "nullable"}
        if shape.types is not None:
            alternative["type"] = sorted(shape.types) if len(shape.types) > 1 else next(iter(shape.types))
        if shape.enum is not None:
            alternative["enum"] = list(shape.enum)
    return _Shape({}, None, shape.nullable, None, combinator, (alternative,))


def _type_direction(old: frozenset[str] | None, new: frozenset[str] | None) -> str | None:
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


def _wider(narrow: Any, wide: Any) -> bool:
    """Whether every value of format `narrow` is one of format `wide` (int32 in int64, float in double)."""
    while narrow in _WIDER_FORMAT:
        narrow = _WIDER_FORMAT[narrow]
        if narrow == wide:
            return True
    return False


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
