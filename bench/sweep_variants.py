"""Sweep the faithful scenarios: run the suite against each reference-server scenario and print a table.

Reproduce with:  python bench/sweep_variants.py [--max-examples N] [--seed N] [--api NAME ...] [SCENARIO ...]
Every scenario is a server that reads the documents faithfully, so every row must read exit 0 and 0 failures.
A scenario is one entry of SCENARIOS: how the servers start, and what happens to their state before the run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the aging helpers live with the tests

from conformance import APIS
from conformance.servers import RunningServers, start_reference_servers
from tests.suite.aging import WRITABLE, Verdict, age, run_concurrently, run_suite

EARLIER_RUNS = 3
AGING_STEPS = 200


@dataclass(frozen=True)
class Scenario:
    """One faithful server: how it starts, what it has been through before the judged run, and what it rests on."""

    name: str
    rests_on: str
    serve: Callable[[], AbstractContextManager[RunningServers]] = start_reference_servers
    # Ages the state of one API before the judged run: (servers, api, max_examples, seed, scratch directory).
    prepare: Callable[[RunningServers, str, int, int, Path], None] | None = None
    apis: tuple[str, ...] = tuple(APIS)


def _three_earlier_runs(servers: RunningServers, api: str, max_examples: int, seed: int, scratch: Path) -> None:
    """Three full runs with --allow-writes, one after the other."""
    known = tuple(servers.known_task_ids(api)[:1])
    for n in range(EARLIER_RUNS):
        directory = scratch / f"earlier-{n}"
        run_suite(api, servers.base_url(api), directory, seed=seed + n + 1, max_examples=max_examples, task_ids=known)


def _three_concurrent_runs(servers: RunningServers, api: str, max_examples: int, seed: int, scratch: Path) -> None:
    """Three full runs with --allow-writes at once: each pages lists the others change."""
    dirs = [scratch / f"concurrent-{n}" for n in range(EARLIER_RUNS)]
    known = tuple(servers.known_task_ids(api)[:1])
    run_concurrently(api, servers.base_url(api), dirs, max_examples=max_examples, task_ids=known)


def _random_walk(servers: RunningServers, api: str, max_examples: int, seed: int, scratch: Path) -> None:
    """A seeded random walk of valid writes, half-updates included."""
    age(api, servers.origin, steps=AGING_STEPS, seed=seed)


# Part 4 adds one entry per reference-server variant here (a `serve` that starts the servers with it).
SCENARIOS: tuple[Scenario, ...] = (
    Scenario("defaults", "taskconform serve, default settings"),
    Scenario("aged-by-runs", "three earlier full runs with --allow-writes", prepare=_three_earlier_runs),
    Scenario("aged-by-concurrent-runs", "three full runs at once", prepare=_three_concurrent_runs),
    Scenario("aged-by-random-writes", "a random walk of valid writes", prepare=_random_walk, apis=WRITABLE),
)


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    scenario: str
    api: str
    verdict: Verdict
    seconds: float


def sweep(scenarios: list[Scenario], apis: list[str], *, max_examples: int, seed: int) -> Iterator[Row]:
    """Run the judged suite once per scenario and API, each on fresh servers; yield each row as it is done."""
    for scenario in scenarios:
        for api in [a for a in scenario.apis if a in apis]:
            started = time.monotonic()
            with scenario.serve() as servers, tempfile.TemporaryDirectory() as tmp:
                if scenario.prepare is not None:
                    scenario.prepare(servers, api, max_examples, seed, Path(tmp))
                known = tuple(servers.known_task_ids(api)[:1])
                judged = Path(tmp) / "judged"
                verdict = run_suite(
                    api, servers.base_url(api), judged, seed=seed, max_examples=max_examples, task_ids=known
                )
            yield Row(scenario.name, api, verdict, time.monotonic() - started)


def main() -> int:
    """Print one row per scenario and API, then the failing rows' failures; exit 1 when any row failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", help="scenarios to sweep (default: all)")
    parser.add_argument("--api", action="append", choices=sorted(APIS), help="APIs (default: all)")
    parser.add_argument("--max-examples", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    known = {s.name: s for s in SCENARIOS}
    unknown = sorted(set(args.scenarios) - set(known))
    if unknown:
        print(f"unknown scenario {', '.join(unknown)}: choose from {', '.join(known)}", file=sys.stderr)
        return 2
    chosen = [known[name] for name in args.scenarios] or list(SCENARIOS)
    print(f"# python bench/sweep_variants.py --max-examples {args.max_examples} --seed {args.seed}")
    print(f"{'variant':26} {'API':16} {'exit':>4} {'failures':>8} {'warnings':>8} {'seconds':>7}")
    bad: list[Row] = []
    for row in sweep(chosen, args.api or list(APIS), max_examples=args.max_examples, seed=args.seed):
        v = row.verdict
        print(
            f"{row.scenario:26} {row.api:16} {v.exit_code:>4} {len(v.failures):>8} {v.warnings:>8} {row.seconds:>7.0f}"
        )
        sys.stdout.flush()
        if v.exit_code != 0 or v.failures:
            bad.append(row)
    for row in bad:
        print(f"\n{row.scenario} / {row.api}:")
        print("\n".join(f"  {failure}" for failure in row.verdict.failures) or "  (no failure listed)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
