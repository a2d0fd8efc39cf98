"""No secret reaches any output: every string of the run is redacted before any file is written."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conformance._comparison import Change, RunComparison
from conformance._redact import Redactor
from conformance._results import Observation, RunReport, to_dict
from conformance.cli import main
from conformance.report import load_results, redact_report, write_report
from tests.report.conftest import SHORT_KEY

TOKEN = "tok-7Qx3SECRETbearer91"
API_KEY = "key-4Lm8SECRETapikey27"
URL_KEY = "qk-2Zr6SECRETquery55"
BODY = "pw-9Tc1SECRETbody03"
MARK = b"SECRET"  # in every secret above: no fragment of one may leak either


def _with_secrets(report: RunReport) -> RunReport:
    """The run with secrets in curl commands, URLs, bodies, messages, reasons, drift, errors and the comparison."""
    flexprice, maxsight, sailpoint = report.apis
    cell = sailpoint.results[4]
    leaky = dataclasses.replace(
        cell.failures[0],
        message=f"the server echoed the key {API_KEY}",
        actual=f'{{"password": "{BODY}"}}',
        curl=(
            f"curl -X POST 'http://127.0.0.1:8765/v2025/tasks?api_key={URL_KEY}' -H 'Authorization: Bearer {TOKEN}' "
            f"-H 'apikey: {API_KEY}' -d '{{\"password\": \"{BODY}\"}}'"
        ),
        response_excerpt=f'{{"echo": "Bearer {TOKEN}", "password": "{BODY}"}}',
    )
    sailpoint = dataclasses.replace(
        sailpoint,
        base_url=f"http://127.0.0.1:8765/v2025?token={URL_KEY}",
        results=(*sailpoint.results[:4], dataclasses.replace(cell, failures=(leaky,)), *sailpoint.results[5:]),
        observations=(Observation("GET /task-status", "open_value", "/owner", (TOKEN, "alice")),),
    )
    maxsight = dataclasses.replace(
        maxsight, results=tuple(dataclasses.replace(r, reason=f"{r.reason} (key {API_KEY})") for r in maxsight.results)
    )
    flexprice = dataclasses.replace(flexprice, error=f"401 with x-api-key: {API_KEY}")
    change = Change("check-newly-failing", "breaking", "status", None, "/", f"token {TOKEN} now rejected")
    comparison = RunComparison("2026-11-23T08:30:00+00:00", "2026-11-24T08:30:00+00:00", 1.5, 20, (change,), ())
    return dataclasses.replace(report, apis=(flexprice, maxsight, sailpoint), comparison=comparison)


def _in_credential_places(report: RunReport) -> RunReport:
    """The run with secrets only where their place gives them away: credential headers and query keys."""
    sailpoint = report.apis[2]
    cell = sailpoint.results[4]
    curl = (
        f"curl -X GET 'http://127.0.0.1:8765/v2025/tasks?api_key={URL_KEY}' -H 'Authorization: Bearer {TOKEN}' "
        f"-H 'apikey: {API_KEY}'"
    )
    failure = dataclasses.replace(cell.failures[0], curl=curl, actual=f"X-Api-Key: {API_KEY}")
    sailpoint = dataclasses.replace(
        sailpoint,
        base_url=f"http://127.0.0.1:8765/v2025?token={URL_KEY}",
        results=(*sailpoint.results[:4], dataclasses.replace(cell, failures=(failure,)), *sailpoint.results[5:]),
    )
    return dataclasses.replace(report, apis=(*report.apis[:2], sailpoint))


def _leaks(directory: Path) -> dict[str, list[str]]:
    """For every file written, which secrets (or fragments) its bytes contain."""
    secrets = [s.encode() for s in (TOKEN, API_KEY, URL_KEY, BODY)] + [MARK]
    return {p.name: [s.decode() for s in secrets if s in p.read_bytes()] for p in directory.rglob("*") if p.is_file()}


def test_known_secrets_never_reach_any_written_byte(tmp_path: Path, failing_run: RunReport) -> None:
    leaky = _with_secrets(failing_run)
    assert MARK.decode() in json.dumps(to_dict(leaky))  # the run really carries them
    write_report(leaky, tmp_path, Redactor.of([TOKEN, API_KEY, URL_KEY, BODY]))
    leaks = _leaks(tmp_path)
    assert sorted(leaks) == ["index.html", "junit.xml", "results.json"]
    assert leaks == {name: [] for name in leaks}
    for path in tmp_path.iterdir():
        assert b"[REDACTED]" in path.read_bytes(), f"{path.name} lost the redacted content"


def test_credential_headers_and_query_keys_are_hidden_even_when_the_secret_is_unknown(
    tmp_path: Path, failing_run: RunReport
) -> None:
    leaky = _in_credential_places(failing_run)
    assert MARK.decode() in json.dumps(to_dict(leaky))
    write_report(leaky, tmp_path, Redactor())
    assert _leaks(tmp_path) == {"index.html": [], "junit.xml": [], "results.json": []}


def test_the_report_command_redacts_its_files_and_terminal_output(
    tmp_path: Path, failing_run: RunReport, capsys: pytest.CaptureFixture[str]
) -> None:
    unredacted = tmp_path / "from-a-careless-producer.json"
    unredacted.write_text(json.dumps(to_dict(_in_credential_places(failing_run))))
    assert main(["report", "render", str(unredacted), "--report-dir", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    for secret in (TOKEN, API_KEY, URL_KEY, MARK.decode()):
        assert secret not in captured.out + captured.err
    assert _leaks(tmp_path / "out") == {"index.html": [], "junit.xml": [], "results.json": []}


def test_redaction_reaches_every_string_and_changes_nothing_else(failing_run: RunReport) -> None:
    leaky = _with_secrets(failing_run)
    clean = redact_report(leaky, Redactor.of([TOKEN, API_KEY, URL_KEY, BODY]))
    assert MARK.decode() not in json.dumps(to_dict(clean))
    assert clean.apis[2].operations == leaky.apis[2].operations
    assert clean.apis[2].results[0] == leaky.apis[2].results[0]
    assert clean.apis[2].observations[0].values == ("[REDACTED]", "alice")


SHORT = SHORT_KEY  # a one-character credential: a hunt for it would garble every "x" of "maxsight" or "expected"


def _short_credential_everywhere_it_travels(report: RunReport) -> RunReport:
    """The run with the short credential in credential headers, query values and curl lines, and echoed alone."""
    sailpoint = report.apis[2]
    cell = sailpoint.results[4]
    failure = dataclasses.replace(
        cell.failures[0],
        curl=f"curl -X GET 'http://127.0.0.1:8766/v5/tasks/497f?apikey={SHORT}&note={SHORT}' -H 'apikey: {SHORT}'",
        actual=f"apikey: {SHORT}",
        response_excerpt=f'{{"echo": "{SHORT}"}}',
    )
    sailpoint = dataclasses.replace(
        sailpoint,
        results=(*sailpoint.results[:4], dataclasses.replace(cell, failures=(failure,)), *sailpoint.results[5:]),
    )
    return dataclasses.replace(report, apis=(*report.apis[:2], sailpoint))


def _tokens(text: str) -> set[str]:
    """The whole tokens of a header value, a query value or a curl line."""
    return set(re.split(r"[\s'\"=&?:{},]+", text))


def test_a_one_character_credential_leaves_names_and_words_intact_and_leaves_no_header_or_curl(
    tmp_path: Path, failing_run: RunReport
) -> None:
    write_report(_short_credential_everywhere_it_travels(failing_run), tmp_path, Redactor.of([SHORT]))
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    results = load_results(tmp_path)
    maxsight = results.apis[1]
    assert (maxsight.api, maxsight.title, maxsight.spec_file) == (
        "maxsight-v5",
        "Maxsight v5 - Tasks",
        "maxsight-v5-tasks.yaml",
    )
    assert "Maxsight v5 - Tasks" in page and "maxsight-v5" in page and "[REDACTED]sight" not in page
    assert "expected" in page and "[REDACTED]" in page
    (failure,) = results.apis[2].results[4].failures
    for travelled in (failure.curl, failure.actual, failure.response_excerpt or ""):
        assert SHORT not in _tokens(travelled), travelled
    assert "apikey=[REDACTED]&note=[REDACTED]" in failure.curl and "'apikey: [REDACTED]'" in failure.curl
    assert page.count("too short to be hunted in free text") == 1


def test_a_real_run_with_a_one_character_api_key_garbles_nothing_and_shows_it_nowhere(
    faulty_runs: Callable[[str], Path],
) -> None:
    run = faulty_runs("maxsight")  # the server accepted "x" only, and the run read it from TASKCONFORM_API_KEY
    for path in run.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "maxsight-v5" in text, path.name
        assert not re.search(r"\w\[REDACTED\]|\[REDACTED\]\w", text), path.name
    report = load_results(run)
    (api,) = report.apis
    assert (api.title, api.spec_file) == ("Maxsight v5 - Tasks", "specs/maxsight-v5-tasks.yaml")
    curls = [f.curl for cell in api.failed for f in cell.failures]
    assert curls and all('-H "apikey: $TASKCONFORM_API_KEY"' in curl for curl in curls)
    assert not any(SHORT in _tokens(curl) for curl in curls)
    assert (run / "index.html").read_text(encoding="utf-8").count("too short to be hunted in free text") == 1
