"""Content: the media types a request or a response body may be sent as (added or removed), and each one's schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from conformance._comparison import Change
from conformance.audit._detectors import detects
from conformance.audit._families._walk import At, KeyedRules, keyed
from conformance.audit._families.document import leftovers
from conformance.audit._families.schemas import schema

_CONTENT_TYPES = {
    "request": KeyedRules(
        "request content type", added="request-content-type-added", removed="request-content-type-removed"
    ),
    "response": KeyedRules(
        "response content type", added="response-content-type-added", removed="response-content-type-removed"
    ),
}


@detects(
    "request-content-type-added",
    "request-content-type-removed",
    "response-content-type-added",
    "response-content-type-removed",
)
def content(at: At, old: dict[str, Any] | None, new: dict[str, Any] | None) -> Iterator[Change]:
    """Media types added or removed, then each common one's schema and other keys."""
    yield from keyed(at, old, new, _CONTENT_TYPES[at.side], _media)


def _media(at: At, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    if "schema" in old or "schema" in new:
        yield from schema(at.to("schema"), old.get("schema", {}), new.get("schema", {}))
    yield from leftovers(at, old, new, {"schema"})
