"""Sweep the variant catalog: run the suite against each faithful variant of the reference servers, print a table.

Reproduce with:  python bench/sweep_variants.py [--max-examples N] [--seed N] [VARIANT ...]
`all` (every variant at once) is swept too. Every row must read exit code 0 and no failure; warnings are allowed
(they name a decision of ours the variant settled otherwise).
"""

from __future__ import annotations

import argparse
import sys
import time

from conformance._registry import VARIANTS
from conformance.servers import ALL
from conformance.suite import SWEEP_MAX_EXAMPLES, against_variants, variant_apis


def main() -> int:
    """Run the sweep and print one row per variant and API, then how many rows raised a false alarm."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="*", help=f"variants to sweep (default: the whole catalog and {ALL})")
    parser.add_argument("--max-examples", type=int, default=SWEEP_MAX_EXAMPLES)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    names = args.variants or [*VARIANTS, ALL]
    print(f"# python bench/sweep_variants.py --max-examples {args.max_examples} --seed {args.seed}")
    print(f"{'variant':38} {'api':16} {'exit':>4} {'failures':>8} {'warnings':>8}  failed checks")
    started = time.monotonic()
    alarms = rows = 0
    for name in names:
        for api in variant_apis(name):
            run = against_variants([name], api, seed=args.seed, max_examples=args.max_examples)
            rows += 1
            alarms += run.exit_code != 0 or bool(run.failed)
            caught = ", ".join(check.split(": ", 1)[1] for check in run.failed[:4]) or "-"
            print(f"{name:38} {api:16} {run.exit_code:>4} {len(run.failed):>8} {len(run.warnings):>8}  {caught}")
            sys.stdout.flush()
    print(f"{alarms}/{rows} runs raised a false alarm in {time.monotonic() - started:.0f} s")
    return 0 if alarms == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
