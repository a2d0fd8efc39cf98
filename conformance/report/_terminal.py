"""The end of a run's terminal output: one verdict line per API, its failures and skips, where the report is."""

from __future__ import annotations

from pathlib import Path

from conformance._results import RunReport


def summary_lines(report: RunReport, report_dir: Path) -> list[str]:
    """What a person needs at the end of the terminal output."""
    lines = []
    for api in report.apis:
        verdict = "CONFORMANT" if api.conformant else "NOT CONFORMANT"
        lines.append(f"{api.api}: {verdict}, score {api.score:.1f}% ({api.base_url})")
        if api.error:
            lines.append(f"  error: {api.error}")
        for cell in api.failed:
            first = cell.failures[0] if cell.failures else None
            lines.append(f"  FAIL {cell.operation} {cell.check}: {first.title if first else ''}")
        for cell in (c for c in api.results if c.status == "warning"):
            first = cell.failures[0] if cell.failures else None
            lines.append(f"  warning {cell.operation} {cell.check}: {first.message if first else cell.reason}")
        skipped = sorted({(c.operation, c.reason) for c in api.results if c.status == "skipped"})
        for operation, reason in skipped:
            lines.append(f"  skipped {operation}: {reason}")
    if report.stopped:
        lines.append(f"partial report: {report.stopped}")
    lines.append(f"report: {report_dir / 'index.html'}")
    return lines
