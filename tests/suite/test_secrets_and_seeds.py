"""Secrets never reach any output, and the same seed sends the same requests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from starlette.applications import Starlette

from tests.suite.vendors import MAXSIGHT_TASK, maxsight_app

SECRET = "SECRET-maxsight-7f3a9c1e"


def _run_cli(base_url: str, report_dir: Path, *extra: str) -> subprocess.CompletedProcess[bytes]:
    argv = [
        sys.executable, "-m", "conformance.cli", "run", "--api", "maxsight-v5", "--base-url", base_url,
        "--task-id", MAXSIGHT_TASK["id"], "--max-examples", "5", "--report-dir", str(report_dir), *extra,
    ]  # fmt: skip
    env = {**os.environ, "TASKCONFORM_API_KEY": SECRET}
    return subprocess.run(argv, env=env, capture_output=True, check=False, timeout=120)


def test_a_failing_run_writes_no_secret_anywhere(serve: Callable[[Starlette], str], tmp_path: Path) -> None:
    origin = serve(maxsight_app(secret=SECRET, mode="schema-violation"))
    result = _run_cli(f"{origin}/v5", tmp_path)
    assert result.returncode == 1
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert {p.name for p in files} >= {"index.html", "results.json", "junit.xml"}
    outputs = {"stdout": result.stdout, "stderr": result.stderr} | {str(p): p.read_bytes() for p in files}
    assert b"curl" in outputs[str(tmp_path / "results.json")], "the failure's curl command is in the results"
    leaks = [name for name, data in outputs.items() if SECRET.encode() in data]
    assert leaks == []
    assert b"$TASKCONFORM_API_KEY" in outputs[str(tmp_path / "results.json")]


def test_the_same_seed_sends_the_same_requests(serve: Callable[[Starlette], str], tmp_path: Path) -> None:
    logs: list[list[str]] = []
    for seed in ("11", "11", "12"):
        log: list[str] = []
        origin = serve(maxsight_app(secret=SECRET, log=log))
        assert _run_cli(f"{origin}/v5", tmp_path / seed, "--seed", seed).returncode == 0
        logs.append(log)
    assert len(logs[0]) > 10
    assert logs[0] == logs[1]
    assert logs[0] != logs[2]
