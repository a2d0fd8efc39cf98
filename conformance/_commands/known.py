"""`taskconform known`: accept a run's failures for now (add them to a --known-findings file), drop stale entries."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from conformance.report import ResultsError, load_results
from conformance.suite import KnownFindingsError, append_known, load_known, new_entries, prune_known

EXIT_OK, EXIT_BAD_INPUT = 0, 2
_EXIT_CODES = "exit status: 0 done, 2 when the report or the file cannot be read or an option is wrong"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `known add` and `known prune` to the command line."""
    parser = subparsers.add_parser("known", help="maintain a --known-findings file", description=__doc__)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add", help="append an entry for each failure of a run (REPORT_DIR/results.json) to FILE", epilog=_EXIT_CODES
    )
    _report_and_file(add)
    add.add_argument("--reason", required=True, help="why these failures are accepted (e.g. a vendor ticket)")
    add.add_argument("--expires", metavar="YYYY-MM-DD", help="the last day the new entries match")
    add.add_argument("--prune", action="store_true", help="also drop the entries the run lists as stale")
    add.set_defaults(handler=_add)
    prune = actions.add_parser("prune", help="drop the entries of FILE the run lists as stale", epilog=_EXIT_CODES)
    _report_and_file(prune)
    prune.set_defaults(handler=_prune, reason=None, expires=None, prune=True)


def _report_and_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("report_dir", metavar="REPORT_DIR", type=Path, help="a run's report directory or results.json")
    parser.add_argument("file", metavar="FILE", type=Path, help="the known-findings file (YAML)")


def _add(args: argparse.Namespace) -> int:
    try:
        report = load_results(args.report_dir)
        existing = load_known(args.file) if args.file.exists() else ()
        entries = new_entries(report, existing, args.reason, args.expires)
        append_known(args.file, entries)
    except (ResultsError, KnownFindingsError) as error:
        return _bad_input(str(error))
    except OSError as error:
        return _bad_input(f"cannot write {args.file}: {error.strerror or error}")
    print(f"added {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} to {args.file}")
    return _prune(args) if args.prune else EXIT_OK


def _prune(args: argparse.Namespace) -> int:
    try:
        dropped = prune_known(args.file, load_results(args.report_dir))
    except (ResultsError, KnownFindingsError) as error:
        return _bad_input(str(error))
    except OSError as error:
        return _bad_input(f"cannot write {args.file}: {error.strerror or error}")
    for entry in dropped:
        print(f"dropped stale entry {entry.entry}: {entry.api} {entry.operation} {entry.check}")
    print(f"dropped {len(dropped)} stale entr{'y' if len(dropped) == 1 else 'ies'} from {args.file}")
    return EXIT_OK


def _bad_input(message: str) -> int:
    print(f"taskconform known: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
