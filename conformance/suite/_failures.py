"""One road for every failure: schemathesis's, a semantic property's and a request's become one results.Failure.

A semantic property that does not hold raises a `Violation`, and a request that got no usable answer is a
`NoAnswer` (both in `_violations`, below every check): both are schemathesis `Failure`s, so `to_result` turns all
three kinds into the report's value the same way (redacted before anything is cut, the curl command with the
secret read from its environment variable), and the tally deduplicates, caps and counts them the same way.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from schemathesis.core.failures import Failure as EngineFailure

from conformance._redact import Redactor
from conformance._results import Failure
from conformance.suite._levels import Finding, Sent, verdict
from conformance.suite._violations import NoAnswer, Violation

if TYPE_CHECKING:
    from conformance.suite._target import Target

EXCERPT_CHARS = 600
_SCHEMA_AT = re.compile(r"Schema at (/\S+):")


def excerpt(content: bytes | str, redactor: Redactor, limit: int = EXCERPT_CHARS) -> str:
    """The start of a response body (or any text) for a report: redacted whole first, then cut."""
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    text = redactor.text(text)
    return text if len(text) <= limit else text[:limit] + " …"


def to_result(
    failure: EngineFailure,
    *,
    operation: str,
    check: str,
    status: int | None,
    content_type: str | None,
    content: bytes,
    code_sample: str,
    target: Target,
    redactor: Redactor,
    spec: dict[str, Any],
    sent: Sent | None = None,
) -> Failure:
    """The report's Failure for `failure`, found by `check` on `operation` in the answer described, at its level."""
    schema_path = _spec_pointer(failure)
    finding = Finding(target.api, operation, check, status, sent or Sent(), failure, schema_path)
    level, rests_on = verdict(finding, spec)
    instance_path = getattr(failure, "instance_path", None)
    if isinstance(failure, Violation):
        expected, actual = failure.expected, failure.actual
    elif isinstance(failure, NoAnswer):
        expected, actual = "an HTTP response within the request timeout", failure.message
    elif schema_path is not None:
        expected = f"the response body matches the schema at {schema_path}"
        actual = excerpt(json.dumps(getattr(failure, "instance", None), default=str), redactor)
    else:
        expected = failure.title
        actual = f"HTTP {status}" if status is not None else "no response"
        if status is not None:
            actual += f", Content-Type: {content_type or '(none)'}"
    return Failure(
        operation=operation,
        check=check,
        title=failure.title,
        message=redactor.text(failure.message),
        severity=str(failure.severity.value),  # type: ignore[arg-type]
        expected=redactor.text(expected),
        actual=redactor.text(actual),
        curl=redactor.text(target.curl_with_placeholders(code_sample)) if code_sample else "",
        schema_path=schema_path,
        instance_path="/" + "/".join(map(str, instance_path)) if instance_path is not None else None,
        status_code=status,
        response_excerpt=excerpt(content, redactor) if content else None,
        rests_on=rests_on,
        level=level,
    )


def _spec_pointer(failure: Any) -> str | None:
    """Where in the spec the violated schema sits (schemathesis names it in the message), else its raw path."""
    raw = getattr(failure, "schema_path", None)
    if raw is None:
        return None
    named = _SCHEMA_AT.search(failure.message or "")
    keyword = "/".join(map(str, raw[-1:]))
    return f"{named.group(1)}/{keyword}" if named else "/" + "/".join(map(str, raw))
