"""The sentences of Flexprice's document that this API's checks, variants and faults rest on, quoted verbatim."""

from __future__ import annotations

from conformance.core._statements import HTTP_5XX, HTTP_ALLOW, Statement, decision, document, instruction

FLEXPRICE = "002_574960079fb646db.txt"
"""The seed document of the Tasks operations."""
DOCUMENTS = (FLEXPRICE,)

FP_LIST = document(FLEXPRICE, "ListTasks", "Returns list with optional filtering.")
FP_LIST_SDK = document(FLEXPRICE, "ListTasks / Example Usage", "res.DtoListTasksResponse")
FP_CREATE = document(FLEXPRICE, "CreateTask", "Returns task ID to poll for status and result.")
FP_CREATE_SDK = document(FLEXPRICE, "CreateTask / Example Usage", "TaskType: components.TypesTaskTypeImport,")
FP_LISTING = document(FLEXPRICE, "ListTasks", "Use when listing or searching async tasks (e.g. admin queue view).")
FP_EXPORT = document(
    FLEXPRICE,
    "DownloadTaskExport",
    "Use when letting a user download an exported file (e.g. report or data export).",
)
FP_GET = document(FLEXPRICE, "GetTask", "Returns task by ID.")
FP_DOWNLOAD = document(
    FLEXPRICE, "DownloadTaskExport", "Returns a presigned URL; supports FlexPrice or customer-owned S3."
)
FP_UPDATE = document(
    FLEXPRICE, "UpdateTaskStatus", "Use when updating task status (e.g. marking complete or failed from a worker)."
)
FP_UPDATE_SDK = document(
    FLEXPRICE, "UpdateTaskStatus / Example Usage", "TaskStatus: components.TypesTaskStatusProcessing,"
)
FP_ERRORS = document(FLEXPRICE, "Errors", "apierrors.ErrorsErrorResponse | 400, 404")
FP_ANY_ERROR = document(FLEXPRICE, "Errors", "4XX, 5XX")
FP_RESULT = instruction(FLEXPRICE, "GetTaskResult", "Call after task status is complete.")
FP_RESULT_SDK = document(FLEXPRICE, "GetTaskResult / Example Usage", 'res, err := s.Tasks.GetTaskResult(ctx, "<id>")')
FP_WORKER = instruction(FLEXPRICE, "UpdateTaskStatus", "Typically called by backend processors.")
FP_SECURITY = document(FLEXPRICE, "Example Usage", 'flexprice.WithSecurity("<YOUR_API_KEY_HERE>")')
FP_METHODS = document(FLEXPRICE, "Overview / Available Operations", "* [ListTasks](#listtasks) - List tasks")

_ANSWERS = (FP_GET, FP_LIST, FP_CREATE)
_INPUTS = (FP_CREATE_SDK, FP_UPDATE_SDK, FP_LIST)

RESTS_ON: dict[str, tuple[Statement, ...]] = {
    # The schemathesis built-ins the suite enables.
    "not_a_server_error": (HTTP_5XX,),
    # The page covers every 4XX and 5XX and fixes no success code: an undocumented code is our choice (a warning).
    "status_code_conformance": (decision(40),),
    "content_type_conformance": (FP_ERRORS, FP_GET),
    "response_headers_conformance": _ANSWERS,
    "response_schema_conformance": (FP_CREATE, FP_LIST_SDK, FP_ERRORS),
    "negative_data_rejection": _INPUTS,
    "positive_data_acceptance": _INPUTS,
    "ignored_auth": (FP_SECURITY, decision(14)),
    "missing_required_header": (FP_SECURITY,),
    "unsupported_method": (FP_METHODS, HTTP_ALLOW),
    "ensure_resource_availability": (FP_CREATE, FP_GET),
    # A request that got no answer at all: each page documents an answer for its operation.
    "request": _ANSWERS,
    # The suite's semantic properties.
    "auth_required": (FP_SECURITY, decision(14)),
    "create_visible": (FP_CREATE, FP_LISTING),
    "download_only_exports": (FP_EXPORT, FP_DOWNLOAD, decision(36)),
    "filters": (FP_LIST, decision(15)),
    "get_matches_list": (FP_GET,),
    "pagination": (FP_LIST_SDK, decision(15)),
    "rejected_update_unchanged": (FP_UPDATE, FP_ERRORS, decision(13)),
    "sorters": (FP_LIST, decision(15)),
    "total_count": (FP_LIST_SDK, decision(15)),
    "unknown_id": (FP_ERRORS,),
    "update_persisted": (FP_UPDATE, FP_UPDATE_SDK, decision(35)),
    # The topics the cross-API variants name.
    "error-codes": (FP_ERRORS,),
    "any-error": (FP_ANY_ERROR,),
    "methods": (FP_METHODS,),
    "unauthorized": (decision(14),),
    "task-model": (FP_GET,),
}
