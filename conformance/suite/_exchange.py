"""Calling one operation with chosen inputs through schemathesis, and turning a broken expectation into a Failure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests
from schemathesis.core import NOT_SET

from conformance._redact import Redactor
from conformance._results import Failure, Severity
from conformance.suite._fuzz import excerpt, request_failure
from conformance.suite._tally import Tally
from conformance.suite._target import SuiteSettings, Target
from conformance.suite._transport import Withheld, strict_json


@dataclass(frozen=True)
class Exchange:
    """One request the suite sent and the response it got."""

    operation: str
    status: int
    headers: dict[str, str]
    content: bytes
    curl: str
    redactor: Redactor

    @property
    def body(self) -> Any:
        """The response body as JSON, or None when it is not JSON."""
        return strict_json(self.content)

    def excerpt(self, limit: int = 600) -> str:
        """The start of the response body for a report, redacted before it is cut."""
        return excerpt(self.content, self.redactor, limit)


class NotSent(Exception):
    """A request of a semantic check that the suite's guard withheld; the message says why."""


class Unanswered(Exception):
    """A request of a semantic check got no usable answer; carries the Failure to report."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure


class Violation(AssertionError):
    """A semantic property did not hold; carries the Failure to report."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(f"{failure.title}: {failure.message}")
        self.failure = failure


@dataclass
class Caller:
    """Sends requests for the semantic checks and records every response into the tally."""

    schema: Any
    target: Target
    settings: SuiteSettings
    tally: Tally

    def call(
        self,
        operation: str,
        *,
        path_parameters: dict[str, Any] | None = None,
        query: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        body: Any = NOT_SET,
        media_type: str | None = None,
        credentials: str | bool | None = True,
    ) -> Exchange:
        """Call `operation` ("METHOD /path"); `credentials` True sends the run's own, a string sends that one."""
        method, path = operation.split(" ", 1)
        api_operation = self.schema[path][method]
        case = api_operation.Case(
            path_parameters=path_parameters, query=query, headers=headers, body=body, media_type=media_type
        )
        auth = self._auth(credentials)
        try:
            response = case.call(base_url=self.target.base_url, headers=auth, timeout=self.settings.request_timeout)
        except Withheld as error:
            raise NotSent(str(error)) from None
        except requests.RequestException as error:
            raise Unanswered(request_failure(operation, error, self._curl(case, auth), self.target)) from None
        exchange = Exchange(
            operation=operation,
            status=response.status_code,
            headers={name.lower(): values[0] for name, values in response.headers.items()},
            content=response.content,
            curl=self._curl(case, auth),
            redactor=self.tally.redactor,
        )
        self.tally.response(operation, exchange.status, response.elapsed * 1000, exchange.body)
        return exchange

    def _auth(self, credentials: str | bool | None) -> dict[str, str]:
        if credentials is True:
            return self.target.auth_headers()
        if isinstance(credentials, str):
            return self.target.api.auth.headers_for(credentials)
        return {}

    def _curl(self, case: Any, auth: dict[str, str]) -> str:
        curl = case.as_curl_command(headers=auth, base_url=self.target.base_url)
        return self.tally.redactor.text(self.target.curl_with_placeholders(curl))


def violation(
    check: str,
    exchange: Exchange,
    *,
    title: str,
    message: str,
    expected: str,
    actual: str,
    severity: Severity = "high",
) -> Violation:
    """A Violation of `check`, reproduced by the exchange that showed it."""
    return Violation(
        Failure(
            operation=exchange.operation,
            check=check,
            title=title,
            message=message,
            severity=severity,
            expected=expected,
            actual=actual,
            curl=exchange.curl,
            status_code=exchange.status,
            response_excerpt=exchange.excerpt() or None,
        )
    )
