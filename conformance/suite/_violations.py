"""What a check raises: a semantic property that did not hold (`Violation`) and a request without an answer
(`NoAnswer`), both schemathesis `Failure`s; `_failures` turns them into the report's values."""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemathesis.core.failures import Failure as EngineFailure
from schemathesis.core.failures import Severity

from conformance.core._statements import Statement
from conformance.suite._transport import BodyTooDeep, ResponseTooLarge

if TYPE_CHECKING:
    from conformance.suite._exchange import Exchange


class Violation(EngineFailure):
    """A semantic property that did not hold, shown by one exchange: what was expected and what came back."""

    code = "TC901"
    kind_title = "Semantic property violated"

    def __init__(
        self,
        *,
        check: str,
        exchange: Exchange,
        title: str,
        message: str,
        expected: str,
        actual: str,
        severity: Severity | str = Severity.HIGH,
        rests_on: tuple[Statement, ...] = (),
    ) -> None:
        super().__init__(operation=exchange.operation, title=title, message=message, severity=Severity(severity))
        self.check = check
        self.exchange = exchange
        self.expected = expected
        self.actual = actual
        # What this violation rests on, when the property knows better than its check's statements.
        self.rests_on = rests_on


class NoAnswer(EngineFailure):
    """A request that got no usable answer: refused, reset, past its deadline or past the suite's bounds."""

    code = "TC902"

    def __init__(self, operation: str, error: BaseException) -> None:
        text = str(error).strip()
        line = f"{type(error).__name__}: {' '.join(text.splitlines()[0].split()) if text else 'no answer'}"
        bounded = isinstance(error, ResponseTooLarge | BodyTooDeep)
        super().__init__(
            operation=operation,
            title="Response past the suite's bounds" if bounded else "Request got no answer",
            message=line,
            severity=Severity.CRITICAL,
        )
