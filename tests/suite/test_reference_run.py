"""The main job: the suite against the embedded reference servers finds nothing, in both forms, any worker count."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conformance.cli import main
from conformance.report import load_results, results_equal_ignoring_timing


def test_taskconform_run_with_defaults_passes_for_all_three_apis(tmp_path: Path) -> None:
    assert main(["run", "--report-dir", str(tmp_path)]) == 0
    report = load_results(tmp_path)
    assert [api.api for api in report.apis] == ["flexprice", "maxsight-v5", "sailpoint-v2025"]
    for api in report.apis:
        assert api.conformant, [(r.operation, r.check, r.failures[:1]) for r in api.failed]
        assert api.score == 100.0
        assert sum(stats.requests for stats in api.operations) > 50
    checks = {r.check for api in report.apis for r in api.results if r.status == "passed"}
    assert {"response_schema_conformance", "negative_data_rejection", "pagination", "filters", "sorters"} <= checks
    assert {"head_matches_get", "update_persisted", "create_visible", "unknown_id", "auth_required"} <= checks


def test_the_pytest_form_runs_the_same_suite_through_the_plugin(tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--api", "maxsight-v5", "--max-examples", "5"]
    result = subprocess.run([*argv, "--report-dir", str(tmp_path)], capture_output=True, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stdout.decode()[-2000:]
    out = result.stdout.decode()
    assert "maxsight-v5: CONFORMANT, score 100.0%" in out
    assert json.loads((tmp_path / "results.json").read_text())["conformant"] is True


def test_two_workers_give_the_results_of_one(tmp_path: Path) -> None:
    common = ["run", "--api", "flexprice", "--max-examples", "5", "--seed", "3"]
    assert main([*common, "--workers", "1", "--report-dir", str(tmp_path / "one")]) == 0
    assert main([*common, "--workers", "2", "--report-dir", str(tmp_path / "two")]) == 0
    one, two = load_results(tmp_path / "one"), load_results(tmp_path / "two")
    assert two.workers == 2 and one.workers == 1
    assert results_equal_ignoring_timing(one, two)
