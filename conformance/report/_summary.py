"""A run's summary for a CI host: Markdown (a step summary or a merge-request comment), GitHub or GitLab findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from conformance._results import RunReport, Statement, from_dict
from conformance.report._ci_formats import render_github, render_gitlab
from conformance.report._findings import Finding, SpecLines, findings

SummaryFormat = Literal["markdown", "github", "gitlab"]
SUMMARY_FORMATS: tuple[SummaryFormat, ...] = ("markdown", "github", "gitlab")
# The entries of the --known-findings file, by what they came to in the run.
LISTS = {
    "matched": "Known findings (accepted, not failing the run)",
    "expired": "Expired known findings (failing again)",
    "stale": "Stale known findings (matched nothing: the vendor may have fixed them)",
}


def summarize(data: Mapping[str, Any], fmt: SummaryFormat, specs: Mapping[str, SpecLines]) -> str:
    """The summary of a validated results document in `fmt`, its findings located with `specs` (by spec_file)."""
    report = from_dict(dict(data))
    found = findings(report, specs)
    if fmt == "github":
        return render_github(found)
    if fmt == "gitlab":
        return render_gitlab(found)
    return render_markdown(report, found, {status: listed(report, status) for status in LISTS})


def listed(report: RunReport, status: str) -> list[str]:
    """The known-findings entries that came to `status` in the run, one line each: where, what, and why."""
    return [
        f"{api.api} `{entry.operation}` `{entry.check}`"
        + (f" containing “{entry.contains}”" if entry.contains else "")
        + f": {entry.reason}"
        + (f" (expires {entry.expires})" if entry.expires else "")
        + (f", matched {entry.matches}" if entry.matches else "")
        for api in report.apis
        for entry in api.known
        if entry.status == status
    ]


def render_markdown(report: RunReport, found: Sequence[Finding], lists: Mapping[str, list[str]]) -> str:
    """The verdict per API, then a row per failure and per warning with what it rests on, then the known lists."""
    verdict = "CONFORMANT" if report.conformant else "NOT CONFORMANT"
    conform = sum(api.conformant for api in report.apis)
    out = [f"## taskconform: {verdict}", ""]
    out += [f"{conform} of {len(report.apis)} API{'' if len(report.apis) == 1 else 's'} conform · "
            f"seed {report.seed if report.seed is not None else 'none'} · started {report.started_at} · "
            f"taskconform {report.tool_version}", ""]  # fmt: skip
    if report.stopped:
        out += [f"**Partial report:** {_cell(report.stopped)}", ""]
    out += ["| API | verdict | score | failed checks | warnings |", "|---|---|---:|---:|---:|"]
    for api in report.apis:
        state = "CONFORMANT" if api.conformant else "NOT CONFORMANT"
        if api.error:
            state += f" (could not test: {_cell(api.error)})"
        out.append(f"| {api.api} | {state} | {api.score:.1f}% | {len(api.failed)} | {len(api.warned)} |")
    for level, heading, rests in (("failure", "Failures", "rests on"), ("warning", "Warnings", "contradicts")):
        rows = [f for f in found if f.level == level]
        if rows:
            out += ["", f"### {heading}", "", f"| API | operation | check | finding | {rests} |"]
            out += ["|---|---|---|---|---|", *(_row(f) for f in rows)]
    for key, heading in LISTS.items():
        if lists.get(key):
            out += ["", f"### {heading}", "", *(f"- {_cell(line)}" for line in lists[key])]
    return "\n".join(out) + "\n"


def _row(finding: Finding) -> str:
    operation = f"`{finding.operation}`" if finding.operation else "—"
    text = f"{finding.title}: {finding.message}" if finding.operation else finding.message
    rests = "<br>".join(_statement(s) for s in finding.rests_on) or "—"
    return f"| {finding.api} | {operation} | `{finding.check}` | {_cell(text)} | {rests} |"


def _statement(statement: Statement) -> str:
    return f"{_cell(statement.source)}, {_cell(statement.section)}: “{_cell(statement.quote)}”"


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, no column breaks, no HTML."""
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;")

