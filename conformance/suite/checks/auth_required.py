"""Requests without credentials, or with invalid ones, get 401."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.core._contracts import ApiContract
from conformance.suite._transport import SAFE_METHODS
from conformance.suite._violations import Violation
from conformance.suite.checks._check import Check, Subject, register
from conformance.suite.checks._semantics import Semantics

INVALID_CREDENTIALS = "invalid-credentials-0"


def subjects(contract: ApiContract, operations: tuple[str, ...]) -> tuple[Subject, ...]:
    """Every read operation of the API, in one step."""
    reads = tuple(op for op in operations if op.split(" ", 1)[0] in SAFE_METHODS)
    return (Subject(reads),) if reads else ()


def prove(s: Semantics, subject: Subject) -> None:
    """A documented request to an existing task, without credentials or with invalid ones, answers 401."""
    existing = s.existing_id("auth_required")

    def prop(value: tuple[str, str | None]) -> None:
        operation, credentials = value
        exchange = s.caller.call(operation, credentials=credentials, **s.valid_inputs(operation, existing))
        if exchange.status != 401:
            raise Violation(
                check="auth_required",
                exchange=exchange,
                title="Request without valid credentials was not refused with 401",
                message="no credentials" if credentials is None else "invalid credentials",
                expected="HTTP 401",
                actual=f"HTTP {exchange.status}",
                severity="critical",
            )

    strategy = st.tuples(st.sampled_from(subject.operations), st.sampled_from([None, INVALID_CREDENTIALS]))
    s.prove("auth_required", subject.operations, strategy, prop)


CHECK = register(
    Check(
        name="auth_required",
        summary="missing or invalid credentials give 401",
        kind="property",
        writes=False,
        subjects=subjects,
        prove=prove,
    )
)
