"""`audit runs` on two real runs against the reference servers, one of them with a fault switched on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance._registry import APIS, CREDENTIALS
from conformance.cli import main
from conformance.servers import start_reference_servers

FAULT = "maxsight-missing-data-version"


def _run(report_dir: Path, faults: list[str], monkeypatch: pytest.MonkeyPatch, *extra: str) -> int:
    monkeypatch.setenv("TASKCONFORM_API_KEY", CREDENTIALS["maxsight-v5"])
    with start_reference_servers(APIS.values(), faults=faults) as servers:
        ids = [arg for task_id in servers.known_task_ids("maxsight-v5")[:2] for arg in ("--task-id", task_id)]
        argv = ["run", "--api", "maxsight-v5", "--base-url", servers.base_url("maxsight-v5"), "--seed", "5"]
        return main([*argv, "--max-examples", "5", "--report-dir", str(report_dir), *ids, *extra])


def test_the_faults_checks_are_newly_failing_and_nothing_else_changed_but_latency(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(tmp_path / "base", [], monkeypatch) == 0
    assert _run(tmp_path / "new", [FAULT], monkeypatch) == 1
    capsys.readouterr()

    code = main(["audit", "runs", str(tmp_path / "base"), str(tmp_path / "new"), "--format", "json"])
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert code == 0
    newly_failing = [c for c in changes if c["kind"] != "latency"]
    new_results = json.loads((tmp_path / "new" / "results.json").read_text())
    failed = {(r["operation"], r["check"]) for r in new_results["apis"][0]["results"] if r["status"] == "failed"}
    assert failed, "the fault is detected"
    assert {c["rule_id"] for c in newly_failing} == {"check-newly-failing"}
    assert {(c["operation"], c["message"].split(" ", 1)[0]) for c in newly_failing} == {
        (f"maxsight-v5 {operation}", check) for operation, check in failed
    }


def test_a_run_with_a_baseline_carries_the_comparison_into_its_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run(tmp_path / "base", [], monkeypatch) == 0
    assert _run(tmp_path / "new", [FAULT], monkeypatch, "--baseline", str(tmp_path / "base")) == 1
    comparison = json.loads((tmp_path / "new" / "results.json").read_text())["comparison"]
    assert any(change["kind"] != "latency" for change in comparison["changes"])
    assert "Changes since baseline" in (tmp_path / "new" / "index.html").read_text()


def test_an_unreadable_baseline_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(tmp_path / "new", [], monkeypatch, "--baseline", str(tmp_path / "missing")) == 2
