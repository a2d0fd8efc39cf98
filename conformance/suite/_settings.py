"""A run's settings, validated once from the option table's values: which APIs, where, with what, how hard."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance._registry import APIS, Api, UnknownApiError, get_api
from conformance._results import RunReport
from conformance.core._spec import SpecError, load_spec
from conformance.report import ResultsError, load_results
from conformance.servers import parse_rate_limit
from conformance.suite._known import KnownEntry
from conformance.suite._known_file import KnownFindingsError, load_known
from conformance.suite._target import SuiteSettings, resolve_secret
from conformance.suite._vendor import VendorContract, is_ours, read_description, vendor_contract

REMOTE = ("git:", "https://", "http://")
PREPARED_ENV = "TASKCONFORM_PREPARED_SPEC"
"""The `--spec` source this run has read and where its contract was written, for the worker processes."""
"""Sources `--spec` reads as a vendor's description (a file is read as one unless it is a hand-written contract)."""


class UsageError(ValueError):
    """Options that cannot make a run; the message says what to change."""


@dataclass(frozen=True)
class Settings:
    """Everything a run was asked to do, checked: nothing here is read from the options again."""

    apis: tuple[Api, ...]
    suite: SuiteSettings
    base_url: str | None
    token: str | None
    api_key: str | None
    task_ids: tuple[str, ...]
    report_dir: Path
    baseline: RunReport | None
    workers: int
    spec: Path | None = None
    strict: bool = False  # warnings fail the run (exit 1) and their steps' pytest items
    known: tuple[KnownEntry, ...] = ()  # the --known-findings file's entries

    def fails(self, report: RunReport) -> bool:
        """True when `report` must end the run with exit code 1: a failure, or a warning under --strict."""
        return not report.conformant or (self.strict and report.warned)

    @property
    def embedded(self) -> bool:
        """True when the run tests the embedded reference servers."""
        return self.base_url is None

    def secret(self, api: Api) -> str | None:
        """The credential to send to `api`: from its option, else from its environment variable."""
        return resolve_secret(api, self.token, self.api_key)

    @classmethod
    def from_options(cls, option: Any, *, base_url: str | None, deadline: float | None = None) -> Settings:
        """Validate the option values (a pytest-xdist worker is given its controller's deadline)."""
        try:
            apis = tuple(get_api(name) for name in option.api) or tuple(APIS.values())
        except UnknownApiError as error:
            raise UsageError(str(error)) from None
        if base_url and len(apis) != 1:
            raise UsageError(f"--base-url points at one API: name it with --api (one of: {', '.join(APIS)})")
        if base_url and not base_url.startswith(("http://", "https://")):
            raise UsageError(f"--base-url must be an http(s) URL, got {base_url!r}")
        if option.max_examples < 1:
            raise UsageError("--max-examples must be at least 1")
        for name in ("request_timeout", "max_duration", "max_response_time"):
            value = getattr(option, name)
            if value is not None and value <= 0:
                raise UsageError(f"--{name.replace('_', '-')} must be a positive number of seconds")
        if option.rate_limit not in (None, "off"):
            try:
                parse_rate_limit(option.rate_limit)
            except ValueError as error:
                raise UsageError(f"--rate-limit: {error} (or off)") from None
        if deadline is None and option.max_duration:
            deadline = time.time() + option.max_duration
        return cls(
            apis=apis,
            suite=SuiteSettings(
                max_examples=option.max_examples,
                seed=option.seed,
                allow_writes=option.allow_writes,
                request_timeout=option.request_timeout,
                max_response_time=option.max_response_time,
                deadline=deadline,
                rate_limit=option.rate_limit,
            ),
            base_url=base_url.rstrip("/") if base_url else None,
            token=option.token,
            api_key=option.api_key,
            task_ids=tuple(option.task_id),
            report_dir=Path(option.report_dir),
            baseline=_baseline(option.baseline),
            workers=int(getattr(option, "numprocesses", None) or 1),
            spec=_spec(option.spec, apis, Path(option.report_dir)),
            strict=bool(getattr(option, "conformance_strict", False)),
            known=_known(option.known_findings),
        )


def _baseline(path: str | None) -> RunReport | None:
    """The baseline run to compare with, or a UsageError that says why it cannot be read."""
    if not path:
        return None
    try:
        return load_results(Path(path))
    except ResultsError as error:
        raise UsageError(f"--baseline: {error}") from None


def _known(path: str | None) -> tuple[KnownEntry, ...]:
    """The entries of the known-findings file, or a UsageError naming the entry and what is wrong."""
    if not path:
        return ()
    try:
        return load_known(Path(path))
    except KnownFindingsError as error:
        raise UsageError(f"--known-findings: {error}") from None


def _spec(path: str | None, apis: tuple[Api, ...], report_dir: Path) -> Path | None:
    """The other contract to test against: a version of the hand-written one as it is, or a vendor's description
    with our semantics on top, written beside the report as the contract the run tests; it belongs to one API."""
    if not path:
        return None
    if len(apis) != 1:
        raise UsageError("--spec is another version of one API's contract: name the API with --api")
    api = apis[0]
    prepared = os.environ.get(PREPARED_ENV, "").split("\n")
    if prepared[0] == path and len(prepared) == 2 and Path(prepared[1]).is_file():
        return Path(prepared[1])  # a pytest-xdist worker: the process that started it read the description
    try:
        description = read_description(path)
        if not path.startswith(REMOTE) and is_ours(description.root):
            api.contract(load_spec(path))
            return Path(path).resolve()
        vendor = vendor_contract(load_spec(api.spec_path), api.base_path, description)
    except SpecError as error:
        raise UsageError(f"--spec: {error}") from None
    except (KeyError, TypeError, IndexError) as error:
        raise UsageError(
            f"--spec: {path} is not a version of {api.name}'s contract the suite can read "
            f"(no {error} where {api.name} has one)"
        ) from None
    written = _written(vendor, report_dir / f"contract-{api.name}.json")
    os.environ[PREPARED_ENV] = f"{path}\n{written}"  # read once a run: the workers it starts inherit this
    return written


def _written(vendor: VendorContract, path: Path) -> Path:
    """The merged contract written (atomically: every worker writes the same) where the report goes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(vendor.spec, indent=1, sort_keys=False, default=str)
    scratch = path.with_name(f".{path.name}.{os.getpid()}")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(path)
    return path.resolve()
