"""`--spec`: test an API against another version of its contract; the spec drives the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conformance import APIS
from conformance.cli import main


def _copy(tmp_path: Path, edit=None) -> Path:
    spec = yaml.safe_load(APIS["flexprice"].spec_path.read_text(encoding="utf-8"))
    if edit:
        edit(spec)
    path = tmp_path / "flexprice-next.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def _run(tmp_path: Path, spec: Path) -> int:
    report = tmp_path / "report"
    return main(["run", "--api", "flexprice", "--spec", str(spec), "--max-examples", "5", "--report-dir", str(report)])


def test_an_unchanged_copy_of_the_contract_passes(tmp_path: Path) -> None:
    spec = _copy(tmp_path)
    assert _run(tmp_path, spec) == 0
    results = json.loads((tmp_path / "report" / "results.json").read_text())
    assert results["apis"][0]["spec_file"] == str(spec.resolve())


def test_a_copy_that_requires_a_new_response_field_fails_on_that_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def require_priority(spec: dict) -> None:
        task = spec["components"]["schemas"]["DtoTaskResponse"]
        task["properties"]["priority"] = {"type": "integer"}
        task.setdefault("required", []).append("priority")

    assert _run(tmp_path, _copy(tmp_path, require_priority)) == 1
    results = json.loads((tmp_path / "report" / "results.json").read_text())
    failed = {
        (cell["operation"], cell["check"]): cell["failures"][0]["message"]
        for cell in results["apis"][0]["results"]
        if cell["status"] == "failed"
    }
    assert failed[("GET /tasks/{id}", "response_schema_conformance")].startswith('"priority" is a required property')
    assert {check for _, check in failed} == {"response_schema_conformance"}
    assert "response_schema_conformance" in capsys.readouterr().out


def test_a_spec_that_does_not_parse_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.1.0\npaths: [\n", encoding="utf-8")
    assert _run(tmp_path, broken) == 2
    err = capsys.readouterr()
    assert "--spec: spec" in err.out + err.err and "Traceback" not in err.out + err.err
