"""Sweeps of the reference servers: the suite against each fault (caught?) and each variant (no false alarm?)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from conformance._registry import APIS, CREDENTIALS, FAULTS, VARIANTS, get_api
from conformance.servers import ALL, RunningServers, start_reference_servers

SWEEP_MAX_EXAMPLES = 10


@dataclass(frozen=True)
class SuiteRun:
    """What `taskconform run` said about one API: its exit code and the results that failed or warned."""

    api: str
    exit_code: int
    failed: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Detection:
    """Whether one fault made the suite fail, and which checks caught it."""

    fault: str
    api: str
    category: str
    detected: bool
    exit_code: int
    failed_checks: tuple[str, ...]


def run_suite(
    servers: RunningServers, name: str, report_dir: Path, *, seed: int = 0, max_examples: int = SWEEP_MAX_EXAMPLES
) -> SuiteRun:
    """Run `taskconform run --allow-writes` against API `name` of `servers` as a subprocess, reporting to report_dir."""
    argv = [
        sys.executable, "-m", "conformance.cli", "run", "--api", name, "--base-url", servers.base_url(name),
        "--allow-writes", "--seed", str(seed), "--max-examples", str(max_examples),
        "--report-dir", str(report_dir), "--rate-limit", "off",
    ]  # fmt: skip
    argv += [arg for task_id in servers.known_task_ids(name)[:3] for arg in ("--task-id", task_id)]
    env = dict(os.environ)
    env["TASKCONFORM_TOKEN" if get_api(name).auth.kind == "bearer" else "TASKCONFORM_API_KEY"] = CREDENTIALS[name]
    code = subprocess.run(argv, env=env, capture_output=True, check=False).returncode
    results = report_dir / "results.json"
    found: dict[str, list[str]] = {"failed": [], "warning": []}
    if results.exists():
        for api in json.loads(results.read_text())["apis"]:
            for result in api["results"]:
                found.get(result["status"], []).append(f"{name}: {result['operation']} {result['check']}")
    return SuiteRun(name, code, tuple(found["failed"]), tuple(found["warning"]))


def detect(
    fault: str, *, seed: int = 0, max_examples: int = SWEEP_MAX_EXAMPLES, variants: Sequence[str] = ()
) -> Detection:
    """Serve the reference APIs with `fault` (and `variants`) on and run `taskconform run` against the API it breaks."""
    spec = FAULTS[fault]
    names = list(APIS) if spec.api == "all" else [spec.api]
    with (
        start_reference_servers(APIS.values(), faults=[fault], variants=variants) as servers,
        tempfile.TemporaryDirectory() as tmp,
    ):
        runs = [run_suite(servers, name, Path(tmp) / name, seed=seed, max_examples=max_examples) for name in names]
    worst = max(run.exit_code for run in runs)
    failed = tuple(check for run in runs for check in run.failed)
    return Detection(fault, spec.api, spec.category, worst == 1, worst, failed)


def variant_apis(name: str) -> tuple[str, ...]:
    """The APIs a variant acts on (every API for `all` and for the cross-API variants)."""
    api = ALL if name == ALL else VARIANTS[name].api
    return tuple(APIS) if api == ALL else (api,)


def against_variants(
    variants: Sequence[str], api: str, *, seed: int = 0, max_examples: int = SWEEP_MAX_EXAMPLES
) -> SuiteRun:
    """Serve the reference APIs with `variants` on and run `taskconform run` against `api`."""
    with start_reference_servers(APIS.values(), variants=variants) as servers, tempfile.TemporaryDirectory() as tmp:
        return run_suite(servers, api, Path(tmp) / api, seed=seed, max_examples=max_examples)
