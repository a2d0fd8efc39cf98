"""Time the main job: `taskconform run` for all three APIs with default settings, against the embedded servers.

Reproduce with:  python bench/time_run.py [--workers N]
Prints the wall time and the number of requests sent (target: under 60 s on a 2-core machine).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    """Run `taskconform run` once and print its time and request count."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, help="default: taskconform's own default")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        argv = [sys.executable, "-m", "conformance.cli", "run", "--report-dir", tmp]
        argv += ["--workers", str(args.workers)] if args.workers else []
        print("# " + " ".join(["taskconform", *argv[3:]]))
        started = time.monotonic()
        code = subprocess.run(argv, capture_output=True, check=False).returncode
        elapsed = time.monotonic() - started
        data = json.loads((Path(tmp) / "results.json").read_text())
    requests = {api["api"]: sum(op["requests"] for op in api["operations"]) for api in data["apis"]}
    for name, count in requests.items():
        print(f"{name:16} {count:6} requests")
    print(f"exit code {code}; {sum(requests.values())} requests in {elapsed:.1f} s")
    return code


if __name__ == "__main__":
    sys.exit(main())
