"""Sweep the whole fault catalog: run the suite against each known-bad reference server and print the detection rate.

Reproduce with:  python bench/sweep_faults.py [--max-examples N] [--seed N] [FAULT ...]
The suite must detect at least 95% of the catalog.
"""

from __future__ import annotations

import argparse
import sys
import time

from conformance.servers import FAULTS
from conformance.suite._fault_sweep import SWEEP_MAX_EXAMPLES, detect


def main() -> int:
    """Run the sweep and print one line per fault, then the detection rate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("faults", nargs="*", help="faults to sweep (default: the whole catalog)")
    parser.add_argument("--max-examples", type=int, default=SWEEP_MAX_EXAMPLES)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    names = args.faults or sorted(FAULTS)
    print(f"# python bench/sweep_faults.py --max-examples {args.max_examples} --seed {args.seed}")
    started = time.monotonic()
    detected = 0
    for name in names:
        result = detect(name, seed=args.seed, max_examples=args.max_examples)
        detected += result.detected
        caught = ", ".join(result.failed_checks[:4]) or "-"
        print(
            f"{'DETECTED' if result.detected else 'MISSED  '} {name:40} {result.api:16} {result.category:18} {caught}"
        )
    rate = 100.0 * detected / len(names)
    print(f"detected {detected}/{len(names)} faults ({rate:.1f}%) in {time.monotonic() - started:.0f} s")
    return 0 if rate >= 95.0 else 1


if __name__ == "__main__":
    sys.exit(main())
