"""The `taskconform` command line: one parser, one subcommand module per job."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from conformance import __version__
from conformance._registry import RegistryError


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="taskconform",
        description="Conformance suite for task-management HTTP APIs.",
    )
    parser.add_argument("--version", action="version", version=f"taskconform {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # The commands' options name the registered APIs: they load here, where a broken API package is one line.
    from conformance._commands import COMMANDS

    for register in COMMANDS:
        register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    try:
        parser = build_parser()
    except RegistryError as exc:
        print(f"taskconform: {exc}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("taskconform: interrupted", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
