"""Walking two resolved OpenAPI documents side by side and classifying every difference with the rule catalog.

Each rule family has its own module in `_families` (operations, security, parameters, bodies, responses, content,
schemas and their constraints, objects and variants, deprecation, the document around them), and each detector is
registered under the rule ids it emits (`_detectors.DETECTORS`), so a rule id leads to the code that finds it.

One walker serves requests and responses: the side being walked (`At.side`) picks the rule, and the catalog says
how serious that change is from that side. Every constraint is judged by direction: one that narrows what a value
may be (a type, format, pattern, bound, enum, closed object, null refused) breaks a request and no response, one that
widens it the reverse. Keys no structural step handles fall to `leftovers`, which still reports them (documentation,
examples, extensions, servers, or `unclassified-change`), so no change goes unlisted.

Documents compared are resolved (`_sources`), so a shared component is walked once per place an operation uses it;
each change remembers where it is written (`At.origin`: inside a component, the component's own place), and the
changes found at one place are merged into one that lists every operation and location it reaches. Components no
operation uses are not compared. oneOf/anyOf alternatives are paired by what they are ($ref target, constant
properties, type), not by position, so reordering them is no change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from conformance._comparison import Change, most_serious_first
from conformance.audit._families._values import get
from conformance.audit._families._walk import At
from conformance.audit._families.document import info, leftovers
from conformance.audit._families.operations import paths
from conformance.audit._families.security import renamed_schemes, schemes
from conformance.audit._sources import Document
from conformance.audit._spec_audit import SpecAudit


def compare_documents(old: Document, new: Document) -> SpecAudit:
    """Every change from `old` to `new` once, most serious first, and the `$ref`s of both that resolve nowhere."""
    changes = _document(At(None, "both", "", "", (old, new)), old.root, new.root)
    merged = most_serious_first(_merged(changes))
    return SpecAudit(
        old.source,
        new.source,
        merged,
        unresolved=(*old.unresolved, *new.unresolved),
        problems=(*old.problems, *new.problems),
    )


def _merged(changes: Iterable[Change]) -> Iterator[Change]:
    """One change per rule, place and values, listing every operation and location the equal ones reached."""
    groups: dict[tuple[Any, ...], list[Change]] = {}
    for found in changes:
        groups.setdefault((found.rule_id, found.pointer, found.message, found.old, found.new), []).append(found)
    for group in groups.values():
        operations = tuple(dict.fromkeys(op for c in group for op in c.operations))
        locations = tuple(dict.fromkeys(loc for c in group for loc in c.locations))
        yield replace(group[0], operations=operations, locations=locations)


def _document(at: At, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    """The document's metadata, its other top-level keys, its security schemes, then its paths."""
    yield from info(at, old, new)
    yield from leftovers(at, old, new, {"openapi", "info", "paths", "components", "security"})
    old_schemes, new_schemes = get(old, "components", "securitySchemes"), get(new, "components", "securitySchemes")
    renamed = renamed_schemes(old_schemes, new_schemes)
    yield from schemes(at, old_schemes, new_schemes, renamed)
    yield from paths(at, old, new, renamed)
