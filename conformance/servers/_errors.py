"""Each API's error body, in the shape its documents and its vendor's SDK read (plain JSON where neither says)."""

from __future__ import annotations

import hashlib
from typing import Any

from conformance.servers._data import FLEXPRICE, MAXSIGHT, SAILPOINT

_SAILPOINT_DETAIL = {
    400: "400.1 Bad Request Content",
    401: "401 Unauthorized",
    404: "404 Not found",
    405: "405 Method Not Allowed",
    429: "429 Too Many Requests",
    500: "500.0 Internal Fault",
}
# sailpoint 1.4.2: 401 reads ListAccessProfiles401Response (an object under `error`), 429 reads
# ListAccessProfiles429Response (an object under `message`); every other error reads ErrorResponseDto.
_SAILPOINT_WRAPPER = {401: "error", 429: "message"}
# flexprice 2.1.20: ErrorResponseData's `code` takes these ErrorCode values.
_FLEXPRICE_CODE = {400: "validation_error", 404: "not_found", 429: "too_many_requests", 500: "internal_error"}


def error_body(api_name: str, status: int, message: str) -> dict[str, Any]:
    """The JSON error body `api_name` answers with for `status`."""
    if api_name == SAILPOINT:
        body = {
            "detailCode": _SAILPOINT_DETAIL.get(status, f"{status} Error"),
            "trackingId": hashlib.sha256(f"{status}:{message}".encode()).hexdigest()[:32],
            "messages": [{"locale": "en-US", "localeOrigin": "DEFAULT", "text": message}],
            "causes": [],
        }
        wrapper = _SAILPOINT_WRAPPER.get(status)
        return {wrapper: body} if wrapper else body
    if api_name == FLEXPRICE:
        code = _FLEXPRICE_CODE.get(status, "http_client_error" if status < 500 else "system_error")
        documented = {"success": False, "error": {"message": message}}
        return {**documented, "code": code, "http_status_code": status, "message": message}
    if api_name == MAXSIGHT:
        return {"message": message}
    raise ValueError(f"no error body for API {api_name!r}")
