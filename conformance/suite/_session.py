"""One conformance run in one process (controller or worker): settings in, step outcomes out, the report at the end."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from conformance import __version__
from conformance._redact import Redactor
from conformance._registry import CREDENTIALS, Api, get_api
from conformance._results import ApiRun, RunReport, from_dict, to_dict
from conformance.audit import compare_runs
from conformance.core._spec import spec_sha256
from conformance.report import merge_reports, write_report
from conformance.servers import start_reference_servers
from conformance.suite._executor import DEADLINE_SKIPPED, Executor, StepOutcome
from conformance.suite._plan import Step
from conformance.suite._settings import Settings
from conformance.suite._target import Target, embedded_label
from conformance.suite._transport import Limits, probe


@dataclass
class Run:
    """The state of one run in one process: its executors, the results workers handed in, the report."""

    settings: Settings
    started: float = field(default_factory=time.monotonic)
    started_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    executors: dict[str, Executor] = field(default_factory=dict)
    absorbed: list[RunReport] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    report: RunReport | None = None
    _servers: Any = None
    _stack: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)

    @functools.cached_property
    def redactor(self) -> Redactor:
        """Replaces this run's secrets in every output."""
        s = self.settings
        # The reference servers' credentials are published: hidden whole, but their words are no leak.
        return Redactor.of([s.token, s.api_key, *map(s.secret, s.apis)], public=CREDENTIALS.values())

    def steps(self) -> list[Step]:
        """Every step of the run, for every API, without contacting any server."""
        return [step for api in self.settings.apis for step in self.executor(api.name).steps()]

    def probe(self) -> str | None:
        """A one-line problem when a remote base URL cannot be reached, else None."""
        s = self.settings
        if s.embedded:
            return None
        try:
            probe(s.base_url or "", Limits(request_timeout=s.suite.request_timeout))
        except requests.RequestException as error:
            detail = self.redactor.text(" ".join(str(error).split()) or "no answer")
            message = f"cannot reach {s.base_url}: {type(error).__name__}: {detail}"
            self.errors[s.apis[0].name] = message
            return message + " (check the URL and that the server is up)"
        return None

    def target(self, api: Api) -> Target:
        """Where and how to test `api` in this process (the embedded servers start on first use)."""
        s = self.settings
        if not s.embedded:
            return Target(api, s.base_url or "", s.secret(api), embedded=False, known_ids=s.task_ids, spec=s.spec)
        servers = self._embedded_servers()
        known = s.task_ids or tuple(servers.known_task_ids(api.name))
        return Target(api, servers.base_url(api.name), api.server.credential, True, known, s.spec)

    def _embedded_servers(self) -> Any:
        if self._servers is None:
            self._servers = self._stack.enter_context(
                start_reference_servers(self.settings.apis, seed=self.settings.suite.seed or 0)
            )
        return self._servers

    def executor(self, name: str) -> Executor:
        """The executor of API `name` in this process."""
        if name not in self.executors:
            known = tuple(entry for entry in self.settings.known if entry.api == name)
            self.executors[name] = Executor(self.target(get_api(name)), self.settings.suite, self.redactor, known)
        return self.executors[name]

    def run_step(self, step: Step) -> StepOutcome:
        """Run one step from a clean reference state (against the embedded servers) and return its outcome."""
        if self.settings.embedded:
            self._embedded_servers().reset()
        return self.executor(step.api).run(step)

    def partial_results(self) -> dict[str, Any]:
        """This process's results, as results.json data (what a worker hands to the controller)."""
        return to_dict(self._own_report())

    def absorb(self, data: dict[str, Any]) -> None:
        """Take in a worker's results."""
        self.absorbed.append(from_dict(data))

    def _run_report(self, apis: tuple[ApiRun, ...], *, workers: int) -> RunReport:
        s = self.settings
        return RunReport(
            tool_version=__version__,
            started_at=self.started_at,
            duration_s=round(time.monotonic() - self.started, 3),
            seed=s.suite.seed,
            max_examples=s.suite.max_examples,
            workers=workers,
            allow_writes=s.suite.allow_writes,
            apis=apis,
        )

    def _own_report(self) -> RunReport:
        return self._run_report(tuple(executor.api_run() for executor in self.executors.values()), workers=1)

    def finish(self, *, interrupted: bool = False) -> RunReport:
        """Merge every process's results, add what never ran, write the report; stop the embedded servers."""
        merged = merge_reports([*self.absorbed, self._own_report()])
        tested = {api.api for api in merged.apis}
        missing = tuple(self._untested(api) for api in self.settings.apis if api.name not in tested)
        apis = tuple(sorted((*merged.apis, *missing), key=lambda a: a.api))
        apis = tuple(dataclasses.replace(a, error=self.errors[a.api]) if a.api in self.errors else a for a in apis)
        baseline = self.settings.baseline
        self.report = dataclasses.replace(
            self._run_report(apis, workers=self.settings.workers),
            comparison=compare_runs(baseline, merged) if baseline is not None else None,
            stopped=self._stopped(merged, interrupted),
        )
        write_report(self.report, self.settings.report_dir, self.redactor)
        self._stack.close()
        return self.report

    def _stopped(self, merged: RunReport, interrupted: bool) -> str | None:
        if interrupted:
            return "interrupted before every step ran (Ctrl-C)"
        deadline = self.settings.suite.deadline
        cut = any(cell.reason == DEADLINE_SKIPPED for api in merged.apis for cell in api.results)
        if cut or (deadline is not None and time.time() >= deadline):
            return "the run's --max-duration was reached; steps after it did not run"
        return None

    def _untested(self, api: Api) -> ApiRun:
        target_spec = self.settings.spec or api.spec_path
        return ApiRun(
            api=api.name,
            title=api.title,
            base_url=self.settings.base_url or embedded_label(api),
            spec_file=str(self.settings.spec) if self.settings.spec else api.spec_file,
            spec_sha256=spec_sha256(target_spec),
            error=self.errors.get(api.name, "not tested"),
        )


RUN_KEY = pytest.StashKey[Run]()
