"""`taskconform audit`: what changed between two API descriptions or two runs, and whether CI should fail on it."""

from __future__ import annotations

import argparse
import sys

from conformance.audit import (
    DEFAULT_LATENCY_THRESHOLD,
    DEFAULT_MIN_SAMPLES,
    FORMATS,
    RULE_FORMATS,
    RUN_RULES,
    SEVERITIES,
    SPEC_RULES,
    AuditInputError,
    Comparison,
    compare_runs,
    compare_specs,
    fails_on,
    load_run,
    render,
    render_rules,
)

EXIT_CLEAN, EXIT_FOUND, EXIT_USAGE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `audit spec`, `audit runs` and `audit rules`."""
    audit = subparsers.add_parser(
        "audit",
        help="compare two API descriptions or two runs",
        description="Compare two API descriptions or two runs; exit 1 when --fail-on finds a change, 2 on bad input.",
    )
    commands = audit.add_subparsers(dest="audit_command", metavar="WHAT", required=True)

    spec = commands.add_parser(
        "spec",
        help="compare two OpenAPI documents",
        description="List every change from OLD to NEW (OpenAPI 3.0 or 3.1, YAML or JSON) with its rule and severity.",
    )
    spec.add_argument("old", metavar="OLD", help="the document clients were written against: a file or git:REV:PATH")
    spec.add_argument("new", metavar="NEW", help="the document to check: a file or git:REV:PATH")
    _output_options(spec)
    spec.set_defaults(handler=_spec)

    runs = commands.add_parser(
        "runs",
        help="compare two runs' results",
        description="Compare two runs: checks newly failing or passing, operations, drift, status codes, latency.",
    )
    runs.add_argument("base", metavar="BASE", help="the baseline run: a report directory or its results.json")
    runs.add_argument("new", metavar="NEW", help="the run to check: a report directory or its results.json")
    runs.add_argument(
        "--latency-threshold",
        type=_ratio,
        default=DEFAULT_LATENCY_THRESHOLD,
        metavar="RATIO",
        help=f"report latency that grew or shrank by more than this ratio (default {DEFAULT_LATENCY_THRESHOLD})",
    )
    runs.add_argument(
        "--min-samples",
        type=_count,
        default=DEFAULT_MIN_SAMPLES,
        metavar="N",
        help=f"judge an operation's latency only with N timings in both runs (default {DEFAULT_MIN_SAMPLES})",
    )
    _output_options(runs)
    runs.set_defaults(handler=_runs)

    rules = commands.add_parser(
        "rules", help="list the rules", description="List every rule: id, severity, side, sentence."
    )
    _output_options(rules, RULE_FORMATS, fail_on=False)
    rules.set_defaults(handler=_rules)


def _output_options(
    parser: argparse.ArgumentParser, formats: tuple[str, ...] = FORMATS, *, fail_on: bool = True
) -> None:
    parser.add_argument("--format", choices=formats, default="text", help="output format (default text)")
    parser.add_argument("--output", metavar="FILE", help="write the output to FILE instead of stdout")
    if fail_on:
        parser.add_argument(
            "--fail-on", choices=SEVERITIES[:2], help="exit 1 when a change of this severity (or a worse one) is found"
        )


def _ratio(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not a ratio above 1 (e.g. 1.5 for +50%)")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a number of samples (1 or more)")
    return value


def _spec(args: argparse.Namespace) -> int:
    try:
        comparison = compare_specs(args.old, args.new)
    except AuditInputError as exc:
        return _refuse(exc)
    return _emit(comparison, args)


def _runs(args: argparse.Namespace) -> int:
    try:
        comparison = compare_runs(load_run(args.base), load_run(args.new), args.latency_threshold, args.min_samples)
    except AuditInputError as exc:
        return _refuse(exc)
    return _emit(comparison, args)


def _rules(args: argparse.Namespace) -> int:
    return _write(render_rules({"spec": SPEC_RULES, "run": RUN_RULES}, args.format), args) or EXIT_CLEAN


def _emit(comparison: Comparison, args: argparse.Namespace) -> int:
    refused = _write(render(comparison, args.format), args)
    if refused:
        return refused
    return EXIT_FOUND if args.fail_on and fails_on(comparison, args.fail_on) else EXIT_CLEAN


def _write(text: str, args: argparse.Namespace) -> int | None:
    """Write `text` to --output or stdout; the exit code when that fails."""
    if not args.output:
        sys.stdout.write(text)
        return None
    try:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        return _refuse(f"cannot write {args.output}: {exc.strerror or exc}; choose a writable --output path")
    return None


def _refuse(reason: object) -> int:
    print(f"taskconform audit: {reason}", file=sys.stderr)
    return EXIT_USAGE
