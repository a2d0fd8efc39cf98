"""The pytest plugin: `pytest --api NAME --base-url URL` tests one API (all APIs without --api) and writes a report.

Registered through the `pytest11` entry point. It does nothing unless `--api`, `--conformance` or a base URL
asks for a conformance run, so the project's own tests and other suites are left alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance._options import add_arguments
from conformance.report import summary_lines
from conformance.suite import RUN_KEY, Run, Settings, UsageError

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
    config.stash[RUN_KEY] = Run(settings)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Hand the run's deadline to a pytest-xdist worker, so --max-duration bounds the whole run."""
    run = _run(node.config)
    if run is not None:
        node.workerinput[DEADLINE_KEY] = run.settings.suite.deadline


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
