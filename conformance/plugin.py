"""The pytest plugin: `pytest --api NAME --base-url URL` tests one API (all APIs without --api) and writes a report.

Registered through the `pytest11` entry point. It does nothing unless `--api`, `--conformance` or a base URL
asks for a conformance run, so the project's own tests and other suites are left alone.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import pytest

from conformance._options import add_arguments
from conformance.report import summary_lines
from conformance.suite import RECORD, RUN_KEY, Progress, Run, Settings, UsageError

SUITE_MODULE = Path(__file__).with_name("suite") / "test_contract.py"
RESULTS_KEY = "taskconform_results"
DEADLINE_KEY = "taskconform_deadline"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the suite's command-line options (the same table as `taskconform run`)."""
    group = parser.getgroup("taskconform", "conformance of task-management APIs")
    group.addoption("--conformance", action="store_true", help="run the conformance suite (implied by --api)")
    add_arguments(group.addoption, pytest=True)


def _active(namespace: object) -> bool:
    return bool(getattr(namespace, "conformance", False) or getattr(namespace, "api", None))


def pytest_load_initial_conftests(early_config: pytest.Config, parser: pytest.Parser, args: list[str]) -> None:
    """Collect the suite module when a conformance run is asked for and no test paths are given."""
    namespace = early_config.known_args_namespace
    if _active(namespace) and not getattr(namespace, "file_or_dir", None):
        args.append(str(SUITE_MODULE))


def pytest_configure(config: pytest.Config) -> None:
    """Build the run's settings and targets once per process; refuse bad options with a usage error."""
    if not _active(config.option):
        return
    inherited = getattr(config, "workerinput", {}).get(DEADLINE_KEY)
    try:
        settings = Settings.from_options(config.option, base_url=_base_url(config), deadline=inherited)
    except UsageError as error:
        raise pytest.UsageError(str(error)) from None
    run = config.stash[RUN_KEY] = Run(settings)
    verbosity = config.get_verbosity()
    if not hasattr(config, "workerinput") and verbosity >= 0:
        out = _terminal()
        workers = getattr(config.option, "numprocesses", None) or 1  # pytest-xdist's -n, "auto" resolved by now
        # A live status on a terminal, unless -v has pytest print a line per step there too.
        progress = Progress(out, out.isatty() and verbosity == 0, workers, lambda: run.executors)
        config.pluginmanager.register(ProgressHooks(progress, out, dots=verbosity == 0), "taskconform-progress")


def _terminal() -> TextIO:
    """The process's standard output as it is now: the progress thread writes past pytest's output capture."""
    try:
        return os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1, encoding="utf-8", errors="replace")
    except (AttributeError, OSError, ValueError):  # no file descriptor (a capturing caller's stream)
        return sys.stdout


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Hand the run's deadline to a pytest-xdist worker, so --max-duration bounds the whole run."""
    run = _run(node.config)
    if run is not None:
        node.workerinput[DEADLINE_KEY] = run.settings.suite.deadline


class ProgressHooks:
    """Shows the run's progress on the controller (or a lone process): steps planned, started, finished."""

    def __init__(self, progress: Progress, out: TextIO, *, dots: bool) -> None:
        self.progress = progress
        self.out = out
        self.dots = dots  # the progress replaces pytest's dot per step (not its word per step under -v)
        self.owned = out is not sys.stdout  # a duplicate of the standard output's descriptor, closed at the end

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        """No test file name on the terminal as a step starts: the progress names the step."""
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None and self.dots:
            reporter.showfspath = False

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        """Plan from the collected steps (a lone process; a controller hears from its workers)."""
        self.progress.plan(item.nodeid for item in session.items)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node: object, ids: list[str]) -> None:
        """Plan from a pytest-xdist worker's collection (every worker collects the same steps)."""
        self.progress.plan(ids)

    def pytest_runtest_logstart(self, nodeid: str) -> None:
        """A step started, here or on a worker."""
        self.progress.begin(nodeid)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """A step finished, here or on a worker: its item's report carries its record."""
        data = dict(report.user_properties).get(RECORD)
        if report.when == "call" and data is not None:
            self.progress.finish(report.nodeid, data, report.duration)

    @pytest.hookimpl(wrapper=True)
    def pytest_report_teststatus(self, report: pytest.TestReport) -> Iterator[Any]:
        """No pytest dot or word for a step: its line or the status says more."""
        category, letter, word = yield
        if self.dots and self.progress.apis and RECORD in dict(report.user_properties):
            return category, "", ""
        return category, letter, word

    def pytest_sessionfinish(self) -> None:
        """Stop showing before the summary."""
        self.progress.stop()
        if self.owned:
            self.out.close()


def _base_url(config: pytest.Config) -> str | None:
    return config.getoption("base_url", None) or config.getini("base_url") or None


def _run(config: pytest.Config) -> Run | None:
    return config.stash.get(RUN_KEY, None)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Probe a remote base URL before testing: an unreachable one ends the run with exit code 2."""
    run = _run(session.config)
    if run is None or hasattr(session.config, "workerinput"):
        return
    problem = run.probe()
    if problem:
        run.finish()
        pytest.exit(f"taskconform: {problem}", returncode=2)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    """Collect a pytest-xdist worker's results on the controller."""
    output = getattr(node, "workeroutput", {})
    run = _run(node.config)  # type: ignore[attr-defined]
    if run is not None and RESULTS_KEY in output:
        run.absorb(json.loads(output[RESULTS_KEY]))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Workers hand their results to the controller; the controller (or a lone process) writes the report."""
    run = _run(session.config)
    if run is None:
        return
    if hasattr(session.config, "workerinput"):
        session.config.workeroutput[RESULTS_KEY] = json.dumps(run.partial_results())  # type: ignore[attr-defined]
        return
    report = run.finish(interrupted=exitstatus == pytest.ExitCode.INTERRUPTED)
    if exitstatus == pytest.ExitCode.OK and run.settings.fails(report):
        # A finding outside any step (an operation that answered too slowly for --max-response-time) still fails,
        # and under --strict so does a warning.
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line per API: verdict, score, failures and warnings, where the report is."""
    run = _run(terminalreporter.config)
    if run is None or run.report is None:
        return
    terminalreporter.section("taskconform")
    for line in summary_lines(run.report, run.settings.report_dir, strict=run.settings.strict):
        terminalreporter.write_line(line)
    if run.redactor.note:
        terminalreporter.write_line(run.redactor.note)
