"""What a spec audit finds: the comparison of two documents, and the `$ref`s in them that resolve nowhere."""

from __future__ import annotations

from dataclasses import dataclass

from conformance._comparison import SpecComparison
from conformance.audit._sources import SchemaProblem, UnresolvedRef


@dataclass(frozen=True)
class SpecAudit(SpecComparison):
    """A spec comparison and the `$ref`s in either document's literal data that resolve nowhere (kept as written,
    compared as they stand, so they change no verdict)."""

    unresolved: tuple[UnresolvedRef, ...] = ()
    problems: tuple[SchemaProblem, ...] = ()  # where either document breaks OpenAPI's JSON Schema
