"""write_report: the three files of a report directory."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from conformance._redact import Redactor
from conformance._results import RunReport
from conformance.report import ReportFiles, write_report


def test_the_directory_is_created_and_holds_the_three_files(tmp_path: Path, failing_run: RunReport) -> None:
    directory = tmp_path / "reports" / "nightly"
    files = write_report(failing_run, directory, Redactor())
    assert files == ReportFiles(directory / "index.html", directory / "results.json", directory / "junit.xml")
    assert sorted(p.name for p in directory.iterdir()) == ["index.html", "junit.xml", "results.json"]
    assert files.html.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert json.loads(files.results.read_text(encoding="utf-8"))["seed"] == 1234
    assert ET.parse(files.junit).getroot().tag == "testsuites"


def test_writing_again_replaces_the_previous_report(tmp_path: Path, failing_run: RunReport) -> None:
    write_report(failing_run, tmp_path, Redactor())
    files = write_report(RunReport("0.1.0", "2026-11-24T09:00:00+00:00", 1.0, 5, 10, 1, False), tmp_path, Redactor())
    assert json.loads(files.results.read_text(encoding="utf-8"))["apis"] == []
    assert "sailpoint-v2025" not in files.html.read_text(encoding="utf-8")
