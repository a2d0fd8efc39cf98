"""SailPoint's variants: faithful servers that settled the page's open questions differently, or aged by others."""

from __future__ import annotations

import copy
import dataclasses
import re
import unicodedata

from conformance.apis.sailpoint_v2025._data import NAME, SP_COMPLETION_STATUSES
from conformance.apis.sailpoint_v2025._statements import (
    SP_COUNT,
    SP_EXPERIMENTAL,
    SP_FILTERS,
    SP_HEAD,
    SP_LIMIT_DEFAULT,
    SP_OFFSET,
    SP_PATCH_CT,
    SP_PENDING,
    SP_SORTERS,
    SP_UPDATE,
)
from conformance.core._statements import decision
from conformance.servers._clock import format_time
from conformance.servers._data import Task
from conformance.servers._http import ApiError, Reply
from conformance.servers._service import Call
from conformance.servers._tampering import Exchange, each_task
from conformance.servers._throttle import RateLimit
from conformance.servers._variants import (
    Handler,
    Incoming,
    Query,
    Variant,
    aged,
    clamped,
    defaulted,
    digest,
    errors_only,
    for_operations,
    query_rewrite,
    reply_for,
    with_status,
    wrapping,
)

_LISTS = ("getPendingTasks", "getPendingTaskHeaders", "getTaskStatusList")
_FILTERS = "/paths/~1task-status/get/parameters/4"
_PATCH_BODY = "/paths/~1task-status~1{id}/patch/requestBody/content"
_SINGLE_TERM = r'^(id|sourceId|completionStatus|type) (eq "[^"]*"|in \("[^"]*"(, ?"[^"]*")*\))$'
_STATUS_TERM = re.compile(r'completionStatus (?:eq "[^"]*"|in \("[^"]*"(?:, ?"[^"]*")*\))')
_OPTIONAL_OBJECTS = ("target", "taskDefinitionSummary")
_TRUTHY = {"1": "true", "yes": "true", "TRUE": "true", "True": "true", "0": "false", "no": "false", "FALSE": "false"}


def _case_sensitive_statuses(query: Query) -> Query:
    """completionStatus literals not spelled as the enum match no task (the term itself stays valid)."""

    def exact(term: re.Match[str]) -> str:
        return re.sub(r'"([^"]*)"', lambda q: q[0] if q[1] in SP_COMPLETION_STATUSES else '"~"', term[0])

    return [(key, _STATUS_TERM.sub(exact, value) if key == "filters" else value) for key, value in query]


def _lenient_booleans(query: Query) -> Query:
    return [(key, _TRUTHY.get(value, value) if key == "count" else value) for key, value in query]


def _pending_by_completion_status(handler: Handler) -> Handler:
    """The list handlers, deciding pending (not yet cleared) from completionStatus instead of completed."""

    def handle(call: Call) -> Reply:
        with call.store.lock:
            originals = dict(call.store.tasks[NAME])
        cleared = {
            task_id: {**task, "completed": None if task["completionStatus"] is None else "cleared"}
            for task_id, task in originals.items()
        }
        view = copy.copy(call.store)
        view.tasks = {**call.store.tasks, NAME: cleared}
        reply = handler(dataclasses.replace(call, store=view))
        if reply.status != 200:
            return reply
        return dataclasses.replace(reply, body=[originals[task["id"]] for task in reply.body])

    return handle


def _half_updated(index: int, task: Task) -> Task | None:
    """Every 5th pending task got only its completionStatus patched; every 7th completed one lost it."""
    if task["completed"] is None and index % 5 == 1:
        return {**task, "completionStatus": SP_COMPLETION_STATUSES[index % 3]}
    if task["completed"] is not None and index % 7 == 3:
        return {**task, "completionStatus": None}
    return None


def _identity_target(index: int, task: Task) -> Task | None:
    """Identity refreshes name the identity they refreshed as their target (Target.type IDENTITY)."""
    if task["target"] is not None or task["uniqueName"] != "Identity Refresh":
        return None
    return {**task, "target": {"id": digest("identity", task["id"])[:32], "type": "IDENTITY", "name": "Identities"}}


def _always_counted(handler: Handler) -> Handler:
    return lambda call: handler(dataclasses.replace(call, params={**call.params, "count": True}))


def _unapplicable_patch_422(handler: Handler) -> Handler:
    """RFC 5789 section 2.2: a well-formed patch that cannot be applied is 422 Unprocessable Content."""

    def handle(call: Call) -> Reply:
        try:
            return handler(call)
        except ApiError as exc:
            raise (ApiError(422, exc.message, exc.headers) if exc.status == 400 else exc) from None

    return handle


def _completing_patch(handler: Handler) -> Handler:
    """A patch that sets completionStatus on a task without a completion date also stamps completed and modified."""

    def handle(call: Call) -> Reply:
        with call.store.lock:
            reply = handler(call)
            task = reply.body
            if reply.status != 200 or task["completionStatus"] is None or task["completed"] is not None:
                return reply
            now = format_time(call.store.clock.now())
            task = {**task, "completed": now, "modified": now}
            call.store.tasks[NAME][task["id"]] = task
        return dataclasses.replace(reply, body=task)

    return handle


def _experimental_403(exchange: Exchange, reply: Reply) -> Reply:
    """The contract's 400 for a request without X-SailPoint-Experimental: true, answered 403 (not enabled)."""
    if reply.status != 400 or exchange.headers.get("x-sailpoint-experimental") == "true":
        return reply
    message = "this experimental API is not enabled: send X-SailPoint-Experimental: true"
    return Reply(403, exchange.api.server.error_body(403, message), reply.headers)


def _printable_filters(incoming: Incoming) -> tuple[int, str] | None:
    filters = "".join(value for key, value in incoming.exchange.query if key == "filters")
    if any(unicodedata.category(char).startswith("C") for char in filters):
        return 400, "filters may hold printable characters only"
    return None


def _without_empty_objects(task: Task) -> Task:
    return {key: value for key, value in task.items() if value is not None or key not in _OPTIONAL_OBJECTS}


def _as_problem(reply: Reply) -> Reply:
    return dataclasses.replace(reply, media_type="application/problem+json")


_EXPERIMENTAL = "/components/parameters/ExperimentalHeader"
_ISNULL = "completionStatus isnull"
_ISNULL_TERM = re.compile(r"(?:^| and )completionStatus isnull(?= and |$)")
_TERM = r'(id|sourceId|completionStatus|type) (eq "[^"]*"|in \("[^"]*"(, ?"[^"]*")*\))|completionStatus isnull'
_WITH_ISNULL = f"^({_TERM})( and ({_TERM}))*$"
_PENDING_OPERATIONS = ("getPendingTasks", "getPendingTaskHeaders")


def _never_modified(index: int, task: Task) -> Task | None:
    """A task not launched yet has not been modified since it was created: `modified` is null."""
    return {**task, "modified": None} if task["launched"] is None and task["modified"] is not None else None


def _isnull_filter(handler: Handler) -> Handler:
    """`completionStatus isnull` keeps the tasks without a completion status; the other terms work as before."""

    def handle(call: Call) -> Reply:
        filters = call.params.get("filters")
        if not isinstance(filters, str) or not _ISNULL_TERM.search(filters):
            return handler(call)
        rest = _ISNULL_TERM.sub("", filters).removeprefix(" and ")
        params = {key: value for key, value in call.params.items() if key != "filters"}
        with call.store.lock:
            tasks = dict(call.store.tasks[NAME])
        view = copy.copy(call.store)
        view.tasks = {
            **call.store.tasks,
            NAME: {task_id: task for task_id, task in tasks.items() if task["completionStatus"] is None},
        }
        return handler(dataclasses.replace(call, store=view, params={**params, **({"filters": rest} if rest else {})}))

    return handle


def _empty_pending_204(exchange: Exchange, reply: Reply) -> Reply:
    """A pending list that finds no task answers 204 No Content (GET and HEAD alike)."""
    if exchange.operation not in _PENDING_OPERATIONS or reply.status != 200 or reply.body != []:
        return reply
    return Reply(204, None, reply.headers, media_type=None)


def _unauthorized_as_text_error(exchange: Exchange, reply: Reply) -> Reply:
    """A 401 body is `{"error": "<what failed>"}`, a string, as the current description's example shows it."""
    if reply.status != 401 or not isinstance(reply.body, dict):
        return reply
    texts = [m.get("text") for m in (reply.body.get("error") or {}).get("messages", []) if isinstance(m, dict)]
    return dataclasses.replace(reply, body={"error": next((t for t in texts if t), "JWT validation failed")})


VARIANTS = (
    Variant(
        "sailpoint-filters-case-sensitive",
        NAME,
        (decision(1),),
        'completionStatus filter values match only in the enum\'s spelling: "Success" matches no task.',
        query=query_rewrite(for_operations("getTaskStatusList"), _case_sensitive_statuses),
    ),
    Variant(
        "sailpoint-pending-by-completion-status",
        NAME,
        (SP_UPDATE, decision(2), decision(35)),
        "A task is pending until its completionStatus is set (not its completed date); the lists follow that.",
        handlers=wrapping(_LISTS, _pending_by_completion_status),
    ),
    Variant(
        "sailpoint-half-updated-tasks",
        NAME,
        (SP_UPDATE, decision(35)),
        "Aged: earlier clients patched one completion field only (a status without a date, or a status removed).",
        age=aged(NAME, _half_updated),
    ),
    Variant(
        "sailpoint-identity-targets",
        NAME,
        (decision(4), decision(26)),
        "Identity refresh tasks carry a target of type IDENTITY instead of none.",
        age=aged(NAME, _identity_target),
    ),
    Variant(
        "sailpoint-limit-clamped",
        NAME,
        (decision(6), SP_LIMIT_DEFAULT),
        "limit above 250 (any integer) is accepted and served as 250.",
        group="sailpoint-limit-above-250",
        query=query_rewrite(for_operations(*_LISTS), clamped("limit", 250)),
    ),
    Variant(
        "sailpoint-limit-unbounded",
        NAME,
        (decision(6), SP_LIMIT_DEFAULT),
        "limit above 250 is accepted: limit=1000 returns up to 1000 items.",
        group="sailpoint-limit-above-250",
        contract_edits=({"op": "replace", "path": "/components/parameters/limit/schema/maximum", "value": 2**31 - 1},),
    ),
    Variant(
        "sailpoint-limit-zero-rejected",
        NAME,
        (decision(6),),
        "limit=0 is rejected with 400: a page holds at least one result (1..250).",
        contract_edits=({"op": "replace", "path": "/components/parameters/limit/schema/minimum", "value": 1},),
    ),
    Variant(
        "sailpoint-offset-unbounded",
        NAME,
        (decision(6), decision(39), SP_OFFSET),
        "offset beyond the int32 range is accepted (an empty page), as a 64-bit server reads it.",
        contract_edits=({"op": "remove", "path": "/components/parameters/offset/schema/format"},),
    ),
    Variant(
        "sailpoint-total-count-always",
        NAME,
        (decision(8), SP_COUNT),
        "X-Total-Count is sent on every list answer, with count=true or not.",
        handlers=wrapping(_LISTS, _always_counted),
    ),
    Variant(
        "sailpoint-count-lenient",
        NAME,
        (decision(42),),
        "count also takes 1, yes, TRUE, True (and 0, no, FALSE) for true and false.",
        query=query_rewrite(for_operations(*_LISTS), _lenient_booleans),
    ),
    Variant(
        "sailpoint-experimental-header-403",
        NAME,
        (SP_EXPERIMENTAL, decision(7), decision(10)),
        "A request without X-SailPoint-Experimental: true gets 403 (the API is not enabled), not 400.",
        group="sailpoint-experimental-header",
        reply=_experimental_403,
    ),
    Variant(
        "sailpoint-patch-unapplicable-422",
        NAME,
        (decision(23), decision(10)),
        "A well-formed patch that cannot be applied gets 422 (RFC 5789), not 400.",
        handlers={"updateTaskStatus": _unapplicable_patch_422},
    ),
    Variant(
        "sailpoint-patch-accepts-json",
        NAME,
        (decision(23), decision(38), SP_PATCH_CT),
        "PATCH also accepts the patch as application/json.",
        contract_edits=(
            {
                "op": "copy",
                "from": f"{_PATCH_BODY}/application~1json-patch+json",
                "path": f"{_PATCH_BODY}/application~1json",
            },
        ),
    ),
    Variant(
        "sailpoint-patch-completes-task",
        NAME,
        (SP_UPDATE, decision(35)),
        "A patch that sets completionStatus on a task with no completion date also stamps completed and modified.",
        handlers={"updateTaskStatus": _completing_patch},
    ),
    Variant(
        "sailpoint-head-204",
        NAME,
        (decision(27), decision(40), SP_HEAD),
        "HEAD /task-status/pending-tasks answers 204 No Content.",
        reply=reply_for(for_operations("getPendingTaskHeaders"), with_status(200, 204)),
    ),
    Variant(
        "sailpoint-filters-single-term",
        NAME,
        (decision(5),),
        "filters takes one term: terms joined with `and` get 400.",
        group="sailpoint-filters-grammar",
        contract_edits=(
            {"op": "test", "path": f"{_FILTERS}/name", "value": "filters"},
            {"op": "replace", "path": f"{_FILTERS}/schema/pattern", "value": _SINGLE_TERM},
        ),
    ),
    Variant(
        "sailpoint-filters-printable-only",
        NAME,
        (decision(5), decision(39)),
        "A filters value holding a control, format or unassigned character gets 400.",
        refuse=_printable_filters,
    ),
    Variant(
        "sailpoint-newest-first",
        NAME,
        (SP_SORTERS,),
        "Without sorters, the task status list is newest first (as sorters=-created).",
        query=query_rewrite(for_operations("getTaskStatusList"), defaulted("sorters", "-created")),
    ),
    Variant(
        "sailpoint-optional-objects-absent",
        NAME,
        (decision(3),),
        "A task without a target or task definition leaves the key out instead of sending null.",
        reply=each_task(_without_empty_objects),
    ),
    Variant(
        "sailpoint-errors-problem-json",
        NAME,
        (decision(10),),
        "Error answers carry their JSON object as application/problem+json (RFC 9457).",
        group="sailpoint-error-shape",
        reply=errors_only(_as_problem),
    ),
    Variant(
        "sailpoint-experimental-header-not-required",
        NAME,
        (decision(7), decision(28)),
        "Requests without X-SailPoint-Experimental (or with any value) are served, as SailPoint's current v2025 "
        "description no longer declares the header and its current SDK does not send it.",
        group="sailpoint-experimental-header",
        contract_edits=(
            {"op": "replace", "path": f"{_EXPERIMENTAL}/required", "value": False},
            {"op": "remove", "path": f"{_EXPERIMENTAL}/schema/enum"},
        ),
    ),
    Variant(
        "sailpoint-modified-null",
        NAME,
        (decision(3), decision(25)),
        "A task not launched yet sends modified: null, as SailPoint's current v2025 TaskStatus schema makes "
        "modified nullable.",
        age=aged(NAME, _never_modified),
    ),
    Variant(
        "sailpoint-pending-empty-204",
        NAME,
        (decision(27), decision(40), SP_PENDING),
        "GET and HEAD /task-status/pending-tasks answer 204 No Content when no task is pending on the page, as "
        "SailPoint's current v2025 description documents 204 for both.",
        reply=_empty_pending_204,
    ),
    Variant(
        "sailpoint-rate-limited",
        NAME,
        (decision(33),),
        "At most 100 requests per 10 s: the rest get 429 with Retry-After, as SailPoint's current v2025 "
        'description documents 429 ("The Retry-After header in the response includes how long to wait") and '
        "SailPoint publishes 100 requests per 10 s for its API gateway.",
        rate_limit=RateLimit(100, 10.0),
    ),
    Variant(
        "sailpoint-filters-isnull",
        NAME,
        (decision(5), SP_FILTERS),
        "filters also takes `completionStatus isnull` (tasks without a completion status), as SailPoint's current "
        "v2025 description lists completionStatus: eq, in, isnull.",
        group="sailpoint-filters-grammar",
        contract_edits=(
            {"op": "test", "path": f"{_FILTERS}/name", "value": "filters"},
            {"op": "replace", "path": f"{_FILTERS}/schema/pattern", "value": _WITH_ISNULL},
        ),
        handlers={"getTaskStatusList": _isnull_filter},
    ),
    Variant(
        "sailpoint-401-error-text",
        NAME,
        (decision(10), decision(27)),
        '401 answers {"error": "<what failed>"} with a string, as the example of SailPoint\'s current v2025 '
        'description shows ("JWT validation failed: JWT is expired").',
        group="sailpoint-error-shape",
        reply=_unauthorized_as_text_error,
    ),
)
