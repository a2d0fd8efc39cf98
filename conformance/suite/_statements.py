"""The statements verdicts rest on, as values: sentences of the seed documents, of HTTP's RFC, and our decisions.

A decision's text is read from the decisions table of `specs/README.md` (shipped with the specs), so the table stays
the one place a decision is written down; `decision(N)` fails loudly for a number the table does not have.
"""

from __future__ import annotations

import functools
import re

from conformance._results import DECISIONS_SOURCE, Statement
from conformance.apis._api import specs_dir

# The API names verdicts are keyed by.
SP, FP, MX = "sailpoint-v2025", "flexprice", "maxsight-v5"
SAILPOINT_OPERATIONS = "000_f9d3521f83d1a133.txt"
SAILPOINT_MODEL = "001_98e7ad32f8254a06.txt"
FLEXPRICE = "002_574960079fb646db.txt"
MAXSIGHT = "003_25c350639e150db4.txt"
SEED_FILES = (SAILPOINT_OPERATIONS, SAILPOINT_MODEL, FLEXPRICE, MAXSIGHT)
RFC_9110 = "RFC 9110"
_CELL = re.compile(r"(?<!\\)\|")


def seed(source: str, section: str, quote: str) -> Statement:
    """A sentence of a seed document; `quote` is verbatim."""
    if source not in SEED_FILES:
        raise ValueError(f"{source!r} is not a seed document")
    return Statement(source, section, quote)


def rfc9110(section: str, quote: str) -> Statement:
    """A sentence of RFC 9110 (HTTP semantics), which every API the documents describe speaks."""
    return Statement(RFC_9110, section, quote)


def decision(number: int) -> Statement:
    """Decision `number` of specs/README.md, quoted from its "decision" column."""
    table = decisions()
    if number not in table:
        raise KeyError(f"specs/README.md has no decision {number}")
    return Statement(DECISIONS_SOURCE, f"decision {number}", table[number])


@functools.cache
def decisions() -> dict[int, str]:
    """The decisions table of specs/README.md: number -> the decision as the table words it."""
    table: dict[int, str] = {}
    for line in (specs_dir() / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in _CELL.split(line)]
        if len(cells) >= 6 and cells[1].isdigit():
            table[int(cells[1])] = cells[3]
    return table


# -- the sentences the checks rest on, quoted verbatim ----------------------------------------------------------------

SP_EXPERIMENTAL = seed(
    SAILPOINT_OPERATIONS,
    "warning experimental",
    "You must include the X-SailPoint-Experimental header and set it to `true` to use this endpoint.",
)
SP_AUTH = seed(SAILPOINT_OPERATIONS, "get-task-status / Path Parameters", "context for authentication")
SP_ACCEPT = seed(SAILPOINT_OPERATIONS, "HTTP request headers", "- **Accept**: application/json")
SP_RETURNS_TASK = seed(SAILPOINT_OPERATIONS, "get-task-status / Return type", "[**TaskStatus**](../models/task-status)")
SP_RETURNS_LIST = seed(
    SAILPOINT_OPERATIONS, "get-task-status-list / Return type", "[**[]TaskStatus**](../models/task-status)"
)
SP_HEAD = seed(
    SAILPOINT_OPERATIONS,
    "get-pending-task-headers",
    "Responds with headers only for list of task statuses for pending tasks.",
)
SP_PATCH_CT = seed(
    SAILPOINT_OPERATIONS, "update-task-status / HTTP request headers", "- **Content-Type**: application/json-patch+json"
)
SP_MODEL = seed(SAILPOINT_MODEL, "TaskStatus", "Details and current status of a specific task")
SP_METHODS = seed(SAILPOINT_OPERATIONS, "TaskManagementAPI", "Method | HTTP request | Description")
SP_COUNT = seed(
    SAILPOINT_OPERATIONS,
    "Other Parameters / count",
    "If *true* it will populate the *X-Total-Count* response header with the number of results that would be "
    "returned if *limit* and *offset* were ignored.",
)
SP_LIMIT_DEFAULT = seed(SAILPOINT_OPERATIONS, "Other Parameters / limit", "[default to 250]")
SP_OFFSET = seed(
    SAILPOINT_OPERATIONS,
    "Other Parameters / offset",
    "Offset into the full result set. Usually specified with *limit* to paginate through the results.",
)
SP_FILTERS = seed(
    SAILPOINT_OPERATIONS,
    "get-task-status-list / filters",
    "Filtering is supported for the following fields and operators:  **id**: *eq, in*  **sourceId**: *eq, in*  "
    "**completionStatus**: *eq, in*  **type**: *eq, in*",
)
SP_SORTERS = seed(
    SAILPOINT_OPERATIONS, "get-task-status-list / sorters", "Sorting is supported for the following fields: **created**"
)
SP_PENDING = seed(SAILPOINT_OPERATIONS, "get-pending-tasks", "Retrieve a list of statuses for pending tasks.")
SP_COMPLETED = seed(
    SAILPOINT_OPERATIONS, "get-task-status-list", "Use this endpoint to get a list of statuses for **completed** tasks."
)
SP_BY_ID = seed(SAILPOINT_OPERATIONS, "get-task-status", "Get task status by task ID.")
SP_UPDATE = seed(
    SAILPOINT_OPERATIONS,
    "update-task-status",
    "Use this API to clear a pending task by updating the completionStatus and completed attributes.",
)
SP_STATUS_ENUM = seed(
    SAILPOINT_MODEL,
    "TaskStatus / Properties",
    "**completion_status** | **Enum** [ 'SUCCESS', 'WARNING', 'ERROR', 'TERMINATED', 'TEMPERROR' ]",
)

FP_LIST = seed(FLEXPRICE, "ListTasks", "Returns list with optional filtering.")
FP_LIST_SDK = seed(FLEXPRICE, "ListTasks / Example Usage", "res.DtoListTasksResponse")
FP_CREATE = seed(FLEXPRICE, "CreateTask", "Returns task ID to poll for status and result.")
FP_CREATE_SDK = seed(FLEXPRICE, "CreateTask / Example Usage", "TaskType: components.TypesTaskTypeImport,")
FP_LISTING = seed(FLEXPRICE, "ListTasks", "Use when listing or searching async tasks (e.g. admin queue view).")
FP_EXPORT = seed(
    FLEXPRICE,
    "DownloadTaskExport",
    "Use when letting a user download an exported file (e.g. report or data export).",
)
FP_GET = seed(FLEXPRICE, "GetTask", "Returns task by ID.")
FP_DOWNLOAD = seed(FLEXPRICE, "DownloadTaskExport", "Returns a presigned URL; supports FlexPrice or customer-owned S3.")
FP_UPDATE = seed(
    FLEXPRICE, "UpdateTaskStatus", "Use when updating task status (e.g. marking complete or failed from a worker)."
)
FP_UPDATE_SDK = seed(FLEXPRICE, "UpdateTaskStatus / Example Usage", "TaskStatus: components.TypesTaskStatusProcessing,")
FP_ERRORS = seed(FLEXPRICE, "Errors", "apierrors.ErrorsErrorResponse | 400, 404")
FP_ANY_ERROR = seed(FLEXPRICE, "Errors", "4XX, 5XX")
FP_RESULT = seed(FLEXPRICE, "GetTaskResult", "Call after task status is complete.")
FP_RESULT_SDK = seed(FLEXPRICE, "GetTaskResult / Example Usage", 'res, err := s.Tasks.GetTaskResult(ctx, "<id>")')
FP_WORKER = seed(FLEXPRICE, "UpdateTaskStatus", "Typically called by backend processors.")
FP_SECURITY = seed(FLEXPRICE, "Example Usage", 'flexprice.WithSecurity("<YOUR_API_KEY_HERE>")')
FP_METHODS = seed(FLEXPRICE, "Overview / Available Operations", "* [ListTasks](#listtasks) - List tasks")

MX_FULL = seed(MAXSIGHT, "Response", "A successful request returns the full task object.")
MX_BY_ID = seed(
    MAXSIGHT,
    "Retrieve a task from its ID",
    "Use the GET /tasks/{task_id} endpoint to retrieve the full details of a single task when you already know its "
    "unique identifier.",
)
MX_401 = seed(MAXSIGHT, "Troubleshooting", "If you receive a 401 Unauthorized response")
MX_404 = seed(MAXSIGHT, "Troubleshooting", "If you receive a 404 Task not found response")
MX_CODES = seed(MAXSIGHT, "Troubleshooting", "For a full list of the possible error codes, view the API reference.")
MX_CURRENT = seed(MAXSIGHT, "Retrieve a task from its ID", "This endpoint returns the current state of the task")
MX_AUTH = seed(MAXSIGHT, "Request", "To authenticate your request, include the apikey: YOUR_API_KEY header.")

HTTP_5XX = rfc9110(
    "15.6",
    "The 5xx (Server Error) class of status code indicates that the server is aware that it has erred or is "
    "incapable of performing the requested method.",
)
HTTP_ALLOW = rfc9110(
    "15.5.6",
    "The origin server MUST generate an Allow header field in a 405 response containing a list of the target "
    "resource's currently supported methods.",
)
