"""Pacing: a run keeps to a rate limit, waits out 429 and 503 as Retry-After asks, and stops waiting in a storm."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conformance._registry import APIS, CREDENTIALS
from conformance.cli import main
from conformance.servers import RateLimit, ServerSettings, start_reference_servers
from conformance.suite._pacing import MAX_RETRIES, STORM, Pacer


def test_requests_keep_to_the_rate_limit() -> None:
    pacer = Pacer(RateLimit(2, 0.3))
    started = time.monotonic()
    for _ in range(6):
        pacer.wait_turn()
    assert time.monotonic() - started >= 0.55
    assert pacer.waited >= 0.55


def test_a_429_or_503_is_waited_out_as_retry_after_asks_a_bounded_number_of_times() -> None:
    pacer = Pacer()
    assert pacer.retry_after(429, {"retry-after": ["0.05"]}, attempt=0)
    assert pacer.retry_after(503, {"retry-after": ["0.05"]}, attempt=1)
    assert not pacer.retry_after(429, {"retry-after": ["0.05"]}, attempt=MAX_RETRIES)
    assert not pacer.retry_after(503, {}, attempt=0), "a 503 without Retry-After is an answer, not a throttle"
    assert not pacer.retry_after(429, {"retry-after": ["3600"]}, attempt=0), "too long to wait: keep the answer"
    assert not pacer.retry_after(200, {"retry-after": ["0.05"]}, attempt=0)
    assert pacer.retried == 2 and 0.1 <= pacer.waited < 1


def test_a_server_that_keeps_throttling_is_not_waited_for_forever() -> None:
    pacer = Pacer()
    for _ in range(STORM):
        assert not pacer.retry_after(429, {"retry-after": ["0"]}, attempt=MAX_RETRIES)
    assert not pacer.retry_after(429, {"retry-after": ["0"]}, attempt=0), "in a storm: no more waiting"
    pacer.answered()
    assert pacer.retry_after(429, {"retry-after": ["0"]}, attempt=0), "the storm is over once an answer comes"


def test_no_wait_passes_the_runs_deadline() -> None:
    pacer = Pacer(deadline=time.time() + 0.2)
    assert not pacer.retry_after(429, {"retry-after": ["5"]}, attempt=0)
    assert pacer.waited == 0


def _run(origin: str, tmp_path: Path, name: str, *extra: str, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.setenv("TASKCONFORM_API_KEY", CREDENTIALS["maxsight-v5"])
    report = tmp_path / name
    argv = ["run", "--api", "maxsight-v5", "--base-url", f"{origin}/v5", "--max-examples", "5", "--seed", "3"]
    code = main([*argv, "--report-dir", str(report), *extra])
    data = json.loads((report / "results.json").read_text())
    return {"code": code, "api": data["apis"][0]}


def test_a_paced_run_gets_no_429_and_an_unpaced_one_recovers_with_the_same_verdicts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with start_reference_servers(APIS.values(), settings=ServerSettings(rate_limit=RateLimit(10, 1.0))) as servers:
        ids = [a for task_id in servers.known_task_ids("maxsight-v5")[:2] for a in ("--task-id", task_id)]
        paced = _run(servers.origin, tmp_path, "paced", "--rate-limit", "8/1s", *ids, monkeypatch=monkeypatch)
        unpaced = _run(servers.origin, tmp_path, "unpaced", "--rate-limit", "off", *ids, monkeypatch=monkeypatch)
    codes = {code for stats in paced["api"]["operations"] for code in stats["status_codes"]}
    assert "429" not in codes and paced["api"]["waited_s"] > 0
    assert unpaced["api"]["waited_s"] > 0, "the unpaced run was throttled and waited the 429s out"
    verdicts = [{(r["operation"], r["check"], r["status"]) for r in run["api"]["results"]} for run in (paced, unpaced)]
    assert verdicts[0] == verdicts[1]
    assert paced["code"] == unpaced["code"] == 0
