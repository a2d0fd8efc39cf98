"""Schema-driven, property-based testing of one API with schemathesis 4's engine, recorded into a Tally."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import requests
import schemathesis
from schemathesis.engine import Status, StopReason, events, from_schema

from conformance.suite._failures import to_result
from conformance.suite._levels import Sent
from conformance.suite._tally import Tally
from conformance.suite._target import SuiteSettings, Target
from conformance.suite._transport import (
    SAFE_METHODS,
    BodyTooDeep,
    GuardedTransport,
    ResponseTooLarge,
    Withheld,
    guard_schema,
    strict_json,
)
from conformance.suite._violations import NoAnswer
from conformance.suite.checks import FUZZ_CHECKS, STATEFUL_CHECKS

# RFC 6902 section 5: a well-formed patch may still fail to apply, so 400/409/422 are valid answers to one.
JSON_PATCH_POSITIVE_STATUSES = ["2xx", "400", "401", "403", "404", "409", "422", "429"]
VALID_REQUEST_STATUSES = "x-valid-request-statuses"
"""An operation's list of the answers a valid request may get (with the decision that admits them)."""


@dataclass(frozen=True)
class EngineRun:
    """What one engine run did: the operations it exercised and whether the server stayed reachable."""

    operations: frozenset[str]
    unreachable: str | None


def _checks_config(names: Iterable[str]) -> dict[str, Any]:
    return {"enabled": False, **{name: {"enabled": True} for name in names}}


def _valid_request_statuses(operation: Any) -> list[str] | None:
    """The answers a valid request to `operation` may get beyond 2XX: a JSON Patch's, or what its spec lists."""
    if not isinstance(operation, dict):
        return None
    if "application/json-patch+json" in (operation.get("requestBody") or {}).get("content", {}):
        return JSON_PATCH_POSITIVE_STATUSES
    return operation.get(VALID_REQUEST_STATUSES)


def _positive_status_overrides(spec: dict[str, Any]) -> list[dict[str, Any]]:
    overrides = []
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            statuses = _valid_request_statuses(operation)
            if statuses:
                # By name: include-method and include-path would each match on their own (any PATCH, any method
                # on the path), and GET by id would accept 400 to a valid request.
                overrides.append(
                    {
                        "include-name": f"{method.upper()} {path}",
                        "checks": {"positive_data_acceptance": {"expected-statuses": statuses}},
                    }
                )
    return overrides


def _unexpected_methods(writes_allowed: bool) -> dict[str, Any]:
    # schemathesis never probes with HEAD (a HEAD answer has no body to check); the other safe methods remain.
    return {} if writes_allowed else {"unexpected-methods": sorted(SAFE_METHODS - {"HEAD"})}


def build_config(
    target: Target, settings: SuiteSettings, spec: dict[str, Any], *, stateful: bool
) -> schemathesis.Config:
    """The schemathesis configuration for one run: seed, examples, checks, phases; no cache, no error feedback."""
    return schemathesis.Config.from_dict(
        {
            "seed": settings.seed,
            "cache": {"enabled": False},
            # A failure does not end the search on its operation: within the same budget every distinct failure
            # is found, so a known one cannot hide the next.
            "continue-on-failure": True,
            "base-url": target.base_url,
            "headers": target.auth_headers(),
            "request-timeout": settings.request_timeout,
            "output": {"sanitization": {"enabled": True}},
            # No invented extra parameters: an unknown header such as a garbled Content-Length is refused by the
            # HTTP layer in front of any API, in its own format, which says nothing about the contract.
            "generation": {
                "max-examples": settings.max_examples,
                "mode": "all",
                "database": "none",
                "allow-extra-parameters": False,
            },
            "checks": _checks_config(STATEFUL_CHECKS if stateful else FUZZ_CHECKS),
            "phases": {
                "examples": {"enabled": not stateful},
                # Probes of undocumented methods stay within the safe ones unless writes are allowed.
                "coverage": {"enabled": not stateful, **_unexpected_methods(settings.writes_allowed(target))},
                "fuzzing": {"enabled": not stateful, "error-feedback": {"enabled": False}},
                # Only the spec's own links: an inferred link the documents do not state is a guess.
                "stateful": {"enabled": stateful, "max-steps": 6, "inference": {"algorithms": []}},
            },
            "operations": _positive_status_overrides(spec),
        }
    )


def load_schema(
    target: Target, settings: SuiteSettings, spec: dict[str, Any], transport: GuardedTransport, *, stateful: bool
) -> Any:
    """Load the API's spec into schemathesis with the run's configuration, every request through `transport`."""
    config = build_config(target, settings, spec, stateful=stateful)
    return guard_schema(schemathesis.openapi.from_dict(spec, config=config), transport)


def run_engine(schema: Any, tally: Tally, target: Target) -> EngineRun:
    """Run the engine over `schema` and record every check outcome, response and failure into `tally`."""
    exercised: set[str] = set()
    unreachable = None
    interrupted = stopped = False
    stream = from_schema(schema).execute()
    for event in stream:
        if isinstance(event, events.ScenarioFinished):
            exercised |= _record_scenario(event.recorder, tally, target)
        elif isinstance(event, events.NonFatalError) and isinstance(event.value, Withheld):
            if event.value.final:
                stream.stop()  # the run's time is up: no more cases
                stopped = True
            continue  # never sent; the guard lists what it withheld and why
        elif isinstance(event, events.Interrupted):
            interrupted = not stopped  # the engine reports its own stop as an interruption too
        elif isinstance(event, events.NonFatalError) and isinstance(event.value, requests.RequestException):
            # A server that does not answer is reported once, not once per generated request.
            failure = _no_answer(event, tally, target)
            if not isinstance(event.value, ResponseTooLarge | BodyTooDeep):
                unreachable = failure.message
            stream.stop()
            stopped = True
        elif isinstance(event, events.NonFatalError) and " " in event.label:
            _no_answer(event, tally, target)
        elif isinstance(event, events.FatalError):
            unreachable = f"{type(event.exception).__name__}: {event.exception}"
        elif isinstance(event, events.EngineFinished) and event.stop_reason == StopReason.SERVER_UNAVAILABLE:
            unreachable = unreachable or "the server stopped responding"
    if interrupted:
        raise KeyboardInterrupt  # the engine caught Ctrl-C for itself; the run has to end too
    return EngineRun(frozenset(exercised), unreachable)


def _no_answer(event: Any, tally: Tally, target: Target) -> NoAnswer:
    failure = NoAnswer(event.label, event.value)
    tally.failed(
        to_result(
            failure,
            operation=event.label,
            check="request",
            status=None,
            content_type=None,
            content=b"",
            code_sample=event.info.code_sample or "",
            target=target,
            redactor=tally.redactor,
            spec=tally.spec,
        )
    )
    return failure


def _record_scenario(recorder: Any, tally: Tally, target: Target) -> set[str]:
    exercised = set()
    for case_id, node in recorder.cases.items():
        operation = f"{node.value.operation.method.upper()} {node.value.operation.path}"
        exercised.add(operation)
        interaction = recorder.interactions.get(case_id)
        response = interaction.response if interaction else None
        if response is not None:
            tally.response(operation, response.status_code, response.elapsed * 1000, _json_body(response))
        for check in recorder.checks.get(case_id, ()):
            if check.status == Status.FAILURE and check.failure_info is not None:
                tally.failed(
                    to_result(
                        check.failure_info.failure,
                        operation=operation,
                        check=check.name,
                        status=response.status_code if response is not None else None,
                        content_type=response.headers.get("content-type", [None])[0] if response is not None else None,
                        content=response.content if response is not None else b"",
                        code_sample=check.failure_info.code_sample,
                        target=target,
                        redactor=tally.redactor,
                        spec=tally.spec,
                        sent=Sent.of_case(node.value),
                    )
                )
            elif check.status == Status.SUCCESS:
                tally.passed(operation, check.name)
    return exercised


def _json_body(response: Any) -> Any:
    content_type = str(response.headers.get("content-type", [""])[0] if response.headers else "")
    return strict_json(response.content) if "json" in content_type else None
