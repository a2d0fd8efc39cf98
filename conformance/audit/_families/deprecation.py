"""Deprecation: something deprecated (by the rule its family names), or no longer deprecated."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from conformance._comparison import Change
from conformance.audit._detectors import detects
from conformance.audit._families._walk import At


@detects("deprecation-removed")
def deprecation(at: At, old: Mapping[str, Any], new: Mapping[str, Any], deprecated: str, what: str) -> Iterator[Change]:
    """`deprecated` when NEW deprecates `what`, deprecation-removed when it no longer does."""
    was, now = bool(old.get("deprecated")), bool(new.get("deprecated"))
    if now and not was:
        yield at.to("deprecated").change(deprecated, f"{what} deprecated", was, now)
    elif was and not now:
        yield at.to("deprecated").change("deprecation-removed", f"{what} no longer deprecated", was, now)
