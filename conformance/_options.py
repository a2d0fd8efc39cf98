"""The options of a conformance run, declared once: `taskconform run` and the pytest plugin both read this table."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from conformance._redact import API_KEY_ENV, TOKEN_ENV
from conformance._registry import APIS


@dataclass(frozen=True)
class Option:
    """One option: its flag, type, default and help; `repeat` collects every use into a list."""

    flag: str
    help: str
    type: Callable[[str], Any] | None = str
    default: Any = None
    metavar: str | None = None
    repeat: bool = False
    secret: str | None = None  # the environment variable that holds this option's value in `taskconform run`
    choices: tuple[str, ...] | None = None
    pytest_flag: str | None = None  # the plugin's spelling, where pytest already has an option of that name

    @property
    def dest(self) -> str:
        """The attribute name the option's value is stored under (the same in the CLI and the plugin)."""
        return (self.pytest_flag or self.flag).lstrip("-").replace("-", "_")

    def flag_for(self, *, pytest: bool) -> str:
        """The option's flag in `taskconform run`, or in the pytest plugin."""
        return (self.pytest_flag or self.flag) if pytest else self.flag

    @property
    def switch(self) -> bool:
        """True for a flag without a value."""
        return self.type is None

    def declaration(self, *, pytest: bool = False) -> tuple[tuple[str, ...], dict[str, Any]]:
        """The arguments of argparse's `add_argument` (or pytest's `addoption`) for this option."""
        flag = self.flag_for(pytest=pytest)
        if self.switch:
            return (flag,), {"action": "store_true", "help": self.help, "dest": self.dest}
        kwargs: dict[str, Any] = {"help": self.help, "metavar": self.metavar, "dest": self.dest}
        if self.type is not str:
            kwargs["type"] = self.type
        if self.choices:
            kwargs["choices"] = self.choices
        if self.repeat:
            kwargs.update(action="append", default=[])
        else:
            kwargs["default"] = self.default
        return (flag,), kwargs


RUN_OPTIONS: tuple[Option, ...] = (
    Option(
        "--api",
        f"API to test, repeatable ({', '.join(APIS)}; all without it)",
        metavar="NAME",
        repeat=True,
        choices=tuple(APIS),
    ),
    Option("--token", f"bearer token (better: set {TOKEN_ENV})", metavar="TOKEN", secret=TOKEN_ENV),
    Option("--api-key", f"API key (better: set {API_KEY_ENV})", metavar="KEY", secret=API_KEY_ENV),
    Option("--max-examples", "generated requests per operation and phase", int, 25, "N"),
    Option("--seed", "the same seed sends the same requests", int, 0, "N"),
    Option("--allow-writes", "send POST/PUT/PATCH/DELETE to a server that is not an embedded reference", None),
    Option("--task-id", "a known task id (repeatable)", metavar="ID", repeat=True),
    Option("--report-dir", "where the report is written (default: reports)", default="reports", metavar="DIR"),
    Option("--request-timeout", "total seconds for each request, body and redirects included", float, 10.0, "S"),
    Option(
        "--max-response-time",
        "seconds an answer may take; slower ones fail (without it, answers over 2 s are warnings)",
        float,
        None,
        "S",
    ),
    Option(
        "--max-duration",
        "seconds for the whole run; then no new work starts and the report is marked partial",
        float,
        1800.0,
        "S",
    ),
    Option("--baseline", "an earlier run's report directory or results.json to compare with", metavar="DIR"),
    Option(
        "--rate-limit",
        "at most N requests per duration to a base URL, e.g. 100/10s (default: the vendor's published limit, "
        "if any; off: unpaced); 429 and 503 answers with Retry-After are waited out",
        metavar="N/S",
    ),
    Option(
        "--known-findings",
        "a YAML file of accepted failures (api, operation, check, reason, optional contains and expires): "
        "they are reported as known and do not fail the run",
        metavar="FILE",
    ),
    Option("--spec", "another version of the API's contract to test against (with one --api)", metavar="PATH"),
    Option(
        "--strict",
        "warnings (findings that contradict only a decision of ours, see specs/README.md) fail the run too",
        None,
        pytest_flag="--conformance-strict",  # pytest's own --strict means strict markers
    ),
)


def add_arguments(add: Callable[..., Any], *, pytest: bool = False) -> None:
    """Declare every run option through `add` (argparse's add_argument, or pytest's addoption with `pytest`)."""
    for option in RUN_OPTIONS:
        args, kwargs = option.declaration(pytest=pytest)
        add(*args, **kwargs)


def as_pytest_args(values: argparse.Namespace) -> list[str]:
    """The plugin's command line for these option values (secrets are left out: they travel by environment)."""
    argv: list[str] = []
    for option in RUN_OPTIONS:
        value = getattr(values, option.dest)
        if option.secret or value is None or value is False:
            continue
        flag = option.flag_for(pytest=True)
        if option.switch:
            argv.append(flag)
        elif option.repeat:
            for item in value:
                argv += [flag, str(item)]
        else:
            argv += [flag, str(value)]
    return argv
