"""Aging a server's state as other clients would: random walks of valid requests, and a client that writes meanwhile.

Every write is one the documents allow, with documented values: SailPoint JSON Patches of `completionStatus` and
`completed` (together, or one of them alone: a half-update), `created` re-expressed in another UTC offset (the same
instant); Flexprice creates and status updates. Maxsight has no write operation: its state cannot age.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx

from conformance._registry import CREDENTIALS, get_api

JSON_PATCH = "application/json-patch+json"
HEADERS = {
    "sailpoint-v2025": {
        "Authorization": f"Bearer {CREDENTIALS['sailpoint-v2025']}",
        "X-SailPoint-Experimental": "true",
    },
    "flexprice": {"x-api-key": CREDENTIALS["flexprice"]},
    "maxsight-v5": {"apikey": CREDENTIALS["maxsight-v5"]},
}
# The list reads that show every task: (path, largest page, where the items are).
LISTS = {
    "sailpoint-v2025": (("/task-status/pending-tasks", 250, None), ("/task-status", 250, None)),
    "flexprice": (("/tasks", 1000, "items"),),
    "maxsight-v5": (),
}
WRITABLE = ("sailpoint-v2025", "flexprice")
OFFSETS = (timedelta(0), timedelta(hours=5, minutes=30), timedelta(hours=-7), timedelta(hours=14))


@dataclass(frozen=True)
class Write:
    """One valid write request, relative to the API's base URL."""

    method: str
    path: str
    body: Any
    content_type: str = "application/json"


def instant(text: str, rng: random.Random, later: timedelta = timedelta(0)) -> str:
    """The RFC 3339 date-time `text` (+ `later`), written in a random UTC offset: the same instant, other text."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00")) + later
    return moment.astimezone(timezone(rng.choice(OFFSETS))).isoformat().replace("+00:00", "Z")


def _sailpoint_write(task: dict[str, Any], rng: random.Random) -> Write:
    statuses = get_api("sailpoint-v2025").contract().update_values
    completed = instant(task["created"], rng, timedelta(minutes=rng.randint(1, 600)))
    status = rng.choice(statuses)
    patches = (
        [("completionStatus", status), ("completed", completed)],  # 000: the documented way to clear a pending task
        [("completionStatus", status)],  # half-updates: one completion field set, the other left as it was
        [("completed", completed)],
        [("completionStatus", None)],
        [("completed", None)],
        [("completionStatus", None), ("completed", None)],
        [("created", instant(task["created"], rng))],
    )
    operations = [{"op": "replace", "path": f"/{name}", "value": value} for name, value in rng.choice(patches)]
    return Write("PATCH", f"/task-status/{task['id']}", operations, JSON_PATCH)


def _flexprice_write(task: dict[str, Any] | None, rng: random.Random) -> Write:
    contract = get_api("flexprice").contract()
    if task is None or rng.random() < 0.3:
        body = {name: rng.choice(values) for name, values in contract.create_body.items()}
        return Write("POST", "/tasks", body)
    return Write("PUT", f"/tasks/{task['id']}/status", {"task_status": rng.choice(contract.update_values)})


def next_write(api: str, tasks: list[dict[str, Any]], rng: random.Random) -> Write | None:
    """A random valid write to `api` given the tasks it lists now, or None when the API has no write."""
    if api == "sailpoint-v2025":
        return _sailpoint_write(rng.choice(tasks), rng) if tasks else None
    if api == "flexprice":
        return _flexprice_write(rng.choice(tasks) if tasks else None, rng)
    return None


def _items(api: str, answers: list[tuple[Any, str | None]]) -> list[dict[str, Any]]:
    tasks = []
    for body, pointer in answers:
        tasks += body[pointer] if pointer else body
    return tasks


def listed(api: str, client: httpx.Client) -> list[dict[str, Any]]:
    """Every task the API lists now (one page of each list at its largest size)."""
    answers = [
        (client.get(path, params={"limit": size, "offset": 0}).json(), pointer) for path, size, pointer in LISTS[api]
    ]
    return _items(api, answers)


def client_for(api: str, origin: str) -> httpx.Client:
    """A client of `api` served at `origin`, with its credentials."""
    return httpx.Client(base_url=origin + get_api(api).base_path, headers=HEADERS[api], timeout=30)


def age(api: str, origin: str, *, steps: int, seed: int) -> int:
    """Drive `api` at `origin` through `steps` random valid writes (seeded); the number of writes it accepted."""
    rng = random.Random(seed)
    accepted = 0
    with client_for(api, origin) as client:
        for _ in range(steps):
            write = next_write(api, listed(api, client), rng)
            if write is None:
                return accepted
            answer = client.request(
                write.method, write.path, json=write.body, headers={"Content-Type": write.content_type}
            )
            accepted += answer.is_success
    return accepted


class OtherClient:
    """ASGI middleware: before every `every`-th request to a list, another client makes one random valid write."""

    def __init__(self, app: Callable[..., Awaitable[None]], api: str, *, every: int, seed: int) -> None:
        self.app = app
        self.api = api
        self.every = every
        self.rng = random.Random(seed)
        self.list_reads = 0
        self.writes = 0
        self.base = get_api(api).base_path
        self.paths = {self.base + path for path, _, _ in LISTS[api]}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Forward the request, after a write of the other client when its turn has come."""
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] in self.paths:
            self.list_reads += 1
            if self.list_reads % self.every == 0:
                await self._write()
        await self.app(scope, receive, send)

    async def _write(self) -> None:
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://127.0.0.1" + self.base, headers=HEADERS[self.api]
        ) as client:
            answers = []
            for path, size, pointer in LISTS[self.api]:
                answers.append(((await client.get(path, params={"limit": size, "offset": 0})).json(), pointer))
            write = next_write(self.api, _items(self.api, answers), self.rng)
            if write is not None:
                answer = await client.request(
                    write.method, write.path, json=write.body, headers={"Content-Type": write.content_type}
                )
                self.writes += answer.is_success


@dataclass(frozen=True)
class Verdict:
    """What one `taskconform run` came to: its exit code and its failures (operation, check, title)."""

    exit_code: int
    failures: tuple[str, ...]
    warnings: int


def run_command(
    api: str, base_url: str, report_dir: Path, *, seed: int, max_examples: int, task_ids: tuple[str, ...] = ()
) -> list[str]:
    """The `taskconform run` command line that tests `api` at `base_url` with writes allowed (and known ids)."""
    known = [arg for task_id in task_ids for arg in ("--task-id", task_id)]
    return [
        sys.executable, "-m", "conformance.cli", "run", "--api", api, "--base-url", base_url, "--allow-writes",
        "--seed", str(seed), "--max-examples", str(max_examples), "--report-dir", str(report_dir), *known,
        "--rate-limit", "off",
    ]  # fmt: skip


def run_env(api: str) -> dict[str, str]:
    """The environment carrying the reference credentials of `api`."""
    variable = "TASKCONFORM_TOKEN" if get_api(api).auth.kind == "bearer" else "TASKCONFORM_API_KEY"
    return {**os.environ, variable: CREDENTIALS[api]}


def verdict(exit_code: int, report_dir: Path) -> Verdict:
    """The verdict of a finished run from its exit code and its results.json."""
    path = report_dir / "results.json"
    data = json.loads(path.read_text()) if path.exists() else {"apis": []}
    results = [r for api in data["apis"] for r in api["results"]]
    failures = tuple(
        f"{r['operation']} {r['check']}: {f['title']}: {f['message']}"
        for r in results
        if r["status"] == "failed"
        for f in r["failures"] or [{"title": "failed", "message": ""}]
    )
    warnings = sum(1 for r in results if r["status"] == "warning")
    return Verdict(exit_code, failures, warnings)


def run_suite(
    api: str, base_url: str, report_dir: Path, *, seed: int, max_examples: int, task_ids: tuple[str, ...] = ()
) -> Verdict:
    """Run the suite against `api` at `base_url` (writes allowed) and return its verdict."""
    argv = run_command(api, base_url, report_dir, seed=seed, max_examples=max_examples, task_ids=task_ids)
    done = subprocess.run(argv, env=run_env(api), capture_output=True, check=False)
    return verdict(done.returncode, report_dir)


def run_concurrently(
    api: str, base_url: str, report_dirs: list[Path], *, max_examples: int, task_ids: tuple[str, ...] = ()
) -> list[int]:
    """Run the suite once per report directory, all at once against the same server; their exit codes."""
    processes = [
        subprocess.Popen(
            run_command(api, base_url, report_dir, seed=seed, max_examples=max_examples, task_ids=task_ids),
            env=run_env(api),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for seed, report_dir in enumerate(report_dirs, start=1)
    ]
    return [process.wait() for process in processes]
