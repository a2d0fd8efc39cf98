"""Strict JSON: RFC 8259 has no NaN or Infinity, so neither the suite nor the servers read them as numbers."""

from __future__ import annotations

from typing import Any


def reject_constant(name: str) -> Any:
    """`json.loads`'s `parse_constant`: NaN, Infinity and -Infinity are not JSON."""
    raise ValueError(f"{name} is not JSON")
