"""The document around the operations: metadata, documentation, examples, extensions, servers, and every change
no other family classifies (`leftovers`, which each family calls on the keys it does not handle itself)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from conformance._comparison import Change
from conformance.audit._detectors import detects
from conformance.audit._families._values import ABSENT, equal, pick, union, verb
from conformance.audit._families._walk import At

# Keys classified by their name wherever `leftovers` meets them.
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


@detects("info-changed")
def info(at: At, old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Change]:
    """The OpenAPI version and the info object (its documentation keys by their own rules)."""
    yield from leftovers(at, pick(old, "openapi", "info"), pick(new, "openapi", "info"), fallback="info-changed")


@detects("description-changed", "example-changed", "servers-changed", "extension-changed", "unclassified-change")
def leftovers(
    at: At,
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
    for key in union(old, new):
        before, after = old.get(key, ABSENT), new.get(key, ABSENT)
        if key in skip or equal(before, after):
            continue
        rule = _KEY_RULES.get(key) or ("extension-changed" if key.startswith("x-") else None)
        if rule is None and isinstance(before, dict) and isinstance(after, dict):
            yield from leftovers(inside.to(key), before, after, fallback=fallback)
        else:
            yield inside.to(key).change(rule or fallback, f"{key} {verb(before, after)}", before, after)
