"""The report of a run: index.html for people, results.json as data, junit.xml for CI; merging shards into one."""

from conformance.report._html import render_html
from conformance.report._junit import render_junit
from conformance.report._merge import MergeError, comparable, merge_reports, results_equal_ignoring_timing
from conformance.report._redaction import redact_report
from conformance.report._results_file import RESULTS_SCHEMA_PATH, ResultsError, load_results, validate_results
from conformance.report._terminal import summary_lines
from conformance.report._write import ReportFiles, write_report

__all__ = [
    "RESULTS_SCHEMA_PATH",
    "MergeError",
    "ReportFiles",
    "ResultsError",
    "comparable",
    "load_results",
    "merge_reports",
    "redact_report",
    "render_html",
    "render_junit",
    "results_equal_ignoring_timing",
    "summary_lines",
    "validate_results",
    "write_report",
]
