"""The vendors' official Python SDKs as clients of `taskconform serve`: every operation, read by the SDK's own models.

SailPoint: `sailpoint` 1.4.2, `sailpoint.v2025` TaskManagementApi (its TaskStatus models declare the same fields as
the `sailpoint.beta` ones seed 001 documents). Flexprice: `flexprice` 2.1.20, `Flexprice().tasks`. The SDKs' enum
checks only warn on an unknown value; here such a warning is an error.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import flexprice
import pytest
from flexprice import Flexprice
from sailpoint.configuration import Configuration, ConfigurationParams
from sailpoint.v2025.api.task_management_api import TaskManagementApi
from sailpoint.v2025.api_client import ApiClient
from sailpoint.v2025.exceptions import ApiException, BadRequestException, NotFoundException, UnauthorizedException
from sailpoint.v2025.models.json_patch_operation import JsonPatchOperation
from sailpoint.v2025.models.task_status import TaskStatus
from sailpoint.v2025.models.update_multi_host_sources_request_inner_value import (
    UpdateMultiHostSourcesRequestInnerValue as PatchValue,
)

from conformance._registry import CREDENTIALS
from tests.servers.helpers import EXPERIMENTAL, Served, send, serve_process

pytestmark = [
    pytest.mark.filterwarnings("error::UserWarning"),  # the SDKs' "must be one of enum values" warnings
    pytest.mark.filterwarnings("ignore:HEAD /task-status/pending-tasks is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:GET /task-status/pending-tasks is deprecated:DeprecationWarning"),
]

PAGE = 250
COMPLETION_STATUSES = {"SUCCESS", "WARNING", "ERROR", "TERMINATED", "TEMPERROR"}
SP_LIST_CALLS = 4  # upper bound of pages per list: 400 seed tasks at 250 a page, with room to spare


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    """`taskconform serve` as a real process on a free loopback port, built-in credentials."""
    with serve_process() as running:
        yield running


@pytest.fixture
def origin(served: Served) -> str:
    """The served origin, its data restored to the seed state."""
    assert send("POST", f"{served.origin}/_reference/reset").status_code == 200
    return served.origin


def sailpoint_api(
    origin: str, token: str = CREDENTIALS["sailpoint-v2025"], *, retries: bool | None = None
) -> TaskManagementApi:
    """The SDK's TaskManagementApi on `origin` with an access token (no OAuth round trip) and experimental calls on;
    `retries=False` stops urllib3 from retrying (by default it waits out a 429's Retry-After and tries again)."""
    params = ConfigurationParams()
    params.base_url = origin
    params.access_token = token
    configuration = Configuration(params)
    configuration.experimental = True
    configuration.suppress_experimental_warnings = True
    configuration.retries = retries
    return TaskManagementApi(ApiClient(configuration))


def flexprice_sdk(origin: str) -> Flexprice:
    """The Flexprice SDK on `origin`'s /v1 with the built-in API key."""
    return Flexprice(api_key_auth=CREDENTIALS["flexprice"], server_url=f"{origin}/v1")


def _header(headers: Any, name: str) -> str:
    """A response header by name, whatever the case the SDK's mapping keeps it in."""
    return next(value for key, value in dict(headers).items() if key.lower() == name.lower())


def _every_page(fetch: Callable[..., Any]) -> tuple[list[TaskStatus], int]:
    """Every task a paged SailPoint list holds, and the X-Total-Count of its first page."""
    tasks: list[TaskStatus] = []
    total = None
    for page in range(SP_LIST_CALLS):
        response = fetch(offset=page * PAGE, limit=PAGE, count=True, _headers=EXPERIMENTAL)
        assert response.status_code == 200
        total = int(_header(response.headers, "X-Total-Count")) if total is None else total
        items = list(response.data)
        tasks += items
        if len(items) < PAGE:
            return tasks, total
    raise AssertionError(f"more than {SP_LIST_CALLS} pages")


# SailPoint v2025 Task Management


def test_sailpoint_list_reads_every_completed_task(origin: str) -> None:
    tasks, total = _every_page(sailpoint_api(origin).get_task_status_list_with_http_info)
    assert len(tasks) == total >= 250
    assert len({task.id for task in tasks}) == len(tasks)
    assert all(task.completed is not None and task.completion_status in COMPLETION_STATUSES for task in tasks)
    assert all(task.modified >= task.created and task.description for task in tasks)


@pytest.mark.parametrize(
    ("filters", "sorters", "wanted"),
    [
        pytest.param(
            'completionStatus eq "SUCCESS"', "-created", lambda task: task.completion_status == "SUCCESS", id="eq"
        ),
        pytest.param('type in ("QUARTZ", "QPOC")', "created", lambda task: task.type in ("QUARTZ", "QPOC"), id="in"),
        pytest.param(
            'completionStatus in ("ERROR", "TEMPERROR") and type eq "QUEUED_TASK"',
            "-created",
            lambda task: task.completion_status in ("ERROR", "TEMPERROR") and task.type == "QUEUED_TASK",
            id="and",
        ),
    ],
)
def test_sailpoint_list_with_filters_and_sorters(
    origin: str, filters: str, sorters: str, wanted: Callable[[TaskStatus], bool]
) -> None:
    api = sailpoint_api(origin)
    everything, _ = _every_page(api.get_task_status_list_with_http_info)
    tasks = api.get_task_status_list(filters=filters, sorters=sorters, limit=PAGE, _headers=EXPERIMENTAL)
    assert tasks and {task.id for task in tasks} == {task.id for task in everything if wanted(task)}
    created = [task.created for task in tasks]
    assert created == sorted(created, reverse=sorters.startswith("-"))


def test_sailpoint_pending_reads_every_pending_task(origin: str) -> None:
    tasks, total = _every_page(sailpoint_api(origin).get_pending_tasks_with_http_info)
    assert len(tasks) == total >= 50
    assert all(task.completed is None and task.completion_status is None for task in tasks)
    assert any(task.launched is None for task in tasks) and any(task.launched for task in tasks)
    assert all(task.modified >= task.created for task in tasks)


def test_sailpoint_head_pending_answers_the_pending_count_without_a_body(origin: str) -> None:
    api = sailpoint_api(origin)
    response = api.get_pending_task_headers_with_http_info(count=True, _headers=EXPERIMENTAL)
    assert (response.status_code, response.data, response.raw_data) == (200, None, b"")
    pending, total = _every_page(api.get_pending_tasks_with_http_info)
    assert int(_header(response.headers, "X-Total-Count")) == total == len(pending)
    assert api.get_pending_task_headers(offset=1, limit=10, _headers=EXPERIMENTAL) is None


def test_sailpoint_get_by_id_equals_the_listed_task(origin: str) -> None:
    api = sailpoint_api(origin)
    listed = api.get_task_status_list(limit=20, _headers=EXPERIMENTAL) + api.get_pending_tasks(
        limit=20, _headers=EXPERIMENTAL
    )
    for task in listed:
        assert api.get_task_status(task.id, _headers=EXPERIMENTAL) == task


def test_sailpoint_unknown_id_raises_the_sdks_not_found_exception(origin: str) -> None:
    with pytest.raises(NotFoundException) as raised:
        sailpoint_api(origin).get_task_status("00000000000000000000000000000000", _headers=EXPERIMENTAL)
    assert raised.value.status == 404


def test_sailpoint_patch_clears_a_pending_task_and_the_next_get_shows_it(origin: str) -> None:
    api = sailpoint_api(origin)
    pending = api.get_pending_tasks(limit=PAGE, _headers=EXPERIMENTAL)
    task = next(task for task in pending if task.launched is not None)
    patch = [
        JsonPatchOperation(op="replace", path="/completionStatus", value=PatchValue("SUCCESS")),
        JsonPatchOperation(op="replace", path="/completed", value=PatchValue("2025-06-30T12:00:00Z")),
        JsonPatchOperation(op="replace", path="/percentComplete", value=PatchValue(100)),
    ]
    patched = api.update_task_status(task.id, patch, _headers=EXPERIMENTAL)
    assert (patched.id, patched.completion_status, patched.percent_complete) == (task.id, "SUCCESS", 100)
    assert patched.completed is not None
    assert api.get_task_status(task.id, _headers=EXPERIMENTAL) == patched
    assert task.id not in {other.id for other in api.get_pending_tasks(limit=PAGE, _headers=EXPERIMENTAL)}


def test_sailpoint_a_call_without_the_experimental_header_is_refused_as_the_documents_require(origin: str) -> None:
    """The one documented exception: the SDK does not send X-SailPoint-Experimental on its own (000 requires it)."""
    with pytest.raises(BadRequestException) as raised:
        sailpoint_api(origin).get_task_status_list()
    assert raised.value.status == 400
    assert raised.value.data.detail_code == "400.1 Bad Request Content"
    assert "x-sailpoint-experimental" in raised.value.data.messages[0].text.lower()


def test_sailpoint_a_wrong_token_raises_unauthorized_with_the_sdks_401_model(origin: str) -> None:
    with pytest.raises(UnauthorizedException) as raised:
        sailpoint_api(origin, token="not-the-token").get_task_status_list(_headers=EXPERIMENTAL)
    assert raised.value.status == 401
    assert raised.value.data.error["detailCode"] == "401 Unauthorized"


def test_sailpoint_a_throttled_call_gets_429_with_the_sdks_429_model_and_a_retry_after_the_sdk_waits_out() -> None:
    with serve_process("--rate-limit", "1/2s") as throttled:
        no_retries = sailpoint_api(throttled.origin, retries=False)
        assert len(no_retries.get_task_status_list(limit=1, _headers=EXPERIMENTAL)) == 1
        with pytest.raises(ApiException) as raised:
            no_retries.get_task_status_list(limit=1, _headers=EXPERIMENTAL)
        started = time.monotonic()
        assert len(sailpoint_api(throttled.origin).get_task_status_list(limit=1, _headers=EXPERIMENTAL)) == 1
        assert time.monotonic() - started >= 1, "the default SDK answered without waiting out a 429"
    assert raised.value.status == 429
    assert _header(raised.value.headers, "Retry-After") in ("1", "2")
    assert raised.value.data.message["detailCode"] == "429 Too Many Requests"


# Flexprice Tasks


def test_flexprice_list_reads_every_task_and_filters(origin: str) -> None:
    tasks = flexprice_sdk(origin).tasks
    listed = tasks.list_tasks(limit=1000)
    assert listed.pagination is not None and listed.items is not None
    assert listed.pagination.total == len(listed.items) >= 300
    assert all(task.id and task.created_at and task.workflow_id for task in listed.items)
    failed = tasks.list_tasks(task_status="FAILED", task_type="IMPORT", sort="created_at", order="asc", limit=1000)
    assert failed.items and all((task.task_status, task.task_type) == ("FAILED", "IMPORT") for task in failed.items)
    created = [task.created_at for task in failed.items]
    assert created == sorted(created)


def test_flexprice_create_get_result_and_status_update(origin: str) -> None:
    tasks = flexprice_sdk(origin).tasks
    created = tasks.create_task(
        task_type="EXPORT",
        entity_type="CUSTOMERS",
        file_type="CSV",
        file_url="https://uploads.acme-billing.example/exports/customers.csv",
        file_name="customers.csv",
        metadata={"requested_by": "sdk-test"},
    )
    assert created.id and created.workflow_id
    assert (created.task_status, created.metadata) == ("PENDING", {"requested_by": "sdk-test"})
    assert tasks.get_task(id=created.id) == created

    result = tasks.get_task_result(workflow_id=created.workflow_id)
    assert result.workflow_id == created.workflow_id and result.run_id and result.message

    updated = tasks.update_task_status(id=created.id, task_status="COMPLETED")
    assert updated.message
    after = tasks.get_task(id=created.id)
    assert after.task_status == "COMPLETED" and after.completed_at is not None
    assert after.updated_at is not None and created.updated_at is not None and after.updated_at > created.updated_at


def test_flexprice_download_of_a_completed_export_is_a_presigned_url(origin: str) -> None:
    tasks = flexprice_sdk(origin).tasks
    exports = tasks.list_tasks(task_type="EXPORT", task_status="COMPLETED", limit=1000).items
    assert exports
    for task in exports[:5]:
        assert task.id is not None
        download = tasks.download_task_export(id=task.id)
        assert download["url"].startswith("https://") and "X-Amz-Signature=" in download["url"]


def test_flexprice_unknown_id_raises_the_sdks_error_response(origin: str) -> None:
    tasks = flexprice_sdk(origin).tasks
    for call in (
        lambda: tasks.get_task(id="task_unknown"),
        lambda: tasks.download_task_export(id="task_unknown"),
        lambda: tasks.update_task_status(id="task_unknown", task_status="FAILED"),
        lambda: tasks.get_task_result(workflow_id="no-such-workflow"),
    ):
        with pytest.raises(flexprice.models.errors.ErrorResponse) as raised:
            call()
        assert raised.value.status_code == 404
        assert (raised.value.data.code, raised.value.data.http_status_code) == ("not_found", 404)
