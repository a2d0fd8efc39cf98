"""The suite's checks, each a registered value: the schemathesis built-ins it enables and its semantic properties.

A new property is one module here that calls `register`, and one import line below.
"""

from __future__ import annotations

# Each module registers its check when imported.
from conformance.suite.checks import (  # noqa: F401
    auth_required,
    builtin,
    create_visible,
    download_only_exports,
    filters,
    get_matches_list,
    head_matches_get,
    list_membership,
    pagination,
    rejected_update_unchanged,
    sorters,
    total_count,
    unknown_id,
    update_persisted,
)
from conformance.suite.checks._check import CHECKS, Check, Statement, Subject, register
from conformance.suite.checks._semantics import PageSizes, Semantics
from conformance.suite.checks.builtin import FUZZ_CHECKS, STATEFUL_CHECKS


def properties() -> tuple[Check, ...]:
    """The registered semantic properties, in registration order."""
    return tuple(check for check in CHECKS.values() if check.kind == "property")


__all__ = [
    "CHECKS",
    "FUZZ_CHECKS",
    "STATEFUL_CHECKS",
    "Check",
    "PageSizes",
    "Semantics",
    "Statement",
    "Subject",
    "properties",
    "register",
]
