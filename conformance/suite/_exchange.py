"""Calling one operation with chosen inputs through schemathesis, for the semantic checks; every answer is tallied."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests
from schemathesis.core import NOT_SET
from schemathesis.core.failures import Failure as EngineFailure

from conformance._redact import Redactor
from conformance.suite._failures import excerpt, to_result
from conformance.suite._tally import Tally
from conformance.suite._target import SuiteSettings, Target
from conformance.suite._transport import Withheld, strict_json
from conformance.suite._violations import NoAnswer


@dataclass(frozen=True)
class Exchange:
    """One request the suite sent and the response it got."""

    operation: str
    status: int
    headers: dict[str, str]
    content: bytes
    code_sample: str = field(repr=False)
    redactor: Redactor = field(repr=False)

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
    """A request of a semantic check got no usable answer; carries the failure to report."""

    def __init__(self, failure: NoAnswer, code_sample: str) -> None:
        super().__init__(failure.message)
        self.failure = failure
        self.code_sample = code_sample


@dataclass
class Caller:
    """Sends requests for the semantic checks and records every response and failure into the tally."""

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
        code_sample = case.as_curl_command(headers=auth, base_url=self.target.base_url)
        try:
            response = case.call(base_url=self.target.base_url, headers=auth, timeout=self.settings.request_timeout)
        except Withheld as error:
            raise NotSent(str(error)) from None
        except requests.RequestException as error:
            raise Unanswered(NoAnswer(operation, error), code_sample) from None
        exchange = Exchange(
            operation=operation,
            status=response.status_code,
            headers={name.lower(): values[0] for name, values in response.headers.items()},
            content=response.content,
            code_sample=code_sample,
            redactor=self.tally.redactor,
        )
        self.tally.response(operation, exchange.status, response.elapsed * 1000, exchange.body)
        return exchange

    def record(self, failure: EngineFailure, check: str, exchange: Exchange | None, code_sample: str = "") -> None:
        """Record `failure` of `check`, shown by `exchange` (or by a request that got no answer)."""
        operation = exchange.operation if exchange else str(failure.operation)
        self.tally.failed(
            to_result(
                failure,
                operation=operation,
                check=check,
                status=exchange.status if exchange else None,
                content_type=exchange.headers.get("content-type") if exchange else None,
                content=exchange.content if exchange else b"",
                code_sample=exchange.code_sample if exchange else code_sample,
                target=self.target,
                redactor=self.tally.redactor,
                spec=self.tally.spec,
            )
        )

    def _auth(self, credentials: str | bool | None) -> dict[str, str]:
        if credentials is True:
            return self.target.auth_headers()
        if isinstance(credentials, str):
            return self.target.api.auth.headers_for(credentials)
        return {}
