"""Each API's error body, in the shape its documents give (or, where they give none, a plain JSON object)."""

from __future__ import annotations

import hashlib
from typing import Any

from conformance.servers._data import FLEXPRICE, MAXSIGHT, SAILPOINT

_SAILPOINT_DETAIL = {
    400: "400.1 Bad Request Content",
    401: "401 Unauthorized",
    404: "404 Not found",
    405: "405 Method Not Allowed",
    500: "500.0 Internal Fault",
}


def error_body(api_name: str, status: int, message: str) -> dict[str, Any]:
    """The JSON error body `api_name` answers with for `status`."""
    if api_name == SAILPOINT:
        return {
            "detailCode": _SAILPOINT_DETAIL.get(status, f"{status} Error"),
            "trackingId": hashlib.sha256(f"{status}:{message}".encode()).hexdigest()[:32],
            "messages": [{"locale": "en-US", "localeOrigin": "DEFAULT", "text": message}],
            "causes": [],
        }
    if api_name == FLEXPRICE:
        return {"success": False, "error": {"message": message}}
    if api_name == MAXSIGHT:
        return {"message": message}
    raise ValueError(f"no error body for API {api_name!r}")
