"""Request bodies: added, removed, made required or optional, and their content."""

from __future__ import annotations

from collections.abc import Iterator

from conformance._comparison import Change
from conformance.audit._detectors import detects
from conformance.audit._families._walk import At, Member, MemberRules, Operation, members
from conformance.audit._families.content import content
from conformance.audit._families.document import leftovers

_BODY = MemberRules(
    added_required="request-body-added-required",
    added_optional="request-body-added-optional",
    removed="request-body-removed",
    became_required="request-body-became-required",
    became_optional="request-body-became-optional",
)


@detects(
    "request-body-added-required",
    "request-body-added-optional",
    "request-body-removed",
    "request-body-became-required",
    "request-body-became-optional",
)
def body(at: At, old: Operation, new: Operation) -> Iterator[Change]:
    """The request body added, removed, made required or optional; then its content and other keys."""
    yield from members(_body(at, old), _body(at, new), _details)


def _body(at: At, operation: Operation) -> dict[str, Member]:
    node = operation.node.get("requestBody")
    if node is None:
        return {}
    return {"body": Member(_BODY, "request body", at.to("requestBody"), bool(node.get("required")), node)}


def _details(at: At, old: Member, new: Member) -> Iterator[Change]:
    at = at.named(old.node, new.node)
    yield from content(at.to("content"), old.node.get("content"), new.node.get("content"))
    yield from leftovers(at, old.node, new.node, {"required", "content"})
