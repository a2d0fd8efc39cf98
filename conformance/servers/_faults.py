"""The fault catalog's shape: each fault turns the reference servers into a known-bad implementation of one statement.

Each API's faults live in its package (conformance/apis/<name>/_faults.py); the cross-API ones are here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from conformance.servers._tampering import Exchange, Rewrite, header_rewrite

if TYPE_CHECKING:
    from conformance.core._api import Api

Category = Literal["response-schema", "status-and-headers", "semantics", "security", "input-validation", "robustness"]
CATEGORIES: tuple[Category, ...] = (
    "response-schema",
    "status-and-headers",
    "semantics",
    "security",
    "input-validation",
    "robustness",
)
EVERY_API = "all"
"""The `api` of a fault that acts on every API."""


@dataclass(frozen=True)
class Fault:
    """One known deviation: which API, which kind, the document statement it breaks, and what it does.

    What it does is one of: a rewrite of the replies, a crash before the handler, edits of the contract the server
    enforces, letting requests in without the accepted secret; or (none of these) a deviation inside the API's
    handlers, which ask `call.fault(name)`.
    """

    name: str
    api: str
    category: Category
    statement: str
    description: str
    rewrite: Rewrite | None = field(default=None, compare=False, repr=False)
    """Applied to every reply of the API, after the handler (active faults in name order)."""
    crash: Callable[[Exchange], bool] | None = field(default=None, compare=False, repr=False)
    """True for a request that crashes the server (500, text/plain) before the handler."""
    contract_edits: tuple[dict[str, Any], ...] = field(default=(), compare=False, repr=False)
    """JSON Patch operations on the spec the server enforces (active faults in name order)."""
    waves_through: Callable[[str | None], bool] | None = field(default=None, compare=False, repr=False)
    """True when a request presenting this secret (None: no credential) is let in whatever it is."""


CROSS_API: tuple[Fault, ...] = (
    Fault(
        "all-405-without-allow",
        EVERY_API,
        "status-and-headers",
        '000 and 002 list the methods of each path ("Method | HTTP request"); RFC 9110 section 15.5.6: '
        '"The origin server MUST generate an Allow header field in a 405 response"',
        "An undocumented method gets 405 without an Allow header.",
        rewrite=header_rewrite("Allow", lambda reply: None),
    ),
)


def fault_catalog(apis: Iterable[Api]) -> dict[str, Fault]:
    """Every API's faults and the cross-API ones by name: category by category, each API's in order, then the others."""
    faults = [*(fault for api in apis for fault in api.server.faults), *CROSS_API]
    catalog = {fault.name: fault for category in CATEGORIES for fault in faults if fault.category == category}
    if len(catalog) != len(faults):
        raise ValueError("two faults share a name, or a fault has no known category")
    return catalog


def check_fault_names(names: Iterable[str], catalog: Mapping[str, Fault]) -> frozenset[str]:
    """The given fault names as a set; ValueError naming the valid ones when any is unknown."""
    chosen = frozenset(names)
    unknown = sorted(chosen - catalog.keys())
    if unknown:
        raise ValueError(f"unknown fault {', '.join(map(repr, unknown))}; valid faults: {', '.join(catalog)}")
    return chosen


def acting_on(api: Api, active: frozenset[str]) -> tuple[Fault, ...]:
    """The active faults that act on `api` (its own and the cross-API ones), in name order."""
    return tuple(sorted((f for f in (*api.server.faults, *CROSS_API) if f.name in active), key=lambda f: f.name))
