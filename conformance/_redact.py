"""Keeping secrets out of every output: known secret values and credential-bearing headers become placeholders."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

PLACEHOLDER = "[REDACTED]"
# The environment variables that hold a run's secrets.
TOKEN_ENV = "TASKCONFORM_TOKEN"
API_KEY_ENV = "TASKCONFORM_API_KEY"

# Header names whose values are credentials whatever their content.
SECRET_HEADERS = frozenset(
    {"authorization", "x-api-key", "apikey", "api-key", "cookie", "set-cookie", "proxy-authorization"}
)

_HEADER_LINE = re.compile(
    r"(?P<name>" + "|".join(re.escape(h) for h in sorted(SECRET_HEADERS, key=len, reverse=True)) + r")"
    r"(?P<sep>\s*:\s*)(?P<value>[^'\"\r\n]+)",
    re.IGNORECASE,
)
_ENV_PLACEHOLDER = re.compile(r"^(Bearer )?\$[A-Z][A-Z0-9_]*$")


def _hide_header_value(match: re.Match[str]) -> str:
    value = match["value"].strip()
    shown = value if _ENV_PLACEHOLDER.match(value) else PLACEHOLDER
    return f"{match['name']}{match['sep']}{shown}"


_QUERY_SECRET = re.compile(r"(?P<key>[?&](?:api[_-]?key|apikey|token|access_token|key)=)[^&#\s'\"]+", re.IGNORECASE)


@dataclass(frozen=True)
class Redactor:
    """Replaces the run's known secrets, credential header values and secret-looking query values."""

    secrets: tuple[str, ...] = ()

    @classmethod
    def of(cls, secrets: Iterable[str | None]) -> Redactor:
        """A redactor for the non-empty values among `secrets`, longest first."""
        values = {s for s in secrets if s}
        return cls(tuple(sorted(values, key=len, reverse=True)))

    @classmethod
    def from_environment(cls, *extra: str | None) -> Redactor:
        """A redactor for the secrets the environment holds (TASKCONFORM_TOKEN, TASKCONFORM_API_KEY) and `extra`."""
        return cls.of([os.environ.get(TOKEN_ENV), os.environ.get(API_KEY_ENV), *extra])

    def text(self, text: str) -> str:
        """Return `text` with every secret replaced by the placeholder."""
        for secret in self.secrets:
            text = text.replace(secret, PLACEHOLDER)
        text = _HEADER_LINE.sub(_hide_header_value, text)
        return _QUERY_SECRET.sub(lambda m: f"{m['key']}{PLACEHOLDER}", text)

    def value(self, value: T) -> T:
        """`value` with every string inside it (dataclass fields, dict keys and values, list items) redacted."""
        result: Any = value
        if isinstance(value, str):
            result = self.text(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: self.value(getattr(value, f.name)) for f in dataclasses.fields(value)}
            result = dataclasses.replace(value, **changes)
        elif isinstance(value, dict):
            result = {self.value(k): self.value(v) for k, v in value.items()}
        elif isinstance(value, list | tuple):
            result = type(value)(self.value(item) for item in value)
        return result

    def headers(self, headers: dict[str, str]) -> dict[str, str]:
        """Return a copy of `headers` with credential headers and embedded secrets replaced."""
        return {
            name: PLACEHOLDER if name.lower() in SECRET_HEADERS else self.text(value) for name, value in headers.items()
        }
