"""Responses: status codes added or removed, and each response's headers (added, removed, made required or
optional, deprecated) and content."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from conformance._comparison import Change
from conformance.audit._detectors import detects
from conformance.audit._families._walk import At, KeyedRules, Member, MemberRules, keyed, members
from conformance.audit._families.content import content
from conformance.audit._families.document import leftovers
from conformance.audit._families.parameters import parameter

_STATUS = KeyedRules("response status", added="response-status-added", removed="response-status-removed")
_HEADER = MemberRules(
    added_required="response-header-added-required",
    added_optional="response-header-added-optional",
    removed="response-header-removed",
    became_required="response-header-became-required",
    became_optional="response-header-became-optional",
    deprecated="response-header-deprecated",
)


@detects("response-status-added", "response-status-removed")
def responses(at: At, old: dict[str, Any] | None, new: dict[str, Any] | None) -> Iterator[Change]:
    """Status codes added or removed, then each common response."""
    yield from keyed(at, old, new, _STATUS, _response)


@detects(
    "response-header-added-required",
    "response-header-added-optional",
    "response-header-removed",
    "response-header-became-required",
    "response-header-became-optional",
    "response-header-deprecated",
)
def _response(at: At, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    at = at.named(old, new)
    yield from members(_headers(at, old), _headers(at, new), parameter)
    yield from content(at.to("content"), old.get("content"), new.get("content"))
    yield from leftovers(at, old, new, {"headers", "content"})


def _headers(at: At, response: dict[str, Any]) -> dict[str, Member]:
    return {
        name.lower(): Member(_HEADER, f"header {name!r}", at.to("headers", name), bool(header.get("required")), header)
        for name, header in (response.get("headers") or {}).items()
        if name.lower() != "content-type"
    }
