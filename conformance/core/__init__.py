"""The floor: plain values every other part of the package reads, importing none of them.

What an API package needs to describe its API: the entry's shape (`Api`, `AuthScheme`, `ReferenceServer`), its
semantic contract (`ApiContract`, `ListContract`, `FilterField`, `StateRule`), and what verdicts rest on
(`Statement`, `document`, `decision`, `rfc9110`).
"""

from __future__ import annotations

from conformance.core._api import Api, AuthScheme, ReferenceServer
from conformance.core._contracts import ApiContract, FilterField, ListContract, StateRule
from conformance.core._spec import SpecError, load_spec
from conformance.core._statements import HTTP_5XX, HTTP_ALLOW, Statement, decision, document, rfc9110

__all__ = [
    "HTTP_5XX",
    "HTTP_ALLOW",
    "Api",
    "ApiContract",
    "AuthScheme",
    "FilterField",
    "ListContract",
    "ReferenceServer",
    "SpecError",
    "StateRule",
    "Statement",
    "decision",
    "document",
    "load_spec",
    "rfc9110",
]
