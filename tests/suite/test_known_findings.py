"""--known-findings FILE: failures a team accepts for now are reported as known and do not fail the run; expired and
stale entries are listed; `taskconform known add` and `known prune` keep the file; a malformed file is one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance._registry import APIS, CREDENTIALS
from conformance.cli import main
from conformance.servers import start_reference_servers

API = "maxsight-v5"
OPERATION = "GET /tasks/{task_id}"
MISSING_VERSION = "maxsight-missing-data-version"  # response_schema_conformance: "data_version" is required
NULL_CREATED = "maxsight-null-created-at"  # response_schema_conformance on the same operation: null is not a string


def _entry(check: str = "response_schema_conformance", **extra: str) -> str:
    lines = [f"- api: {API}", f"  operation: {OPERATION}", f"  check: {check}", "  reason: vendor ticket 42"]
    return "\n".join(lines + [f"  {key}: {value}" for key, value in extra.items()]) + "\n"


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "known.yaml"
    path.write_text(text)
    return path


def _run(report_dir: Path, faults: list[str], monkeypatch: pytest.MonkeyPatch, *extra: str) -> int:
    monkeypatch.setenv("TASKCONFORM_API_KEY", CREDENTIALS[API])
    with start_reference_servers(APIS.values(), faults=faults) as servers:
        ids = [arg for task_id in servers.known_task_ids(API)[:2] for arg in ("--task-id", task_id)]
        argv = ["run", "--api", API, "--base-url", servers.base_url(API), "--seed", "5", "--max-examples", "5"]
        return main([*argv, "--report-dir", str(report_dir), *ids, *extra])


def _api(report_dir: Path) -> dict:
    return json.loads((report_dir / "results.json").read_text())["apis"][0]


def _cell(api: dict, check: str = "response_schema_conformance") -> dict:
    return next(r for r in api["results"] if (r["operation"], r["check"]) == (OPERATION, check))


def test_a_run_whose_failures_are_all_known_exits_0_and_lists_them_as_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    known = _file(tmp_path, _entry())
    assert _run(tmp_path / "r", [MISSING_VERSION], monkeypatch, "--known-findings", str(known)) == 0
    out = capsys.readouterr().out
    assert f"known {OPERATION} response_schema_conformance: Response violates schema" in out
    assert "(known-findings entry 1: vendor ticket 42)" in out
    api = _api(tmp_path / "r")
    cell = _cell(api)
    assert cell["status"] == "known" and cell["failures"]
    assert all(f["known"] == 1 for f in cell["failures"])
    assert api["conformant"] is True
    [entry] = api["known"]
    assert entry["status"] == "matched" and entry["matches"] >= 1 and entry["reason"] == "vendor ticket 42"
    assert "Known findings (1)" in (tmp_path / "r" / "index.html").read_text()
    assert 'type="known"' in (tmp_path / "r" / "junit.xml").read_text()


def test_a_new_failure_beside_a_known_one_on_the_same_operation_and_check_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    known = _file(tmp_path, _entry(contains="data_version"))
    assert _run(tmp_path / "r", [MISSING_VERSION, NULL_CREATED], monkeypatch, "--known-findings", str(known)) == 1
    assert f"FAIL {OPERATION} response_schema_conformance" in capsys.readouterr().out
    cell = _cell(_api(tmp_path / "r"))
    assert cell["status"] == "failed"
    assert {f["known"] for f in cell["failures"]} == {1, None}
    assert all(("data_version" in f["message"]) == (f["known"] == 1) for f in cell["failures"])


def test_an_expired_entry_matches_nothing_its_failure_fails_again_and_it_is_listed_as_expired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    known = _file(tmp_path, _entry(expires="2020-01-31"))
    assert _run(tmp_path / "r", [MISSING_VERSION], monkeypatch, "--known-findings", str(known)) == 1
    out = capsys.readouterr().out
    assert f"expired known-findings entry 1 ({OPERATION} response_schema_conformance, expires 2020-01-31)" in out
    api = _api(tmp_path / "r")
    assert _cell(api)["status"] == "failed"
    assert [(k["status"], k["matches"]) for k in api["known"]] == [("expired", 0)]


def test_an_entry_that_matched_nothing_is_stale_and_known_prune_drops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    untested = "- api: flexprice\n  operation: GET /tasks\n  check: pagination\n  reason: another API\n"
    known = _file(tmp_path, _entry() + untested)
    assert _run(tmp_path / "r", [], monkeypatch, "--known-findings", str(known)) == 0
    out = capsys.readouterr().out
    assert f"stale known-findings entry 1 ({OPERATION} response_schema_conformance)" in out
    assert [(k["entry"], k["status"]) for k in _api(tmp_path / "r")["known"]] == [(1, "stale")]

    assert main(["known", "prune", str(tmp_path / "r"), str(known)]) == 0
    assert "dropped 1 stale entry" in capsys.readouterr().out
    assert known.read_text() == untested


def test_known_add_then_a_rerun_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    known = tmp_path / "new" / "known.yaml"
    known.parent.mkdir()
    assert _run(tmp_path / "first", [MISSING_VERSION], monkeypatch) == 1
    failed = {r["check"] for r in _api(tmp_path / "first")["results"] if r["status"] == "failed"}
    args = ["known", "add", str(tmp_path / "first"), str(known), "--reason", "VEND-7", "--expires", "2999-12-31"]
    assert main(args) == 0
    assert f"added {len(failed)} entr" in capsys.readouterr().out
    assert known.read_text().count("reason: VEND-7") == len(failed)
    assert main(args) == 0  # nothing new to add: the file is left as it is
    assert known.read_text().count("- api:") == len(failed)

    assert _run(tmp_path / "again", [MISSING_VERSION], monkeypatch, "--known-findings", str(known)) == 0
    assert {k["status"] for k in _api(tmp_path / "again")["known"]} == {"matched"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("- api: [\n", "not valid YAML at line 2"),
        (_entry() + "- api: maxsight-v5\n  operation: GET /tasks/{task_id}\n  check: unknown_id\n",
         "entry 2 (maxsight-v5 GET /tasks/{task_id} unknown_id): 'reason' is required"),
        (_entry(expires="2026-02-30"), "entry 1 (maxsight-v5 GET /tasks/{task_id} response_schema_conformance): "
         "'expires' must be a date YYYY-MM-DD, got '2026-02-30'"),
        (_entry(owner="me"), "entry 1 (maxsight-v5 GET /tasks/{task_id} response_schema_conformance): "
         "unknown key 'owner'"),
        (_entry().replace(API, "acme"), "entry 1 (acme GET /tasks/{task_id} response_schema_conformance): unknown API"),
        (_entry(check="schema"), "entry 1 (maxsight-v5 GET /tasks/{task_id} schema): unknown check 'schema'"),
    ],
)  # fmt: skip
def test_a_malformed_file_exits_2_with_one_line_naming_the_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, problem: str
) -> None:
    known = _file(tmp_path, text)
    argv = ["run", "--api", API, "--max-examples", "1", "--report-dir", str(tmp_path / "r")]
    assert main([*argv, "--known-findings", str(known)]) == 2
    out = capsys.readouterr()
    lines = [line for line in (out.out + out.err).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert f"--known-findings: {known}: {problem}" in lines[0]
    assert "Traceback" not in out.out + out.err


def test_known_add_refuses_a_bad_date_and_a_missing_report_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    known = tmp_path / "known.yaml"
    assert main(["known", "add", str(tmp_path / "none"), str(known), "--reason", "r"]) == 2
    assert main(["known", "add", str(tmp_path), str(known), "--reason", "r", "--expires", "soon"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "no such results file" in err[0]
    assert not known.exists()


def test_the_pytest_form_reads_the_same_file(tmp_path: Path) -> None:
    known = _file(tmp_path, _entry())
    env = {**os.environ, "TASKCONFORM_API_KEY": CREDENTIALS[API]}
    with start_reference_servers(APIS.values(), faults=[MISSING_VERSION]) as servers:
        ids = [arg for task_id in servers.known_task_ids(API)[:2] for arg in ("--task-id", task_id)]
        argv = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--api", API, "--max-examples", "5"]
        argv += ["--base-url", servers.base_url(API), "--seed", "5", "--known-findings", str(known), *ids]
        result = subprocess.run(
            [*argv, "--report-dir", str(tmp_path / "r")], capture_output=True, cwd=tmp_path, env=env, check=False
        )
    out = result.stdout.decode()
    assert result.returncode == 0, out[-3000:]
    assert "xfailed" in out and f"known {OPERATION} response_schema_conformance" in out
    assert _cell(_api(tmp_path / "r"))["status"] == "known"
