"""junit.xml: one test suite per API and one test case per (operation, check) cell, for CI systems."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from conformance._results import CheckResult, RunReport
from conformance.report import render_junit


def _suites(report: RunReport) -> dict[str, ET.Element]:
    root = ET.fromstring(render_junit(report))
    assert root.tag == "testsuites"
    return {suite.get("name"): suite for suite in root.iter("testsuite")}


def test_one_suite_per_api_and_one_case_per_cell(failing_run: RunReport) -> None:
    suites = _suites(failing_run)
    assert sorted(suites) == sorted(api.api for api in failing_run.apis)
    for api in failing_run.apis:
        cases = [(c.get("classname"), c.get("name")) for c in suites[api.api].iter("testcase")]
        cells = [(f"{api.api}.{r.operation}", r.check) for r in api.results]
        assert cases == cells + ([(api.api, "api reachable")] if api.error else [])


def test_counts_match_the_cells_statuses(failing_run: RunReport) -> None:
    sailpoint = _suites(failing_run)["sailpoint-v2025"]
    cases = list(sailpoint.iter("testcase"))
    assert sailpoint.get("tests") == str(len(cases)) == "10"
    assert len(sailpoint.findall("testcase/failure")) == int(sailpoint.get("failures")) == 1
    assert len(sailpoint.findall("testcase/skipped")) == int(sailpoint.get("skipped")) == 3
    root = ET.fromstring(render_junit(failing_run))
    assert root.get("tests") == str(sum(int(s.get("tests")) for s in root.iter("testsuite")))


def test_a_failure_carries_check_message_and_every_detail(failing_run: RunReport) -> None:
    failure = _suites(failing_run)["sailpoint-v2025"].find("testcase/failure")
    assert failure.get("type") == "response_schema_conformance"
    assert failure.get("message") == "Response violates schema: 'percentComplete' is not of type 'integer'"
    for detail in (
        'expected: {"type": "integer", "minimum": 0, "maximum": 100}',
        'actual: "50%"',
        "schema path: /components/schemas/TaskStatus/properties/percentComplete/type",
        "instance path: /percentComplete",
        "status code: 200",
        "response excerpt: {",
        "reproduce: curl -X GET",
    ):
        assert detail in failure.text


def test_skips_carry_their_reason_and_warnings_pass_with_output(failing_run: RunReport) -> None:
    sailpoint = _suites(failing_run)["sailpoint-v2025"]
    reasons = {s.get("message") for s in sailpoint.findall("testcase/skipped")}
    assert reasons == {"write operations need --allow-writes"}
    (warning,) = [c for c in sailpoint.iter("testcase") if c.find("system-out") is not None]
    assert warning.get("name") == "not_a_server_error"
    assert warning.find("failure") is None
    out = warning.find("system-out").text
    assert out.startswith("warning: slow: p95 over 1 s\n\nAPI accepted schema-violating request [medium, warning]")
    assert 'rests on: specs/README.md, decision 38: "an HTTP-level refusal' in out


def test_every_finding_names_what_it_rests_on_as_a_property_and_in_its_text(failing_run: RunReport) -> None:
    sailpoint = _suites(failing_run)["sailpoint-v2025"]
    (failed,) = [c for c in sailpoint.iter("testcase") if c.find("failure") is not None]
    (basis,) = [p.get("value") for p in failed.iter("property") if p.get("name") == "rests_on"]
    assert basis == (
        '001_98e7ad32f8254a06.txt, TaskStatus / Properties: "**percent_complete** | **int** | '
        'Current percentage completion of the task this TaskStatus represents"'
    )
    assert f"rests on: {basis}" in failed.find("failure").text
    passed = [c for c in sailpoint.iter("testcase") if c.find("failure") is None and c.find("system-out") is None]
    assert passed and all(c.find("properties") is None for c in passed)


def test_an_api_that_could_not_be_tested_is_an_error_not_a_silent_pass(failing_run: RunReport) -> None:
    flexprice = _suites(failing_run)["flexprice"]
    (case,) = flexprice.iter("testcase")
    assert flexprice.get("errors") == "1"
    assert case.find("error").get("message") == "connection refused by http://127.0.0.1:9/v1"


def test_markup_and_control_characters_in_responses_still_make_valid_xml(failing_run: RunReport) -> None:
    api = failing_run.apis[2]
    nasty = dataclasses.replace(
        api.results[4].failures[0], response_excerpt='</failure><x a="1">&amp;\x00\x1b]]>', message="<b>&"
    )
    cell = dataclasses.replace(api.results[4], failures=(nasty,))
    report = dataclasses.replace(failing_run, apis=(dataclasses.replace(api, results=(cell,)),))
    failure = _suites(report)["sailpoint-v2025"].find("testcase/failure")
    assert failure.get("message") == "Response violates schema: <b>&"
    assert 'response excerpt: </failure><x a="1">&amp;\ufffd\ufffd]]>' in failure.text


def test_a_failed_cell_without_recorded_failures_still_fails(failing_run: RunReport) -> None:
    api = dataclasses.replace(failing_run.apis[1], results=(CheckResult("GET /tasks", "not_a_server_error", "failed"),))
    failure = _suites(dataclasses.replace(failing_run, apis=(api,)))["maxsight-v5"].find("testcase/failure")
    assert failure.get("message") == "failed"
