"""Keeping secrets out of every output: known secret values and credential-bearing headers become placeholders."""

from __future__ import annotations

import base64
import dataclasses
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote, quote_plus

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
# A run of this many characters of a secret (or of one of its encodings) is a leak: a server may echo a cut,
# prefixed or encoded secret, and a report may cut one.
FRAGMENT_CHARS = 8


def _hide_header_value(match: re.Match[str]) -> str:
    value = match["value"].strip()
    shown = value if _ENV_PLACEHOLDER.match(value) else PLACEHOLDER
    return f"{match['name']}{match['sep']}{shown}"


_QUERY_SECRET = re.compile(r"(?P<key>[?&](?:api[_-]?key|apikey|token|access_token|key)=)[^&#\s'\"]+", re.IGNORECASE)


def encoded_forms(secret: str) -> set[str]:
    """`secret` as a server may echo it: as it is, URL-encoded, and base64 (standard and URL-safe) at every offset."""
    forms = {secret, quote(secret, safe=""), quote_plus(secret)}
    raw = secret.encode()
    for offset in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            full = encode(b"\0" * offset + raw).decode()
            # The first group mixes in the offset bytes and the last one the padding: keep what depends on the secret.
            start = 4 if offset else 0
            end = len(full) - (4 if (offset + len(raw)) % 3 else 0)
            if end - start >= FRAGMENT_CHARS:
                forms.add(full[start:end])
    return forms


def _fragments(secrets: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Every FRAGMENT_CHARS-long window of every form of each secret, and the secrets too short to have one."""
    windows: set[str] = set()
    short: set[str] = set()
    for secret in secrets:
        if len(secret) < FRAGMENT_CHARS:
            short.add(secret)
            continue
        for form in encoded_forms(secret):
            windows.update(form[i : i + FRAGMENT_CHARS] for i in range(len(form) - FRAGMENT_CHARS + 1))
    return frozenset(windows), tuple(sorted(short, key=len, reverse=True))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class Redactor:
    """Replaces the run's known secrets (and any fragment or encoding of one), credential headers and secret queries."""

    secrets: tuple[str, ...] = ()
    public: tuple[str, ...] = ()  # known credentials that are no secret (the reference servers'): whole values only
    _windows: frozenset[str] = field(init=False, repr=False, compare=False)
    _short: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        windows, short = _fragments(self.secrets)
        object.__setattr__(self, "_windows", windows)
        object.__setattr__(self, "_short", tuple(sorted({*short, *self.public}, key=len, reverse=True)))

    @classmethod
    def of(cls, secrets: Iterable[str | None], *, public: Iterable[str] = ()) -> Redactor:
        """A redactor for the non-empty values among `secrets`, and for `public` credentials (matched whole only)."""
        known = set(public)
        values = {s for s in secrets if s} - known
        return cls(tuple(sorted(values, key=len, reverse=True)), tuple(sorted(known)))

    @classmethod
    def from_environment(cls, *extra: str | None) -> Redactor:
        """A redactor for the secrets the environment holds (TASKCONFORM_TOKEN, TASKCONFORM_API_KEY) and `extra`."""
        return cls.of([os.environ.get(TOKEN_ENV), os.environ.get(API_KEY_ENV), *extra])

    def text(self, text: str) -> str:
        """Return `text` with every secret, every run of 8 or more of its characters and its encodings replaced."""
        spans = []
        for window in self._windows:
            start = text.find(window)
            while start != -1:
                spans.append((start, start + FRAGMENT_CHARS))
                start = text.find(window, start + 1)
        if spans:
            pieces, last = [], 0
            for start, end in _merged(spans):
                pieces += [text[last:start], PLACEHOLDER]
                last = end
            text = "".join([*pieces, text[last:]])
        for secret in self._short:
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
