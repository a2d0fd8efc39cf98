"""Running the suite against the reference servers with one fault switched on, to see that it is detected."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from conformance.apis import APIS, get_api
from conformance.servers import CREDENTIALS, FAULTS, start_reference_servers

SWEEP_MAX_EXAMPLES = 10


@dataclass(frozen=True)
class Detection:
    """Whether one fault made the suite fail, and which checks caught it."""

    fault: str
    api: str
    category: str
    detected: bool
    exit_code: int
    failed_checks: tuple[str, ...]


def detect(fault: str, *, seed: int = 0, max_examples: int = SWEEP_MAX_EXAMPLES) -> Detection:
    """Serve the reference APIs with `fault` on and run `taskconform run` against the API it breaks."""
    spec = FAULTS[fault]
    names = list(APIS) if spec.api == "all" else [spec.api]
    failed: list[str] = []
    codes = []
    with start_reference_servers(faults=[fault]) as servers, tempfile.TemporaryDirectory() as tmp:
        for name in names:
            report_dir = Path(tmp) / name
            argv = [
                sys.executable, "-m", "conformance.cli", "run", "--api", name, "--base-url", servers.base_url(name),
                "--allow-writes", "--seed", str(seed), "--max-examples", str(max_examples),
                "--report-dir", str(report_dir), "--rate-limit", "off",
            ]  # fmt: skip
            argv += [arg for task_id in servers.known_task_ids(name)[:3] for arg in ("--task-id", task_id)]
            env = dict(os.environ)
            env["TASKCONFORM_TOKEN" if get_api(name).auth.kind == "bearer" else "TASKCONFORM_API_KEY"] = CREDENTIALS[
                name
            ]
            codes.append(subprocess.run(argv, env=env, capture_output=True, check=False).returncode)
            results = report_dir / "results.json"
            if results.exists():
                data = json.loads(results.read_text())
                failed += [
                    f"{name}: {r['operation']} {r['check']}"
                    for api in data["apis"]
                    for r in api["results"]
                    if r["status"] == "failed"
                ]
    worst = max(codes)
    return Detection(fault, spec.api, spec.category, worst == 1, worst, tuple(failed))
