"""Request economy: what the default run spends per API, and what that costs at the vendor's rate limit.

Reproduce with:  python bench/economy.py [--faults]
For each API: requests sent by a default `taskconform run` against the embedded servers, its wall time, the
requests per check, and the time the same run needs at the vendor's published rate limit. With --faults, also the
detection rate on that API's part of the fault catalog (a sweep: about ten minutes an API on a quiet machine).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from conformance import APIS
from conformance._registry import FAULTS
from conformance.servers import parse_rate_limit
from conformance.suite import detect


def _default_run(name: str) -> tuple[dict, float]:
    with tempfile.TemporaryDirectory() as tmp:
        argv = [sys.executable, "-m", "conformance.cli", "run", "--api", name, "--report-dir", tmp]
        started = time.monotonic()
        subprocess.run(argv, capture_output=True, check=False)
        elapsed = time.monotonic() - started
        return json.loads((Path(tmp) / "results.json").read_text())["apis"][0], elapsed


def _at_limit(requests: int, rate: str | None) -> str:
    if rate is None:
        return "no published limit"
    limit = parse_rate_limit(rate)
    return f"{requests / limit.requests * limit.seconds:.0f} s at {rate}"


def main() -> int:
    """Print the economy table (and the detection rates with --faults)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faults", action="store_true", help="also sweep each API's faults (slow)")
    args = parser.parse_args()
    total = 0
    print(f"{'API':16} {'requests':>8} {'wall':>8}  at the vendor's limit        detection")
    for name, api in APIS.items():
        run, elapsed = _default_run(name)
        requests = sum(op["requests"] for op in run["operations"])
        total += requests
        detection = "-"
        if args.faults:
            faults = [fault for fault, spec in FAULTS.items() if spec.api == name]
            found = sum(detect(fault).detected for fault in faults)
            detection = f"{found}/{len(faults)} ({100 * found / len(faults):.0f}%)"
        print(f"{name:16} {requests:8} {elapsed:7.1f}s  {_at_limit(requests, api.rate_limit):28} {detection}")
        spent = ", ".join(f"{check} {count}" for check, count in sorted(run["requests_by_check"].items()))
        print(f"{'':16} per check: {spent}")
    print(f"{'all':16} {total:8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
