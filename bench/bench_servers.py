"""Requests per second of the reference servers: GET by id, and a 250-item list.

Reproduce with:

    python bench/bench_servers.py                         # 3000 requests per case, 4 keep-alive connections
    python bench/bench_servers.py --requests 10000 --connections 8

Starts `taskconform serve --port 0` (real uvicorn, its own process) on 127.0.0.1, warms each case up, then
times a fixed number of requests spread over keep-alive connections (http.client in threads, so the client
stays light; list sizes are checked while warming up, not while timing). Prints one line per case. Not a test:
it measures this machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from conformance import get_api
from conformance._registry import APIS, CREDENTIALS
from conformance.servers import DEFAULT_SEED, build_app

COMMAND = "python bench/bench_servers.py"
WARM_UP = 50
READY_LINES = 20


@dataclass(frozen=True)
class Case:
    """One benchmarked request: a name, the paths to cycle through, the headers, and the items a list must hold."""

    name: str
    paths: tuple[str, ...]
    headers: dict[str, str]
    items: int | None = None


def _headers(api_name: str) -> dict[str, str]:
    headers = get_api(api_name).auth.headers_for(CREDENTIALS[api_name])
    return {**headers, "X-SailPoint-Experimental": "true"} if api_name == "sailpoint-v2025" else headers


def _cases() -> list[Case]:
    known = build_app(APIS.values(), seed=DEFAULT_SEED).store.seed_ids
    sp, fp, mx = "sailpoint-v2025", "flexprice", "maxsight-v5"
    return [
        Case(
            "sailpoint GET /v2025/task-status/{id}", tuple(f"/v2025/task-status/{i}" for i in known[sp]), _headers(sp)
        ),
        Case("flexprice GET /v1/tasks/{id}", tuple(f"/v1/tasks/{i}" for i in known[fp]), _headers(fp)),
        Case("maxsight GET /v5/tasks/{task_id}", tuple(f"/v5/tasks/{i}" for i in known[mx]), _headers(mx)),
        Case("sailpoint GET /v2025/task-status?limit=250", ("/v2025/task-status?limit=250",), _headers(sp), 250),
        Case("flexprice GET /v1/tasks?limit=250", ("/v1/tasks?limit=250",), _headers(fp), 250),
    ]


@contextmanager
def _server() -> Iterator[tuple[str, int]]:
    """`taskconform serve --port 0` in its own process; yields its host and port, stops it with SIGINT."""
    process = subprocess.Popen(
        [sys.executable, "-m", "conformance.cli", "serve", "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        for _ in range(READY_LINES):
            found = re.search(r"on http://([\d.]+):(\d+)", process.stdout.readline() if process.stdout else "")
            if found:
                yield found[1], int(found[2])
                break
        else:
            raise SystemExit("taskconform serve did not announce its address")
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=15)


def _load(address: tuple[str, int], case: Case, count: int, offset: int, *, count_items: bool = False) -> int:
    """Send `count` requests of `case` on one keep-alive connection; return how many got an unexpected answer."""
    connection = http.client.HTTPConnection(*address, timeout=30)
    bad = 0
    try:
        for i in range(count):
            connection.request("GET", case.paths[(offset + i) % len(case.paths)], headers=case.headers)
            response = connection.getresponse()
            body = response.read()
            bad += response.status != 200 or (count_items and case.items is not None and _items(body) != case.items)
    finally:
        connection.close()
    return bad


def _items(body: bytes) -> int:
    listed = json.loads(body)
    return len(listed["items"] if isinstance(listed, dict) else listed)


def _rate(address: tuple[str, int], case: Case, requests: int, connections: int) -> float:
    share = requests // connections
    if _load(address, case, WARM_UP, 0, count_items=True):
        raise SystemExit(f"{case.name}: unexpected answers while warming up")
    start = time.perf_counter()
    with ThreadPoolExecutor(connections) as pool:
        bad = sum(pool.map(_load, [address] * connections, [case] * connections, [share] * connections,
                           [index * share for index in range(connections)]))  # fmt: skip
    elapsed = time.perf_counter() - start
    if bad:
        raise SystemExit(f"{case.name}: {bad} unexpected answers")
    return share * connections / elapsed


def main() -> int:
    """Start the servers, time every case, print one line per case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests per case (default 3000)")
    parser.add_argument("--connections", type=int, default=4, help="keep-alive connections (default 4)")
    args = parser.parse_args()
    print(f"# {COMMAND} --requests {args.requests} --connections {args.connections}")
    print(f"# Python {platform.python_version()}, {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs")
    with _server() as address:
        for case in _cases():
            rate = _rate(address, case, args.requests, args.connections)
            print(f"{case.name:<46} {rate:>8.0f} requests/s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
