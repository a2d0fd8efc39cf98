"""What a run prints while it runs: a line per check and the rate-limit waits in a log, a live status on a terminal."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from conformance._registry import APIS, CREDENTIALS
from conformance.servers import RateLimit, ServerSettings, start_reference_servers
from conformance.suite._pacing import Pacer
from conformance.suite._progress import HEARTBEAT, ApiProgress, Progress, duration, step_of

ROOT = Path(__file__).resolve().parents[2]


def _command(*argv: str, report: Path) -> list[str]:
    run = [sys.executable, "-m", "conformance.cli", "run", "--api", "maxsight-v5", "--seed", "3"]
    return [*run, "--report-dir", str(report), *argv]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "TASKCONFORM_API_KEY": CREDENTIALS["maxsight-v5"]}


def test_durations_and_the_estimate_read_as_a_person_would_say_them() -> None:
    assert [duration(s) for s in (0.4, 8, 59.6, 65, 3725)] == ["0 s", "8 s", "1 m 00 s", "1 m 05 s", "1 h 02 m"]
    progress = ApiProgress(planned=12, done=3, requests=45, waited=12.2, failures=1, busy=30.0)
    assert progress.left() == 90.0 and progress.left(workers=2) == 45.0
    assert progress.line("maxsight-v5") == (
        "maxsight-v5: 3/12 checks, 45 requests, waited 12 s for the rate limit, 1 failure, about 1 m 30 s left"
    )
    assert ApiProgress(planned=5).line("flexprice").endswith("0 failures, time left unknown yet")
    assert ApiProgress(planned=2, done=2, busy=4).line("flexprice").endswith(", done")


def test_a_step_is_told_by_its_item_and_other_items_are_not_steps() -> None:
    nodeid = "conformance/suite/test_contract.py::test_conformance[maxsight-v5 fuzz GET /tasks/{task_id}]"
    assert step_of(nodeid) == "maxsight-v5 fuzz GET /tasks/{task_id}"
    assert step_of("tests/test_spec.py::test_specs_load[flexprice]") == ""


def test_a_run_in_a_log_prints_each_check_and_each_rate_limit_wait_while_it_runs(tmp_path: Path) -> None:
    report = tmp_path / "report"
    with start_reference_servers(APIS.values(), settings=ServerSettings(rate_limit=RateLimit(10, 5.0))) as servers:
        ids = [a for task_id in servers.known_task_ids("maxsight-v5")[:2] for a in ("--task-id", task_id)]
        argv = ["--base-url", f"{servers.origin}/v5", "--max-examples", "2", "--rate-limit", "10/5s", *ids]
        seen: list[tuple[str, bool]] = []  # each line, and whether the run was still under way when it came
        with subprocess.Popen(
            _command(*argv, report=report), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=_env()
        ) as process:
            assert process.stdout is not None
            for line in process.stdout:
                seen.append((line.rstrip("\n"), not (report / "results.json").exists()))
    assert process.returncode == 0, "\n".join(line for line, _ in seen)
    checks = [(line, live) for line, live in seen if re.search(r"maxsight-v5 \S+ .* (passed|failed|skipped) in ", line)]
    assert len(checks) == 5 and all(live for _, live in checks[:-1]), seen
    assert re.search(r"5/5 checks, \d+ requests, waited \d+ s for the rate limit, 0 failures, done", checks[-1][0])
    waits = [line for line, live in seen if live and "maxsight-v5: waiting for the rate limit: " in line]
    assert waits, seen


def test_a_run_on_a_terminal_rewrites_its_status_in_place(tmp_path: Path) -> None:
    main, replica = os.openpty()
    argv = ["--max-examples", "2", "--workers", "1"]
    with subprocess.Popen(
        _command(*argv, report=tmp_path), stdout=replica, stderr=subprocess.DEVNULL, env=_env()
    ) as process:
        os.close(replica)
        output = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal's other end closed
                break
            if not chunk:
                break
            output += chunk
    os.close(main)
    text = output.decode(errors="replace")
    assert process.returncode == 0, text
    statuses = re.findall(r"maxsight-v5: (\d)/5 checks", text)
    assert len(set(statuses)) > 1 and statuses[-1] == "5", text
    assert "\x1b[2K" in text, "the live status erases its line to rewrite it"
    assert " in 0.0 s" not in text and "passed in" not in text, "no log lines on a terminal"


@pytest.mark.parametrize("quiet", [False, True], ids=["default", "quiet"])
def test_plain_pytest_shows_the_progress_from_its_workers_and_q_quiets_it(tmp_path: Path, quiet: bool) -> None:
    argv = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--api", "maxsight-v5", "--max-examples", "2"]
    argv += ["--report-dir", str(tmp_path), *(["-q"] if quiet else ["-n", "2"])]
    result = subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path, env=_env(), check=False, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:]
    lines = re.findall(r"maxsight-v5: \d/5 checks, \d+ requests", result.stdout)
    assert (lines == []) if quiet else (len(lines) == 5), result.stdout
    assert "maxsight-v5: CONFORMANT" in result.stdout


def test_a_log_announces_a_long_wait_once_and_reports_the_status_after_a_silence() -> None:
    pacer = Pacer()
    executor = SimpleNamespace(guard=SimpleNamespace(pacer=pacer), requests=lambda: 7)
    out = io.StringIO()
    progress = Progress(
        out, terminal=False, local=lambda: {"maxsight-v5": executor}, apis={"maxsight-v5": ApiProgress(5)}
    )
    progress.begin("conformance/suite/test_contract.py::test_conformance[maxsight-v5 fuzz GET /tasks/{task_id}]")
    progress.running["maxsight-v5 fuzz GET /tasks/{task_id}"] -= 45  # it started 45 s ago
    pacer.waiting_until = time.monotonic() + 8.4
    progress.notice()
    progress.notice()
    pacer.waiting_until = time.monotonic() + 0.5  # too short to announce
    progress.notice()
    assert re.fullmatch(r"\[0 s\] maxsight-v5: waiting for the rate limit: 8 s\n", out.getvalue())
    progress._printed -= HEARTBEAT  # as though nothing had been printed for HEARTBEAT seconds
    progress.notice()
    heartbeat = out.getvalue().splitlines()[-1]
    assert heartbeat == (
        "[0 s] still running; maxsight-v5: 0/5 checks, 7 requests, waited 0 s for the rate limit, 0 failures, "
        "time left unknown yet; maxsight-v5: waiting for the rate limit: 0 s; "
        "running maxsight-v5 fuzz GET /tasks/{task_id} for 45 s"
    )
