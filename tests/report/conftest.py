"""A failing run built from the data model (several APIs, failures with curl and excerpts, skips, drift, latencies),
and real runs against known-bad reference servers."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conformance._registry import APIS, CREDENTIALS
from conformance._results import ApiRun, CheckResult, Failure, Observation, OperationStats, RunReport, Statement
from conformance.servers import ServerSettings, configured_credentials, start_reference_servers

CHECKS = ("not_a_server_error", "response_schema_conformance", "status_code_conformance")
SAILPOINT_URL = "http://127.0.0.1:8765/v2025"
PERCENT_COMPLETE = Statement(
    "001_98e7ad32f8254a06.txt",
    "TaskStatus / Properties",
    "**percent_complete** | **int** | Current percentage completion of the task this TaskStatus represents",
)
DECISION_38 = Statement("specs/README.md", "decision 38", "an HTTP-level refusal (405, 406, 411, 413, 414, 415, 431)")


def http_level_warning(check: str, operation: str = "GET /task-status/pending-tasks") -> Failure:
    """A finding that contradicts only a decision of ours: an HTTP-level 431 to a request the suite malformed."""
    return Failure(
        operation=operation,
        check=check,
        title="API accepted schema-violating request",
        message="Invalid data should have been rejected",
        severity="medium",
        expected="a 4XX of the API's own",
        actual="HTTP 431, Content-Type: text/plain",
        curl=f"curl -X GET '{SAILPOINT_URL}/task-status/pending-tasks'",
        status_code=431,
        rests_on=(DECISION_38,),
        level="warning",
    )


def sailpoint_failure(check: str, operation: str = "GET /task-status/{id}") -> Failure:
    """A schema failure of SailPoint's task-status endpoint, as the suite records it."""
    return Failure(
        operation=operation,
        check=check,
        title="Response violates schema",
        message="'percentComplete' is not of type 'integer'",
        severity="high",
        expected='{"type": "integer", "minimum": 0, "maximum": 100}',
        actual='"50%"',
        curl=f"curl -X GET '{SAILPOINT_URL}/task-status/2c91808a' -H 'Authorization: Bearer $TASKCONFORM_TOKEN'",
        schema_path="/components/schemas/TaskStatus/properties/percentComplete/type",
        instance_path="/percentComplete",
        status_code=200,
        response_excerpt='{"id": "2c91808a", "percentComplete": "50%", "completionStatus": "SUCCESS"}',
        rests_on=(PERCENT_COMPLETE,),
    )


def _cells(operation: str, failed: dict[str, Failure], skipped: dict[str, str]) -> list[CheckResult]:
    """One operation's row: the given failures and skips, every other check passed."""
    row = []
    for check in CHECKS:
        if check in failed:
            row.append(CheckResult(operation, check, "failed", failures=(failed[check],)))
        elif check in skipped:
            row.append(CheckResult(operation, check, "skipped", reason=skipped[check]))
        else:
            row.append(CheckResult(operation, check, "passed"))
    return row


def _stats(operation: str, base_ms: float, count: int, codes: dict[str, int]) -> OperationStats:
    latencies = tuple(round(base_ms * (1 + (i % 7) / 5), 3) for i in range(count))
    return OperationStats(operation, requests=count, latencies_ms=latencies, status_codes=codes)


def build_failing_run() -> RunReport:
    """A run where SailPoint fails, Maxsight passes with a skipped row and drift, and Flexprice could not be tested."""
    sailpoint = ApiRun(
        api="sailpoint-v2025",
        title="SailPoint Identity Security Cloud v2025 - Task Management",
        base_url=SAILPOINT_URL,
        spec_file="sailpoint-v2025-task-management.yaml",
        spec_sha256="9f2b" * 16,
        results=tuple(
            _cells("GET /task-status", {}, {})
            + _cells(
                "GET /task-status/{id}",
                {"response_schema_conformance": sailpoint_failure("response_schema_conformance")},
                {},
            )
            + _cells(
                "PATCH /task-status/{id}",
                {},
                {c: "write operations need --allow-writes" for c in CHECKS},
            )
            + [
                CheckResult(
                    "GET /task-status/pending-tasks",
                    "not_a_server_error",
                    "warning",
                    reason="slow: p95 over 1 s",
                    failures=(http_level_warning("not_a_server_error"),),
                )
            ]
        ),
        operations=(
            _stats("GET /task-status", 12.0, 25, {"200": 25}),
            _stats("GET /task-status/{id}", 20.0, 25, {"200": 20, "404": 5}),
            _stats("GET /task-status/pending-tasks", 700.0, 10, {"200": 10}),
        ),
        observations=(
            Observation("GET /task-status/{id}", "undocumented_field", "/attributes/legacyId"),
            Observation("GET /task-status", "open_value", "/items/type", ("QPOC", "QUARTZ")),
        ),
    )
    maxsight = ApiRun(
        api="maxsight-v5",
        title="Maxsight v5 - Tasks",
        base_url="http://127.0.0.1:8766/v5",
        spec_file="maxsight-v5-tasks.yaml",
        spec_sha256="41c0" * 16,
        results=tuple(
            _cells("GET /tasks/{taskId}", {}, {})
            + _cells("GET /tasks", {}, {c: "Maxsight v5 documents no list endpoint" for c in CHECKS})
        ),
        operations=(_stats("GET /tasks/{taskId}", 8.0, 25, {"200": 25}),),
        observations=(Observation("GET /tasks/{taskId}", "open_value", "/status", ("done", "open")),),
    )
    flexprice = ApiRun(
        api="flexprice",
        title="Flexprice - Tasks",
        base_url="http://127.0.0.1:9/v1",
        spec_file="flexprice-tasks.yaml",
        spec_sha256="77aa" * 16,
        error="connection refused by http://127.0.0.1:9/v1",
    )
    return RunReport(
        tool_version="0.1.0",
        started_at="2026-11-24T08:30:00+00:00",
        duration_s=42.5,
        seed=1234,
        max_examples=25,
        workers=1,
        allow_writes=False,
        apis=(flexprice, maxsight, sailpoint),
    )


@pytest.fixture
def failing_run() -> RunReport:
    """A failing run over the three APIs (see build_failing_run)."""
    return build_failing_run()


# Real runs against known-bad reference servers, made once per session (shared by xdist workers, see _once).
SHORT_KEY = "x"  # Maxsight's run uses a one-character API key: it must garble nothing (see test_redaction.py)
FAULTY_RUNS = {
    # name: (API, fault, max examples, API key the server accepts and the run reads from TASKCONFORM_API_KEY)
    "sailpoint-1": ("sailpoint-v2025", "sailpoint-null-messages", 2, None),
    "sailpoint-2": ("sailpoint-v2025", "sailpoint-null-messages", 2, None),  # the same again: the same findings
    "maxsight": ("maxsight-v5", "maxsight-missing-data-version", 5, SHORT_KEY),
}


def _faulty_run(directory: Path, api: str, fault: str, max_examples: int, api_key: str | None) -> None:
    """`taskconform run` (seed 1) against reference servers with `fault`, reporting into `directory`."""
    settings = ServerSettings(credentials=configured_credentials(api_key=api_key))
    with start_reference_servers(APIS.values(), faults=[fault], settings=settings) as servers:
        argv = [
            sys.executable, "-m", "conformance.cli", "run", "--api", api, "--base-url", servers.base_url(api),
            "--seed", "1", "--max-examples", str(max_examples), "--rate-limit", "off", "--allow-writes",
            "--task-id", servers.known_task_ids(api)[0], "--report-dir", str(directory),
        ]  # fmt: skip
        env = {**os.environ, "TASKCONFORM_TOKEN": CREDENTIALS["sailpoint-v2025"]}
        env["TASKCONFORM_API_KEY"] = api_key or CREDENTIALS[api]
        result = subprocess.run(argv, env=env, capture_output=True, check=False, timeout=300)
    assert result.returncode == 1, result.stdout.decode()[-2000:] + result.stderr.decode()[-2000:]


def _once(root: Path, name: str) -> Path:
    """The report directory of FAULTY_RUNS[name] under `root`, made by the first worker that asks for it."""
    directory = root / name
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (directory / "results.json").is_file():
            _faulty_run(directory, *FAULTY_RUNS[name])
    return directory


@pytest.fixture(scope="session")
def faulty_runs(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Callable[[str], Path]:
    """A function giving the report directory of a real run of FAULTY_RUNS (run on first use, once per session)."""
    base = tmp_path_factory.getbasetemp()
    root = base if worker_id == "master" else base.parent  # the parent is this session's, shared by its workers
    return lambda name: _once(root, name)
