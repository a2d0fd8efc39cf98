"""The sentences of SailPoint's two documents that this API's checks, variants and faults rest on, quoted verbatim."""

from __future__ import annotations

from conformance.core._statements import HTTP_5XX, HTTP_ALLOW, Statement, decision, document, instruction

SAILPOINT_OPERATIONS = "000_f9d3521f83d1a133.txt"
"""The seed document of the Task Management operations."""
SAILPOINT_MODEL = "001_98e7ad32f8254a06.txt"
"""The seed document of the TaskStatus model."""
DOCUMENTS = (
    SAILPOINT_OPERATIONS,
    SAILPOINT_MODEL,
)

SP_EXPERIMENTAL = instruction(
    SAILPOINT_OPERATIONS,
    "warning experimental",
    "You must include the X-SailPoint-Experimental header and set it to `true` to use this endpoint.",
)
SP_AUTH = document(SAILPOINT_OPERATIONS, "get-task-status / Path Parameters", "context for authentication")
SP_ACCEPT = document(SAILPOINT_OPERATIONS, "HTTP request headers", "- **Accept**: application/json")
SP_RETURNS_TASK = document(
    SAILPOINT_OPERATIONS, "get-task-status / Return type", "[**TaskStatus**](../models/task-status)"
)
SP_RETURNS_LIST = document(
    SAILPOINT_OPERATIONS, "get-task-status-list / Return type", "[**[]TaskStatus**](../models/task-status)"
)
SP_HEAD = document(
    SAILPOINT_OPERATIONS,
    "get-pending-task-headers",
    "Responds with headers only for list of task statuses for pending tasks.",
)
SP_PATCH_CT = document(
    SAILPOINT_OPERATIONS, "update-task-status / HTTP request headers", "- **Content-Type**: application/json-patch+json"
)
SP_MODEL = document(SAILPOINT_MODEL, "TaskStatus", "Details and current status of a specific task")
SP_METHODS = document(SAILPOINT_OPERATIONS, "TaskManagementAPI", "Method | HTTP request | Description")
SP_COUNT = document(
    SAILPOINT_OPERATIONS,
    "Other Parameters / count",
    "If *true* it will populate the *X-Total-Count* response header with the number of results that would be "
    "returned if *limit* and *offset* were ignored.",
)
SP_LIMIT_DEFAULT = document(SAILPOINT_OPERATIONS, "Other Parameters / limit", "[default to 250]")
SP_OFFSET = document(
    SAILPOINT_OPERATIONS,
    "Other Parameters / offset",
    "Offset into the full result set. Usually specified with *limit* to paginate through the results.",
)
SP_FILTERS = document(
    SAILPOINT_OPERATIONS,
    "get-task-status-list / filters",
    "Filtering is supported for the following fields and operators:  **id**: *eq, in*  **sourceId**: *eq, in*  "
    "**completionStatus**: *eq, in*  **type**: *eq, in*",
)
SP_SORTERS = document(
    SAILPOINT_OPERATIONS, "get-task-status-list / sorters", "Sorting is supported for the following fields: **created**"
)
SP_PENDING = document(SAILPOINT_OPERATIONS, "get-pending-tasks", "Retrieve a list of statuses for pending tasks.")
SP_COMPLETED = document(
    SAILPOINT_OPERATIONS, "get-task-status-list", "Use this endpoint to get a list of statuses for **completed** tasks."
)
SP_BY_ID = document(SAILPOINT_OPERATIONS, "get-task-status", "Get task status by task ID.")
SP_UPDATE = document(
    SAILPOINT_OPERATIONS,
    "update-task-status",
    "Use this API to clear a pending task by updating the completionStatus and completed attributes.",
)
SP_STATUS_ENUM = document(
    SAILPOINT_MODEL,
    "TaskStatus / Properties",
    "**completion_status** | **Enum** [ 'SUCCESS', 'WARNING', 'ERROR', 'TERMINATED', 'TEMPERROR' ]",
)

_INPUTS = (SP_EXPERIMENTAL, SP_LIMIT_DEFAULT, SP_FILTERS, SP_PATCH_CT)

RESTS_ON: dict[str, tuple[Statement, ...]] = {
    # The schemathesis built-ins the suite enables.
    "not_a_server_error": (HTTP_5XX,),
    # The pages document no status code at all: every undocumented code is a choice the suite made (a warning).
    "status_code_conformance": (decision(10),),
    "content_type_conformance": (SP_ACCEPT,),
    "response_headers_conformance": (SP_COUNT,),
    "response_schema_conformance": (SP_MODEL, SP_RETURNS_TASK, SP_RETURNS_LIST),
    "negative_data_rejection": _INPUTS,
    "positive_data_acceptance": _INPUTS,
    "ignored_auth": (SP_AUTH, decision(9)),
    "missing_required_header": (SP_EXPERIMENTAL,),
    "unsupported_method": (SP_METHODS, HTTP_ALLOW),
    "ensure_resource_availability": (SP_BY_ID,),
    # A request that got no answer at all: each page documents an answer for its operation.
    "request": (SP_RETURNS_TASK, SP_RETURNS_LIST, SP_HEAD),
    # The suite's semantic properties.
    "auth_required": (SP_AUTH, decision(9)),
    "filters": (SP_FILTERS,),
    "get_matches_list": (SP_BY_ID,),
    "head_matches_get": (SP_HEAD, SP_COUNT),
    "list_membership": (SP_PENDING, SP_COMPLETED, decision(35)),
    "pagination": (SP_OFFSET, SP_LIMIT_DEFAULT),
    "rejected_update_unchanged": (SP_UPDATE, SP_STATUS_ENUM),
    "sorters": (SP_SORTERS,),
    "total_count": (SP_COUNT,),
    "unknown_id": (SP_BY_ID, decision(10)),
    "update_persisted": (SP_UPDATE, decision(35)),
    # The topics the cross-API variants name.
    "accept": (SP_ACCEPT,),
    "methods": (SP_METHODS,),
    "unauthorized": (decision(9),),
    "task-model": (SP_MODEL,),
}
