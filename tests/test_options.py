"""The run's options: one table serves `taskconform run` and the pytest plugin alike."""

from __future__ import annotations

import argparse

import pytest

from conformance._options import RUN_OPTIONS, add_arguments, as_pytest_args
from conformance.cli import build_parser


def _parsed(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(["run", *argv])


def test_the_cli_and_the_plugin_declare_the_same_options_with_the_same_defaults(pytestconfig: pytest.Config) -> None:
    cli = _parsed([])
    for option in RUN_OPTIONS:
        assert getattr(cli, option.dest) == pytestconfig.getoption(option.dest), option.flag


def test_every_value_reaches_the_plugin_except_secrets() -> None:
    args = _parsed(
        [
            "--api",
            "flexprice",
            "--task-id",
            "a",
            "--task-id",
            "b",
            "--allow-writes",
            "--max-duration",
            "60",
            "--token",
            "tok-secret",
            "--api-key",
            "key-secret",
        ]
    )
    argv = as_pytest_args(args)
    assert argv[argv.index("--max-duration") + 1] == "60.0"
    assert argv.count("--task-id") == 2 and "--allow-writes" in argv and "flexprice" in argv
    assert not any("secret" in item for item in argv)


def test_a_declared_option_parses_as_its_type() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser.add_argument)
    values = parser.parse_args(["--request-timeout", "2.5", "--max-examples", "3"])
    assert values.request_timeout == 2.5 and values.max_examples == 3
