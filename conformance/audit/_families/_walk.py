"""Where the walk of two documents is (`At`), the members it pairs (`Member`), and the two generic pairings every
family uses: members added, removed or made required (`members`), and map entries added or removed (`keyed`).

The rule ids these emit are not written here: each family passes the rules of its members (`MemberRules`) or
entries (`KeyedRules`), with their ids written literally in the family's module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from conformance._comparison import Change, Side
from conformance.audit._families._values import brief, union
from conformance.audit._rules import change
from conformance.audit._sources import Document
from conformance.core._pointer import pointer


@dataclass(frozen=True)
class At:
    """Where the walk is: the operation, the side judged, the JSON pointer through the operation, where what is
    walked is written (`origin`), the two documents, and the node pairs already entered."""

    operation: str | None
    side: Side
    pointer: str
    origin: str
    documents: tuple[Document, Document]
    entered: tuple[tuple[Any, Any], ...] = ()

    def to(self, *tokens: object) -> At:
        """The place one or more keys further down."""
        path = pointer(str(t) for t in tokens)
        return At(self.operation, self.side, self.pointer + path, self.origin + path, self.documents, self.entered)

    def at(self, place: str) -> At:
        """The same walk at another pointer, written there."""
        return At(self.operation, self.side, place, place, self.documents, self.entered)

    def judged_from(self, side: Side) -> At:
        """The same place, judged from `side`."""
        return At(self.operation, side, self.pointer, self.origin, self.documents, self.entered)

    def written_at(self, origin: str) -> At:
        """The same place, written at `origin` (a node shared by several operations)."""
        return At(self.operation, self.side, self.pointer, origin, self.documents, self.entered)

    def named(self, old: Any, new: Any) -> At:
        """The same place, written where the component it holds is (NEW's name first), if it holds one."""
        name = (self.name_of(new, 1) if new is not None else None) or (
            self.name_of(old, 0) if old is not None else None
        )
        return self if name is None else self.written_at(name)

    def name_of(self, node: Any, document: int) -> str | None:
        """What the old (0) or new (1) document calls `node`, if a `$ref` led to it."""
        return self.documents[document].name_of(node)

    def enter(self, old: Any, new: Any) -> At | None:
        """The walk inside this pair of nodes, or None when it is already inside them (a circular reference)."""
        if any(o is old and n is new for o, n in self.entered):
            return None
        return At(self.operation, self.side, self.pointer, self.origin, self.documents, (*self.entered, (old, new)))

    def change(self, rule_id: str, message: str, old: Any = None, new: Any = None) -> Change:
        """A change found here: at its origin, reaching this operation through this pointer."""
        found = change(rule_id, self.operation, self.origin, message, brief(old), brief(new))
        if self.operation is None:
            return found
        return replace(found, operations=(self.operation,), locations=(self.pointer,))


@dataclass(frozen=True)
class MemberRules:
    """The rules of one kind of member on one side: added as required or optional, removed, became required or
    optional, and deprecated (empty for members that cannot be)."""

    added_required: str
    added_optional: str
    removed: str
    became_required: str
    became_optional: str
    deprecated: str = ""


@dataclass(frozen=True)
class KeyedRules:
    """The rules of the entries of one map: what an entry is called in messages, and the ids for one added or
    removed."""

    noun: str
    added: str
    removed: str


@dataclass(frozen=True)
class Sided:
    """One rule judged from either side: its id in requests and its id in responses."""

    request: str
    response: str

    def on(self, side: Side) -> str:
        """The rule's id from `side` (a KeyError for a side no schema is judged from)."""
        return {"request": self.request, "response": self.response}[side]


@dataclass(frozen=True)
class Member:
    """A named thing that may be required: a parameter, a header, the request body, a property; its rules and where
    it is."""

    rules: MemberRules
    label: str
    at: At
    required: bool
    node: Any


@dataclass(frozen=True)
class Operation:
    """One operation and where it lives."""

    label: str
    pointer: str
    path: str
    item: dict[str, Any]
    node: dict[str, Any]


Compare = Callable[[At, Any, Any], Iterator[Change]]
"""A family's comparison of two nodes at a place (a schema's, for the families a schema holds)."""


def members(
    old: Mapping[Any, Member],
    new: Mapping[Any, Member],
    details: Callable[[At, Member, Member], Iterable[Change]],
) -> Iterator[Change]:
    """Added, removed, newly required or optional members, then each common member's `details`."""
    for key in union(old, new):
        before, after = old.get(key), new.get(key)
        if before is None and after is not None:
            requirement = "required" if after.required else "optional"
            rule = after.rules.added_required if after.required else after.rules.added_optional
            yield after.at.change(rule, f"{after.label} added as {requirement}")
        elif after is None and before is not None:
            yield before.at.change(before.rules.removed, f"{before.label} removed")
        elif before is not None and after is not None:
            here = after.at
            if before.required != after.required:
                requirement = "required" if after.required else "optional"
                rule = after.rules.became_required if after.required else after.rules.became_optional
                yield here.change(rule, f"{after.label} became {requirement}", before.required, after.required)
            yield from details(here, before, after)


def keyed(
    at: At,
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    rules: KeyedRules,
    details: Callable[[At, Any, Any], Iterable[Change]],
) -> Iterator[Change]:
    """Entries added to or removed from a map (by `rules`), then each common entry's `details`."""
    old, new = old or {}, new or {}
    for key in union(old, new):
        here = at.to(key)
        if key not in new:
            yield here.change(rules.removed, f"{rules.noun} {key!r} removed", key)
        elif key not in old:
            yield here.change(rules.added, f"{rules.noun} {key!r} added", None, key)
        else:
            yield from details(here, old[key], new[key])
