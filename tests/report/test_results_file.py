"""results.json: the run as data, valid against the JSON Schema shipped with the package, and loaded back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conformance._redact import Redactor
from conformance._results import SCHEMA_VERSION, RunReport, to_dict
from conformance.report import RESULTS_SCHEMA_PATH, ResultsError, load_results, redact_report, write_report


def _schema() -> dict:
    return json.loads(RESULTS_SCHEMA_PATH.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: object, name: str = "results.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_shipped_schema_is_draft_2020_12_and_pins_the_current_schema_version() -> None:
    schema = _schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema_version"] == {"const": SCHEMA_VERSION} and SCHEMA_VERSION == "1.4"
    assert RESULTS_SCHEMA_PATH.parent.name == "report"


def test_written_results_validate_against_the_schema(tmp_path: Path, failing_run: RunReport) -> None:
    files = write_report(failing_run, tmp_path, Redactor())
    data = json.loads(files.results.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(_schema()).iter_errors(data)) == []
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["conformant"] is False


def test_results_load_back_to_the_same_run_from_the_file_or_its_directory(
    tmp_path: Path, failing_run: RunReport
) -> None:
    files = write_report(failing_run, tmp_path, Redactor())
    assert load_results(files.results) == load_results(tmp_path)
    assert load_results(tmp_path) == redact_report(failing_run, Redactor())


@pytest.mark.parametrize(
    ("mutate", "complaint"),
    [
        (lambda d: d["apis"][0]["results"][0].update(status="exploded"), "/apis/0/results/0/status"),
        (lambda d: d.pop("tool_version"), "'tool_version' is a required property"),
        (lambda d: d["apis"][1]["operations"][0].update(requests=-1), "/apis/1/operations/0/requests"),
        (lambda d: d.update(surprise=True), "'surprise' was unexpected"),
    ],
    ids=["unknown status", "missing field", "negative count", "unknown field"],
)
def test_a_document_that_breaks_the_schema_is_rejected_naming_where(
    tmp_path: Path, failing_run: RunReport, mutate, complaint: str
) -> None:
    data = to_dict(failing_run)
    data["apis"][0]["results"] = [
        {"operation": "GET /x", "check": "c", "status": "passed", "reason": "", "failures": []}
    ]
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(ResultsError) as caught:
        load_results(path)
    message = str(caught.value)
    assert complaint in message
    assert str(path) in message
    assert "\n" not in message


def test_a_wrong_schema_version_is_rejected_before_validation(tmp_path: Path, failing_run: RunReport) -> None:
    path = _write(tmp_path, {**to_dict(failing_run), "schema_version": "2.0"})
    with pytest.raises(ResultsError, match=rf"schema_version '2.0' is not supported \(expected '{SCHEMA_VERSION}'\)"):
        load_results(path)


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        (None, "no such results file"),
        ("{not json", "not valid JSON: Expecting property name enclosed in double quotes at line 1 column 2"),
        ("[1, 2]", "not a results document (expected a JSON object)"),
    ],
    ids=["missing", "bad JSON", "not an object"],
)
def test_unreadable_inputs_raise_one_line_results_errors(tmp_path: Path, content: str | None, complaint: str) -> None:
    path = tmp_path / "results.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ResultsError) as caught:
        load_results(path)
    assert str(caught.value) == f"{path}: {complaint}"


def test_a_report_directory_without_results_is_reported_as_missing(tmp_path: Path) -> None:
    with pytest.raises(ResultsError, match=r"results\.json: no such results file"):
        load_results(tmp_path)


def test_a_version_1_2_report_without_known_findings_still_loads(tmp_path: Path, failing_run: RunReport) -> None:
    data = to_dict(failing_run)
    data["schema_version"] = "1.2"
    for api in data["apis"]:
        del api["known"]
        for cell in api["results"]:
            for failure in cell["failures"]:
                del failure["known"]
    loaded = load_results(_write(tmp_path, data))
    assert loaded.apis == failing_run.apis and loaded.schema_version == SCHEMA_VERSION
