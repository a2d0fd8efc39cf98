"""`taskconform audit` in process: output, --fail-on exit codes, and one clear line (exit 2) for bad input."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance import APIS
from conformance._results import to_dict
from conformance.audit import RUN_RULES, SPEC_RULES
from conformance.cli import main
from tests.audit.specimens import RESULTS, edited, failure, minimal_run, minimal_spec, operation, replaced


def spec_file(tmp_path: Path, name: str, *edits: Any) -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(edited(minimal_spec(), *edits)))
    return str(path)


def deprecate(spec: dict[str, Any]) -> None:
    operation(spec)["deprecated"] = True


def drop_status(spec: dict[str, Any]) -> None:
    operation(spec)["responses"]["404"] = {"description": "No task."}


def describe(spec: dict[str, Any]) -> None:
    operation(spec)["description"] = "Another description."


@pytest.fixture
def old(tmp_path: Path) -> str:
    return spec_file(tmp_path, "old.yaml")


@pytest.mark.parametrize(
    ("edit", "fail_on", "code"),
    [
        (describe, None, 0),
        (describe, "warning", 0),
        (deprecate, "breaking", 0),
        (deprecate, "warning", 1),
        (drop_status, "breaking", 0),
        (drop_status, "warning", 1),
    ],
)
def test_spec_exit_code_follows_fail_on(
    tmp_path: Path, old: str, edit: Any, fail_on: str | None, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    new = spec_file(tmp_path, "new.yaml", edit)
    assert main(["audit", "spec", old, new, *(["--fail-on", fail_on] if fail_on else [])]) == code
    assert capsys.readouterr().err == ""


def test_a_breaking_change_fails_on_breaking_and_is_listed(
    tmp_path: Path, old: str, capsys: pytest.CaptureFixture[str]
) -> None:
    new = spec_file(tmp_path, "new.yaml", lambda d: d["paths"].clear())
    assert main(["audit", "spec", old, new, "--fail-on", "breaking"]) == 1
    out = capsys.readouterr().out
    assert "operation-removed  PUT /tasks/{id}" in out
    assert "1 changes: 1 breaking" in out


def test_without_fail_on_even_breaking_changes_exit_zero(tmp_path: Path, old: str) -> None:
    new = spec_file(tmp_path, "new.yaml", lambda d: d["paths"].clear())
    assert main(["audit", "spec", old, new]) == 0


def test_our_specs_against_themselves_pass_the_gate(capsys: pytest.CaptureFixture[str]) -> None:
    for api in APIS.values():
        assert main(["audit", "spec", str(api.spec_path), str(api.spec_path), "--fail-on", "warning"]) == 0
        assert "0 changes" in capsys.readouterr().out


def test_output_goes_to_a_file_in_the_chosen_format(
    tmp_path: Path, old: str, capsys: pytest.CaptureFixture[str]
) -> None:
    new = spec_file(tmp_path, "new.yaml", deprecate)
    report = tmp_path / "audit.json"
    assert main(["audit", "spec", old, new, "--format", "json", "--output", str(report)]) == 0
    assert capsys.readouterr().out == ""
    assert [c["rule_id"] for c in json.loads(report.read_text())["changes"]] == ["operation-deprecated"]


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["missing.yaml", "{old}"], "cannot read"),
        (["git:no-such-rev:specs/x.yaml", "{old}"], "invalid object name"),
        (["{invalid}", "{old}"], "is not valid OpenAPI"),
        (["{old}", "{old}", "--output", "{tmp}/no/such/dir/out.txt"], "cannot write"),
    ],
)
def test_bad_spec_input_is_one_line_on_stderr_and_exit_2(
    tmp_path: Path,
    old: str,
    arguments: list[str],
    says: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    invalid = spec_file(tmp_path, "invalid.yaml", lambda d: d.pop("info"))
    args = [a.format(old=old, invalid=invalid, tmp=tmp_path) for a in arguments]

    assert main(["audit", "spec", *args]) == 2

    err = capsys.readouterr().err
    assert says in err
    assert err.count("\n") == 1
    assert err.startswith("taskconform audit: ")
    assert "Traceback" not in err


def write_run(directory: Path, **api_changes: Any) -> str:
    directory.mkdir()
    (directory / "results.json").write_text(json.dumps(to_dict(minimal_run(**api_changes))))
    return str(directory)


def test_runs_fail_on_breaking_when_a_check_newly_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = write_run(tmp_path / "base")
    failed = replaced(
        RESULTS, 0, status="failed", failures=(failure("GET /tasks/{id}", "response_schema_conformance"),)
    )
    new = write_run(tmp_path / "new", results=failed)

    assert main(["audit", "runs", base, new, "--fail-on", "breaking"]) == 1
    assert "check-newly-failing" in capsys.readouterr().out
    assert main(["audit", "runs", base, base, "--fail-on", "warning"]) == 0


def test_runs_latency_threshold_decides_the_warning(tmp_path: Path) -> None:
    base = write_run(tmp_path / "base")
    stats = minimal_run().apis[0].operations
    slower = tuple(
        s.__class__(s.operation, s.requests, tuple(x * 1.4 for x in s.latencies_ms), s.status_codes) for s in stats
    )
    new = write_run(tmp_path / "new", operations=slower)

    assert main(["audit", "runs", base, new, "--fail-on", "warning"]) == 0
    assert main(["audit", "runs", base, new, "--fail-on", "warning", "--latency-threshold", "1.2"]) == 1


def test_runs_with_missing_or_foreign_results_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = write_run(tmp_path / "base")
    (tmp_path / "foreign.json").write_text(json.dumps({"tool": "other"}))

    assert main(["audit", "runs", base, str(tmp_path / "nowhere")]) == 2
    assert "no such results file; pass a report directory" in capsys.readouterr().err
    assert main(["audit", "runs", base, str(tmp_path / "foreign.json")]) == 2
    assert "is not supported" in capsys.readouterr().err


@pytest.mark.parametrize(
    "arguments",
    [
        ["audit"],
        ["audit", "spec", "only-one.yaml"],
        ["audit", "spec", "a.yaml", "b.yaml", "--fail-on", "info"],
        ["audit", "spec", "a.yaml", "b.yaml", "--format", "pdf"],
        ["audit", "runs", "a", "b", "--latency-threshold", "0.9"],
        ["audit", "runs", "a", "b", "--latency-threshold", "fast"],
        ["audit", "runs", "a", "b", "--min-samples", "0"],
        ["audit", "runs", "a", "b", "--min-samples", "many"],
    ],
)
def test_usage_errors_exit_2(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(arguments)
    assert exited.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_rules_lists_every_rule_with_its_severity(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "rules"]) == 0
    out = capsys.readouterr().out
    assert f"Spec rules ({len(SPEC_RULES)})" in out
    assert f"Run rules ({len(RUN_RULES)})" in out
    for rule in SPEC_RULES:
        assert f"{rule.id} " in out


def test_rules_as_json_are_every_rule_as_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "rules", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [rule["id"] for rule in data["spec"]] == [rule.id for rule in SPEC_RULES]
    assert [rule["id"] for rule in data["run"]] == [rule.id for rule in RUN_RULES]
    assert data["spec"][0] == dataclasses.asdict(SPEC_RULES[0])


def test_rules_as_markdown_go_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "RULES.md"
    assert main(["audit", "rules", "--format", "markdown", "--output", str(target)]) == 0
    assert capsys.readouterr().out == ""
    text = target.read_text()
    assert text.startswith("# Audit rules")
    assert "| `request-header-added-required` | breaking | request |" in text


def test_rules_refuse_html_and_fail_on(capsys: pytest.CaptureFixture[str]) -> None:
    for arguments in (["--format", "html"], ["--fail-on", "breaking"]):
        with pytest.raises(SystemExit) as exited:
            main(["audit", "rules", *arguments])
        assert exited.value.code == 2
        assert "usage:" in capsys.readouterr().err


def test_spec_prints_its_verdict(tmp_path: Path, old: str, capsys: pytest.CaptureFixture[str]) -> None:
    for edit, says in ((describe, "Verdict: safe"), (deprecate, "Verdict: warnings only")):
        main(["audit", "spec", old, spec_file(tmp_path, "new.yaml", edit)])
        assert says in capsys.readouterr().out


def test_runs_min_samples_decides_whether_latency_is_judged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    few = tuple(
        s.__class__(s.operation, 8, s.latencies_ms[:8], s.status_codes) for s in minimal_run().apis[0].operations
    )
    slower = tuple(s.__class__(s.operation, 8, tuple(x * 3 for x in s.latencies_ms), s.status_codes) for s in few)
    base, new = write_run(tmp_path / "base", operations=few), write_run(tmp_path / "new", operations=slower)

    assert main(["audit", "runs", base, new, "--fail-on", "warning"]) == 0
    assert "samples 8 -> 8 (too few to judge)" in capsys.readouterr().out
    assert main(["audit", "runs", base, new, "--fail-on", "warning", "--min-samples", "8"]) == 1
    assert "latency-regressed" in capsys.readouterr().out
