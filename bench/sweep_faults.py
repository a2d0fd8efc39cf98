"""Sweep the whole fault catalog: run the suite against each known-bad reference server and print the detection rate.

Reproduce with:  python bench/sweep_faults.py [--max-examples N] [--seed N] [--variant NAME ...] [FAULT ...]
Without --variant it sweeps twice: on the plain reference servers, then with every variant on (`--variant all`),
so a fault is caught whichever way the server settled the open questions. Each rate must be at least 95%.
"""

from __future__ import annotations

import argparse
import sys
import time

from conformance._registry import FAULTS
from conformance.servers import ALL
from conformance.suite import SWEEP_MAX_EXAMPLES, detect


def sweep(names: list[str], variants: list[str], seed: int, max_examples: int) -> float:
    """Sweep `names` with `variants` on, print one line per fault and the rate; return the rate in percent."""
    shown = " ".join(f"--variant {name}" for name in variants) or "no variant"
    print(f"# python bench/sweep_faults.py --max-examples {max_examples} --seed {seed} ({shown})")
    started = time.monotonic()
    detected = 0
    for name in names:
        result = detect(name, seed=seed, max_examples=max_examples, variants=variants)
        detected += result.detected
        caught = ", ".join(result.failed_checks[:4]) or "-"
        verdict = "DETECTED" if result.detected else "MISSED  "
        print(f"{verdict} {name:40} {result.api:16} {result.category:18} {caught}", flush=True)
    rate = 100.0 * detected / len(names)
    print(f"detected {detected}/{len(names)} faults ({rate:.1f}%) with {shown} in {time.monotonic() - started:.0f} s")
    return rate


def main() -> int:
    """Run the sweep (or both sweeps) and print the detection rates; exit 1 when one is below 95%."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("faults", nargs="*", help="faults to sweep (default: the whole catalog)")
    parser.add_argument("--max-examples", type=int, default=SWEEP_MAX_EXAMPLES)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--variant", action="append", default=[], metavar="NAME", help=f"sweep with these variants on only ({ALL}: all)"
    )
    args = parser.parse_args()
    names = args.faults or sorted(FAULTS)
    passes = [args.variant] if args.variant else [[], [ALL]]
    rates = [sweep(names, variants, args.seed, args.max_examples) for variants in passes]
    print("rates: " + ", ".join(f"{rate:.1f}%" for rate in rates))
    return 0 if min(rates) >= 95.0 else 1


if __name__ == "__main__":
    sys.exit(main())
