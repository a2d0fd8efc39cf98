"""`taskconform report summary`: Markdown for a step summary, GitHub annotations, a GitLab code-quality report."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conformance._redact import Redactor
from conformance._registry import CREDENTIALS
from conformance._results import RunReport, Statement, to_dict
from conformance.cli import main
from conformance.report import SpecLines, load_results, operation_lines, summarize, write_report
from tests.report.conftest import DECISION_38

REPO = Path(__file__).resolve().parents[2]
COMMAND = re.compile(r"^::(?P<command>error|warning) (?P<properties>[^:]*)::(?P<message>.*)$")
GITLAB_KEYS = {"description", "check_name", "fingerprint", "severity", "location"}
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _summary(source: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["report", "summary", str(source), "--format", fmt]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def _unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: bytes.fromhex(m[1]).decode(), text)


def _commands(text: str) -> list[dict[str, str]]:
    """The workflow commands of a `--format github` summary, parsed as GitHub does (every line must be one)."""
    parsed = []
    for line in text.splitlines():
        match = COMMAND.match(line)
        assert match, line
        properties = dict(item.split("=", 1) for item in match["properties"].split(","))
        parsed.append({k: _unescape(v) for k, v in properties.items()} | {
            "command": match["command"], "message": _unescape(match["message"])
        })  # fmt: skip
    return parsed


def _failure_count(report: RunReport) -> int:
    return sum(f.level == "failure" for api in report.apis for cell in api.results for f in cell.failures)


def _enclosing_keys(lines: list[str], number: int) -> list[str]:
    """The keys a YAML line sits under, innermost first (by indentation), for line `number` (1-based)."""
    keys, indent = [], len(lines[number - 1]) - len(lines[number - 1].lstrip())
    for line in reversed(lines[: number - 1]):
        depth = len(line) - len(line.lstrip())
        if line.strip() and depth < indent:
            keys.append(line.strip())
            indent = depth
    return keys


def test_github_annotations_parse_and_point_at_the_operations_line_in_its_spec(
    faulty_runs: Callable[[str], Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(REPO)  # where CI runs it: the spec path is the repository's
    run = faulty_runs("sailpoint-1")
    text = _summary(run, "github", capsys)
    commands = _commands(text)
    report = load_results(run)
    assert len(commands) == _failure_count(report) >= 2
    failed = {(cell.operation, cell.check) for cell in report.apis[0].failed}
    pointed = set()
    for command in commands:
        assert command["command"] == "error"
        assert command["file"] == "specs/sailpoint-v2025-task-management.yaml"
        api, where = command["title"].split(": ", 1)
        operation, check = where.rsplit(" ", 1)
        assert api == "sailpoint-v2025" and (operation, check) in failed
        method, path = operation.split(" ", 1)
        spec = (REPO / command["file"]).read_text(encoding="utf-8").splitlines()
        line = int(command["line"])
        assert spec[line - 1].strip() == f"{method.lower()}:"
        assert _enclosing_keys(spec, line)[:2] == [f"{path}:", "paths:"]
        assert command["message"].startswith("Response violates schema: ")
        assert "\nrests on: " in command["message"]
        pointed.add(line)
    assert len(pointed) == len(failed)  # GET and PATCH of /task-status/{id} each on their own line
    monkeypatch.chdir(tmp_path)  # elsewhere, the lines come from the installed copy of the same spec
    assert _summary(run, "github", capsys) == text


def _gitlab(run: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    issues = json.loads(_summary(run, "gitlab", capsys))
    for issue in issues:
        assert set(issue) >= GITLAB_KEYS
        assert issue["description"] and issue["check_name"] and re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in GITLAB_SEVERITIES
        assert issue["location"]["path"] == "specs/sailpoint-v2025-task-management.yaml"
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] > 1
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    return issues


def test_gitlab_code_quality_has_every_key_and_the_same_fingerprints_for_two_runs_with_one_seed(
    faulty_runs: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = faulty_runs("sailpoint-1"), faulty_runs("sailpoint-2")
    assert load_results(first).apis[0].base_url != load_results(second).apis[0].base_url  # another port, other ids
    issues = _gitlab(first, capsys)
    assert len(issues) == _failure_count(load_results(first))
    again = _gitlab(second, capsys)
    assert {i["fingerprint"]: (i["check_name"], i["location"]) for i in issues} == {
        i["fingerprint"]: (i["check_name"], i["location"]) for i in again
    }


def _table_rows(markdown: str, heading: str) -> list[str]:
    """The body rows of the table under `### heading`."""
    section = markdown.split(f"### {heading}\n\n", 1)[1].split("\n\n", 1)[0]
    return section.splitlines()[2:]


def test_markdown_has_the_verdict_and_a_row_per_failure_with_what_it_rests_on(
    faulty_runs: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    run = faulty_runs("sailpoint-1")
    markdown = _summary(run, "markdown", capsys)
    report = load_results(run)
    assert markdown.startswith("## taskconform: NOT CONFORMANT\n")
    assert f"| sailpoint-v2025 | NOT CONFORMANT | {report.apis[0].score:.1f}% | 4 | 0 |" in markdown
    rows = _table_rows(markdown, "Failures")
    assert len(rows) == _failure_count(report)
    for cell in report.apis[0].failed:
        (row,) = [row for row in rows if f"| `{cell.operation}` | `{cell.check}` |" in row]
        assert row.startswith("| sailpoint-v2025 |") and "Response violates schema: " in row
        assert cell.failures[0].rests_on[0].quote in row
    assert "### Warnings" not in markdown and "### Known findings" not in markdown


def test_a_merged_report_of_two_shards_summarises_like_the_shards_together(
    faulty_runs: Callable[[str], Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sailpoint, maxsight = faulty_runs("sailpoint-1"), faulty_runs("maxsight")
    assert main(["report", "merge", str(tmp_path), str(sailpoint), str(maxsight)]) == 1
    capsys.readouterr()
    merged = {fmt: _summary(tmp_path, fmt, capsys) for fmt in ("github", "gitlab", "markdown")}
    shards = [{fmt: _summary(run, fmt, capsys) for fmt in merged} for run in (maxsight, sailpoint)]  # APIs by name
    assert merged["github"] == shards[0]["github"] + shards[1]["github"]
    assert json.loads(merged["gitlab"]) == json.loads(shards[0]["gitlab"]) + json.loads(shards[1]["gitlab"])
    assert _table_rows(merged["markdown"], "Failures") == [
        row for shard in shards for row in _table_rows(shard["markdown"], "Failures")
    ]
    assert "0 of 2 APIs conform" in merged["markdown"]
    assert "| maxsight-v5 | NOT CONFORMANT |" in merged["markdown"]


def _with_awkward_text(run: RunReport) -> RunReport:
    """The built run with a failure whose words hold what workflow commands must escape."""
    sailpoint = run.apis[2]
    cell = sailpoint.results[4]
    failure = dataclasses.replace(
        cell.failures[0],
        operation="GET /a,b:c",
        title="50% off",
        message="first\nsecond",
        rests_on=(Statement("doc.txt", "s", "one\r\ntwo"),),
    )
    results = (*sailpoint.results[:4], dataclasses.replace(cell, failures=(failure,)), *sailpoint.results[5:])
    return dataclasses.replace(run, apis=(*run.apis[:2], dataclasses.replace(sailpoint, results=results)))


def test_github_commands_escape_their_data_and_properties_and_warn_for_a_warning(failing_run: RunReport) -> None:
    specs = {"sailpoint-v2025-task-management.yaml": SpecLines("specs/sp.yaml", {"GET /task-status/pending-tasks": 52})}
    lines = summarize(to_dict(_with_awkward_text(failing_run)), "github", specs).splitlines()
    assert lines == [
        "::error file=flexprice-tasks.yaml,title=flexprice%3A could not test::connection refused by http://127.0.0.1:9/v1",
        "::error file=specs/sp.yaml,title=sailpoint-v2025%3A GET /a%2Cb%3Ac response_schema_conformance"
        "::50%25 off: first%0Arests on: doc.txt, s: “one%0D%0Atwo”",
        "::warning file=specs/sp.yaml,line=52,"
        "title=sailpoint-v2025%3A GET /task-status/pending-tasks not_a_server_error"
        "::API accepted schema-violating request: Invalid data should have been rejected%0Acontradicts: "
        f"specs/README.md, decision 38: “{DECISION_38.quote}”",
    ]


def test_gitlab_marks_a_warning_info_and_an_untested_api_at_the_top_of_its_spec(failing_run: RunReport) -> None:
    issues = json.loads(summarize(to_dict(failing_run), "gitlab", {}))
    sailpoint = "sailpoint-v2025-task-management.yaml"
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]) for i in issues] == [
        ("could_not_test", "critical", "flexprice-tasks.yaml", {"begin": 1}),
        ("response_schema_conformance", "major", sailpoint, {"begin": 1}),
        ("not_a_server_error", "info", sailpoint, {"begin": 1}),
    ]


def test_markdown_lists_warnings_untested_apis_and_known_and_stale_findings_when_the_results_have_them(
    failing_run: RunReport,
) -> None:
    data = to_dict(failing_run)
    plain = summarize(data, "markdown", {})
    assert "| flexprice | NOT CONFORMANT (could not test: connection refused by http://127.0.0.1:9/v1) |" in plain
    (warning,) = _table_rows(plain, "Warnings")
    assert "`not_a_server_error`" in warning and "specs/README.md, decision 38" in warning
    assert "Known findings" not in plain and "Stale" not in plain
    data["apis"][2]["known"] = [
        {"entry": 1, "operation": "GET /task-status", "check": "filters", "reason": "VENDOR-1", "status": "stale"},
        {"entry": 2, "operation": "GET /task-status", "check": "sorters", "reason": "VENDOR-2", "status": "matched",
         "matches": 3, "expires": "2027-01-01"},
    ]  # fmt: skip
    listed = summarize(data, "markdown", {})
    assert "### Known findings (accepted, not failing the run)\n\n" in listed
    assert "- sailpoint-v2025 `GET /task-status` `sorters`: VENDOR-2 (expires 2027-01-01), matched 3\n" in listed
    assert "### Stale known findings" in listed and "`filters`: VENDOR-1\n" in listed
    assert "Expired" not in listed


def test_the_summary_goes_into_a_file_and_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, failing_run: RunReport, capsys: pytest.CaptureFixture[str]
) -> None:
    write_report(failing_run, tmp_path / "run", Redactor())
    out = tmp_path / "summary.md"
    assert main(["report", "summary", str(tmp_path / "run"), "--output", str(out)]) == 0
    assert capsys.readouterr().out == "" and out.read_text(encoding="utf-8").startswith("## taskconform: ")
    for argv in (
        [str(tmp_path / "nowhere")],
        [str(tmp_path / "run"), "--output", str(tmp_path / "no-dir" / "s.md")],
    ):
        assert main(["report", "summary", *argv]) == 2
        (line,) = capsys.readouterr().err.splitlines()
        assert line.startswith("taskconform report: error: ")


def test_operation_lines_are_found_in_yaml_and_json_and_nothing_in_what_does_not_parse() -> None:
    assert operation_lines("openapi: 3.1.0\npaths:\n  /a:\n    parameters: []\n    get: {}\n    post: {}\n") == {
        "/a": 3, "GET /a": 5, "POST /a": 6
    }  # fmt: skip
    assert operation_lines('{"openapi": "3.1.0",\n "paths": {\n  "/a": {\n   "head": {}}}}') == {"/a": 3, "HEAD /a": 4}
    assert operation_lines("paths: [\n") == {}


def test_the_summary_hides_the_environments_secrets_but_not_the_names_a_built_in_credential_shares(
    tmp_path: Path, failing_run: RunReport, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "s3cr3t-Echoed-9Kq"
    sailpoint = failing_run.apis[2]
    cell = sailpoint.results[4]
    echoed = dataclasses.replace(cell.failures[0], message=f"the server echoed {secret}")
    results = (*sailpoint.results[:4], dataclasses.replace(cell, failures=(echoed,)), *sailpoint.results[5:])
    sailpoint = dataclasses.replace(sailpoint, results=results)
    run = dataclasses.replace(failing_run, apis=(*failing_run.apis[:2], sailpoint))
    write_report(run, tmp_path, Redactor())  # a careless producer: the secret is in results.json
    monkeypatch.setenv("TASKCONFORM_API_KEY", secret)
    monkeypatch.setenv("TASKCONFORM_TOKEN", CREDENTIALS["sailpoint-v2025"])  # "ref-sailpoint-token"
    for fmt in ("markdown", "github", "gitlab"):
        out = _summary(tmp_path, fmt, capsys)
        assert secret[:8] not in out and "the server echoed [REDACTED]" in out
        assert "sailpoint-v2025" in out and "[REDACTED]v2025" not in out
