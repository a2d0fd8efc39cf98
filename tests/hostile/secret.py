"""The battery's secret and every form of it that must never appear in an output: fragments, base64, URL-encoding."""

from __future__ import annotations

import base64
import re
from urllib.parse import quote

# Distinctive (no 8-character window is a word or occurs in a report by chance), 28 characters, with
# characters that URL-encoding and base64 change, so that each form is a different string.
SECRET = "Hx7+qV2/Lm9~Tz4_Rk8-Wp3cNf6J"
FRAGMENT = 8


def _windows(text: str, size: int = FRAGMENT) -> set[str]:
    return {text[i : i + size] for i in range(len(text) - size + 1)}


def _base64_forms(value: str) -> set[str]:
    """The base64 text of `value` as it appears inside any longer encoded string, at each of the 3 alignments."""
    forms: set[str] = set()
    raw = value.encode()
    for start in range(3):
        whole = raw[start:][: (len(raw) - start) // 3 * 3]
        forms |= {base64.b64encode(whole).decode(), base64.urlsafe_b64encode(whole).decode()}
    return forms


def forms(secret: str = SECRET) -> tuple[str, ...]:
    """The secret's plain, URL-encoded and base64 texts, as whole strings (what an echoing server sends)."""
    return (secret, quote(secret, safe=""), *sorted(_base64_forms(secret)))


def fragments(secret: str = SECRET) -> frozenset[str]:
    """Every FRAGMENT-character window of every form of the secret (URL-encoding in either hex case)."""
    encoded = quote(secret, safe="")
    found = _windows(secret) | _windows(encoded) | _windows(re.sub(r"%[0-9A-F]{2}", lambda m: m[0].lower(), encoded))
    for form in _base64_forms(secret):
        found |= _windows(form)
    return frozenset(found)


def leak_finder(secret: str = SECRET) -> re.Pattern[bytes]:
    """A pattern matching any fragment of any form of the secret in raw output bytes."""
    needles = sorted(fragments(secret), key=len, reverse=True)
    return re.compile(b"|".join(re.escape(n.encode()) for n in needles))


def leak_offsets(data: bytes, finder: re.Pattern[bytes]) -> list[int]:
    """Where fragments of the secret start in `data` (offsets, so that a report of a leak does not repeat it)."""
    return [match.start() for match in finder.finditer(data)]
