"""One conformance run as the pytest plugin drives it: options in, steps out, results merged, report written."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from conformance import __version__
from conformance._redact import Redactor
from conformance._registry import APIS, Api, UnknownApiError, get_api
from conformance._results import ApiRun, RunReport, from_dict, to_dict
from conformance._spec import load_spec, spec_sha256
from conformance.audit import compare_runs, comparison_to_dict
from conformance.report import ResultsError, load_results, merge_reports, write_report
from conformance.servers import CREDENTIALS, start_reference_servers
from conformance.suite._contracts import contract_for
from conformance.suite._plan import Step, plan
from conformance.suite._runner import DEADLINE_SKIPPED, ApiRunner
from conformance.suite._target import SuiteSettings, Target, embedded_label, resolve_secret
from conformance.suite._transport import Limits, probe


class UsageError(ValueError):
    """Options that cannot make a run; the message says what to change."""


@dataclass
class Run:
    """The state of one run in one process (controller or worker)."""

    apis: tuple[Api, ...]
    settings: SuiteSettings
    base_url: str | None
    token: str | None
    api_key: str | None
    task_ids: tuple[str, ...]
    report_dir: Path
    baseline: RunReport | None
    workers: int
    started: float = field(default_factory=time.monotonic)
    started_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    runners: dict[str, ApiRunner] = field(default_factory=dict)
    absorbed: list[RunReport] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    report: RunReport | None = None
    _servers: Any = None
    _stack: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)

    @classmethod
    def from_options(cls, option: Any, *, base_url: str | None, deadline: float | None = None) -> Run:
        """Validate the command-line options and build the run (a worker is given its controller's deadline)."""
        try:
            apis = tuple(get_api(name) for name in option.api) or tuple(APIS.values())
        except UnknownApiError as error:
            raise UsageError(str(error)) from None
        if base_url and len(apis) != 1:
            raise UsageError("--base-url points at one API: name it with --api (e.g. --api sailpoint-v2025)")
        if base_url and not base_url.startswith(("http://", "https://")):
            raise UsageError(f"--base-url must be an http(s) URL, got {base_url!r}")
        if option.max_examples < 1:
            raise UsageError("--max-examples must be at least 1")
        for name in ("request_timeout", "max_duration", "max_response_time"):
            value = getattr(option, name)
            if value is not None and value <= 0:
                raise UsageError(f"--{name.replace('_', '-')} must be a positive number of seconds")
        return cls(
            apis=apis,
            settings=SuiteSettings(
                max_examples=option.max_examples,
                seed=option.seed,
                allow_writes=option.allow_writes,
                request_timeout=option.request_timeout,
                max_response_time=option.max_response_time,
                deadline=deadline or (time.time() + option.max_duration if option.max_duration else None),
            ),
            base_url=base_url.rstrip("/") if base_url else None,
            token=option.token,
            api_key=option.api_key,
            task_ids=tuple(option.task_id),
            report_dir=Path(option.report_dir),
            baseline=_load_baseline(option.baseline),
            workers=int(getattr(option, "numprocesses", None) or 1),
        )

    @property
    def embedded(self) -> bool:
        """True when the run tests the embedded reference servers."""
        return self.base_url is None

    @functools.cached_property
    def redactor(self) -> Redactor:
        """Replaces this run's secrets in every output."""
        secrets = [self.token, self.api_key, *[self._secret(api) for api in self.apis]]
        # The reference servers' credentials are published: hidden whole, but their words are no leak.
        return Redactor.of(secrets, public=CREDENTIALS.values())

    def _secret(self, api: Api) -> str | None:
        return resolve_secret(api, self.token, self.api_key)

    def steps(self) -> list[Step]:
        """Every step of the run, for every API, without contacting any server."""
        steps: list[Step] = []
        for api in self.apis:
            spec = load_spec(api.spec_path)
            steps += plan(api.name, spec, contract_for(api.name, spec))
        return steps

    def probe(self) -> str | None:
        """A one-line problem when a remote base URL cannot be reached, else None."""
        if self.embedded:
            return None
        api = self.apis[0]
        try:
            probe(self.base_url or "", Limits(request_timeout=self.settings.request_timeout))
        except requests.RequestException as error:
            detail = self.redactor.text(" ".join(str(error).split()) or "no answer")
            message = f"cannot reach {self.base_url}: {type(error).__name__}: {detail}"
            self.errors[api.name] = message
            return message + " (check the URL and that the server is up)"
        return None

    def target(self, api: Api) -> Target:
        """Where and how to test `api` in this process (starting the embedded servers on first use)."""
        if not self.embedded:
            return Target(api, self.base_url or "", self._secret(api), embedded=False, known_ids=self.task_ids)
        servers = self._embedded_servers()
        return Target(
            api,
            servers.base_url(api.name),
            CREDENTIALS[api.name],
            embedded=True,
            known_ids=self.task_ids or tuple(servers.known_task_ids(api.name)),
        )

    def _embedded_servers(self) -> Any:
        if self._servers is None:
            self._servers = self._stack.enter_context(start_reference_servers(seed=self.settings.seed or 0))
        return self._servers

    def runner(self, name: str) -> ApiRunner:
        """The runner of API `name` in this process."""
        if name not in self.runners:
            self.runners[name] = ApiRunner(self.target(get_api(name)), self.settings, self.redactor)
        return self.runners[name]

    def run_step(self, step: Step) -> tuple[str | None, list[Any]]:
        """Run one step from a clean reference state; return (skip reason, failed cells)."""
        runner = self.runner(step.api)
        if self.embedded:
            self._embedded_servers().reset()
        return runner.skip_reason(step), runner.run(step)

    def partial_results(self) -> dict[str, Any]:
        """This process's results, as results.json data (what a worker hands to the controller)."""
        return to_dict(self._own_report())

    def absorb(self, data: dict[str, Any]) -> None:
        """Take in a worker's results."""
        self.absorbed.append(from_dict(data))

    def _run_report(self, apis: tuple[ApiRun, ...], *, workers: int, comparison: Any = None) -> RunReport:
        return RunReport(
            tool_version=__version__,
            started_at=self.started_at,
            duration_s=round(time.monotonic() - self.started, 3),
            seed=self.settings.seed,
            max_examples=self.settings.max_examples,
            workers=workers,
            allow_writes=self.settings.allow_writes,
            apis=apis,
            comparison=comparison,
        )

    def _own_report(self) -> RunReport:
        return self._run_report(tuple(runner.api_run() for runner in self.runners.values()), workers=1)

    def finish(self, *, interrupted: bool = False) -> RunReport:
        """Merge every process's results, add what never ran, write the report; stop the embedded servers."""
        merged = merge_reports([*self.absorbed, self._own_report()])
        tested = {api.api for api in merged.apis}
        missing = tuple(self._untested(api) for api in self.apis if api.name not in tested)
        apis = tuple(sorted((*merged.apis, *missing), key=lambda a: a.api))
        apis = tuple(dataclasses.replace(a, error=self.errors[a.api]) if a.api in self.errors else a for a in apis)
        self.report = dataclasses.replace(
            self._run_report(apis, workers=self.workers, comparison=self._comparison(merged)),
            stopped=self._stopped(merged, interrupted),
        )
        write_report(self.report, self.report_dir, self.redactor)
        self._stack.close()
        return self.report

    def _stopped(self, merged: RunReport, interrupted: bool) -> str | None:
        if interrupted:
            return "interrupted before every step ran (Ctrl-C)"
        cut = any(cell.reason == DEADLINE_SKIPPED for api in merged.apis for cell in api.results)
        if cut or (self.settings.deadline is not None and time.time() >= self.settings.deadline):
            return "the run's --max-duration was reached; steps after it did not run"
        return None

    def _untested(self, api: Api) -> ApiRun:
        return ApiRun(
            api=api.name,
            title=api.title,
            base_url=self.base_url or embedded_label(api),
            spec_file=f"specs/{api.spec_file}",
            spec_sha256=spec_sha256(api.spec_path),
            error=self.errors.get(api.name, "not tested"),
        )

    def _comparison(self, current: RunReport) -> dict[str, Any] | None:
        if self.baseline is None:
            return None
        return comparison_to_dict(compare_runs(self.baseline, current))

    def summary_lines(self) -> list[str]:
        """What a person needs at the end of the terminal output."""
        assert self.report is not None
        lines = []
        for api in self.report.apis:
            verdict = "CONFORMANT" if api.conformant else "NOT CONFORMANT"
            lines.append(f"{api.api}: {verdict}, score {api.score:.1f}% ({api.base_url})")
            if api.error:
                lines.append(f"  error: {api.error}")
            for cell in api.failed:
                first = cell.failures[0] if cell.failures else None
                lines.append(f"  FAIL {cell.operation} {cell.check}: {first.title if first else ''}")
            skipped = sorted({(c.operation, c.reason) for c in api.results if c.status == "skipped"})
            for operation, reason in skipped:
                lines.append(f"  skipped {operation}: {reason}")
        if self.report.stopped:
            lines.append(f"partial report: {self.report.stopped}")
        lines.append(f"report: {self.report_dir / 'index.html'}")
        return lines


def _load_baseline(path: str | None) -> RunReport | None:
    """The baseline run to compare with, or a UsageError that says why it cannot be read."""
    if not path:
        return None
    try:
        return load_results(Path(path))
    except ResultsError as error:
        raise UsageError(f"--baseline: {error}") from None


RUN_KEY = pytest.StashKey[Run]()
