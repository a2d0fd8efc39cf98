"""The report of a run: index.html for people, results.json as data, junit.xml for CI; merging shards into one;
summaries for CI hosts (Markdown, GitHub annotations, GitLab code quality)."""

from conformance.report._findings import SpecLines
from conformance.report._html import render_html
from conformance.report._junit import render_junit
from conformance.report._merge import MergeError, comparable, merge_reports, results_equal_ignoring_timing
from conformance.report._redaction import redact_report
from conformance.report._results_file import (
    RESULTS_SCHEMA_PATH,
    ResultsError,
    load_results,
    read_results,
    validate_results,
)
from conformance.report._spec_lines import operation_lines
from conformance.report._summary import SUMMARY_FORMATS, SummaryFormat, summarize
from conformance.report._terminal import summary_lines
from conformance.report._write import ReportFiles, write_report

__all__ = [
    "RESULTS_SCHEMA_PATH",
    "SUMMARY_FORMATS",
    "MergeError",
    "ReportFiles",
    "ResultsError",
    "SpecLines",
    "SummaryFormat",
    "comparable",
    "load_results",
    "merge_reports",
    "operation_lines",
    "read_results",
    "redact_report",
    "render_html",
    "render_junit",
    "results_equal_ignoring_timing",
    "summarize",
    "summary_lines",
    "validate_results",
    "write_report",
]
