"""oneOf/anyOf alternatives, paired by what they are ($ref target, constant properties, type), not by position, so
reordering them is no change; the unpaired ones were added or removed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from conformance._comparison import Change
from conformance.audit._detectors import detects
from conformance.audit._families._shape import Shape, shape, types_of
from conformance.audit._families._walk import At, Compare, Sided

_ADDED = Sided("request-variant-added", "response-variant-added")
_REMOVED = Sided("request-variant-removed", "response-variant-removed")


@detects(
    "request-variant-added",
    "response-variant-added",
    "request-variant-removed",
    "response-variant-removed",
    "unclassified-change",
)
def variants(at: At, old: Shape, new: Shape, compare: Compare) -> Iterator[Change]:
    """Alternatives paired by what they are, compared pair by pair by `compare`; the rest were added or removed."""
    if old.variants and new.variants and old.combinator != new.combinator:
        yield at.to(new.combinator).change("unclassified-change", f"{old.combinator} became {new.combinator}")
    combinator = new.combinator or old.combinator
    pairs = _paired(at, old, new)
    for i, j in pairs:
        yield from compare(at.to(combinator, j), old.variants[i], new.variants[j])
    for j, variant in enumerate(new.variants):
        if j not in {p[1] for p in pairs}:
            describe = _describe(variant, at.name_of(variant, 1))
            yield at.to(combinator, j).change(_ADDED.on(at.side), f"alternative {describe} added", None, describe)
    for i, variant in enumerate(old.variants):
        if i not in {p[0] for p in pairs}:
            describe = _describe(variant, at.name_of(variant, 0))
            yield at.to(combinator, i).change(_REMOVED.on(at.side), f"alternative {describe} removed", describe)


def _paired(at: At, old: Shape, new: Shape) -> list[tuple[int, int]]:
    """Indices of OLD and NEW alternatives that are the same alternative: the same $ref target, else the same
    constant properties (a discriminator's values), else the same type and property names, else the same type."""
    identities: tuple[Callable[[Any, str | None, Any], Any], ...] = (
        lambda node, name, discriminator: name,
        _constants,
        lambda node, name, discriminator: (shape(node).types, frozenset(shape(node).node.get("properties") or ())),
        lambda node, name, discriminator: shape(node).types or "any",
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
    properties = shape(node).node.get("properties") or {}
    fixed = {
        (prop, json.dumps(read.enum[0], default=str))
        for prop, schema in properties.items()
        if (read := shape(schema)).enum is not None and len(read.enum) == 1
    }
    if isinstance(discriminator, dict) and name is not None:
        mapping = (discriminator.get("mapping") or {}).items()
        mapped = [value for value, target in mapping if target.removeprefix("#") == name or name.endswith("/" + target)]
        fixed |= {(str(discriminator.get("propertyName")), json.dumps(value, default=str)) for value in mapped}
    return frozenset(fixed)


def _describe(variant: Any, name: str | None) -> str:
    if name is not None:
        return name.rsplit("/", 1)[-1]
    return types_of(shape(variant))
