"""Maxsight's error body: plain JSON with the message, as neither its documents nor an SDK say more."""

from __future__ import annotations

from typing import Any


def error_body(status: int, message: str) -> dict[str, Any]:
    """The JSON error body Maxsight answers with (the same for every status)."""
    return {"message": message}
