"""Two levels: a finding that breaks a sentence of the documents fails, one that contradicts only our decision warns."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from schemathesis.core.failures import Failure as EngineFailure
from schemathesis.specs.openapi.checks import UnsupportedMethodResponse
from starlette.applications import Starlette

from conformance._registry import APIS, CREDENTIALS, get_api
from conformance.apis.maxsight_v5 import _statements as mx
from conformance.apis.sailpoint_v2025 import _statements as sp
from conformance.cli import main
from conformance.core._spec import load_spec
from conformance.core._statements import HTTP_5XX, HTTP_ALLOW, Statement, decision
from conformance.report import load_results
from conformance.servers import build_app
from conformance.suite import Finding, Sent, latency_verdict, verdict

SP, FP, MX = "sailpoint-v2025", "flexprice", "maxsight-v5"

SPECS = {name: load_spec(get_api(name).spec_path) for name in (SP, FP, MX)}


def _judge(
    check: str,
    status: int | None,
    *,
    api: str = SP,
    operation: str = "GET /task-status",
    sent: Sent | None = None,
    failure: EngineFailure | None = None,
    schema_path: str | None = None,
) -> tuple[str, tuple[Statement, ...]]:
    failure = failure or EngineFailure(operation=operation, title="finding", message="")
    return verdict(Finding(APIS[api], operation, check, status, sent or Sent(), failure, schema_path), SPECS[api])


@pytest.mark.parametrize(
    ("check", "status"),
    [
        ("negative_data_rejection", 431),
        ("negative_data_rejection", 414),
        ("status_code_conformance", 415),
        ("missing_required_header", 405),
        ("missing_required_header", 404),
        ("content_type_conformance", 413),
        ("positive_data_acceptance", 414),
    ],
)
def test_an_http_level_refusal_of_a_malformed_request_warns_on_decision_26(check: str, status: int) -> None:
    assert _judge(check, status) == ("warning", (decision(38),))


def test_a_valid_request_refused_as_unsupported_media_still_fails() -> None:
    level, rests_on = _judge("positive_data_acceptance", 415, operation="PATCH /task-status/{id}")
    assert level == "failure" and sp.SP_EXPERIMENTAL in rests_on


def _unsupported(status: int, reason: str) -> UnsupportedMethodResponse:
    return UnsupportedMethodResponse(
        operation="GET /task-status", method="PUT", status_code=status, failure_reason=reason, message="m"
    )


def test_another_refusal_of_an_undocumented_method_warns_but_a_405_without_allow_fails_on_rfc_9110() -> None:
    for status in (400, 404, 501):
        assert _judge("unsupported_method", status, failure=_unsupported(status, "wrong_status"))[0] == "warning"
    assert _judge("unsupported_method", 405, failure=_unsupported(405, "missing_allow_header")) == (
        "failure",
        (sp.SP_METHODS, HTTP_ALLOW),
    )
    assert _judge("unsupported_method", 200, failure=_unsupported(200, "wrong_status"))[0] == "failure"


def test_a_server_error_fails_on_rfc_9110_except_501_for_a_method_it_does_not_implement() -> None:
    assert _judge("not_a_server_error", 500, api=MX, operation="GET /tasks/{task_id}") == ("failure", (HTTP_5XX,))
    probe = Sent(method="TRACE", scenario="unspecified_http_method")
    assert _judge("not_a_server_error", 501, sent=probe) == ("warning", (decision(38),))


def _case(**values: Any) -> SimpleNamespace:
    fields = {"method": "get", "query": None, "path_parameters": None, "headers": None, "body": None, "meta": None}
    return SimpleNamespace(**{**fields, **values})


@pytest.mark.parametrize(
    ("values", "beyond"),
    [
        ({"query": {"filters": 'id eq "a\x07b"'}}, True),
        ({"query": {"filters": 'id eq "a\u2028b"'}}, True),
        ({"query": {"offset": "2147483648"}}, True),
        ({"query": {"offset": 2**40}}, True),
        ({"path_parameters": {"id": ""}}, True),
        ({"path_parameters": {"id": "a.b"}}, True),
        ({"path_parameters": {"id": "caf\u00e9"}}, True),
        ({"path_parameters": {"id": "01JZ0AB9-task_7"}}, False),
        ({"path_parameters": {"task_id": "497f6eca-6276-4993-bfeb-53cbbbba6f08"}}, False),
        ({"query": {"filters": 'id eq "café"', "offset": "2147483647"}}, False),
        ({"body": [{"op": "replace", "path": "/completionStatus", "value": "SUCCESS"}]}, False),
    ],
)
def test_inputs_the_documents_do_not_promise_to_accept_are_told_apart(values: dict[str, Any], beyond: bool) -> None:
    assert Sent.of_case(_case(**values)).beyond_promise is beyond


def test_rejecting_an_unpromised_input_warns_on_decision_27_and_rejecting_a_plain_one_fails() -> None:
    assert _judge("positive_data_acceptance", 400, sent=Sent(beyond_promise=True)) == ("warning", (decision(39),))
    level, rests_on = _judge("positive_data_acceptance", 400, sent=Sent())
    assert level == "failure" and rests_on == (sp.SP_EXPERIMENTAL, sp.SP_LIMIT_DEFAULT, sp.SP_FILTERS, sp.SP_PATCH_CT)


def test_a_server_more_lenient_than_a_decided_bound_or_pattern_warns_naming_the_element_decision() -> None:
    assert _judge("negative_data_rejection", 200, sent=Sent(parameters=("limit",))) == ("warning", (decision(6),))
    assert _judge("negative_data_rejection", 200, sent=Sent(parameters=("filters",))) == ("warning", (decision(5),))
    flexprice = _judge("negative_data_rejection", 200, api=FP, operation="GET /tasks", sent=Sent(parameters=("limit",)))
    assert flexprice == ("warning", (decision(37),))
    # Varying an element no decision covers (the task id) alongside one we decided: the check's statements decide.
    both = Sent(parameters=("X-SailPoint-Experimental", "id"))
    assert _judge("negative_data_rejection", 200, operation="GET /task-status/{id}", sent=both)[0] == "failure"


def test_serving_a_request_without_the_experimental_header_warns_on_decision_7_the_sentence_binds_the_caller() -> None:
    header = EngineFailure(operation="GET /task-status", title="t", message="")
    header.header_name = "X-SailPoint-Experimental"  # type: ignore[attr-defined]
    for operation in SPECS[SP]["paths"]:
        assert _judge("missing_required_header", 200, operation=f"GET {operation}", failure=header) == (
            "warning",
            (decision(7),),
        ), operation
    wrong_value = Sent(parameters=("X-SailPoint-Experimental",))
    assert _judge("negative_data_rejection", 200, sent=wrong_value) == ("warning", (decision(7),))


def test_a_finding_resting_only_on_what_the_caller_must_send_warns_naming_decision_44() -> None:
    header = EngineFailure(operation="GET /task-status", title="t", message="")
    level, rests_on = _judge("missing_required_header", 200, operation="GET /no-such-path", failure=header)
    assert (level, rests_on) == ("warning", (sp.SP_EXPERIMENTAL, decision(44)))
    assert sp.SP_EXPERIMENTAL.binds == "caller" and sp.SP_OFFSET.binds == "server"


def test_a_valid_request_refused_for_a_value_only_our_decisions_admit_warns() -> None:
    experimental = ("X-SailPoint-Experimental", "true")
    assert _judge("positive_data_acceptance", 400, sent=Sent(values=(("limit", "0"), experimental))) == (
        "warning",
        (decision(6),),
    )
    # 250 is the documented default: refusing it breaks the page.
    assert _judge("positive_data_acceptance", 400, sent=Sent(values=(("limit", "250"), experimental)))[0] == "failure"
    capped = Sent(values=(("limit", "500"), ("task_type", "IMPORT")))
    assert _judge("positive_data_acceptance", 400, api=FP, operation="GET /tasks", sent=capped) == (
        "warning",
        (decision(37),),
    )
    by_id = Sent(values=(("id", "abc"),))
    assert _judge("positive_data_acceptance", 400, api=FP, operation="GET /tasks/{id}", sent=by_id)[0] == "failure"


def test_a_schema_finding_rests_on_the_decision_of_the_schema_it_concerns_else_on_the_documents() -> None:
    error_body = "/components/schemas/ErrorResponse/properties/detailCode/type"
    assert _judge("response_schema_conformance", 400, schema_path=error_body) == ("warning", (decision(10),))
    messages = "/components/schemas/TaskStatus/properties/messages/type"
    level, rests_on = _judge("response_schema_conformance", 200, schema_path=messages)
    assert level == "failure" and sp.SP_MODEL in rests_on
    assert _judge("content_type_conformance", 404, operation="GET /task-status/{id}") == ("warning", (decision(10),))
    assert _judge("content_type_conformance", 404, api=FP, operation="GET /tasks/{id}")[0] == "failure"


def test_another_documented_code_for_the_same_situation_warns_where_the_page_offers_one() -> None:
    assert _judge("unknown_id", 400, api=FP, operation="GET /tasks/{id}") == ("warning", (decision(40),))
    assert _judge("auth_required", 403) == ("warning", (decision(40),))
    assert _judge("unknown_id", 400, api=MX, operation="GET /tasks/{task_id}") == ("failure", (mx.MX_404,))
    assert _judge("unknown_id", 200, api=FP, operation="GET /tasks/{id}")[0] == "failure"
    # Status codes: the pages fix none beyond Maxsight's 401 and 404, so an undocumented one only warns.
    assert all(_judge("status_code_conformance", 302, api=api)[0] == "warning" for api in (SP, FP, MX))


def test_a_semantic_property_that_names_its_basis_is_judged_on_it() -> None:
    class Named(EngineFailure):
        rests_on = (decision(37),)

    named = Named(operation="GET /tasks", title="t", message="")
    assert _judge("pagination", 400, api=FP, operation="GET /tasks", failure=named) == ("warning", (decision(37),))
    assert _judge("pagination", 400, api=FP, operation="GET /tasks")[0] == "failure"


def test_a_slow_answer_warns_against_our_bound_and_fails_against_the_users() -> None:
    assert latency_verdict(None) == ("warning", (decision(41),))
    level, (bound,) = latency_verdict(1.5)
    assert level == "failure" and bound.section == "--max-response-time" and bound.quote == "1.5 s"


# -- end to end: a faithful server that decided otherwise, and a faulty one ---------------------------------------

MAX_TARGET = 400  # an URL longer than this gets 414
MAX_HEADER = 100  # a header value longer than this gets 431
INT32 = 2**31 - 1


def _refusal(scope: dict[str, Any]) -> int | None:
    """The HTTP-level refusal a proxy in front of the API gives, or None."""
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
    if len(scope["raw_path"]) + len(scope["query_string"]) > MAX_TARGET:
        return 414
    if any(len(value) > MAX_HEADER for value in headers.values()):
        return 431
    if scope["method"] == "PATCH" and headers.get("content-type", "").split(";")[0] != "application/json-patch+json":
        return 415
    return None


def _lenient_limit(query: bytes) -> bytes:
    """A server that takes any limit and serves at most 250 (it decided the bound otherwise)."""
    parts = []
    for part in query.split(b"&"):
        name, _, value = part.partition(b"=")
        if name == b"limit" and value.isdigit() and int(value) > 250:
            part = b"limit=250"
        parts.append(part)
    return b"&".join(parts)


def decided_otherwise(app: Any) -> Starlette:
    """The reference API behind an HTTP layer that refuses oversized parts and other media, and a lenient limit."""

    async def asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            status = _refusal(scope)
            if status is not None:
                await send(
                    {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]}
                )
                await send({"type": "http.response.body", "body": b"refused by the HTTP layer"})
                return
            scope = {**scope, "query_string": _lenient_limit(scope["query_string"])}
        await app(scope, receive, send)

    return asgi  # type: ignore[return-value]


def _run(origin: str, report_dir: Path, *extra: str) -> int:
    return main(
        [
            "run", "--api", SP, "--base-url", f"{origin}/v2025", "--token", CREDENTIALS[SP], "--allow-writes",
            "--max-examples", "5", "--report-dir", str(report_dir), *extra,
        ]
    )  # fmt: skip


def _findings(report_dir: Path) -> dict[str, list[Any]]:
    (api,) = load_results(report_dir).apis
    found: dict[str, list[Any]] = {"failed": [], "warning": []}
    for cell in api.results:
        if cell.status in found:
            found[cell.status] += list(cell.failures)
    return found


def test_a_server_that_decided_otherwise_gets_warnings_and_exit_0_and_exit_1_under_strict(
    serve: Callable[[Any], str], tmp_path: Path
) -> None:
    origin = serve(decided_otherwise(build_app(APIS.values())))
    assert _run(origin, tmp_path / "lenient") == 0
    found = _findings(tmp_path / "lenient")
    assert found["failed"] == []
    decided = {s.section for f in found["warning"] for s in f.rests_on}
    statuses = {f.status_code for f in found["warning"]}
    assert {"decision 38", "decision 6"} <= decided and {414, 415, 431} & statuses
    assert all(f.level == "warning" for f in found["warning"])
    data = json.loads((tmp_path / "lenient" / "results.json").read_text())
    assert data["schema_version"] == "1.4" and data["conformant"] is True
    # Any warning fails under --strict: the fewest examples that still meet one do.
    assert _run(origin, tmp_path / "strict", "--strict", "--max-examples", "1") == 1


def test_a_real_fault_behind_the_same_http_layer_still_fails(serve: Callable[[Any], str], tmp_path: Path) -> None:
    origin = serve(decided_otherwise(build_app(APIS.values(), ["sailpoint-missing-launcher"])))
    assert _run(origin, tmp_path) == 1
    failed = _findings(tmp_path)["failed"]
    schema = [f for f in failed if f.check == "response_schema_conformance" and f.level == "failure"]
    assert schema and all(s.decision is None for f in schema for s in f.rests_on)


def without_the_experimental_header_required(app: Any) -> Starlette:
    """The reference API as SailPoint serves it today: a request without `X-SailPoint-Experimental: true` is served."""

    async def asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"x-sailpoint-experimental"]
            scope = {**scope, "headers": [*headers, (b"x-sailpoint-experimental", b"true")]}
        await app(scope, receive, send)

    return asgi  # type: ignore[return-value]


def test_a_server_that_serves_without_the_experimental_header_gets_a_warning_on_every_operation_that_takes_it(
    serve: Callable[[Any], str], tmp_path: Path
) -> None:
    origin = serve(without_the_experimental_header_required(build_app(APIS.values())))
    assert _run(origin, tmp_path) == 0
    found = _findings(tmp_path)
    assert found["failed"] == []
    spec = SPECS[SP]
    taking = {
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict)
        and any("ExperimentalHeader" in parameter.get("$ref", "") for parameter in operation.get("parameters", []))
    }
    on_the_header = [f for f in found["warning"] if f.rests_on == (decision(7),)]
    assert taking and {f.operation for f in on_the_header} == taking
    assert {f.check for f in on_the_header} == {"missing_required_header", "negative_data_rejection"}
