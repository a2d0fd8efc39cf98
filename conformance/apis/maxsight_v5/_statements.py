"""The sentences of Maxsight's document that this API's checks, variants and faults rest on, quoted verbatim."""

from __future__ import annotations

from conformance.core._statements import HTTP_5XX, HTTP_ALLOW, Statement, decision, document

MAXSIGHT = "003_25c350639e150db4.txt"
"""The seed document of Retrieve a task."""
DOCUMENTS = (MAXSIGHT,)

MX_FULL = document(MAXSIGHT, "Response", "A successful request returns the full task object.")
MX_BY_ID = document(
    MAXSIGHT,
    "Retrieve a task from its ID",
    "Use the GET /tasks/{task_id} endpoint to retrieve the full details of a single task when you already know its "
    "unique identifier.",
)
MX_401 = document(MAXSIGHT, "Troubleshooting", "If you receive a 401 Unauthorized response")
MX_404 = document(MAXSIGHT, "Troubleshooting", "If you receive a 404 Task not found response")
MX_CODES = document(MAXSIGHT, "Troubleshooting", "For a full list of the possible error codes, view the API reference.")
MX_CURRENT = document(MAXSIGHT, "Retrieve a task from its ID", "This endpoint returns the current state of the task")
MX_AUTH = document(MAXSIGHT, "Request", "To authenticate your request, include the apikey: YOUR_API_KEY header.")

RESTS_ON: dict[str, tuple[Statement, ...]] = {
    # The schemathesis built-ins the suite enables.
    "not_a_server_error": (HTTP_5XX,),
    # The page names 401 and 404 and points elsewhere for the full list: any other code is our choice (a warning).
    "status_code_conformance": (decision(40),),
    "content_type_conformance": (MX_FULL,),
    "response_headers_conformance": (MX_FULL,),
    "response_schema_conformance": (MX_FULL,),
    "negative_data_rejection": (MX_404,),
    "positive_data_acceptance": (MX_404,),
    "ignored_auth": (MX_401, MX_AUTH),
    "missing_required_header": (MX_AUTH,),
    "unsupported_method": (MX_BY_ID, HTTP_ALLOW),
    "ensure_resource_availability": (MX_BY_ID,),
    # A request that got no answer at all: the page documents the answer.
    "request": (MX_FULL,),
    # The suite's semantic properties.
    "auth_required": (MX_401,),
    "get_matches_list": (MX_BY_ID,),
    "unknown_id": (MX_404,),
    # The topics the cross-API variants name.
    "error-codes": (MX_CODES,),
    "any-error": (MX_CODES,),
    "unauthorized": (MX_401,),
    "task-model": (MX_FULL,),
}
