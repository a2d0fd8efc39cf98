"""What a run prints while it runs: per API, checks done of those planned, requests, rate-limit waits, failures and an
estimate of the time left.

On a terminal a status region (rich's live display, a line per API) is rewritten in place. In a log (no terminal) a
line is printed per finished check, one when a long rate-limit wait begins and, while nothing else is printed, one at
least every HEARTBEAT seconds. The controller (or a lone process) prints; a pytest-xdist worker's checks reach it as
their items' reports, and a lone process also sees the check under way (its requests and waits) as they happen.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

from rich.console import Console
from rich.live import Live
from rich.text import Text

from conformance.suite._executor import Executor, StepOutcome

HEARTBEAT = 30.0  # seconds: the longest a log goes without a line
TICK = 0.5  # seconds between two looks at the run
WAIT_NOTICE = 1.5  # seconds: a rate-limit wait with this much left when seen gets its own line in a log
RECORD = "taskconform-progress"  # the user property that carries a step's record from its item to the controller


def record(outcome: StepOutcome) -> dict[str, Any]:
    """What the progress needs of a step's outcome (plain data: it travels in a pytest report)."""
    findings = {(f.operation, f.check, f.title, f.message) for f in outcome.failures}
    return {
        "api": outcome.step.api,
        "status": outcome.status,
        "requests": outcome.requests,
        "waited": round(outcome.waited, 3),
        "failures": len(findings),
    }


def duration(seconds: float) -> str:
    """A duration for a person: `8 s`, `1 m 05 s`, `1 h 02 m`."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} m {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} m"


def step_of(nodeid: str) -> str:
    """The step id of a conformance item's node id ("" for any other item)."""
    name, _, param = nodeid.rpartition("::")[2].partition("[")
    return param.removesuffix("]") if name == "test_conformance" else ""


@dataclass
class ApiProgress:
    """One API's checks so far: done of planned, requests, seconds waited for the rate limit, failures, time taken."""

    planned: int = 0
    done: int = 0
    requests: int = 0
    waited: float = 0.0
    failures: int = 0
    busy: float = 0.0  # seconds its finished checks took, together

    def left(self, workers: int = 1) -> float | None:
        """Seconds its remaining checks should take at the pace of its finished ones (None before the first)."""
        if not self.done:
            return None
        return self.busy / self.done * max(self.planned - self.done, 0) / max(workers, 1)

    def line(self, api: str, workers: int = 1) -> str:
        """`acme-tasks: 3/12 checks, 45 requests, waited 12 s for the rate limit, 0 failures, about 30 s left`."""
        left = self.left(workers)
        if self.done >= self.planned:
            estimate = "done"
        else:
            estimate = "time left unknown yet" if left is None else f"about {duration(left)} left"
        return (
            f"{api}: {self.done}/{self.planned} checks, {self.requests} requests, waited {duration(self.waited)} "
            f"for the rate limit, {self.failures} failure{'' if self.failures == 1 else 's'}, {estimate}"
        )


@dataclass
class Progress:
    """The run's progress, printed as it changes: a live status on a terminal, lines in a log."""

    out: TextIO
    terminal: bool
    workers: int = 1
    local: Callable[[], Mapping[str, Executor]] = dict  # this process's executors (a lone process runs the steps)
    apis: dict[str, ApiProgress] = field(default_factory=dict)
    running: dict[str, float] = field(default_factory=dict)  # step id -> when it started
    started: float = field(default_factory=time.monotonic)
    _printed: float = field(default_factory=time.monotonic)  # when the log's last line was printed
    _announced: dict[str, float] = field(default_factory=dict)  # API -> the end of the last wait a line announced
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _live: Live | None = None

    def plan(self, nodeids: Iterable[str]) -> None:
        """Count each API's planned checks from the collected items, and start showing (once)."""
        if self.apis:
            return
        for step in filter(None, map(step_of, nodeids)):
            self.apis.setdefault(step.split(" ", 1)[0], ApiProgress()).planned += 1
        if not self.apis:
            return
        if self.terminal:
            console = Console(file=self.out, force_terminal=True, highlight=False)
            self._live = Live(console=console, auto_refresh=False, redirect_stdout=False, redirect_stderr=False)
            self._live.start()
        self._thread = threading.Thread(target=self._watch, name="taskconform-progress", daemon=True)
        self._thread.start()

    def begin(self, nodeid: str) -> None:
        """A check started."""
        step = step_of(nodeid)
        if step:
            with self._lock:
                self.running[step] = time.monotonic()

    def finish(self, nodeid: str, data: Mapping[str, Any], seconds: float) -> None:
        """A check finished: count it and, in a log, print its line."""
        step = step_of(nodeid)
        with self._lock:
            self.running.pop(step, None)
            api = self.apis.setdefault(str(data["api"]), ApiProgress())
            api.done += 1
            api.requests += int(data["requests"])
            api.waited += float(data["waited"])
            api.failures += int(data["failures"])
            api.busy += seconds
            if not self.terminal:
                status = self.snapshot()[str(data["api"])].line(str(data["api"]), self.workers)
                self._print(f"{step} {data['status']} in {seconds:.1f} s, {data['requests']} requests; {status}")
        self._show()

    def snapshot(self) -> dict[str, ApiProgress]:
        """Each API's progress, with a lone process's check under way counted too."""
        local = self.local()
        shown = {}
        for name, api in self.apis.items():
            executor = local.get(name)
            if executor is not None:  # its counts include the running check's requests and waits
                waited = max(api.waited, executor.guard.pacer.waited)
                api = replace(api, requests=max(api.requests, executor.requests()), waited=waited)
            shown[name] = api
        return shown

    def waits(self) -> dict[str, float]:
        """When each API's rate-limit wait under way ends (time.monotonic()), for the APIs of this process."""
        return {
            name: until
            for name, executor in self.local().items()
            if (until := executor.guard.pacer.waiting_until) is not None
        }

    def status(self) -> list[str]:
        """The status: a line per API, what waits for the rate limit and what has run for a while."""
        now = time.monotonic()
        lines = [api.line(name, self.workers) for name, api in self.snapshot().items()]
        lines += [f"{name}: waiting for the rate limit: {duration(end - now)}" for name, end in self.waits().items()]
        lines += [
            f"running {step} for {duration(now - since)}" for step, since in self.running.items() if now >= since + 1
        ]
        return lines

    def stop(self) -> None:
        """Stop showing: the watch thread ends, a live status stays as it last was."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._show()
        if self._live is not None:
            self._live.stop()
            self._live = None

    def _watch(self) -> None:
        while not self._stop.wait(TICK):
            self._show()
            if not self.terminal:
                self.notice()

    def notice(self) -> None:
        """In a log: a line for each long rate-limit wait that began, and the status after HEARTBEAT s of silence."""
        with self._lock:
            for name, until in self.waits().items():
                if self._announced.get(name) != until and until - time.monotonic() >= WAIT_NOTICE:
                    self._announced[name] = until
                    self._print(f"{name}: waiting for the rate limit: {duration(until - time.monotonic())}")
            if time.monotonic() - self._printed >= HEARTBEAT:
                self._print("still running; " + "; ".join(self.status()))

    def _print(self, line: str) -> None:
        now = time.monotonic()
        self.out.write(f"[{duration(now - self.started)}] {line}\n")
        self.out.flush()
        self._printed = now

    def _show(self) -> None:
        with self._lock:
            if self._live is not None:
                text = f"[{duration(time.monotonic() - self.started)}] " + "\n".join(self.status())
                self._live.update(Text(text, no_wrap=True, overflow="ellipsis"), refresh=True)
