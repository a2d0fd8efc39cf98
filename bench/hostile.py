"""Run the suite against every hostile server of the battery and print one line per scenario.

Reproduce with:  python bench/hostile.py [--sample] [SCENARIO ...]
Each run must end with exit 0, 1 or 2 as the scenario expects, within its bound, under 1 GiB, with the
report written and no fragment of the secret in any byte it wrote. Exit 0 when every scenario is OK.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.hostile.scenarios import SAMPLE, SCENARIOS
from tests.hostile.verdict import MIB, Verdict, run_scenario

COLUMNS = "{:38} {:>5} {:>7} {:>8} {:>7} {:>7} {:>9} {:7}"


def _row(verdict: Verdict, bound_s: float) -> str:
    return (
        COLUMNS.format(
            verdict.scenario,
            verdict.exit_code,
            f"{verdict.wall_s:.1f}",
            f"{verdict.peak_rss / MIB:.0f}M",
            "yes" if verdict.report_written else "NO",
            "YES" if verdict.secret_leaked else "no",
            "YES" if verdict.tracebacks else "no",
            "OK" if verdict.ok else "FAIL",
        )
        + f"  (bound {bound_s:.0f} s)"
    )


def main() -> int:
    """Run the chosen scenarios (all by default), print the table, then each failure's reasons."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", help="scenarios to run (default: all)")
    parser.add_argument("--sample", action="store_true", help="only the CI sample")
    args = parser.parse_args()
    unknown = [name for name in args.scenarios if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario {', '.join(unknown)}; the scenarios are: {', '.join(SCENARIOS)}")
    names = args.scenarios or (list(SAMPLE) if args.sample else list(SCENARIOS))
    print("# python bench/hostile.py " + " ".join(sys.argv[1:]))
    print(COLUMNS.format("scenario", "exit", "wall s", "peak", "report", "secret", "traceback", "verdict"), flush=True)
    started = time.monotonic()
    failed: list[Verdict] = []
    for name in names:
        with tempfile.TemporaryDirectory(prefix=f"hostile-{name}-") as workdir:
            verdict = run_scenario(SCENARIOS[name], Path(workdir))
        print(_row(verdict, SCENARIOS[name].bound_s), flush=True)
        failed += [] if verdict.ok else [verdict]
    print(f"\n{len(names) - len(failed)}/{len(names)} OK in {time.monotonic() - started:.0f} s")
    for verdict in failed:
        print(f"FAIL {verdict.scenario}: " + "; ".join(verdict.problems))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
