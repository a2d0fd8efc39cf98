"""`taskconform run`: the conformance suite as a command, a thin layer over the same pytest run."""

from __future__ import annotations

import argparse
import os
import sys

import pytest

from conformance._redact import API_KEY_ENV, TOKEN_ENV
from conformance._registry import APIS

# pytest's exit codes, as a CI reads them from this command: 0 conformant, 1 not, 2 could not test.
EXIT_CODES = {
    pytest.ExitCode.OK: 0,
    pytest.ExitCode.TESTS_FAILED: 1,
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `run` subcommand."""
    parser = subparsers.add_parser(
        "run",
        help="test APIs against their contracts and write a report",
        description="Test one API at a base URL, or every API against the embedded reference servers. "
        "Exit code: 0 conformant, 1 not conformant, 2 usage or connection error.",
    )
    parser.add_argument("--api", action="append", default=[], choices=sorted(APIS), help="API to test (repeatable)")
    parser.add_argument("--base-url", help="the API's base URL including its prefix, e.g. https://host/v2025")
    parser.add_argument("--token", help=f"bearer token (better: set {TOKEN_ENV})")
    parser.add_argument("--api-key", help=f"API key (better: set {API_KEY_ENV})")
    parser.add_argument("--max-examples", type=int, default=25, help="generated requests per operation and phase")
    parser.add_argument("--seed", type=int, default=0, help="the same seed sends the same requests")
    parser.add_argument(
        "--workers",
        type=int,
        help="parallel pytest-xdist workers (default: 2 against the embedded servers, 1 against --base-url)",
    )
    parser.add_argument("--allow-writes", action="store_true", help="run POST/PUT/PATCH against --base-url")
    parser.add_argument("--task-id", action="append", default=[], help="a known task id (repeatable)")
    parser.add_argument("--report-dir", default="reports", help="where the report is written (default: reports)")
    parser.add_argument("--request-timeout", type=float, default=10.0, help="seconds to wait for each response")
    parser.add_argument("--baseline", help="an earlier run's report directory or results.json to compare with")
    parser.set_defaults(handler=run)


def pytest_args(args: argparse.Namespace) -> list[str]:
    """The pytest command line that performs this run."""
    argv = ["-q", "--no-header", "-p", "no:cacheprovider", "-W", "ignore::pytest.PytestAssertRewriteWarning"]
    argv.append("--conformance")
    for name in args.api:
        argv += ["--api", name]
    options = {
        "--base-url": args.base_url,
        "--max-examples": args.max_examples,
        "--seed": args.seed,
        "--report-dir": args.report_dir,
        "--request-timeout": args.request_timeout,
        "--baseline": args.baseline,
    }
    for flag, value in options.items():
        if value is not None:
            argv += [flag, str(value)]
    for task_id in args.task_id:
        argv += ["--task-id", task_id]
    if args.allow_writes:
        argv.append("--allow-writes")
    workers = args.workers or default_workers(args.base_url)
    if workers > 1:
        argv += ["-n", str(workers)]
    return argv


def default_workers(base_url: str | None) -> int:
    """Two workers for the local reference servers (where parallelism is free), one for someone else's server."""
    return 1 if base_url else min(2, os.cpu_count() or 1)


def run(args: argparse.Namespace) -> int:
    """Run the suite; return 0 conformant, 1 not conformant, 2 usage or connection error."""
    if args.workers is not None and args.workers < 1:
        print("taskconform: --workers must be at least 1", file=sys.stderr)
        return 2
    # Secrets travel by environment, never on a command line.
    for env, value in ((TOKEN_ENV, args.token), (API_KEY_ENV, args.api_key)):
        if value:
            os.environ[env] = value
    code = pytest.main(pytest_args(args))
    return EXIT_CODES.get(code, 2)
