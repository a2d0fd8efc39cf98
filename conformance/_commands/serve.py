"""`taskconform serve`: run the reference servers (optionally with faults) until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any

from conformance._registry import APIS
from conformance.servers import CREDENTIALS, DEFAULT_SEED, FAULTS, RunningServers, start_reference_servers

PROG = "taskconform serve"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `serve` subcommand."""
    parser = subparsers.add_parser(
        "serve",
        help="run the reference servers of the three APIs",
        description="Serve SailPoint under /v2025, Flexprice under /v1 and Maxsight under /v5 from one port, "
        "from seeded in-memory data; --fault turns them into a known-bad implementation.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on; 0 picks a free one (default: 8000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"data seed (default: {DEFAULT_SEED})")
    parser.add_argument(
        "--fault", action="append", default=[], metavar="NAME", help="switch a fault on (repeatable; see --list-faults)"
    )
    parser.add_argument("--list-faults", action="store_true", help="print the fault catalog (one a line) and exit")
    parser.set_defaults(handler=serve)


def serve(args: argparse.Namespace) -> int:
    """Run the servers until SIGINT or SIGTERM; 2 with one line on stderr for a bad fault name or a busy port."""
    if args.list_faults:
        for fault in FAULTS.values():
            print("\t".join((fault.name, fault.api, fault.category, fault.statement)))
        return 0
    if not 0 <= args.port <= 65535:
        return _fail(f"port {args.port} is out of range (0..65535)")
    try:
        with start_reference_servers(port=args.port, faults=args.fault, seed=args.seed, host=args.host) as servers:
            _announce(servers, args)
            _wait_for_stop()
    except ValueError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
    print("stopped", flush=True)
    return 0


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


def _announce(servers: RunningServers, args: argparse.Namespace) -> None:
    faults = ", ".join(sorted(set(args.fault))) or "none"
    print(f"reference servers on {servers.origin} (seed {args.seed}; faults: {faults})")
    for api in APIS.values():
        header = api.auth.headers_for(CREDENTIALS[api.name])
        credentials = "; ".join(f"{name}: {value}" for name, value in header.items())
        print(f"  {api.name:<16} {servers.base_url(api.name):<32} {credentials}")
    print("  sailpoint-v2025 also needs the header X-SailPoint-Experimental: true")
    print(f"  reset the data: POST {servers.origin}/_reference/reset")
    print("Press Ctrl-C to stop.", flush=True)


def _wait_for_stop() -> None:
    stop = threading.Event()

    def request_stop(signum: int, frame: Any) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        stop.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
