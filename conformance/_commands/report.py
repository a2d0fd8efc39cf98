"""`taskconform report`: merge result files from separate jobs into one report, or re-render a report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from conformance._redact import Redactor
from conformance._results import RunReport
from conformance.report import MergeError, ResultsError, load_results, merge_reports, write_report

EXIT_CONFORMANT, EXIT_NOT_CONFORMANT, EXIT_BAD_INPUT = 0, 1, 2
_EXIT_CODES = "exit status: 0 when every API conforms, 1 when one does not, 2 when an input cannot be read or merged"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `report merge` and `report render` to the command line."""
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


def _write(report: RunReport, directory: Path) -> int:
    """Write the report, print one line per API and where the report is; return the verdict as exit status."""
    redactor = Redactor.from_environment()
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


def _bad_input(message: str) -> int:
    print(f"taskconform report: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
