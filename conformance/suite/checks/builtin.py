"""The schemathesis built-in checks the suite enables, registered like the suite's own (the engine runs them).

What each rests on is given by each API's entry (`Api.rests_on`, under the check's name); a finding about a spec
element that carries `x-decision` rests on that decision instead (see conformance.suite._levels).
"""

from __future__ import annotations

from conformance.suite.checks._check import Check, every_operation, register

# name -> what it checks, as the report's matrix shows it.
ENABLED: dict[str, str] = {
    "not_a_server_error": "no 5XX answer to any request",
    "status_code_conformance": "every status code is documented",
    "content_type_conformance": "every Content-Type is documented",
    "response_headers_conformance": "documented response headers are present and valid",
    "response_schema_conformance": "every body matches its documented schema",
    "negative_data_rejection": "requests outside the contract are rejected",
    "positive_data_acceptance": "requests within the contract are accepted",
    "ignored_auth": "credentials are required where the contract says so",
    "missing_required_header": "a missing required header is rejected",
    "unsupported_method": "an undocumented method is refused",
}
# Sequences through links also check that what was created can be read back.
STATEFUL_ONLY: dict[str, str] = {
    "ensure_resource_availability": "what a link walk created can be read back",
}
NO_ANSWER = "request"
"""The name a request that got no answer at all is reported under (each API's entry says what it rests on)."""

BUILTINS = tuple(
    register(Check(name=name, summary=summary, kind="schemathesis", writes=False, subjects=every_operation))
    for name, summary in {**ENABLED, **STATEFUL_ONLY}.items()
)
FUZZ_CHECKS = tuple(ENABLED)
STATEFUL_CHECKS = (*ENABLED, *STATEFUL_ONLY)
