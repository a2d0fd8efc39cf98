"""SailPoint's error body: ErrorResponseDto, wrapped for 401 and 429 as the vendor's SDK reads them."""

from __future__ import annotations

import hashlib
from typing import Any

_DETAIL = {
    400: "400.1 Bad Request Content",
    401: "401 Unauthorized",
    404: "404 Not found",
    405: "405 Method Not Allowed",
    429: "429 Too Many Requests",
    500: "500.0 Internal Fault",
}
# sailpoint 1.4.2: 401 reads ListAccessProfiles401Response (an object under `error`), 429 reads
# ListAccessProfiles429Response (an object under `message`); every other error reads ErrorResponseDto.
_WRAPPER = {401: "error", 429: "message"}


def error_body(status: int, message: str) -> dict[str, Any]:
    """The JSON error body SailPoint answers with for `status`."""
    body = {
        "detailCode": _DETAIL.get(status, f"{status} Error"),
        "trackingId": hashlib.sha256(f"{status}:{message}".encode()).hexdigest()[:32],
        "messages": [{"locale": "en-US", "localeOrigin": "DEFAULT", "text": message}],
        "causes": [],
    }
    wrapper = _WRAPPER.get(status)
    return {wrapper: body} if wrapper else body
