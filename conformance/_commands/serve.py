"""`taskconform serve`: the reference servers, with faults or variants, credentials, latency or a rate limit."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from typing import Any

from conformance._redact import API_KEY_ENV, TOKEN_ENV
from conformance._registry import APIS, FAULTS, VARIANTS, Api
from conformance.servers import (
    DEFAULT_SEED,
    RunningServers,
    ServerSettings,
    configured_credentials,
    parse_rate_limit,
    start_reference_servers,
)
from conformance.servers._variants import ALL, basis_text

PROG = "taskconform serve"
MAX_LATENCY_MS = 60_000


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `serve` subcommand."""
    served = ", ".join(f"{api.name} under {api.base_path}" for api in APIS.values())
    parser = subparsers.add_parser(
        "serve",
        help="run the reference servers of the registered APIs",
        description=f"Serve {served} from one port, from seeded in-memory data; --fault turns them into a known-bad "
        "implementation, --variant into a faithful one that chose differently. The start-up lines say which "
        "credentials are accepted (a secret you pass is never printed).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on; 0 picks a free one (default: 8000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"data seed (default: {DEFAULT_SEED})")
    parser.add_argument(
        "--fault", action="append", default=[], metavar="NAME", help="switch a fault on (repeatable; see --list-faults)"
    )
    parser.add_argument("--list-faults", action="store_true", help="print the fault catalog (one a line) and exit")
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="NAME",
        help="switch a variant on: a faithful server that chose differently where the documents leave a choice "
        f"(repeatable; `{ALL}` for every one; see --list-variants)",
    )
    parser.add_argument(
        "--list-variants",
        action="store_true",
        help="print the variant catalog (name, API, what it rests on, what it does; one a line) and exit",
    )
    parser.add_argument(
        "--token",
        metavar="T",
        help=f"the bearer token {_names('bearer')} accept (better: set {TOKEN_ENV}; without either, built-in ones)",
    )
    parser.add_argument(
        "--api-key",
        metavar="K",
        help=f"the API key {_names('api-key')} accept (better: set {API_KEY_ENV}; without either, built-in ones)",
    )
    parser.add_argument(
        "--any-credential",
        action="store_true",
        help="accept any non-empty token or API key (as Prism does); a missing one still gets 401",
    )
    parser.add_argument(
        "--latency", type=int, default=0, metavar="MS", help="delay every API response by MS milliseconds"
    )
    parser.add_argument(
        "--rate-limit",
        metavar="N/S",
        help="at most N requests per duration S (ms, s or m) per API, e.g. 100/10s; over it: 429 with Retry-After",
    )
    parser.set_defaults(handler=serve)


def serve(args: argparse.Namespace) -> int:
    """Run the servers until SIGINT or SIGTERM; 2 with one line on stderr for bad input or a busy port."""
    if args.list_faults:
        for fault in FAULTS.values():
            print("\t".join((fault.name, fault.api, fault.category, fault.statement)))
        return 0
    if args.list_variants:
        for variant in VARIANTS.values():
            rests_on = "; ".join(map(basis_text, variant.basis(APIS.values())))
            print("\t".join((variant.name, variant.api, rests_on, variant.summary)))
        return 0
    if not 0 <= args.port <= 65535:
        return _fail(f"port {args.port} is out of range (0..65535)")
    if not 0 <= args.latency <= MAX_LATENCY_MS:
        return _fail(f"--latency {args.latency} is out of range (0..{MAX_LATENCY_MS} ms)")
    for flag, value in (("--token", args.token), ("--api-key", args.api_key)):
        if value is not None and not value.strip():
            return _fail(f"{flag} is empty; pass a non-empty value or leave the option out")
    token, token_origin = _secret(args.token, "--token", TOKEN_ENV)
    api_key, api_key_origin = _secret(args.api_key, "--api-key", API_KEY_ENV)
    try:
        rate_limit = parse_rate_limit(args.rate_limit) if args.rate_limit is not None else None
        settings = ServerSettings(
            credentials=configured_credentials(token, api_key, any_non_empty=args.any_credential),
            latency=args.latency / 1000,
            rate_limit=rate_limit,
        )
        with start_reference_servers(
            APIS.values(),
            port=args.port,
            faults=args.fault,
            seed=args.seed,
            host=args.host,
            settings=settings,
            variants=args.variant,
        ) as servers:
            _announce(servers, args, {"bearer": token_origin, "api-key": api_key_origin})
            _wait_for_stop()
    except ValueError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
    print("stopped", flush=True)
    return 0


def _secret(option: str | None, flag: str, env: str) -> tuple[str | None, str | None]:
    """A secret and where it came from: the option, else the environment variable (empty counts as unset)."""
    if option:
        return option, flag
    if os.environ.get(env):
        return os.environ[env], f"${env}"
    return None, None


def _names(kind: str) -> str:
    """The registered APIs that take this kind of credential, as the help text names them."""
    return ", ".join(api.name for api in APIS.values() if api.auth.kind == kind) or "no API"


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


def _accepted(api: Api, any_credential: bool, origin: str | None) -> str:
    """What the API accepts, as header lines; a secret the user gave is named by where it came from, never shown."""
    noun = "token" if api.auth.kind == "bearer" else "key"
    if any_credential:
        shown = f"<any non-empty {noun}>"
    elif origin:
        shown = f"<the {noun} from {origin}>"
    else:
        shown = api.server.credential
    return "; ".join(f"{name}: {value}" for name, value in api.auth.headers_for(shown).items())


def _announce(servers: RunningServers, args: argparse.Namespace, origins: dict[str, str | None]) -> None:
    faults = ", ".join(sorted(set(args.fault))) or "none"
    print(f"reference servers on {servers.origin} (seed {args.seed}; faults: {faults})")
    for api in APIS.values():
        accepted = _accepted(api, args.any_credential, origins[api.auth.kind])
        print(f"  {api.name:<16} {servers.base_url(api.name):<32} {accepted}")
    for api in APIS.values():
        if api.server.client_note:
            print(f"  {api.name} also needs {api.server.client_note}")
    if servers.app.variants:
        print(f"  variants: {', '.join(variant.name for variant in servers.app.variants)}")
    settings = servers.app.settings
    if settings.latency:
        print(f"  every API response is delayed {args.latency} ms")
    if settings.rate_limit:
        print(f"  {settings.rate_limit} per API; then 429 with Retry-After")
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
