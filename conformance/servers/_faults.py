"""The catalog of faults: each turns the reference servers into a known-bad implementation of one statement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

FaultApi = Literal["sailpoint-v2025", "flexprice", "maxsight-v5", "all"]
Category = Literal["response-schema", "status-and-headers", "semantics", "security", "input-validation", "robustness"]
CATEGORIES: tuple[Category, ...] = (
    "response-schema",
    "status-and-headers",
    "semantics",
    "security",
    "input-validation",
    "robustness",
)


@dataclass(frozen=True)
class Fault:
    """One known deviation: which API, which kind, the document statement it breaks, and what it does."""

    name: str
    api: FaultApi
    category: Category
    statement: str
    description: str


_SP = "sailpoint-v2025"
_FP = "flexprice"
_MX = "maxsight-v5"

_SP_COUNT = (
    '000: "If *true* it will populate the *X-Total-Count* response header with the number of results that '
    'would be returned if *limit* and *offset* were ignored."'
)
_SP_LIMIT = '000: "limit | int32 | Max number of results to return. ... [default to 250]" (decision 6: 0..250)'
_SP_OFFSET = '000: "offset | int32 | Offset into the full result set."'
_FP_ERRORS = '002, Errors tables: "apierrors.ErrorsErrorResponse | 400, 404 | application/json"'
_FP_LIST = '002, ListTasks: "Returns list with optional filtering." (decision 15)'
_MX_FULL = '003: "A successful request returns the full task object." (decision 19)'

_CATALOG = (
    # response-schema
    Fault(
        "sailpoint-missing-launcher",
        _SP,
        "response-schema",
        '001: "launcher | str | Service to execute the task this TaskStatus represents | [required]"',
        "Every TaskStatus in a response lacks the required `launcher` field.",
    ),
    Fault(
        "sailpoint-completion-status-lowercase",
        _SP,
        "response-schema",
        "001: \"completion_status | Enum [ 'SUCCESS', 'WARNING', 'ERROR', 'TERMINATED', 'TEMPERROR' ]\"",
        "completionStatus is spelled in lower case (`success`), outside its enum.",
    ),
    Fault(
        "sailpoint-created-not-rfc3339",
        _SP,
        "response-schema",
        "001: \"created | datetime | Creation date of the task\" (example created='2020-07-11T21:23:15Z')",
        "created is sent as `MM/DD/YYYY HH:MM:SS`, not an RFC 3339 date-time.",
    ),
    Fault(
        "sailpoint-percent-complete-as-string",
        _SP,
        "response-schema",
        '001: "percent_complete | int | Current percentage completion of the task"',
        'percentComplete is sent as a string ("100") instead of an integer.',
    ),
    Fault(
        "sailpoint-null-messages",
        _SP,
        "response-schema",
        '001: "messages | []TaskStatusMessage | Messages associated with the task | [required]" (decision 3)',
        "messages is null instead of an array.",
    ),
    Fault(
        "flexprice-missing-id",
        _FP,
        "response-schema",
        '002, CreateTask: "Returns task ID to poll for status and result." (decision 11: id required)',
        "Task bodies (create, get, list items) lack `id`.",
    ),
    Fault(
        "flexprice-status-lowercase",
        _FP,
        "response-schema",
        '002: "TaskStatus: components.TypesTaskStatusProcessing" (decision 13: PENDING, PROCESSING, COMPLETED, FAILED)',
        "task_status is spelled in lower case (`pending`), outside its enum.",
    ),
    Fault(
        "flexprice-pagination-total-as-string",
        _FP,
        "response-schema",
        '002, ListTasks: "res.DtoListTasksResponse" (decision 15: pagination {total, limit, offset} integers)',
        'pagination.total is sent as a string ("320").',
    ),
    Fault(
        "maxsight-missing-data-version",
        _MX,
        "response-schema",
        _MX_FULL + ', which shows "data_version": 0',
        "The task object lacks the `data_version` key.",
    ),
    Fault(
        "maxsight-null-created-at",
        _MX,
        "response-schema",
        _MX_FULL + ', which shows "created_at": "2019-08-24T14:15:22Z"',
        "created_at is null.",
    ),
    # status-and-headers
    Fault(
        "sailpoint-unknown-id-500",
        _SP,
        "status-and-headers",
        '000, get-task-status: "Get task status by task ID." (decision 10: 404 for an id with no task)',
        "GET and PATCH /task-status/{id} with an unknown id answer 500 instead of 404.",
    ),
    Fault(
        "sailpoint-total-count-missing",
        _SP,
        "status-and-headers",
        _SP_COUNT,
        "X-Total-Count is never sent, even with count=true.",
    ),
    Fault(
        "sailpoint-total-count-wrong",
        _SP,
        "status-and-headers",
        _SP_COUNT,
        "With count=true, X-Total-Count counts the items on the page, not the results without limit and offset.",
    ),
    Fault(
        "sailpoint-head-without-total-count",
        _SP,
        "status-and-headers",
        '000, get-pending-task-headers: "Responds with headers only for list of task statuses for pending tasks." '
        "(with the count parameter)",
        "HEAD /task-status/pending-tasks omits X-Total-Count with count=true, while GET sends it.",
    ),
    Fault(
        "flexprice-unknown-id-200",
        _FP,
        "status-and-headers",
        _FP_ERRORS,
        "GET /tasks/{id} with an unknown id answers 200 (with the error body) instead of 404.",
    ),
    Fault(
        "flexprice-errors-text-plain",
        _FP,
        "status-and-headers",
        _FP_ERRORS,
        "400 and 404 errors are sent as text/plain, not as a JSON error body.",
    ),
    Fault(
        "maxsight-unknown-id-200",
        _MX,
        "status-and-headers",
        '003: "If you receive a 404 Task not found response, check that the task_id is valid."',
        "An unknown task_id answers 200 (with the not-found message as the body) instead of 404.",
    ),
    Fault(
        "maxsight-text-plain",
        _MX,
        "status-and-headers",
        _MX_FULL + " (a JSON object)",
        "The task is served with Content-Type text/plain.",
    ),
    Fault(
        "all-405-without-allow",
        "all",
        "status-and-headers",
        '000 and 002 list the methods of each path ("Method | HTTP request"); RFC 9110 section 15.5.6: '
        '"The origin server MUST generate an Allow header field in a 405 response"',
        "An undocumented method gets 405 without an Allow header.",
    ),
    # semantics
    Fault(
        "sailpoint-limit-ignored",
        _SP,
        "semantics",
        _SP_LIMIT,
        "limit is ignored: lists return up to 250 items whatever limit says.",
    ),
    Fault(
        "sailpoint-offset-ignored",
        _SP,
        "semantics",
        _SP_OFFSET,
        "offset is ignored: every page starts at the first result.",
    ),
    Fault(
        "sailpoint-overlapping-pages",
        _SP,
        "semantics",
        _SP_OFFSET,
        "A page at offset > 0 starts one result early, repeating the previous page's last item.",
    ),
    Fault(
        "sailpoint-filter-ignored",
        _SP,
        "semantics",
        '000: "Filtering is supported for the following fields and operators: **id**: *eq, in*  **sourceId**: '
        '*eq, in*  **completionStatus**: *eq, in*  **type**: *eq, in*"',
        "filters is validated but not applied.",
    ),
    Fault(
        "sailpoint-sort-reversed",
        _SP,
        "semantics",
        '000: "Sorting is supported for the following fields: **created**" (example: sorters := -created)',
        "sorters=created sorts newest first and sorters=-created oldest first.",
    ),
    Fault(
        "sailpoint-patch-not-persisted",
        _SP,
        "semantics",
        '000, update-task-status: "Use this API to clear a pending task by updating the completionStatus and '
        'completed attributes."',
        "PATCH answers the patched task but does not store it.",
    ),
    Fault(
        "sailpoint-pending-includes-completed",
        _SP,
        "semantics",
        '000, get-pending-tasks: "Retrieve a list of statuses for pending tasks."',
        "The pending list also holds completed tasks.",
    ),
    Fault(
        "flexprice-filter-ignored",
        _FP,
        "semantics",
        _FP_LIST,
        "The task_type, entity_type and task_status filters are ignored.",
    ),
    Fault(
        "flexprice-order-ignored",
        _FP,
        "semantics",
        _FP_LIST + ", order asc|desc",
        "order is ignored: lists are always newest first.",
    ),
    Fault(
        "flexprice-status-update-not-persisted",
        _FP,
        "semantics",
        '002, UpdateTaskStatus: "Use when updating task status (e.g. marking complete or failed from a worker)."',
        "PUT /tasks/{id}/status answers 200 but the task keeps its old status.",
    ),
    Fault(
        "flexprice-created-task-not-listed",
        _FP,
        "semantics",
        '002: CreateTask "Returns task ID to poll for status and result."; ListTasks "Use when listing or searching '
        'async tasks"',
        "Tasks created through POST /tasks never appear in GET /tasks.",
    ),
    Fault(
        "flexprice-download-any-task",
        _FP,
        "semantics",
        '002, DownloadTaskExport: "Use when letting a user download an exported file (e.g. report or data '
        'export). Returns a presigned URL"',
        "Download answers 200 with a URL for any task, even one with no export file.",
    ),
    Fault(
        "maxsight-returns-other-task",
        _MX,
        "semantics",
        '003: "Use the GET /tasks/{task_id} endpoint to retrieve the full details of a single task when you '
        'already know its unique identifier."',
        "GET /tasks/{task_id} returns the next task in the store, not the one asked for.",
    ),
    # security
    Fault(
        "sailpoint-auth-ignored",
        _SP,
        "security",
        '000: "ctx | context.Context | context for authentication" (decision 9: a bearer token is required)',
        "Requests without a bearer token, or with a wrong one, are served.",
    ),
    Fault(
        "flexprice-any-api-key-accepted",
        _FP,
        "security",
        '002: "flexprice.WithSecurity(\\"<YOUR_API_KEY_HERE>\\")" (decision 14: x-api-key)',
        "Any non-empty x-api-key is accepted; a missing key still gets 401.",
    ),
    Fault(
        "maxsight-auth-ignored",
        _MX,
        "security",
        '003: "If you receive a 401 Unauthorized response, make sure the apikey header is included and contains '
        'a valid key."',
        "Requests without an apikey header, or with a wrong one, are served.",
    ),
    # input-validation
    Fault(
        "sailpoint-experimental-header-optional",
        _SP,
        "input-validation",
        '000: "You must include the X-SailPoint-Experimental header and set it to `true` to use this endpoint."',
        "Requests without X-SailPoint-Experimental, or with another value, are served.",
    ),
    Fault(
        "sailpoint-limit-over-max-accepted",
        _SP,
        "input-validation",
        _SP_LIMIT,
        "limit above 250 is accepted (limit=1000 returns up to 1000 items).",
    ),
    Fault(
        "sailpoint-limit-250-rejected",
        _SP,
        "input-validation",
        _SP_LIMIT,
        "limit above 100, such as the documented default 250, is rejected with 400; the default becomes 100.",
    ),
    Fault(
        "sailpoint-patch-media-type-rejected",
        _SP,
        "input-validation",
        '000, update-task-status: "Content-Type: application/json-patch+json"',
        "PATCH accepts only application/json and rejects the documented application/json-patch+json with 400.",
    ),
    Fault(
        "flexprice-create-enum-unchecked",
        _FP,
        "input-validation",
        '002, CreateTask: "TaskType: components.TypesTaskTypeImport" (decision 13: IMPORT or EXPORT)',
        "POST /tasks accepts any task_type string (e.g. BOGUS) and stores it.",
    ),
    Fault(
        "flexprice-limit-over-100-rejected",
        _FP,
        "input-validation",
        _FP_LIST + ", limit 1..1000",
        "limit above 100 (e.g. 250 or 1000) is rejected with 400.",
    ),
    # robustness
    Fault(
        "sailpoint-non-ascii-filter-500",
        _SP,
        "robustness",
        '000: "filters | string | Filter results using the standard syntax" (any value between the quotes)',
        "A filters value holding any non-ASCII character crashes the server: 500, text/plain.",
    ),
    Fault(
        "flexprice-non-ascii-id-500",
        _FP,
        "robustness",
        '002: "id | string | :heavy_check_mark: | Task ID"',
        "A task id holding any non-ASCII character crashes the server: 500, text/plain.",
    ),
    Fault(
        "maxsight-non-ascii-id-500",
        _MX,
        "robustness",
        '003: "If you receive a 404 Task not found response, check that the task_id is valid."',
        "A task_id holding any non-ASCII character crashes the server (500, text/plain) instead of 404.",
    ),
)

FAULTS: dict[str, Fault] = {fault.name: fault for fault in _CATALOG}


def check_fault_names(names: Iterable[str]) -> frozenset[str]:
    """The given fault names as a set; ValueError naming the valid ones when any is unknown."""
    chosen = frozenset(names)
    unknown = sorted(chosen - FAULTS.keys())
    if unknown:
        raise ValueError(f"unknown fault {', '.join(map(repr, unknown))}; valid faults: {', '.join(FAULTS)}")
    return chosen


def applies_to(fault_name: str, api_name: str) -> bool:
    """True when the named fault acts on `api_name` (its own API, or every API)."""
    return FAULTS[fault_name].api in (api_name, "all")
