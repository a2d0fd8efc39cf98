"""Paths and operations: operations added, removed, deprecated or renamed (operationId), and each common one's
security, parameters, request body and responses; operations are matched by method and path template, so renaming
a path variable is no change."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from conformance._comparison import Change
from conformance.audit._detectors import detects
from conformance.audit._families._values import union
from conformance.audit._families._walk import At, Operation
from conformance.audit._families.bodies import body
from conformance.audit._families.deprecation import deprecation
from conformance.audit._families.document import leftovers
from conformance.audit._families.parameters import parameters
from conformance.audit._families.responses import responses
from conformance.audit._families.security import Security, operation_security
from conformance.audit._rules import change
from conformance.core._pointer import pointer

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@detects("operation-removed", "operation-added")
def paths(at: At, old: dict[str, Any], new: dict[str, Any], renamed: Mapping[str, str]) -> Iterator[Change]:
    """The path items' own keys, then operations removed or added, then each common operation."""
    old_items, new_items = _path_items(old), _path_items(new)
    for template in union(old_items, new_items):
        if template in old_items and template in new_items:
            (_, old_item), (new_path, new_item) = old_items[template], new_items[template]
            yield from leftovers(at.at(pointer(("paths", new_path))), old_item, new_item, {*HTTP_METHODS, "parameters"})
    old_ops, new_ops = _operations(old), _operations(new)
    for key in union(old_ops, new_ops):
        before, after = old_ops.get(key), new_ops.get(key)
        if after is None and before is not None:
            yield change("operation-removed", before.label, before.pointer, f"operation {before.label} removed")
        elif before is None and after is not None:
            yield change("operation-added", after.label, after.pointer, f"operation {after.label} added")
        elif before is not None and after is not None:
            here = At(after.label, "both", after.pointer, after.pointer, at.documents)
            yield from operation(here, before, after, Security(old, new, renamed))


@detects("operation-deprecated", "operation-id-changed")
def operation(at: At, old: Operation, new: Operation, security: Security) -> Iterator[Change]:
    """One operation in both documents: deprecated, operationId, security, parameters, body, responses, the rest."""
    yield from deprecation(at, old.node, new.node, "operation-deprecated", "operation")
    old_id, new_id = old.node.get("operationId"), new.node.get("operationId")
    if old_id != new_id:
        yield at.to("operationId").change("operation-id-changed", "operationId changed", old_id, new_id)
    yield from operation_security(at, old.node, new.node, security)
    request = at.judged_from("request")
    yield from parameters(request, old, new)
    yield from body(request, old, new)
    yield from responses(
        at.judged_from("response").to("responses"), old.node.get("responses"), new.node.get("responses")
    )
    handled = {"deprecated", "operationId", "security", "parameters", "requestBody", "responses"}
    yield from leftovers(at, old.node, new.node, handled)


def _operations(doc: dict[str, Any]) -> dict[tuple[str, str], Operation]:
    """The operations keyed by method and path template with anonymous variables (`/tasks/{}`)."""
    return {
        (method.upper(), _template(path)): Operation(
            f"{method.upper()} {path}", pointer(("paths", path, method)), path, item, item[method]
        )
        for path, item in (doc.get("paths") or {}).items()
        for method in HTTP_METHODS
        if isinstance(item.get(method), dict)
    }


def _path_items(doc: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    return {_template(path): (path, item) for path, item in (doc.get("paths") or {}).items()}


def _template(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)
