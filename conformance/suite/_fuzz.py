"""Schema-driven, property-based testing of one API with schemathesis 4's engine, recorded into a Tally."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import requests
import schemathesis
from schemathesis.engine import Status, StopReason, events, from_schema

from conformance._redact import Redactor
from conformance._results import Failure
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

# The built-in checks the suite runs on every generated request.
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "ignored_auth",
    "missing_required_header",
    "unsupported_method",
)
# Sequences through links also check that what was created can be read back.
STATEFUL_CHECKS = (*CHECKS, "ensure_resource_availability")
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# RFC 6902 section 5: a well-formed patch may still fail to apply, so 400/409/422 are valid answers to one.
JSON_PATCH_POSITIVE_STATUSES = ["2xx", "400", "401", "403", "404", "409", "422", "429"]
EXCERPT_CHARS = 600
_SCHEMA_AT = re.compile(r"Schema at (/\S+):")


@dataclass(frozen=True)
class EngineRun:
    """What one engine run did: the operations it exercised and whether the server stayed reachable."""

    operations: frozenset[str]
    unreachable: str | None


def _checks_config(names: Iterable[str]) -> dict[str, Any]:
    return {"enabled": False, **{name: {"enabled": True} for name in names}}


def _json_patch_overrides(spec: dict[str, Any]) -> list[dict[str, Any]]:
    overrides = []
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            content = (operation.get("requestBody") or {}).get("content", {}) if isinstance(operation, dict) else {}
            if "application/json-patch+json" in content:
                overrides.append(
                    {
                        "include-method": method.upper(),
                        "include-path": path,
                        "checks": {"positive_data_acceptance": {"expected-statuses": JSON_PATCH_POSITIVE_STATUSES}},
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
            "checks": _checks_config(STATEFUL_CHECKS if stateful else CHECKS),
            "phases": {
                "examples": {"enabled": not stateful},
                # Probes of undocumented methods stay within the safe ones unless writes are allowed.
                "coverage": {"enabled": not stateful, **_unexpected_methods(settings.writes_allowed(target))},
                "fuzzing": {"enabled": not stateful, "error-feedback": {"enabled": False}},
                # Only the spec's own links: an inferred link the documents do not state is a guess.
                "stateful": {"enabled": stateful, "max-steps": 6, "inference": {"algorithms": []}},
            },
            "operations": _json_patch_overrides(spec),
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
    stream = from_schema(schema).execute()
    for event in stream:
        if isinstance(event, events.ScenarioFinished):
            exercised |= _record_scenario(event.recorder, tally, target)
        elif isinstance(event, events.NonFatalError) and isinstance(event.value, Withheld):
            continue  # never sent; the guard lists what it withheld and why
        elif isinstance(event, events.NonFatalError) and isinstance(event.value, requests.RequestException):
            # A server that does not answer is reported once, not once per generated request.
            failure = request_failure(event.label, event.value, event.info.code_sample or "", target)
            tally.failed(failure)
            if not isinstance(event.value, ResponseTooLarge | BodyTooDeep):
                unreachable = failure.message
            stream.stop()
        elif isinstance(event, events.NonFatalError) and " " in event.label:
            tally.failed(request_failure(event.label, event.value, event.info.code_sample or "", target))
        elif isinstance(event, events.FatalError):
            unreachable = f"{type(event.exception).__name__}: {event.exception}"
        elif isinstance(event, events.EngineFinished) and event.stop_reason == StopReason.SERVER_UNAVAILABLE:
            unreachable = unreachable or "the server stopped responding"
    return EngineRun(frozenset(exercised), unreachable)


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
                tally.failed(_failure(operation, check.name, check.failure_info, response, target, tally.redactor))
            elif check.status == Status.SUCCESS:
                tally.passed(operation, check.name)
    return exercised


def _json_body(response: Any) -> Any:
    content_type = str(response.headers.get("content-type", [""])[0] if response.headers else "")
    return strict_json(response.content) if "json" in content_type else None


def excerpt(content: bytes | str, redactor: Redactor, limit: int = EXCERPT_CHARS) -> str:
    """The start of a response body (or any text) for a report: redacted whole first, then cut."""
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    text = redactor.text(text)
    return text if len(text) <= limit else text[:limit] + " …"


def _failure(operation: str, check: str, info: Any, response: Any, target: Target, redactor: Redactor) -> Failure:
    failure = info.failure
    status = response.status_code if response is not None else None
    schema_path = _spec_pointer(failure)
    instance_path = getattr(failure, "instance_path", None)
    if schema_path is not None:
        expected = f"the response body matches the schema at {schema_path}"
        actual = excerpt(json.dumps(getattr(failure, "instance", None), default=str), redactor)
    else:
        expected = failure.title
        actual = f"HTTP {status}" if status is not None else "no response"
        if response is not None:
            actual += f", Content-Type: {response.headers.get('content-type', ['(none)'])[0]}"
    return Failure(
        operation=operation,
        check=check,
        title=failure.title,
        message=redactor.text(failure.message),
        severity=str(failure.severity.value),  # type: ignore[arg-type]
        expected=expected,
        actual=actual,
        curl=target.curl_with_placeholders(info.code_sample),
        schema_path=schema_path,
        instance_path="/" + "/".join(map(str, instance_path)) if instance_path is not None else None,
        status_code=status,
        response_excerpt=excerpt(response.content, redactor) if response is not None and response.content else None,
    )


def _spec_pointer(failure: Any) -> str | None:
    """Where in the spec the violated schema sits (schemathesis names it in the message), else its raw path."""
    raw = getattr(failure, "schema_path", None)
    if raw is None:
        return None
    named = _SCHEMA_AT.search(failure.message or "")
    keyword = "/".join(map(str, raw[-1:]))
    return f"{named.group(1)}/{keyword}" if named else "/" + "/".join(map(str, raw))


def request_failure(operation: str, error: BaseException, curl: str, target: Target) -> Failure:
    """The failure of a request that got no usable answer (timeout, refused connection, broken response)."""
    text = str(error).strip()
    first_line = f"{type(error).__name__}: {text.splitlines()[0] if text else 'no answer'}"
    title = "Response past the suite's bounds" if isinstance(error, ResponseTooLarge | BodyTooDeep) else None
    return Failure(
        operation=operation,
        check="request",
        title=title or "Request got no answer",
        message=first_line,
        severity="critical",
        expected="an HTTP response within the request timeout",
        actual=first_line,
        curl=target.curl_with_placeholders(curl),
    )
