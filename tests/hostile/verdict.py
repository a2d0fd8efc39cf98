"""One run of `taskconform run` against a hostile scenario, as a subprocess, and everything it must satisfy.

The one helper the tests and bench/hostile.py share: exit code in the documented set, no traceback, no
secret fragment in any output byte or report file, the report written, wall time within the scenario's
bound, peak memory under 1 GiB, and the scenario's own checks of what its servers saw.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from conformance._redact import API_KEY_ENV, TOKEN_ENV
from conformance._registry import get_api
from conformance.suite import secret_env
from tests.hostile.scenarios import SCENARIOS, Scenario
from tests.hostile.secret import SECRET, leak_finder, leak_offsets
from tests.hostile.serving import Log

DOCUMENTED_EXIT_CODES = frozenset({0, 1, 2})
MIB = 1024 * 1024
MEMORY_LIMIT = 1024 * MIB
# Past these the run is stopped, to keep the machine alive; the verdict is FAIL either way.
KILL_RSS = 1536 * MIB
KILL_OUTPUT = 64 * MIB
INTERRUPT_GRACE_S = 15.0
CTRL_C_SETTLE_S = 1.0
POLL_S = 0.05
# A Python traceback, or pytest's form of one (a "path.py:LINE: in function" line per frame).
TRACEBACK = re.compile(rb"Traceback \(most recent call last\)|^\S+\.py:\d+: in \S+\s*$", re.MULTILINE)
# Started from a background job, a process ignores SIGINT, and so would the run: this stub, which the
# run replaces (exec, same process), gives Ctrl-C back its default action first.
RESTORE_SIGINT = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"
)


@dataclass(frozen=True)
class Verdict:
    """What one run did, and every requirement it broke (none: OK)."""

    scenario: str
    exit_code: int  # negative: the signal that ended it
    wall_s: float
    peak_rss: int
    report_written: bool
    secret_leaked: tuple[str, ...]
    tracebacks: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when the run met every requirement."""
        return not self.problems


@dataclass(frozen=True)
class _Process:
    exit_code: int
    wall_s: float
    peak_rss: int
    notes: tuple[str, ...]
    interrupted_at: float | None  # monotonic time of the Ctrl-C, if one was sent


def run_scenario(scenario: Scenario, workdir: Path) -> Verdict:
    """Start the scenario's servers, run the suite against them in a subprocess, and judge the run."""
    report_dir = workdir / "report"
    log = Log()
    with scenario.start(log) as served:
        argv = [sys.executable, "-m", "conformance.cli", "run", "--api", scenario.api, "--base-url", served.base_url]
        argv += ["--report-dir", str(report_dir)]
        for task_id in served.task_ids:
            argv += ["--task-id", task_id]
        options, missing = _supported(scenario.options())
        process = _run(argv + options, workdir, scenario, log)
    outputs = {"stdout": (workdir / "stdout").read_bytes(), "stderr": (workdir / "stderr").read_bytes()}
    files = sorted(p for p in report_dir.rglob("*") if p.is_file()) if report_dir.is_dir() else []
    outputs |= {str(p.relative_to(report_dir)): p.read_bytes() for p in files}
    finder = leak_finder()
    leaked = tuple(f"{name}@{offs[0]}" for name, data in outputs.items() if (offs := leak_offsets(data, finder)))
    tracebacks = tuple(name for name, data in outputs.items() if TRACEBACK.search(data))
    unwritten = report_problems(report_dir)
    problems = [f"taskconform run has no {option} option" for option in missing]
    problems += list(process.notes)
    problems += _exit_problems(process.exit_code, scenario)
    if process.wall_s > scenario.bound_s:
        problems.append(f"ran {process.wall_s:.0f} s, more than the {scenario.bound_s:.0f} s bound")
    if process.peak_rss >= MEMORY_LIMIT:
        problems.append(f"peak memory {process.peak_rss // MIB} MiB, limit {MEMORY_LIMIT // MIB} MiB")
    if leaked:
        problems.append("secret fragments in " + ", ".join(leaked))
    if tracebacks:
        problems.append("Python traceback in " + ", ".join(tracebacks))
    problems += unwritten
    problems += partial_problems(report_dir) if scenario.partial else []
    if process.interrupted_at is not None:
        # A request already on its way may arrive just after the signal; new work must not start.
        late = log.entries(since=process.interrupted_at + CTRL_C_SETTLE_S)
        if late:
            problems.append(f"Ctrl-C did not stop the run: {len(late)} requests arrived after it")
    if scenario.reaches_server and not log.entries("main"):
        problems.append("the hostile server received no request")
    for check in scenario.checks:
        problems += check(log)
    return Verdict(
        scenario=scenario.name,
        exit_code=process.exit_code,
        wall_s=process.wall_s,
        peak_rss=process.peak_rss,
        report_written=not unwritten,
        secret_leaked=leaked,
        tracebacks=tracebacks,
        problems=tuple(problems),
    )


class Verdicts:
    """The verdicts of scenario runs, started ahead of the tests that read them, PARALLEL_RUNS at a time."""

    def __init__(self, pool: ThreadPoolExecutor, workdir: Callable[[str], Path]) -> None:
        self._pool = pool
        self._workdir = workdir
        self._runs: dict[str, Future[Verdict]] = {}

    def start(self, name: str) -> None:
        """Start scenario `name`'s run (once)."""
        if name not in self._runs:
            self._runs[name] = self._pool.submit(run_scenario, SCENARIOS[name], self._workdir(name))

    def __getitem__(self, name: str) -> Verdict:
        self.start(name)
        return self._runs[name].result()


def _exit_problems(code: int, scenario: Scenario) -> list[str]:
    if code < 0:
        return [f"the run died of signal {-code}"]
    if code not in DOCUMENTED_EXIT_CODES:
        return [f"exit code {code}, not one of the documented 0/1/2"]
    if code not in scenario.expect:
        return [f"exit code {code}, expected {'/'.join(map(str, sorted(scenario.expect)))}"]
    return []


def report_problems(report_dir: Path) -> list[str]:
    """What keeps the report from being written: results.json and index.html exist, results.json parses."""
    results = report_dir / "results.json"
    problems = [f"no {name} written" for name in ("results.json", "index.html") if not (report_dir / name).is_file()]
    if results.is_file():
        try:
            json.loads(results.read_bytes())
        except ValueError as error:
            problems.append(f"results.json does not parse: {error}")
    return problems


def partial_problems(report_dir: Path) -> list[str]:
    """A run cut short (Ctrl-C, --max-duration) says so: results.json has a `stopped` reason."""
    try:
        data = json.loads((report_dir / "results.json").read_bytes())
    except (OSError, ValueError):
        return []  # reported as an unwritten report
    return [] if isinstance(data, dict) and data.get("stopped") else ["results.json does not mark the report partial"]


@functools.cache
def _run_help() -> str:
    argv = [sys.executable, "-m", "conformance.cli", "run", "--help"]
    return subprocess.run(argv, capture_output=True, text=True, check=False, timeout=60).stdout


def _supported(options: list[str]) -> tuple[list[str], list[str]]:
    """The options this taskconform knows (flag and value pairs), and the flags it does not."""
    kept: list[str] = []
    missing: list[str] = []
    for flag, value in zip(options[::2], options[1::2], strict=True):
        if f"{flag} " in _run_help() or f"{flag}\n" in _run_help():
            kept += [flag, value]
        else:
            missing.append(flag)
    return kept, missing


def _environment(api_name: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (TOKEN_ENV, API_KEY_ENV)}
    return env | {secret_env(get_api(api_name)): SECRET, "PYTHONUNBUFFERED": "1"}


def _run(argv: list[str], workdir: Path, scenario: Scenario, log: Log) -> _Process:
    """Run `argv` to its end, or Ctrl-C it at its bound and kill it past a limit; measure wall time and peak RSS."""
    notes: list[str] = []
    with (workdir / "stdout").open("wb") as out, (workdir / "stderr").open("wb") as err:
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-c", RESTORE_SIGINT, *argv], stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            env=_environment(scenario.api), start_new_session=True,
        )  # fmt: skip
        peak, interrupted = 0, None
        while True:
            pid, status, _ = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            now = time.monotonic()
            peak = max(peak, _tree_rss(child.pid))
            first = log.first_arrival()
            due = (
                scenario.interrupt_after_s is not None
                and first is not None
                and now - first >= scenario.interrupt_after_s
            )
            if interrupted is None and (due or now - started >= scenario.bound_s):
                _signal(child.pid, signal.SIGINT)
                interrupted = now
            output = (workdir / "stdout").stat().st_size + (workdir / "stderr").stat().st_size
            limits = {
                "memory": peak > KILL_RSS,
                "output flood": output > KILL_OUTPUT,
                "no exit after Ctrl-C": interrupted is not None
                and now > max(interrupted + INTERRUPT_GRACE_S, started + scenario.bound_s),
            }
            if any(limits.values()):
                notes.append(f"stopped with SIGKILL ({next(name for name, hit in limits.items() if hit)})")
                _signal(child.pid, signal.SIGKILL)
                _, status, _ = os.wait4(child.pid, 0)
                break
            time.sleep(POLL_S)
        wall = time.monotonic() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: Popen must not wait again
    return _Process(child.returncode, wall, peak, tuple(notes), interrupted)


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


def _tree_rss(root: int) -> int:
    """The resident memory of `root` and its descendants from /proc: the larger of their sum now and any one's peak.

    A process's peak (VmHWM) is kept by the kernel between polls; rusage is not used, because a child's
    ru_maxrss counts the memory of this process it was forked from.
    """
    pids, total, highest = [root], 0, 0
    while pids:
        pid = pids.pop()
        try:
            status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
            total += int(status.get("VmRSS", "0 kB").split()[0]) * 1024
            highest = max(highest, int(status.get("VmHWM", "0 kB").split()[0]) * 1024)
            for task in Path(f"/proc/{pid}/task").iterdir():
                pids += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return max(total, highest)
