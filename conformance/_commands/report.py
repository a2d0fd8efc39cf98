"""`taskconform report`: merge result files from separate jobs into one report, re-render a report, or summarise
one for a CI host."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from conformance._redact import Redactor
from conformance._registry import CREDENTIALS, UnknownApiError, get_api
from conformance._results import RunReport
from conformance.core._spec import spec_sha256
from conformance.report import (
    SUMMARY_FORMATS,
    MergeError,
    ResultsError,
    SpecLines,
    load_results,
    merge_reports,
    operation_lines,
    read_results,
    summarize,
    write_report,
)

EXIT_CONFORMANT, EXIT_NOT_CONFORMANT, EXIT_BAD_INPUT = 0, 1, 2
_EXIT_CODES = "exit status: 0 when every API conforms, 1 when one does not, 2 when an input cannot be read or merged"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `report merge`, `report render` and `report summary` to the command line."""
    parser = subparsers.add_parser("report", help="merge or re-render run reports", description=__doc__)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    merge = actions.add_parser(
        "merge",
        help="merge results.json files (or report directories) of workers or CI jobs into one report",
        epilog=_EXIT_CODES,
    )
    merge.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="directory to write the merged report into")
    merge.add_argument(
        "inputs", metavar="INPUT", type=Path, nargs="+", help="a results.json file or a report directory"
    )
    merge.set_defaults(handler=_merge)
    render = actions.add_parser(
        "render", help="re-render index.html and junit.xml from a results.json", epilog=_EXIT_CODES
    )
    render.add_argument("input", metavar="INPUT", type=Path, help="a results.json file or a report directory")
    render.add_argument(
        "--report-dir", type=Path, default=None, help="where to write the report (default: beside the results file)"
    )
    render.set_defaults(handler=_render)
    summary = actions.add_parser(
        "summary",
        help="summarise a report for a CI host: Markdown, GitHub annotations or a GitLab code-quality report",
        epilog="exit status: 0 when the summary is written, 2 when the results cannot be read or the output written",
    )
    summary.add_argument("input", metavar="REPORT_DIR", type=Path, help="a report directory or a results.json file")
    summary.add_argument(
        "--format",
        choices=SUMMARY_FORMATS,
        default="markdown",
        help="markdown (a step summary or merge-request comment), github (workflow commands: one annotation per"
        " finding at its operation in the spec), gitlab (a code-quality JSON report); default: markdown",
    )
    summary.add_argument("--output", type=Path, default=None, help="write the summary into this file (default: stdout)")
    summary.set_defaults(handler=_summary)


def _merge(args: argparse.Namespace) -> int:
    try:
        report = merge_reports([load_results(path) for path in args.inputs])
    except (ResultsError, MergeError) as error:
        return _bad_input(str(error))
    return _write(report, args.out_dir)


def _render(args: argparse.Namespace) -> int:
    try:
        report = load_results(args.input)
    except ResultsError as error:
        return _bad_input(str(error))
    directory = args.report_dir or (args.input if args.input.is_dir() else args.input.parent)
    return _write(report, directory)


def _summary(args: argparse.Namespace) -> int:
    try:
        data = _redactor().value(read_results(args.input))
    except ResultsError as error:
        return _bad_input(str(error))
    text = summarize(data, args.format, _spec_lines(data))
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_CONFORMANT
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        return _bad_input(f"cannot write {args.output}: {error.strerror or error}")
    return EXIT_CONFORMANT


def _spec_lines(data: Mapping[str, Any]) -> dict[str, SpecLines]:
    """Each recorded spec file as the repository names it, with its operations' lines when the file can be read."""
    specs: dict[str, SpecLines] = {}
    for api in data["apis"]:
        text = _spec_text(api["api"], api["spec_file"], api["spec_sha256"])
        specs.setdefault(api["spec_file"], SpecLines(_repository_path(api["spec_file"]), operation_lines(text)))
    return specs


def _spec_text(name: str, recorded: str, sha256: str) -> str:
    """The spec the run used: the recorded path or the registry's copy, whichever has the recorded hash, else the
    first that can be read (its lines may have moved), else nothing."""
    candidates = [Path(recorded)]
    with contextlib.suppress(UnknownApiError):
        candidates.append(get_api(name).spec_path)
    readable: list[tuple[bool, str]] = []
    for path in candidates:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            readable.append((spec_sha256(path) == sha256, path.read_text(encoding="utf-8")))
    return max(readable, key=lambda found: found[0], default=(False, ""))[1]


def _repository_path(recorded: str) -> str:
    """A recorded spec path relative to the working directory (the repository root in CI) when it lies inside it."""
    path = Path(recorded)
    if path.is_absolute() and path.is_relative_to(Path.cwd()):
        return path.relative_to(Path.cwd()).as_posix()
    return recorded


def _write(report: RunReport, directory: Path) -> int:
    """Write the report, print one line per API and where the report is; return the verdict as exit status."""
    redactor = _redactor()
    try:
        files = write_report(report, directory, redactor)
    except OSError as error:
        return _bad_input(f"cannot write the report into {directory}: {error.strerror or error}")
    for api in report.apis:
        verdict = "conformant" if api.conformant else "NOT CONFORMANT"
        print(f"{api.api}: {verdict} (score {api.score:.1f}%)")
    print(f"report: {files.html}")
    if redactor.note:
        print(f"redaction: {redactor.note}")
    return EXIT_CONFORMANT if report.conformant else EXIT_NOT_CONFORMANT


def _redactor() -> Redactor:
    """The environment's secrets; the reference servers' built-in credentials are no secret (hidden whole only)."""
    return Redactor.from_environment(public=CREDENTIALS.values())


def _bad_input(message: str) -> int:
    print(f"taskconform report: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
