"""The schemathesis built-in checks the suite enables, registered like the suite's own (the engine runs them).

What each rests on is given per API; a finding about a spec element that carries `x-decision` rests on that
decision instead (see conformance.suite._levels).
"""

from __future__ import annotations

from conformance._results import Statement
from conformance.suite import _statements as q
from conformance.suite._statements import FP, MX, SP, decision
from conformance.suite.checks._check import Check, every_operation, register

Basis = dict[str, tuple[Statement, ...]]

_ANSWERS: Basis = {
    SP: (q.SP_RETURNS_TASK, q.SP_RETURNS_LIST, q.SP_HEAD),
    FP: (q.FP_GET, q.FP_LIST, q.FP_CREATE),
    MX: (q.MX_FULL,),
}
_BODIES: Basis = {
    SP: (q.SP_MODEL, q.SP_RETURNS_TASK, q.SP_RETURNS_LIST),
    FP: (q.FP_CREATE, q.FP_LIST_SDK, q.FP_ERRORS),
    MX: (q.MX_FULL,),
}
_INPUTS: Basis = {
    SP: (q.SP_EXPERIMENTAL, q.SP_LIMIT_DEFAULT, q.SP_FILTERS, q.SP_PATCH_CT),
    FP: (q.FP_CREATE_SDK, q.FP_UPDATE_SDK, q.FP_LIST),
    MX: (q.MX_404,),
}

# name -> (what it checks, as the report's matrix shows it; what it rests on, per API).
ENABLED: dict[str, tuple[str, Basis]] = {
    "not_a_server_error": (
        "no 5XX answer to any request",
        {api: (q.HTTP_5XX,) for api in (SP, FP, MX)},
    ),
    "status_code_conformance": (
        "every status code is documented",
        # SailPoint's pages document no status code at all; Flexprice's cover every 4XX and 5XX and fix no success
        # code; Maxsight's page names 401 and 404 and points elsewhere for the full list. Every undocumented code is
        # therefore a choice the suite made: a warning.
        {SP: (decision(10),), FP: (decision(40),), MX: (decision(40),)},
    ),
    "content_type_conformance": (
        "every Content-Type is documented",
        {SP: (q.SP_ACCEPT,), FP: (q.FP_ERRORS, q.FP_GET), MX: (q.MX_FULL,)},
    ),
    "response_headers_conformance": (
        "documented response headers are present and valid",
        {SP: (q.SP_COUNT,), FP: _ANSWERS[FP], MX: _ANSWERS[MX]},
    ),
    "response_schema_conformance": ("every body matches its documented schema", _BODIES),
    "negative_data_rejection": ("requests outside the contract are rejected", _INPUTS),
    "positive_data_acceptance": ("requests within the contract are accepted", _INPUTS),
    "ignored_auth": (
        "credentials are required where the contract says so",
        {SP: (q.SP_AUTH, decision(9)), FP: (q.FP_SECURITY, decision(14)), MX: (q.MX_401, q.MX_AUTH)},
    ),
    "missing_required_header": (
        "a missing required header is rejected",
        {SP: (q.SP_EXPERIMENTAL,), FP: (q.FP_SECURITY,), MX: (q.MX_AUTH,)},
    ),
    "unsupported_method": (
        "an undocumented method is refused",
        {api: (methods, q.HTTP_ALLOW) for api, methods in ((SP, q.SP_METHODS), (FP, q.FP_METHODS), (MX, q.MX_BY_ID))},
    ),
}
# Sequences through links also check that what was created can be read back.
STATEFUL_ONLY: dict[str, tuple[str, Basis]] = {
    "ensure_resource_availability": (
        "what a link walk created can be read back",
        {SP: (q.SP_BY_ID,), FP: (q.FP_CREATE, q.FP_GET), MX: (q.MX_BY_ID,)},
    )
}
# What a request that got no answer at all rests on: each page documents an answer for each operation.
NO_ANSWER: Basis = _ANSWERS

BUILTINS = tuple(
    register(
        Check(name=name, summary=summary, kind="schemathesis", writes=False, subjects=every_operation, rests_on=basis)
    )
    for name, (summary, basis) in {**ENABLED, **STATEFUL_ONLY}.items()
)
FUZZ_CHECKS = tuple(ENABLED)
STATEFUL_CHECKS = (*ENABLED, *STATEFUL_ONLY)
