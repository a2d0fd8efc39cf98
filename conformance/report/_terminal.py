"""The end of a run's terminal output: one verdict line per API, its failures and skips, where the report is."""

from __future__ import annotations

from pathlib import Path

from conformance._results import ApiRun, Failure, KnownFinding, RunReport

KNOWN_NOTES = {
    "expired": "past its expiry, it matches nothing: its failures fail again",
    "stale": "matched nothing though its operation was tested (fixed? `taskconform known prune` drops it)",
}


def summary_lines(report: RunReport, report_dir: Path, *, strict: bool = False) -> list[str]:
    """What a person needs at the end of the terminal output: failures, warnings with the decision each contradicts
    (failures too under --strict), known failures and the known-findings entries that expired or went stale."""
    lines = []
    for api in report.apis:
        verdict = "CONFORMANT" if api.conformant else "NOT CONFORMANT"
        warned = f", {len(api.warned)} warning{'s' if len(api.warned) != 1 else ''}" if api.warned else ""
        warned += f", {len(api.known_failed)} known" if api.known_failed else ""
        lines.append(f"{api.api}: {verdict}, score {api.score:.1f}%{warned} ({api.base_url})")
        if api.error:
            lines.append(f"  error: {api.error}")
        for cell in api.failed:
            first = next((f for f in cell.failures if f.level == "failure"), None)
            lines.append(f"  FAIL {cell.operation} {cell.check}: {first.title if first else ''}")
        for cell in api.warned:
            first = cell.failures[0] if cell.failures else None
            label = "WARNING (fails under --strict)" if strict else "warning"
            detail = f"{first.title}: {(first.message.splitlines() or [''])[0]}" if first else cell.reason
            lines.append(f"  {label} {cell.operation} {cell.check}: {detail}{_rests_on(first)}")
        for cell in api.known_failed:
            first = cell.failures[0] if cell.failures else None
            title = first.title if first else ""
            lines.append(f"  known {cell.operation} {cell.check}: {title}{_known_as(api, first)}")
        for entry in api.known:
            if entry.status in ("expired", "stale"):
                lines.append(f"  {entry.status} known-findings entry {_entry(entry)}: {KNOWN_NOTES[entry.status]}")
        skipped = sorted({(c.operation, c.reason) for c in api.results if c.status == "skipped"})
        for operation, reason in skipped:
            lines.append(f"  skipped {operation}: {reason}")
    if report.stopped:
        lines.append(f"partial report: {report.stopped}")
    lines.append(f"report: {report_dir / 'index.html'}")
    return lines


def _rests_on(failure: Failure | None) -> str:
    decisions = [s.section for s in failure.rests_on if s.decision is not None] if failure else []
    return f" (contradicts {', '.join(decisions)} of specs/README.md)" if decisions else ""


def _known_as(api: ApiRun, failure: Failure | None) -> str:
    entry = next((e for e in api.known if failure is not None and e.entry == failure.known), None)
    return f" (known-findings entry {entry.entry}: {entry.reason})" if entry else ""


def _entry(entry: KnownFinding) -> str:
    expiry = f", expires {entry.expires}" if entry.expires else ""
    return f"{entry.entry} ({entry.operation} {entry.check}{expiry})"
