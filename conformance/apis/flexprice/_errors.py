"""Flexprice's error body: the documented `{success, error: {message}}` plus what the vendor's SDK reads."""

from __future__ import annotations

from typing import Any

# flexprice 2.1.20: ErrorResponseData's `code` takes these ErrorCode values.
_CODE = {400: "validation_error", 404: "not_found", 429: "too_many_requests", 500: "internal_error"}


def error_body(status: int, message: str) -> dict[str, Any]:
    """The JSON error body Flexprice answers with for `status`."""
    code = _CODE.get(status, "http_client_error" if status < 500 else "system_error")
    documented = {"success": False, "error": {"message": message}}
    return {**documented, "code": code, "http_status_code": status, "message": message}
