"""`taskconform run`: the conformance suite as a command, a thin layer over the same pytest run."""

from __future__ import annotations

import argparse
import os
import sys

import pytest

from conformance._options import RUN_OPTIONS, add_arguments, as_pytest_args

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
        "Exit code: 0 conformant, 1 not conformant, 2 could not test (a usage error, an unreachable server, Ctrl-C).",
    )
    add_arguments(parser.add_argument)
    parser.add_argument("--base-url", help="the API's base URL including its prefix, e.g. https://host/api/v1")
    parser.add_argument(
        "--workers",
        type=int,
        help="parallel pytest-xdist workers (default: 2 against the embedded servers, 1 against --base-url)",
    )
    parser.set_defaults(handler=run)


def pytest_args(args: argparse.Namespace) -> list[str]:
    """The pytest command line that performs this run."""
    # --tb=short: a failure's frames without their variables' values (no object's repr reaches the terminal).
    argv = ["--no-header", "--tb=short", "-p", "no:cacheprovider"]
    argv += ["-W", "ignore::pytest.PytestAssertRewriteWarning"]
    argv.append("--conformance")
    argv += as_pytest_args(args)
    if args.base_url:
        argv += ["--base-url", args.base_url]
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
    for option in RUN_OPTIONS:
        value = getattr(args, option.dest)
        if option.secret and value:
            os.environ[option.secret] = value
    code = pytest.main(pytest_args(args))
    return EXIT_CODES.get(code, 2)
