"""SailPoint's faults: the catalog's SailPoint entries and what each does (handler faults act in _server.py)."""

from __future__ import annotations

from conformance.apis.sailpoint_v2025._data import NAME
from conformance.servers._auth import anyone
from conformance.servers._clock import parse_time
from conformance.servers._faults import Fault
from conformance.servers._tampering import (
    each_task,
    head_only,
    header_rewrite,
    non_ascii_query,
    setting,
    unknown_id_answered,
    without,
)

_COUNT = (
    '000: "If *true* it will populate the *X-Total-Count* response header with the number of results that '
    'would be returned if *limit* and *offset* were ignored."'
)
_LIMIT = '000: "limit | int32 | Max number of results to return. ... [default to 250]" (decision 6: 0..250)'
_OFFSET = '000: "offset | int32 | Offset into the full result set."'
_PATCH_BODY = "/paths/~1task-status~1{id}/patch/requestBody/content"


def _not_rfc3339(text: str | None) -> str | None:
    moment = parse_time(text) if text else None
    return moment.strftime("%m/%d/%Y %H:%M:%S") if moment else text


FAULTS = (
    # response-schema
    Fault(
        "sailpoint-missing-launcher",
        NAME,
        "response-schema",
        '001: "launcher | str | Service to execute the task this TaskStatus represents | [required]"',
        "Every TaskStatus in a response lacks the required `launcher` field.",
        rewrite=each_task(without("launcher")),
    ),
    Fault(
        "sailpoint-completion-status-lowercase",
        NAME,
        "response-schema",
        "001: \"completion_status | Enum [ 'SUCCESS', 'WARNING', 'ERROR', 'TERMINATED', 'TEMPERROR' ]\"",
        "completionStatus is spelled in lower case (`success`), outside its enum.",
        rewrite=each_task(setting("completionStatus", lambda v: v and v.lower())),
    ),
    Fault(
        "sailpoint-created-not-rfc3339",
        NAME,
        "response-schema",
        "001: \"created | datetime | Creation date of the task\" (example created='2020-07-11T21:23:15Z')",
        "created is sent as `MM/DD/YYYY HH:MM:SS`, not an RFC 3339 date-time.",
        rewrite=each_task(setting("created", _not_rfc3339)),
    ),
    Fault(
        "sailpoint-percent-complete-as-string",
        NAME,
        "response-schema",
        '001: "percent_complete | int | Current percentage completion of the task"',
        'percentComplete is sent as a string ("100") instead of an integer.',
        rewrite=each_task(setting("percentComplete", str)),
    ),
    Fault(
        "sailpoint-null-messages",
        NAME,
        "response-schema",
        '001: "messages | []TaskStatusMessage | Messages associated with the task | [required]" (decision 3)',
        "messages is null instead of an array.",
        rewrite=each_task(setting("messages", lambda v: None)),
    ),
    # status-and-headers
    Fault(
        "sailpoint-unknown-id-500",
        NAME,
        "status-and-headers",
        '000, get-task-status: "Get task status by task ID." (decision 10: 404 for an id with no task)',
        "GET and PATCH /task-status/{id} with an unknown id answer 500 instead of 404.",
        rewrite=unknown_id_answered(500),
    ),
    Fault(
        "sailpoint-total-count-missing",
        NAME,
        "status-and-headers",
        _COUNT,
        "X-Total-Count is never sent, even with count=true.",
        rewrite=header_rewrite("X-Total-Count", lambda reply: None),
    ),
    Fault(
        "sailpoint-total-count-wrong",
        NAME,
        "status-and-headers",
        _COUNT,
        "With count=true, X-Total-Count counts the items on the page, not the results without limit and offset.",
        rewrite=header_rewrite("X-Total-Count", lambda reply: str(len(reply.body))),
    ),
    Fault(
        "sailpoint-head-without-total-count",
        NAME,
        "status-and-headers",
        '000, get-pending-task-headers: "Responds with headers only for list of task statuses for pending tasks." '
        "(with the count parameter)",
        "HEAD /task-status/pending-tasks omits X-Total-Count with count=true, while GET sends it.",
        rewrite=head_only(header_rewrite("X-Total-Count", lambda reply: None)),
    ),
    # semantics
    Fault(
        "sailpoint-limit-ignored",
        NAME,
        "semantics",
        _LIMIT,
        "limit is ignored: lists return up to 250 items whatever limit says.",
    ),
    Fault(
        "sailpoint-offset-ignored",
        NAME,
        "semantics",
        _OFFSET,
        "offset is ignored: every page starts at the first result.",
    ),
    Fault(
        "sailpoint-overlapping-pages",
        NAME,
        "semantics",
        _OFFSET,
        "A page at offset > 0 starts one result early, repeating the previous page's last item.",
    ),
    Fault(
        "sailpoint-filter-ignored",
        NAME,
        "semantics",
        '000: "Filtering is supported for the following fields and operators: **id**: *eq, in*  **sourceId**: '
        '*eq, in*  **completionStatus**: *eq, in*  **type**: *eq, in*"',
        "filters is validated but not applied.",
    ),
    Fault(
        "sailpoint-sort-reversed",
        NAME,
        "semantics",
        '000: "Sorting is supported for the following fields: **created**" (example: sorters := -created)',
        "sorters=created sorts newest first and sorters=-created oldest first.",
    ),
    Fault(
        "sailpoint-patch-not-persisted",
        NAME,
        "semantics",
        '000, update-task-status: "Use this API to clear a pending task by updating the completionStatus and '
        'completed attributes."',
        "PATCH answers the patched task but does not store it.",
    ),
    Fault(
        "sailpoint-pending-includes-completed",
        NAME,
        "semantics",
        '000, get-pending-tasks: "Retrieve a list of statuses for pending tasks."',
        "The pending list also holds completed tasks.",
    ),
    # security
    Fault(
        "sailpoint-auth-ignored",
        NAME,
        "security",
        '000: "ctx | context.Context | context for authentication" (decision 9: a bearer token is required)',
        "Requests without a bearer token, or with a wrong one, are served.",
        waves_through=anyone,
    ),
    # input-validation
    Fault(
        "sailpoint-limit-250-rejected",
        NAME,
        "input-validation",
        _LIMIT,
        "limit above 100, such as the documented default 250, is rejected with 400; the default becomes 100.",
        contract_edits=(
            {"op": "replace", "path": "/components/parameters/limit/schema/maximum", "value": 100},
            {"op": "replace", "path": "/components/parameters/limit/schema/default", "value": 100},
        ),
    ),
    Fault(
        "sailpoint-patch-media-type-rejected",
        NAME,
        "input-validation",
        '000, update-task-status: "Content-Type: application/json-patch+json"',
        "PATCH accepts only application/json and rejects the documented application/json-patch+json with 400.",
        contract_edits=(
            {
                "op": "move",
                "from": f"{_PATCH_BODY}/application~1json-patch+json",
                "path": f"{_PATCH_BODY}/application~1json",
            },
        ),
    ),
    # robustness
    Fault(
        "sailpoint-non-ascii-filter-500",
        NAME,
        "robustness",
        '000: "filters | string | Filter results using the standard syntax" (any value between the quotes)',
        "A filters value holding any non-ASCII character crashes the server: 500, text/plain.",
        crash=non_ascii_query("filters"),
    ),
)
