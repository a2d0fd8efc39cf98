"""The verdict's own checks: what counts as a traceback, a written report, a report marked partial."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.verdict import TRACEBACK, partial_problems, report_problems

PYTEST_TRACEBACK = b"""
    def test_conformance(step: Step, request: pytest.FixtureRequest) -> None:
>       reason, failed = request.config.stash[RUN_KEY].run_step(step)

conformance/suite/test_contract.py:19:
conformance/suite/_session.py:160: in run_step
    return runner.skip_reason(step), runner.run(step)
"""


@pytest.mark.parametrize(
    "output", [b'Traceback (most recent call last):\n  File "x.py", line 1', PYTEST_TRACEBACK], ids=["python", "pytest"]
)
def test_python_and_pytest_tracebacks_are_found(output: bytes) -> None:
    assert TRACEBACK.search(b"some output\n" + output)


def test_one_line_findings_are_not_tracebacks() -> None:
    line = b"taskconform: cannot reach http://127.0.0.1:1/v2025: ConnectError (see conformance/suite/_session.py)\n"
    assert not TRACEBACK.search(line + b"GET /tasks . response_schema_conformance: JSON deserialization error\n")


def _report(tmp_path: Path, results: bytes | None, *, html: bool = True) -> Path:
    if results is not None:
        (tmp_path / "results.json").write_bytes(results)
    if html:
        (tmp_path / "index.html").write_text("<html></html>")
    return tmp_path


def test_a_report_is_written_when_both_files_exist_and_results_parse(tmp_path: Path) -> None:
    assert report_problems(_report(tmp_path, b'{"apis": []}')) == []


@pytest.mark.parametrize(("results", "html"), [(None, True), (b'{"apis": [', True), (b"{}", False)])
def test_a_missing_file_or_unparsable_results_is_no_report(tmp_path: Path, results: bytes | None, html: bool) -> None:
    assert report_problems(_report(tmp_path, results, html=html)) != []


def test_a_partial_report_names_why_it_stopped(tmp_path: Path) -> None:
    assert partial_problems(_report(tmp_path, json.dumps({"stopped": "--max-duration 10 s reached"}).encode())) == []
    assert partial_problems(_report(tmp_path, json.dumps({"stopped": None}).encode())) != []
