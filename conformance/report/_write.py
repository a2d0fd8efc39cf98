"""Writing a run's report directory: index.html, results.json and junit.xml, all redacted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conformance._redact import Redactor
from conformance._results import RunReport
from conformance.report._html import render_html
from conformance.report._junit import render_junit
from conformance.report._redaction import redact_report
from conformance.report._results_file import RESULTS_FILE, results_json


@dataclass(frozen=True)
class ReportFiles:
    """The three files of a report directory."""

    html: Path
    results: Path
    junit: Path


def write_report(report: RunReport, directory: Path, redactor: Redactor) -> ReportFiles:
    """Redact `report` and write index.html, results.json and junit.xml into `directory` (created if missing)."""
    safe = redact_report(report, redactor)
    directory.mkdir(parents=True, exist_ok=True)
    files = ReportFiles(html=directory / "index.html", results=directory / RESULTS_FILE, junit=directory / "junit.xml")
    files.html.write_text(render_html(safe, redactor.note), encoding="utf-8")
    files.results.write_text(results_json(safe), encoding="utf-8")
    files.junit.write_text(render_junit(safe), encoding="utf-8")
    return files
