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


def _fragments(secrets: Iterable[str]) -> frozenset[str]:
    """Every FRAGMENT_CHARS-long window of every form of each secret long enough to have one."""
    windows: set[str] = set()
    for secret in secrets:
        for form in encoded_forms(secret) if len(secret) >= FRAGMENT_CHARS else ():
            windows.update(form[i : i + FRAGMENT_CHARS] for i in range(len(form) - FRAGMENT_CHARS + 1))
    return frozenset(windows)


# A value shorter than FRAGMENT_CHARS is replaced only as a whole token: not next to a letter, digit, `_`, `-` or
# `/`, nor next to a `.` that joins it to more of a name (`example`, `specs/x.yaml`, `x.example` keep their x).
_TOKEN_BEFORE = r"(?<![\w\-/.])"
_TOKEN_AFTER = r"(?![\w\-/]|\.\w)"


def replace_whole(text: str, value: str, replacement: str) -> str:
    """`text` with every occurrence of `value` that stands as a whole token (see _TOKEN_BEFORE) replaced."""
    return re.sub(_TOKEN_BEFORE + re.escape(value) + _TOKEN_AFTER, lambda _: replacement, text)


def _longest_first(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(values), key=lambda v: (-len(v), v)))


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

    # Never in a repr: a traceback prints its frames' values.
    secrets: tuple[str, ...] = field(default=(), repr=False)
    # Known credentials that are no secret (the reference servers'): whole values only.
    public: tuple[str, ...] = field(default=(), repr=False)
    _windows: frozenset[str] = field(init=False, repr=False, compare=False)
    _whole: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _tokens: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        short = {s for s in self.secrets if len(s) < FRAGMENT_CHARS}
        tokens = {form for s in short for form in (s, quote(s, safe=""), quote_plus(s))}
        tokens |= {p for p in self.public if len(p) < FRAGMENT_CHARS}
        object.__setattr__(self, "_windows", _fragments(self.secrets))
        object.__setattr__(self, "_whole", _longest_first(p for p in self.public if len(p) >= FRAGMENT_CHARS))
        object.__setattr__(self, "_tokens", _longest_first(tokens))

    @classmethod
    def of(cls, secrets: Iterable[str | None], *, public: Iterable[str] = ()) -> Redactor:
        """A redactor for the non-empty values among `secrets`, and for `public` credentials (matched whole only)."""
        known = set(public)
        values = {s for s in secrets if s} - known
        return cls(tuple(sorted(values, key=len, reverse=True)), tuple(sorted(known)))

    @classmethod
    def from_environment(cls, *extra: str | None, public: Iterable[str] = ()) -> Redactor:
        """A redactor for the secrets the environment holds (TASKCONFORM_TOKEN, TASKCONFORM_API_KEY) and `extra`,
        and for `public` credentials (matched whole only)."""
        return cls.of([os.environ.get(TOKEN_ENV), os.environ.get(API_KEY_ENV), *extra], public=public)

    @property
    def note(self) -> str | None:
        """The one sentence to say when a secret is too short to be hunted in free text, else None."""
        if all(len(secret) >= FRAGMENT_CHARS for secret in self.secrets):
            return None
        return (
            f"a credential of fewer than {FRAGMENT_CHARS} characters is too short to be hunted in free text: it is"
            " redacted in credential headers, query values and curl commands, and elsewhere only as a whole word"
            " (never inside other words)"
        )

    def text(self, text: str) -> str:
        """Return `text` with every secret, every run of 8 or more of its characters and its encodings replaced
        (a secret shorter than that where credentials travel and as a whole token only)."""
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
        for value in self._whole:
            text = text.replace(value, PLACEHOLDER)
        for value in self._tokens:
            text = replace_whole(text, value, PLACEHOLDER)
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
