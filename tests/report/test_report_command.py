"""`taskconform report merge` and `report render`: one report from CI jobs' results, exit codes a CI can act on."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from conformance._redact import Redactor
from conformance._results import RunReport, to_dict
from conformance.cli import main
from conformance.report import load_results, merge_reports, write_report


def _shards(tmp_path: Path, run: RunReport) -> tuple[Path, Path]:
    """Two CI jobs' report directories: one tested SailPoint and Flexprice, the other Maxsight."""
    first = dataclasses.replace(run, apis=(run.apis[0], run.apis[2]))
    second = dataclasses.replace(run, apis=(run.apis[1],), started_at="2026-11-24T08:31:00+00:00")
    write_report(first, tmp_path / "job-1", Redactor())
    write_report(second, tmp_path / "job-2", Redactor())
    return tmp_path / "job-1", tmp_path / "job-2" / "results.json"


def test_merge_writes_one_report_of_both_jobs_and_fails_a_failing_run(
    tmp_path: Path, failing_run: RunReport, capsys: pytest.CaptureFixture[str]
) -> None:
    job_1, job_2 = _shards(tmp_path, failing_run)
    assert main(["report", "merge", str(tmp_path / "merged"), str(job_1), str(job_2)]) == 1
    merged = load_results(tmp_path / "merged")
    assert merged == merge_reports([load_results(job_1), load_results(job_2)])
    assert [a.api for a in merged.apis] == ["flexprice", "maxsight-v5", "sailpoint-v2025"]
    assert merged.workers == 2
    assert sorted(p.name for p in (tmp_path / "merged").iterdir()) == ["index.html", "junit.xml", "results.json"]
    assert capsys.readouterr().out.splitlines() == [
        "flexprice: NOT CONFORMANT (score 0.0%)",
        "maxsight-v5: conformant (score 100.0%)",
        "sailpoint-v2025: NOT CONFORMANT (score 85.7%)",
        f"report: {tmp_path / 'merged' / 'index.html'}",
    ]


def test_merge_of_conformant_jobs_exits_zero(tmp_path: Path, failing_run: RunReport) -> None:
    maxsight = dataclasses.replace(failing_run, apis=(failing_run.apis[1],))
    write_report(maxsight, tmp_path / "a", Redactor())
    write_report(maxsight, tmp_path / "b", Redactor())
    assert main(["report", "merge", str(tmp_path / "out"), str(tmp_path / "a"), str(tmp_path / "b")]) == 0
    assert load_results(tmp_path / "out").apis[0].operations[0].requests == 50


def _bad_inputs(tmp_path: Path, run: RunReport) -> dict[str, tuple[Path, str]]:
    (tmp_path / "bad.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "v2.json").write_text(json.dumps({**to_dict(run), "schema_version": "2.0"}), encoding="utf-8")
    (tmp_path / "other-tool.json").write_text(json.dumps({**to_dict(run), "tool_version": "9.9.9"}), encoding="utf-8")
    return {
        "missing": (tmp_path / "nowhere.json", "no such results file"),
        "bad JSON": (tmp_path / "bad.json", "not valid JSON"),
        "schema version": (tmp_path / "v2.json", "schema_version '2.0' is not supported"),
        "tool version": (tmp_path / "other-tool.json", "different tool versions: 0.1.0, 9.9.9"),
    }


@pytest.mark.parametrize("case", ["missing", "bad JSON", "schema version", "tool version"])
def test_bad_input_exits_2_with_one_clear_line_and_writes_nothing(
    tmp_path: Path, failing_run: RunReport, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    good, _ = _shards(tmp_path, failing_run)
    bad, complaint = _bad_inputs(tmp_path, failing_run)[case]
    assert main(["report", "merge", str(tmp_path / "out"), str(good), str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith("taskconform report: error: ") and complaint in line
    assert "Traceback" not in captured.err
    assert not (tmp_path / "out").exists()


def test_an_unwritable_report_directory_exits_2(
    tmp_path: Path, failing_run: RunReport, capsys: pytest.CaptureFixture[str]
) -> None:
    job_1, _ = _shards(tmp_path, failing_run)
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    assert main(["report", "merge", str(tmp_path / "a-file"), str(job_1)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"taskconform report: error: cannot write the report into {tmp_path / 'a-file'}")


def test_render_rebuilds_the_page_and_junit_beside_the_results(tmp_path: Path, failing_run: RunReport) -> None:
    files = write_report(failing_run, tmp_path, Redactor())
    files.html.unlink()
    files.junit.unlink()
    assert main(["report", "render", str(files.results)]) == 1
    assert 'id="matrix-sailpoint-v2025"' in files.html.read_text(encoding="utf-8")
    assert "<testsuites" in files.junit.read_text(encoding="utf-8")


def test_render_into_another_directory_and_bad_input(
    tmp_path: Path, failing_run: RunReport, capsys: pytest.CaptureFixture[str]
) -> None:
    write_report(dataclasses.replace(failing_run, apis=(failing_run.apis[1],)), tmp_path / "run", Redactor())
    assert main(["report", "render", str(tmp_path / "run"), "--report-dir", str(tmp_path / "again")]) == 0
    assert load_results(tmp_path / "again") == load_results(tmp_path / "run")
    assert main(["report", "render", str(tmp_path / "nothing-here")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
