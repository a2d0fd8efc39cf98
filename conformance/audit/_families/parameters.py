"""Request parameters (path, query, cookie) and request headers: added, removed, made required or optional,
deprecated, and each one's schema or content."""

from __future__ import annotations

import re
from collections.abc import Iterator

from conformance._comparison import Change
from conformance.audit._detectors import detects
from conformance.audit._families._walk import At, Member, MemberRules, Operation, members
from conformance.audit._families.content import content
from conformance.audit._families.deprecation import deprecation
from conformance.audit._families.document import leftovers
from conformance.audit._families.schemas import schema
from conformance.core._pointer import pointer

_PARAMETER = MemberRules(
    added_required="request-parameter-added-required",
    added_optional="request-parameter-added-optional",
    removed="request-parameter-removed",
    became_required="request-parameter-became-required",
    became_optional="request-parameter-became-optional",
    deprecated="request-parameter-deprecated",
)
_HEADER = MemberRules(
    added_required="request-header-added-required",
    added_optional="request-header-added-optional",
    removed="request-header-removed",
    became_required="request-header-became-required",
    became_optional="request-header-became-optional",
    deprecated="request-header-deprecated",
)


@detects(
    "request-parameter-added-required",
    "request-parameter-added-optional",
    "request-parameter-removed",
    "request-parameter-became-required",
    "request-parameter-became-optional",
    "request-parameter-deprecated",
    "request-header-added-required",
    "request-header-added-optional",
    "request-header-removed",
    "request-header-became-required",
    "request-header-became-optional",
    "request-header-deprecated",
)
def parameters(at: At, old: Operation, new: Operation) -> Iterator[Change]:
    """Parameters and request headers added, removed, made required or optional; then each common one's details."""
    yield from members(_parameters(at, old), _parameters(at, new), parameter)


def parameter(at: At, old: Member, new: Member) -> Iterator[Change]:
    """One parameter or header (of a request or a response) in both documents: deprecated, schema, content, rest."""
    at = at.named(old.node, new.node)
    yield from deprecation(at, old.node, new.node, new.rules.deprecated, new.label)
    if "schema" in old.node or "schema" in new.node:
        yield from schema(at.to("schema"), old.node.get("schema", {}), new.node.get("schema", {}))
    yield from content(at.to("content"), old.node.get("content"), new.node.get("content"))
    yield from leftovers(at, old.node, new.node, {"name", "in", "required", "deprecated", "schema", "content"})


def _parameters(at: At, operation: Operation) -> dict[tuple[str, str], Member]:
    """Path-level then operation-level parameters (which override), keyed so renaming a path variable is no change."""
    variables = re.findall(r"\{([^}]*)\}", operation.path)
    found: dict[tuple[str, str], Member] = {}
    for place, declared in (
        (pointer(("paths", operation.path, "parameters")), operation.item.get("parameters") or []),
        (f"{operation.pointer}/parameters", operation.node.get("parameters") or []),
    ):
        for index, node in enumerate(declared):
            where, name = node.get("in", ""), node.get("name", "")
            if where == "path" and name in variables:
                key = (where, f"#{variables.index(name)}")
            else:
                key = (where, name.lower() if where == "header" else name)
            rules, label = (
                (_HEADER, f"header {name!r}") if where == "header" else (_PARAMETER, f"{where} parameter {name!r}")
            )
            required = bool(node.get("required")) or where == "path"
            found[key] = Member(rules, label, at.at(f"{place}/{index}"), required, node)
    return found
